#include "ScenarioFile.h"

#include "QtText.h"
#include "SaveFile.h"

#include <QDate>
#include <QFile>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>
#include <initializer_list>

namespace serveplan::models {

namespace {

using namespace Qt::StringLiterals;

// ---- writing

QJsonArray strings(const std::vector<std::string>& v) {
    QJsonArray a;
    for (const std::string& x : v)
        a.append(qtText(x));
    return a;
}

template <typename E>
QJsonArray names(const std::vector<E>& v) {
    QJsonArray a;
    for (E x : v)
        a.append(qtText(toString(x)));
    return a;
}

QJsonObject lengthJson(const LengthDistribution& d) {
    return {{u"kind"_s, qtText(toString(d.kind))},
            {u"mean"_s, d.mean},
            {u"stddev"_s, d.stddev},
            {u"min"_s, d.min},
            {u"max"_s, d.max}};
}

QJsonObject deploymentJson(const Scenario& sc) {
    QJsonArray tp;
    for (int t : sc.tensorParallel)
        tp.append(t);
    QJsonObject o{{u"models"_s, strings(sc.models)},
                  {u"instances"_s, strings(sc.instances)},
                  {u"gpus"_s, strings(sc.gpus)},
                  {u"providers"_s, strings(sc.providers)},
                  {u"regions"_s, strings(sc.regions)},
                  {u"allow_mig"_s, sc.allowMig},
                  {u"precisions"_s, names(sc.precisions)},
                  {u"kv_cache_precision"_s,
                   sc.kvCachePrecision ? QJsonValue(qtText(toString(*sc.kvCachePrecision))) : QJsonValue()},
                  {u"engines"_s, names(sc.engines)},
                  {u"tensor_parallel"_s, tp},
                  {u"allow_multi_node"_s, sc.allowMultiNode}};
    // Written only when off: a file with the default stays readable by a ServePlan that predates
    // the key (version 1 refuses unknown fields), and absent means on.
    if (!sc.useCalibration)
        o.insert(u"use_calibration"_s, false);
    // The serving-layout keys (issue 15) follow the same rule: written only when not the default.
    if (!sc.nativePrecision)
        o.insert(u"native_precision"_s, false);
    if (!sc.expertParallel)
        o.insert(u"expert_parallel"_s, false);
    if (sc.mtp != MtpMode::Auto || sc.mtpDraftTokens != kDefaultMtpDraftTokens ||
        sc.mtpAcceptanceRate != kDefaultMtpAcceptanceRate)
        o.insert(u"mtp"_s, QJsonObject{{u"mode"_s, qtText(toString(sc.mtp))},
                                       {u"draft_tokens"_s, sc.mtpDraftTokens},
                                       {u"acceptance_rate"_s, sc.mtpAcceptanceRate}});
    if (sc.disaggregation != DisaggregationMode::Auto)
        o.insert(u"disaggregation"_s, qtText(toString(sc.disaggregation)));
    if (sc.showBothModes)
        o.insert(u"show_both_modes"_s, true);
    return o;
}

QJsonObject workloadJson(const Scenario& sc) {
    QJsonObject o{{u"preset"_s, qtText(toString(sc.workloadPreset))},
                  {u"input_tokens"_s, lengthJson(sc.workload.inputTokens)},
                  {u"output_tokens"_s, lengthJson(sc.workload.outputTokens)},
                  {u"qps"_s, sc.qps},
                  {u"qps_min"_s, sc.qpsMin},
                  {u"qps_max"_s, sc.qpsMax},
                  {u"cache_hit_rate"_s, sc.cacheHitRate},
                  {u"capacity_method"_s, qtText(toString(sc.capacityMethod))}};
    if (sc.workload.prefixCacheHitRate != 0) // optional key, written only when set
        o.insert(u"prefix_cache_hit_rate"_s, sc.workload.prefixCacheHitRate);
    return o;
}

QJsonObject sloJson(const Slo& slo) {
    return {{u"ttft_ms"_s, slo.ttftMs},
            {u"tpot_ms"_s, slo.tpotMs},
            {u"ttft_percentile"_s, slo.ttftPercentile},
            {u"tpot_percentile"_s, slo.tpotPercentile}};
}

QJsonObject onPremJson(const OnPremServer& o) {
    return {{u"name"_s, qtText(o.name)},
            {u"gpu_id"_s, qtText(o.gpuId)},
            {u"gpu_count"_s, o.gpuCount},
            {u"purchase_price"_s, o.purchasePrice},
            {u"currency"_s, qtText(o.currency)},
            {u"amortisation_years"_s, o.amortisationYears},
            {u"power_kw"_s, o.powerKw},
            {u"utilisation"_s, o.utilisation},
            {u"pue"_s, o.pue},
            {u"electricity_per_kwh"_s, o.electricityPerKwh},
            {u"hosting_per_month"_s, o.hostingPerMonth}};
}

QJsonObject costJson(const Scenario& sc) {
    QJsonObject discounts;
    for (const ProviderDiscount& d : sc.discounts)
        discounts.insert(qtText(d.provider), d.fraction);
    QJsonArray onPrem;
    for (const OnPremServer& o : sc.onPrem)
        onPrem.append(onPremJson(o));
    const QJsonObject burst{{u"enabled"_s, sc.burstMix.enabled},
                            {u"base"_s, qtText(toString(sc.burstMix.base))},
                            {u"burst"_s, qtText(toString(sc.burstMix.burst))}};
    const QJsonObject spot{{u"share"_s, sc.spot.share},
                           {u"interruptions_per_hour"_s, sc.spot.interruptionsPerHour},
                           {u"replacement_minutes"_s, sc.spot.replacementMinutes},
                           {u"on_demand_fallback"_s, sc.spot.onDemandFallback}};
    QJsonObject cost{{u"pricing"_s, qtText(toString(sc.pricing))},
                     {u"currency"_s, qtText(sc.currency)},
                     {u"fx_date"_s, qtText(sc.fxDate)},
                     {u"hours_per_month"_s, sc.hoursPerMonth},
                     {u"monthly_budget"_s, sc.monthlyBudget},
                     {u"max_instances"_s, sc.maxInstances},
                     {u"discounts"_s, discounts},
                     {u"burst_mix"_s, burst},
                     {u"spot"_s, spot},
                     {u"on_prem"_s, onPrem}};
    if (!sc.priceDate.empty()) // optional: files without it stay byte for byte as before
        cost.insert(u"price_date"_s, qtText(sc.priceDate));
    return cost;
}

QJsonObject trafficJson(const Scenario& sc) {
    QJsonArray hourly;
    for (double h : sc.traffic.hourly)
        hourly.append(h);
    return {{u"preset"_s, qtText(toString(sc.traffic.preset))}, {u"hourly"_s, hourly}};
}

QJsonObject autoscalingJson(const AutoscalingPolicy& a) {
    return {{u"enabled"_s, a.enabled},
            {u"target_utilization"_s, a.targetUtilization},
            {u"min_replicas"_s, a.minReplicas},
            {u"max_replicas"_s, a.maxReplicas},
            {u"scale_up_delay_minutes"_s, a.scaleUpDelayMinutes},
            {u"scale_down_delay_minutes"_s, a.scaleDownDelayMinutes},
            {u"disk"_s, qtText(toString(a.disk))},
            {u"disk_bandwidth_gbps"_s, a.diskBandwidthGBps},
            {u"engine_start_seconds"_s, a.engineStartSeconds},
            {u"simulate_week"_s, a.simulateWeek}};
}

// ---- reading: every accessor checks the type and records "$.path: expected ..." on a mismatch.

class Reader {
public:
    QStringList errors;

    void fail(const QString& path, const QString& what) { errors.append(path + u": "_s + what); }

    /// Reports keys the format does not define; returns the object (empty when not an object).
    QJsonObject object(const QJsonValue& v, const QString& path, std::initializer_list<QLatin1String> known) {
        if (v.isUndefined())
            return {};
        if (!v.isObject()) {
            fail(path, u"expected an object"_s);
            return {};
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                fail(path + u'.' + it.key(), u"unknown field"_s);
        return o;
    }

    void number(const QJsonObject& o, const QString& path, QLatin1String key, double& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isDouble())
            return fail(path + u'.' + key, u"expected a number"_s);
        out = v.toDouble();
    }

    void integer(const QJsonObject& o, const QString& path, QLatin1String key, int& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        const double d = v.toDouble(0.5);
        if (!v.isDouble() || d != std::floor(d) || std::abs(d) > 1e9)
            return fail(path + u'.' + key, u"expected an integer"_s);
        out = static_cast<int>(d);
    }

    void boolean(const QJsonObject& o, const QString& path, QLatin1String key, bool& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isBool())
            return fail(path + u'.' + key, u"expected true or false"_s);
        out = v.toBool();
    }

    void text(const QJsonObject& o, const QString& path, QLatin1String key, std::string& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isString())
            return fail(path + u'.' + key, u"expected a string"_s);
        out = stdText(v.toString());
    }

    void textList(const QJsonObject& o, const QString& path, QLatin1String key, std::vector<std::string>& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isArray())
            return fail(path + u'.' + key, u"expected an array of strings"_s);
        out.clear();
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString())
                fail(path + u'.' + key + u'[' + QString::number(i) + u']', u"expected a string"_s);
            else
                out.push_back(stdText(a[i].toString()));
        }
    }

    template <typename E, typename Parse>
    void enumValue(const QJsonObject& o, const QString& path, QLatin1String key, E& out, Parse parse,
                   const QString& allowed) {
        std::string t;
        const qsizetype before = errors.size();
        text(o, path, key, t);
        if (errors.size() != before || !o.contains(key))
            return;
        if (auto e = parse(t))
            out = *e;
        else
            fail(path + u'.' + key, u"expected one of "_s + allowed + u", got \""_s + qtText(t) + u'"');
    }

    template <typename E, typename Parse>
    void enumList(const QJsonObject& o, const QString& path, QLatin1String key, std::vector<E>& out, Parse parse,
                  const QString& allowed) {
        std::vector<std::string> texts;
        const qsizetype before = errors.size();
        textList(o, path, key, texts);
        if (errors.size() != before || !o.contains(key))
            return;
        out.clear();
        for (std::size_t i = 0; i < texts.size(); ++i) {
            if (auto e = parse(texts[i]))
                out.push_back(*e);
            else
                fail(path + u'.' + key + u'[' + QString::number(i) + u']',
                     u"expected one of "_s + allowed + u", got \""_s + qtText(texts[i]) + u'"');
        }
    }
};

const QString kPrecisions = u"fp32, bf16, fp16, fp8, int8, int4, fp4"_s;
const QString kEngines = u"vllm, sglang, trtllm, tgi, lmdeploy, llamacpp, mlc, hf, generic"_s;
// The engine's list of plan names (engine/catalog/InstanceSpec.cpp), for messages.
const QString kPlans = QString::fromStdString(pricingPlanNames(", "));

void readLength(Reader& r, const QJsonValue& v, const QString& path, LengthDistribution& d) {
    const QJsonObject o = r.object(v, path, {"kind"_L1, "mean"_L1, "stddev"_L1, "min"_L1, "max"_L1});
    r.enumValue(o, path, "kind"_L1, d.kind, parseLengthKind, u"fixed, uniform, normal, lognormal, exponential"_s);
    r.number(o, path, "mean"_L1, d.mean);
    r.number(o, path, "stddev"_L1, d.stddev);
    r.number(o, path, "min"_L1, d.min);
    r.number(o, path, "max"_L1, d.max);
}

void readDeployment(Reader& r, const QJsonValue& v, Scenario& sc) {
    const QString p = u"$.deployment"_s;
    const QJsonObject o = r.object(
        v, p,
        {"models"_L1, "instances"_L1, "gpus"_L1, "providers"_L1, "regions"_L1, "allow_mig"_L1, "precisions"_L1,
         "kv_cache_precision"_L1, "engines"_L1, "tensor_parallel"_L1, "allow_multi_node"_L1, "use_calibration"_L1,
         "native_precision"_L1, "expert_parallel"_L1, "mtp"_L1, "disaggregation"_L1, "show_both_modes"_L1});
    r.textList(o, p, "models"_L1, sc.models);
    r.textList(o, p, "instances"_L1, sc.instances);
    r.textList(o, p, "gpus"_L1, sc.gpus);
    r.textList(o, p, "providers"_L1, sc.providers);
    r.textList(o, p, "regions"_L1, sc.regions);
    r.boolean(o, p, "allow_mig"_L1, sc.allowMig);
    r.enumList(o, p, "precisions"_L1, sc.precisions, parsePrecision, kPrecisions);
    if (o.contains("kv_cache_precision"_L1) && !o.value("kv_cache_precision"_L1).isNull()) {
        Precision kv = Precision::BF16;
        r.enumValue(o, p, "kv_cache_precision"_L1, kv, parsePrecision, kPrecisions);
        sc.kvCachePrecision = kv;
    }
    r.enumList(o, p, "engines"_L1, sc.engines, parseServingEngine, kEngines);
    const QJsonValue tp = o.value("tensor_parallel"_L1);
    if (!tp.isUndefined()) {
        if (!tp.isArray())
            r.fail(p + u".tensor_parallel"_s, u"expected an array of integers"_s);
        sc.tensorParallel.clear();
        const QJsonArray a = tp.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const double d = a[i].toDouble(0.5);
            if (!a[i].isDouble() || d != std::floor(d) || d < 1 || d > 1024)
                r.fail(p + u".tensor_parallel["_s + QString::number(i) + u']', u"expected an integer 1..1024"_s);
            else
                sc.tensorParallel.push_back(static_cast<int>(d));
        }
    }
    r.boolean(o, p, "allow_multi_node"_L1, sc.allowMultiNode);
    r.boolean(o, p, "use_calibration"_L1, sc.useCalibration);
    r.boolean(o, p, "native_precision"_L1, sc.nativePrecision);
    r.boolean(o, p, "expert_parallel"_L1, sc.expertParallel);
    if (o.contains("mtp"_L1)) {
        const QString mp = p + u".mtp"_s;
        const QJsonObject mtp = r.object(o.value("mtp"_L1), mp, {"mode"_L1, "draft_tokens"_L1, "acceptance_rate"_L1});
        r.enumValue(mtp, mp, "mode"_L1, sc.mtp, parseMtpMode, u"auto, on, off"_s);
        r.integer(mtp, mp, "draft_tokens"_L1, sc.mtpDraftTokens);
        r.number(mtp, mp, "acceptance_rate"_L1, sc.mtpAcceptanceRate);
    }
    r.enumValue(o, p, "disaggregation"_L1, sc.disaggregation, parseDisaggregationMode, u"auto, on, off"_s);
    r.boolean(o, p, "show_both_modes"_L1, sc.showBothModes);
}

void readWorkload(Reader& r, const QJsonValue& v, Scenario& sc) {
    const QString p = u"$.workload"_s;
    const QJsonObject o =
        r.object(v, p,
                 {"preset"_L1, "input_tokens"_L1, "output_tokens"_L1, "qps"_L1, "qps_min"_L1, "qps_max"_L1,
                  "cache_hit_rate"_L1, "capacity_method"_L1, "prefix_cache_hit_rate"_L1});
    r.enumValue(o, p, "preset"_L1, sc.workloadPreset, parseWorkloadPreset, u"custom, chat, rag, long_reasoning"_s);
    if (sc.workloadPreset != WorkloadPreset::Custom)
        sc.workload = workloadForPreset(sc.workloadPreset);
    readLength(r, o.value("input_tokens"_L1), p + u".input_tokens"_s, sc.workload.inputTokens);
    readLength(r, o.value("output_tokens"_L1), p + u".output_tokens"_s, sc.workload.outputTokens);
    r.number(o, p, "qps"_L1, sc.qps);
    r.number(o, p, "qps_min"_L1, sc.qpsMin);
    r.number(o, p, "qps_max"_L1, sc.qpsMax);
    r.number(o, p, "cache_hit_rate"_L1, sc.cacheHitRate);
    r.number(o, p, "prefix_cache_hit_rate"_L1, sc.workload.prefixCacheHitRate);
    r.enumValue(o, p, "capacity_method"_L1, sc.capacityMethod, parseCapacityMethod, u"analytic, simulated"_s);
}

void readSlo(Reader& r, const QJsonValue& v, Slo& slo) {
    const QString p = u"$.slo"_s;
    const QJsonObject o = r.object(v, p, {"ttft_ms"_L1, "tpot_ms"_L1, "ttft_percentile"_L1, "tpot_percentile"_L1});
    r.number(o, p, "ttft_ms"_L1, slo.ttftMs);
    r.number(o, p, "tpot_ms"_L1, slo.tpotMs);
    r.number(o, p, "ttft_percentile"_L1, slo.ttftPercentile);
    r.number(o, p, "tpot_percentile"_L1, slo.tpotPercentile);
}

OnPremServer readOnPrem(Reader& r, const QJsonValue& v, const QString& p) {
    OnPremServer s;
    const QJsonObject o =
        r.object(v, p,
                 {"name"_L1, "gpu_id"_L1, "gpu_count"_L1, "purchase_price"_L1, "currency"_L1, "amortisation_years"_L1,
                  "power_kw"_L1, "utilisation"_L1, "pue"_L1, "electricity_per_kwh"_L1, "hosting_per_month"_L1});
    r.text(o, p, "name"_L1, s.name);
    r.text(o, p, "gpu_id"_L1, s.gpuId);
    r.integer(o, p, "gpu_count"_L1, s.gpuCount);
    r.number(o, p, "purchase_price"_L1, s.purchasePrice);
    r.text(o, p, "currency"_L1, s.currency);
    r.number(o, p, "amortisation_years"_L1, s.amortisationYears);
    r.number(o, p, "power_kw"_L1, s.powerKw);
    r.number(o, p, "utilisation"_L1, s.utilisation);
    r.number(o, p, "pue"_L1, s.pue);
    r.number(o, p, "electricity_per_kwh"_L1, s.electricityPerKwh);
    r.number(o, p, "hosting_per_month"_L1, s.hostingPerMonth);
    return s;
}

void readMixes(Reader& r, const QJsonObject& o, const QString& p, Scenario& sc) {
    const QString bp = p + u".burst_mix"_s;
    const QJsonObject burst = r.object(o.value("burst_mix"_L1), bp, {"enabled"_L1, "base"_L1, "burst"_L1});
    r.boolean(burst, bp, "enabled"_L1, sc.burstMix.enabled);
    r.enumValue(burst, bp, "base"_L1, sc.burstMix.base, parsePricingPlan, kPlans);
    r.enumValue(burst, bp, "burst"_L1, sc.burstMix.burst, parsePricingPlan, kPlans);
    const QString sp = p + u".spot"_s;
    const QJsonObject spot =
        r.object(o.value("spot"_L1), sp,
                 {"share"_L1, "interruptions_per_hour"_L1, "replacement_minutes"_L1, "on_demand_fallback"_L1});
    r.number(spot, sp, "share"_L1, sc.spot.share);
    r.number(spot, sp, "interruptions_per_hour"_L1, sc.spot.interruptionsPerHour);
    r.number(spot, sp, "replacement_minutes"_L1, sc.spot.replacementMinutes);
    r.boolean(spot, sp, "on_demand_fallback"_L1, sc.spot.onDemandFallback);
}

void readCost(Reader& r, const QJsonValue& v, Scenario& sc) {
    const QString p = u"$.cost"_s;
    const QJsonObject o =
        r.object(v, p,
                 {"pricing"_L1, "currency"_L1, "fx_date"_L1, "price_date"_L1, "hours_per_month"_L1, "monthly_budget"_L1,
                  "max_instances"_L1, "discounts"_L1, "burst_mix"_L1, "spot"_L1, "on_prem"_L1});
    r.enumValue(o, p, "pricing"_L1, sc.pricing, parsePricingPlan, kPlans);
    r.text(o, p, "currency"_L1, sc.currency);
    r.text(o, p, "fx_date"_L1, sc.fxDate);
    r.text(o, p, "price_date"_L1, sc.priceDate);
    if (!sc.priceDate.empty() && !QDate::fromString(QString::fromStdString(sc.priceDate), Qt::ISODate).isValid())
        r.fail(p + u".price_date"_s,
               u"expected an ISO date (YYYY-MM-DD), got \"%1\""_s.arg(QString::fromStdString(sc.priceDate)));
    r.number(o, p, "hours_per_month"_L1, sc.hoursPerMonth);
    r.number(o, p, "monthly_budget"_L1, sc.monthlyBudget);
    r.integer(o, p, "max_instances"_L1, sc.maxInstances);
    const QJsonValue discounts = o.value("discounts"_L1);
    if (!discounts.isUndefined() && !discounts.isObject())
        r.fail(p + u".discounts"_s, u"expected an object of provider: fraction"_s);
    const QJsonObject d = discounts.toObject();
    sc.discounts.clear();
    for (auto it = d.begin(); it != d.end(); ++it) {
        if (!it.value().isDouble())
            r.fail(p + u".discounts."_s + it.key(), u"expected a number"_s);
        else
            sc.discounts.push_back({stdText(it.key()), it.value().toDouble()});
    }
    readMixes(r, o, p, sc);
    const QJsonValue onPrem = o.value("on_prem"_L1);
    if (!onPrem.isUndefined() && !onPrem.isArray())
        r.fail(p + u".on_prem"_s, u"expected an array of servers"_s);
    sc.onPrem.clear();
    const QJsonArray servers = onPrem.toArray();
    for (qsizetype i = 0; i < servers.size(); ++i)
        sc.onPrem.push_back(readOnPrem(r, servers[i], p + u".on_prem["_s + QString::number(i) + u']'));
}

void readTraffic(Reader& r, const QJsonValue& v, TrafficProfile& t) {
    const QString p = u"$.traffic"_s;
    const QJsonObject o = r.object(v, p, {"preset"_L1, "hourly"_L1});
    r.enumValue(o, p, "preset"_L1, t.preset, parseTrafficPreset, u"flat, diurnal, business_hours, spiky, custom"_s);
    const QJsonValue hourly = o.value("hourly"_L1);
    if (hourly.isUndefined())
        return;
    if (!hourly.isArray())
        return r.fail(p + u".hourly"_s, u"expected an array of 24 or 168 numbers"_s);
    t.hourly.clear();
    const QJsonArray a = hourly.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a[i].isDouble())
            r.fail(p + u".hourly["_s + QString::number(i) + u']', u"expected a number"_s);
        else
            t.hourly.push_back(a[i].toDouble());
    }
}

void readAutoscaling(Reader& r, const QJsonValue& v, AutoscalingPolicy& a) {
    const QString p = u"$.autoscaling"_s;
    const QJsonObject o = r.object(v, p,
                                   {"enabled"_L1, "target_utilization"_L1, "min_replicas"_L1, "max_replicas"_L1,
                                    "scale_up_delay_minutes"_L1, "scale_down_delay_minutes"_L1, "disk"_L1,
                                    "disk_bandwidth_gbps"_L1, "engine_start_seconds"_L1, "simulate_week"_L1});
    r.boolean(o, p, "enabled"_L1, a.enabled);
    r.number(o, p, "target_utilization"_L1, a.targetUtilization);
    r.integer(o, p, "min_replicas"_L1, a.minReplicas);
    r.integer(o, p, "max_replicas"_L1, a.maxReplicas);
    r.number(o, p, "scale_up_delay_minutes"_L1, a.scaleUpDelayMinutes);
    r.number(o, p, "scale_down_delay_minutes"_L1, a.scaleDownDelayMinutes);
    r.enumValue(o, p, "disk"_L1, a.disk, parseDiskKind, u"nvme, network_disk"_s);
    r.number(o, p, "disk_bandwidth_gbps"_L1, a.diskBandwidthGBps);
    r.number(o, p, "engine_start_seconds"_L1, a.engineStartSeconds);
    r.boolean(o, p, "simulate_week"_L1, a.simulateWeek);
}

/// Line and column of a byte offset, for JSON syntax errors.
QString position(const QByteArray& json, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QString::number(line) + u':' + QString::number(column);
}

Error fileError(const QString& name, const QStringList& messages) {
    QStringList lines;
    for (const QString& m : messages)
        lines.append(name + u": "_s + m);
    return Error{stdText(lines.join(u'\n'))};
}

/// Checks the format and version before anything else: newer files are refused as a whole.
bool checkHeader(Reader& r, const QJsonObject& root) {
    if (root.value("format"_L1).toString() != QLatin1String(ScenarioFile::kFormat)) {
        r.fail(u"$.format"_s, u"expected \"serveplan-scenario\" (is this a ServePlan scenario file?)"_s);
        return false;
    }
    const QJsonValue version = root.value("version"_L1);
    const double v = version.toDouble(-1);
    if (!version.isDouble() || v != std::floor(v) || v < 1) {
        r.fail(u"$.version"_s, u"expected an integer ≥ 1"_s);
        return false;
    }
    if (v > ScenarioFile::kVersion) {
        r.fail(u"$.version"_s, u"the file is version %1, newer than this ServePlan reads (version %2); "
                               u"open it with a newer ServePlan"_s.arg(v)
                                   .arg(ScenarioFile::kVersion));
        return false;
    }
    return true;
}

} // namespace

QByteArray ScenarioFile::toJson(const Scenario& sc) {
    const QJsonObject root{{u"format"_s, QLatin1String(kFormat)},
                           {u"version"_s, kVersion},
                           {u"name"_s, qtText(sc.name)},
                           {u"deployment"_s, deploymentJson(sc)},
                           {u"workload"_s, workloadJson(sc)},
                           {u"slo"_s, sloJson(sc.slo)},
                           {u"cost"_s, costJson(sc)},
                           {u"traffic"_s, trafficJson(sc)},
                           {u"autoscaling"_s, autoscalingJson(sc.autoscaling)},
                           {u"output"_s, QJsonObject{{u"top"_s, sc.top}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<Scenario> ScenarioFile::fromJson(const QByteArray& json, const QString& name) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fileError(name, {position(json, parseError.offset) + u": invalid JSON: "_s + parseError.errorString()});
    if (!doc.isObject())
        return fileError(name, {u"$: expected a JSON object"_s});
    Reader r;
    const QJsonObject root = doc.object();
    if (!checkHeader(r, root))
        return fileError(name, r.errors);
    r.object(root, u"$"_s,
             {"format"_L1, "version"_L1, "name"_L1, "deployment"_L1, "workload"_L1, "slo"_L1, "cost"_L1, "traffic"_L1,
              "autoscaling"_L1, "output"_L1});
    Scenario sc;
    r.text(root, u"$"_s, "name"_L1, sc.name);
    readDeployment(r, root.value("deployment"_L1), sc);
    readWorkload(r, root.value("workload"_L1), sc);
    readSlo(r, root.value("slo"_L1), sc.slo);
    readCost(r, root.value("cost"_L1), sc);
    readTraffic(r, root.value("traffic"_L1), sc.traffic);
    readAutoscaling(r, root.value("autoscaling"_L1), sc.autoscaling);
    const QJsonObject output = r.object(root.value("output"_L1), u"$.output"_s, {"top"_L1});
    r.integer(output, u"$.output"_s, "top"_L1, sc.top);
    if (r.errors.isEmpty())
        for (const Message& e : validateScenario(sc))
            r.errors.append(u"invalid value: "_s + qtText(toEnglish(e)));
    if (!r.errors.isEmpty())
        return fileError(name, r.errors);
    return sc;
}

Result<Scenario> ScenarioFile::read(QIODevice* device, const QString& name) {
    if (!device || !device->isReadable())
        return Error{stdText(name + u": cannot read: the device is not open for reading"_s)};
    return fromJson(device->readAll(), name);
}

Result<Scenario> ScenarioFile::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{stdText(path + u": cannot open: "_s + file.errorString())};
    return read(&file, path);
}

Result<void> ScenarioFile::write(const Scenario& scenario, QIODevice* device) {
    const QByteArray bytes = toJson(scenario);
    if (!device || !device->isWritable() || device->write(bytes) != bytes.size())
        return Error{"cannot write the scenario: " +
                     (device ? stdText(device->errorString()) : std::string("no device"))};
    return {};
}

Result<void> ScenarioFile::save(const Scenario& scenario, const QString& path) {
    return saveFile(path, [&scenario](QIODevice* device) { return write(scenario, device); });
}

} // namespace serveplan::models
