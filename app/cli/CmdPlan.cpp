// serveplan-cli plan: ranked deployment plans as CSV or JSON (DESIGN.md §3.1). Inputs come from
// --scenario FILE.serveplan and/or flags; flags override the file.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "QtText.h"
#include "SaveFile.h"
#include "ScenarioFile.h"
#include "common/CsvReader.h"
#include "plan/Planner.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>

namespace serveplan::cli {

namespace {

using namespace Qt::StringLiterals;

constexpr const char* kUsage =
    "Usage: serveplan-cli plan [--scenario FILE.serveplan] [flags]\n"
    "Ranked deployment plans (cheapest first) as CSV or JSON. Flags override the scenario file.\n\n"
    "  --model ID[,ID...]          models (models.csv model_id); required without --scenario\n"
    "  --gpu ID[,ID...]            keep instances with these GPUs (gpus.csv gpu_id)\n"
    "  --instance P:TYPE[@REGION][,...]  candidate instances (default: every instance)\n"
    "  --provider P[,...]          cloud providers (aws, gcp, azure, lambda, runpod, vast, tencent, alibaba)\n"
    "  --region R[,...]            regions\n"
    "  --qps N                     peak requests per second\n"
    "  --input-tokens N            prompt length (tokens)\n"
    "  --output-tokens N           output length (tokens)\n"
    "  --ttft-p95-ms N             p95 time-to-first-token target (0 = none)\n"
    "  --tpot-p95-ms N             p95 time-per-output-token target (0 = none)\n"
    "  --pricing PLAN              on_demand | spot | reserved_1y | reserved_3y | savings_plan_1y |\n"
    "                              savings_plan_3y | committed_use_1y | committed_use_3y |\n"
    "                              subscription_month | subscription_year (effective price: upfront\n"
    "                              amortised; of several upfront options the lowest)\n"
    "  --price-date YYYY-MM-DD     price with each instance's newest price on or before this date\n"
    "  --currency CODE             USD, CNY, EUR, ... (dated FX table of the database)\n"
    "  --engine E[,...]            vllm | sglang | trtllm | tgi | lmdeploy | llamacpp | mlc | hf | generic\n"
    "  --precision P[,...]         fp32 | bf16 | fp16 | fp8 | int8 | int4 | fp4 (weights); without it: bf16\n"
    "                              and each model's native format when narrower (deepseek-r1: fp8)\n"
    "  --kv-cache-precision P      KV cache format: bf16 (default) | fp8\n"
    "  --cache-hit-rate F          share of requests served by a response cache, 0 <= F < 1\n"
    "  --prefix-cache-hit-rate F   share of prompt tokens served from the engine's prefix cache, 0 <= F < 1\n"
    "  --mtp auto|on|off           multi-token prediction for models with an MTP head (deepseek-r1): auto\n"
    "                              tries each layout with and without it (default)\n"
    "  --mtp-draft-tokens N        draft tokens per decode step with MTP (default 1)\n"
    "  --mtp-acceptance-rate F     acceptance rate per draft token, 0 < F < 1 (default 0.85, DeepSeek-V3\n"
    "                              technical report: 85-90 %)\n"
    "  --no-expert-parallel        MoE models: TP layouts only (no DP-attention + EP, no EP across instances)\n"
    "  --disaggregation auto|on|off  prefill/decode pools: auto tries them for MoE models whose load needs\n"
    "                              more than one instance, on for every plan; the cheaper mode is kept\n"
    "  --show-both-modes           keep the disaggregated row next to the aggregated ones even when dearer\n"
    "  --hours-per-month H         730 (default) or 720\n"
    "  --budget N                  monthly budget in the currency; plans over it are over_budget\n"
    "  --max-instances N           instance cap; plans over it are over_budget\n"
    "  --capacity-method M         analytic (default) | simulated\n"
    "  --allow-mig                 also consider MIG slices\n"
    "  --no-calibration            ignore the calibrations applied to GPUs (calibrate apply): engine defaults\n"
    "  --top N                     print the best N plans only\n"
    "  --format csv|json           output format (default csv)\n"
    "  --output FILE               write the plans to FILE instead of stdout\n"
    "  --curves FILE.csv           write cost-versus-QPS step curves of the best plans\n"
    "  --save-scenario FILE        write the scenario that ran (file + flags) as .serveplan\n\n"
    "Layouts (column layout): TP8 = tensor parallel over 8 GPUs; DP8·EP8 = attention data-parallel over\n"
    "8 GPUs with the MoE experts spread over 8 (expert parallel); TP4·DP2·EP8; TP8·PP2 = pipelined over 2\n"
    "instances; MTP 1 = one draft token per step; P: 2×(DP8 EP8) / D: 4×(DP8 EP8) = 2 prefill and 4 decode\n"
    "replicas. MoE models get DP/EP layouts within an instance, and EP over 2-18 instances where one\n"
    "instance does not fit or does not serve the load cheaper.\n"
    "A GPU with an applied calibration is planned with its calibrated efficiencies; a note on stderr\n"
    "(and the JSON warnings) names each calibration run used.\n"
    "Status per plan: ok | no_fit | no_price | slo_miss | over_budget (message says why).\n"
    "Exit codes: 0 success, 1 failure (database, files), 2 invalid input.\n";

/// Flags that take a value, and the switches that do not.
const QStringList kValueFlags{u"--scenario"_s,
                              u"--model"_s,
                              u"--gpu"_s,
                              u"--instance"_s,
                              u"--provider"_s,
                              u"--region"_s,
                              u"--qps"_s,
                              u"--input-tokens"_s,
                              u"--output-tokens"_s,
                              u"--ttft-p95-ms"_s,
                              u"--tpot-p95-ms"_s,
                              u"--pricing"_s,
                              u"--price-date"_s,
                              u"--currency"_s,
                              u"--engine"_s,
                              u"--precision"_s,
                              u"--kv-cache-precision"_s,
                              u"--cache-hit-rate"_s,
                              u"--prefix-cache-hit-rate"_s,
                              u"--mtp"_s,
                              u"--mtp-draft-tokens"_s,
                              u"--mtp-acceptance-rate"_s,
                              u"--disaggregation"_s,
                              u"--hours-per-month"_s,
                              u"--budget"_s,
                              u"--max-instances"_s,
                              u"--capacity-method"_s,
                              u"--top"_s,
                              u"--format"_s,
                              u"--output"_s,
                              u"--curves"_s,
                              u"--save-scenario"_s};
const QStringList kSwitches{u"--allow-mig"_s, u"--no-calibration"_s, u"--no-expert-parallel"_s, u"--show-both-modes"_s};

std::string s(const QString& t) {
    return t.toStdString();
}
QString q(std::string_view t) {
    return QString::fromUtf8(t.data(), static_cast<qsizetype>(t.size()));
}

struct InvalidInput {
    QString message;
};

/// Parsed command line: flag → value (the last occurrence wins).
struct Args {
    std::map<QString, QString> values;
    bool has(const QString& f) const { return values.count(f) > 0; }
    QString value(const QString& f) const { return has(f) ? values.at(f) : QString(); }
};

std::optional<Args> parseArgs(const QStringList& args, QString& error) {
    Args a;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString flag = args[i];
        QString value;
        bool inlineValue = false;
        if (const qsizetype eq = flag.indexOf(u'='); flag.startsWith(u"--"_s) && eq > 0) {
            value = flag.mid(eq + 1);
            flag = flag.left(eq);
            inlineValue = true;
        }
        if (kSwitches.contains(flag) && !inlineValue) {
            a.values[flag] = u"true"_s;
            continue;
        }
        if (!kValueFlags.contains(flag)) {
            error = u"unknown argument "_s + args[i] + u" (see serveplan-cli help plan)"_s;
            return std::nullopt;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                error = flag + u" needs a value"_s;
                return std::nullopt;
            }
            value = args[++i];
        }
        a.values[flag] = value;
    }
    return a;
}

double number(const Args& a, const QString& flag, double min, bool minExclusive, double max = INFINITY) {
    bool ok = false;
    const double v = a.value(flag).trimmed().toDouble(&ok);
    const bool inRange = minExclusive ? v > min : v >= min;
    if (!ok || !std::isfinite(v) || !inRange || v > max)
        throw InvalidInput{flag + u": expected a number "_s + (minExclusive ? u"> "_s : u">= "_s) +
                           QString::number(min) +
                           (std::isfinite(max) ? u" and <= "_s + QString::number(max) : QString()) + u", got \""_s +
                           a.value(flag) + u'"'};
    return v;
}

int integer(const Args& a, const QString& flag, int min) {
    bool ok = false;
    const int v = a.value(flag).trimmed().toInt(&ok);
    if (!ok || v < min)
        throw InvalidInput{flag + u": expected an integer >= "_s + QString::number(min) + u", got \""_s +
                           a.value(flag) + u'"'};
    return v;
}

std::vector<std::string> list(const Args& a, const QString& flag) {
    std::vector<std::string> out;
    for (const QString& part : a.value(flag).split(u',', Qt::SkipEmptyParts))
        out.push_back(s(part.trimmed()));
    if (out.empty())
        throw InvalidInput{flag + u": expected one or more comma-separated values"_s};
    return out;
}

template <typename E, typename Parse>
std::vector<E> enumList(const Args& a, const QString& flag, Parse parse) {
    std::vector<E> out;
    for (const std::string& t : list(a, flag)) {
        const auto e = parse(t);
        if (!e)
            throw InvalidInput{flag + u": unknown value \""_s + q(t) + u"\" (see serveplan-cli help plan)"_s};
        out.push_back(*e);
    }
    return out;
}

void applyLists(const Args& a, Scenario& sc) {
    if (a.has(u"--model"_s))
        sc.models = list(a, u"--model"_s);
    if (a.has(u"--gpu"_s))
        sc.gpus = list(a, u"--gpu"_s);
    if (a.has(u"--instance"_s))
        sc.instances = list(a, u"--instance"_s);
    if (a.has(u"--provider"_s))
        sc.providers = list(a, u"--provider"_s);
    if (a.has(u"--region"_s))
        sc.regions = list(a, u"--region"_s);
    if (a.has(u"--engine"_s))
        sc.engines = enumList<ServingEngine>(a, u"--engine"_s, parseServingEngine);
    if (a.has(u"--precision"_s)) {
        sc.precisions = enumList<Precision>(a, u"--precision"_s, parsePrecision);
        sc.nativePrecision = false; // the precisions asked for, and no others
    }
    if (a.has(u"--kv-cache-precision"_s)) {
        const auto kv = parsePrecision(s(a.value(u"--kv-cache-precision"_s).trimmed()));
        if (!kv || (*kv != Precision::BF16 && *kv != Precision::FP16 && *kv != Precision::FP8))
            throw InvalidInput{u"--kv-cache-precision: expected bf16, fp16 or fp8, got \""_s +
                               a.value(u"--kv-cache-precision"_s) + u'"'};
        sc.kvCachePrecision = *kv;
    }
    if (a.has(u"--no-expert-parallel"_s))
        sc.expertParallel = false;
    if (a.has(u"--show-both-modes"_s))
        sc.showBothModes = true;
    if (a.has(u"--mtp"_s)) {
        const auto mode = parseMtpMode(s(a.value(u"--mtp"_s).trimmed()));
        if (!mode)
            throw InvalidInput{u"--mtp: expected auto, on or off, got \""_s + a.value(u"--mtp"_s) + u'"'};
        sc.mtp = *mode;
    }
    if (a.has(u"--mtp-draft-tokens"_s)) {
        sc.mtpDraftTokens = integer(a, u"--mtp-draft-tokens"_s, 1);
        if (sc.mtpDraftTokens > 8)
            throw InvalidInput{u"--mtp-draft-tokens: expected an integer 1..8, got \""_s +
                               a.value(u"--mtp-draft-tokens"_s) + u'"'};
    }
    if (a.has(u"--mtp-acceptance-rate"_s)) {
        sc.mtpAcceptanceRate = number(a, u"--mtp-acceptance-rate"_s, 0, true, 1);
        if (sc.mtpAcceptanceRate >= 1)
            throw InvalidInput{u"--mtp-acceptance-rate: expected a fraction 0 < F < 1"_s};
    }
    if (a.has(u"--disaggregation"_s)) {
        const auto mode = parseDisaggregationMode(s(a.value(u"--disaggregation"_s).trimmed()));
        if (!mode)
            throw InvalidInput{u"--disaggregation: expected auto, on or off, got \""_s +
                               a.value(u"--disaggregation"_s) + u'"'};
        sc.disaggregation = *mode;
    }
    if (a.has(u"--allow-mig"_s))
        sc.allowMig = true;
    if (a.has(u"--no-calibration"_s))
        sc.useCalibration = false;
}

void applyWorkload(const Args& a, Scenario& sc) {
    if (a.has(u"--qps"_s))
        sc.qps = number(a, u"--qps"_s, 0, true);
    if (a.has(u"--input-tokens"_s)) {
        sc.workloadPreset = WorkloadPreset::Custom;
        sc.workload.inputTokens = LengthDistribution::fixed(integer(a, u"--input-tokens"_s, 1));
    }
    if (a.has(u"--output-tokens"_s)) {
        sc.workloadPreset = WorkloadPreset::Custom;
        sc.workload.outputTokens = LengthDistribution::fixed(integer(a, u"--output-tokens"_s, 1));
    }
    if (a.has(u"--ttft-p95-ms"_s)) {
        sc.slo.ttftMs = number(a, u"--ttft-p95-ms"_s, 0, false);
        sc.slo.ttftPercentile = 0.95;
    }
    if (a.has(u"--tpot-p95-ms"_s)) {
        sc.slo.tpotMs = number(a, u"--tpot-p95-ms"_s, 0, false);
        sc.slo.tpotPercentile = 0.95;
    }
    if (a.has(u"--cache-hit-rate"_s)) {
        sc.cacheHitRate = number(a, u"--cache-hit-rate"_s, 0, false, 1);
        if (sc.cacheHitRate >= 1)
            throw InvalidInput{u"--cache-hit-rate: expected a fraction 0 <= F < 1"_s};
    }
    if (a.has(u"--prefix-cache-hit-rate"_s)) {
        sc.workload.prefixCacheHitRate = number(a, u"--prefix-cache-hit-rate"_s, 0, false, 1);
        if (sc.workload.prefixCacheHitRate >= 1)
            throw InvalidInput{u"--prefix-cache-hit-rate: expected a fraction 0 <= F < 1"_s};
    }
    if (a.has(u"--capacity-method"_s)) {
        const QString m = a.value(u"--capacity-method"_s);
        if (m != u"analytic"_s && m != u"simulated"_s)
            throw InvalidInput{u"--capacity-method: expected analytic or simulated, got \""_s + m + u'"'};
        sc.capacityMethod = m == u"simulated"_s ? CapacityMethod::Simulated : CapacityMethod::Analytic;
    }
}

void applyMoney(const Args& a, Scenario& sc) {
    if (a.has(u"--pricing"_s)) {
        const auto plan = parsePricingPlan(s(a.value(u"--pricing"_s)));
        if (!plan)
            throw InvalidInput{u"--pricing: expected one of "_s + QString::fromStdString(pricingPlanNames(", ")) +
                               u", got \""_s + a.value(u"--pricing"_s) + u'"'};
        sc.pricing = *plan;
    }
    if (a.has(u"--price-date"_s)) {
        const QString date = a.value(u"--price-date"_s).trimmed();
        if (!QDate::fromString(date, Qt::ISODate).isValid())
            throw InvalidInput{u"--price-date: expected an ISO date (YYYY-MM-DD), got \""_s + date + u'"'};
        sc.priceDate = s(date);
    }
    if (a.has(u"--currency"_s))
        sc.currency = s(a.value(u"--currency"_s).trimmed().toUpper());
    if (a.has(u"--hours-per-month"_s))
        sc.hoursPerMonth = number(a, u"--hours-per-month"_s, 0, true, 744);
    if (a.has(u"--budget"_s))
        sc.monthlyBudget = number(a, u"--budget"_s, 0, false);
    if (a.has(u"--max-instances"_s))
        sc.maxInstances = integer(a, u"--max-instances"_s, 0);
    if (a.has(u"--top"_s))
        sc.top = integer(a, u"--top"_s, 0);
}

// ---- output

QString money(const PlanRow& r, double v) {
    return r.hasPrice ? QString::number(v, 'f', 4) : QString();
}
QString num(double v, int decimals) {
    return QString::number(v, 'f', decimals);
}

bool sized(const PlanRow& r) {
    return r.status != PlanStatus::NoFit && r.capacityQpsPerReplica > 0;
}

const QStringList kColumns{
    u"rank"_s, u"model"_s, u"provider"_s, u"instance_type"_s, u"region"_s, u"gpu"_s, u"gpu_count"_s, u"precision"_s,
    u"engine"_s, u"tp"_s, u"replicas"_s, u"capacity_qps_per_replica"_s, u"hourly_cost"_s, u"monthly_cost"_s,
    u"currency"_s, u"cost_per_million_output_tokens"_s, u"ttft_p95_ms"_s, u"tpot_p95_ms"_s, u"status"_s, u"message"_s,
    // Beyond the contract's columns:
    u"pp"_s, u"mig_profile"_s, u"instances"_s, u"replicas_per_instance"_s, u"pricing"_s, u"load_qps"_s,
    u"utilisation"_s, u"headroom"_s, u"cost_per_million_input_tokens"_s, u"cost_per_million_total_tokens"_s,
    u"cost_per_million_output_tokens_at_capacity"_s, u"max_qps_within_budget"_s, u"pareto_cost_capacity"_s,
    u"pareto_cost_latency"_s, u"price_date"_s, u"autoscaled_monthly_cost"_s, u"minutes_over_slo_per_day"_s,
    u"spot_expected_monthly_cost"_s, u"spot_capacity_lost_fraction"_s, u"burst_base_instances"_s,
    u"burst_mix_monthly_cost"_s,
    // Serving layouts (issue 15), appended:
    u"layout"_s, u"attention_dp"_s, u"ep"_s, u"mtp_draft_tokens"_s, u"mtp_acceptance_rate"_s, u"kv_cache_precision"_s,
    u"disaggregated"_s, u"prefill_layout"_s, u"prefill_replicas"_s, u"prefill_instances"_s, u"decode_layout"_s,
    u"decode_replicas"_s, u"decode_instances"_s, u"kv_transfer_ms"_s};

enum class PoolField { Layout, Replicas, Instances };

/// A disaggregated plan's prefill or decode pool field; empty for an aggregated plan.
QString pool(const PlanRow& r, bool prefill, PoolField field) {
    if (!r.disaggregated)
        return {};
    const PoolPlan& p = prefill ? r.disaggregated->prefill : r.disaggregated->decode;
    switch (field) {
    case PoolField::Layout:
        return q(p.layoutText()) + (p.mtpDraftTokens > 0 ? u" MTP "_s + QString::number(p.mtpDraftTokens) : QString());
    case PoolField::Replicas:
        return QString::number(p.replicas);
    case PoolField::Instances:
        return QString::number(p.instances);
    }
    return {};
}

QStringList cells(const PlanRow& r, const QString& currency) {
    const bool hasSize = sized(r);
    const bool money_ = r.hasPrice && hasSize;
    auto ifSized = [&](const QString& v) { return hasSize ? v : QString(); };
    auto ifMoney = [&](double v) { return money_ ? money(r, v) : QString(); };
    return {QString::number(r.rank), q(r.model->id), q(r.provider()), q(r.instanceType()), q(r.region()),
            r.gpu ? q(r.gpu->id) : QString(), QString::number(r.gpuCount, 'g', 6), q(toString(r.precision)),
            q(toString(r.engine)), QString::number(r.tp), ifSized(QString::number(r.replicas)),
            ifSized(num(r.capacityQpsPerReplica, 4)), ifMoney(r.hourlyCost), ifMoney(r.monthlyCost), currency,
            ifMoney(r.costPerMillionOutputTokens), ifSized(num(r.ttftMs.value, 1)), ifSized(num(r.tpotMs.value, 2)),
            q(toString(r.status)), q(toEnglish(r.message)),
            // extras
            QString::number(r.pp), q(r.migProfile), ifSized(QString::number(r.instances)),
            QString::number(r.replicasPerInstance), q(toString(r.pricing)), num(r.loadQps, 4),
            ifSized(num(r.utilisation, 4)), ifSized(num(r.headroom, 4)), ifMoney(r.costPerMillionInputTokens),
            ifMoney(r.costPerMillionTotalTokens), ifMoney(r.costPerMillionOutputTokensAtCapacity),
            money_ && r.maxInstancesWithinBudget > 0 ? num(r.maxQpsWithinBudget, 4) : QString(),
            r.paretoCostCapacity ? u"1"_s : u"0"_s, r.paretoCostLatency ? u"1"_s : u"0"_s,
            r.price ? q(r.price->effectiveDate) : QString(),
            r.autoscaling.simulated ? money(r, r.autoscaling.monthlyCost) : QString(),
            r.autoscaling.simulated ? num(r.autoscaling.minutesOverSlo, 0) : QString(),
            r.spot.applied ? money(r, r.spot.expectedMonthlyCost) : QString(),
            r.spot.applied ? num(r.spot.expectedCapacityLostFraction, 6) : QString(),
            r.burstMix.applied ? QString::number(r.burstMix.baseInstances) : QString(),
            r.burstMix.applied ? money(r, r.burstMix.monthlyCost) : QString(),
            // layouts
            q(r.layoutText()), QString::number(r.attentionDp), QString::number(r.ep), QString::number(r.mtpDraftTokens),
            r.mtpDraftTokens > 0 ? num(r.mtpAcceptanceRate, 4) : QString(), q(toString(r.kvCachePrecision)),
            r.disaggregated ? u"1"_s : u"0"_s, pool(r, true, PoolField::Layout), pool(r, true, PoolField::Replicas),
            pool(r, true, PoolField::Instances), pool(r, false, PoolField::Layout), pool(r, false, PoolField::Replicas),
            pool(r, false, PoolField::Instances), r.disaggregated ? num(r.disaggregated->kvTransferMs, 2) : QString()};
}

std::string csvLine(const QStringList& fields) {
    std::vector<std::string> f;
    f.reserve(static_cast<std::size_t>(fields.size()));
    for (const QString& x : fields)
        f.push_back(s(x));
    return CsvWriter::row(f);
}

QByteArray plansCsv(const PlanResult& result, int top) {
    std::string out = csvLine(kColumns);
    for (const PlanRow& r : result.rows) {
        if (top > 0 && r.rank > top)
            break;
        out += csvLine(cells(r, q(result.currency)));
    }
    return QByteArray::fromStdString(out);
}

/// JSON: the same columns as the CSV, numbers as numbers and absent values as null.
QByteArray plansJson(const PlanResult& result, const Scenario& sc, int top) {
    QJsonArray plans;
    for (const PlanRow& r : result.rows) {
        if (top > 0 && r.rank > top)
            break;
        const QStringList c = cells(r, q(result.currency));
        QJsonObject o;
        for (qsizetype i = 0; i < kColumns.size(); ++i) {
            bool isNumber = false;
            const double v = c[i].toDouble(&isNumber);
            const bool textual = kColumns[i] == u"gpu"_s || kColumns[i] == u"message"_s ||
                                 kColumns[i] == u"instance_type"_s || kColumns[i] == u"mig_profile"_s ||
                                 kColumns[i] == u"layout"_s;
            if (c[i].isEmpty() && !textual)
                o.insert(kColumns[i], QJsonValue::Null);
            else if (isNumber && !textual)
                o.insert(kColumns[i], v);
            else
                o.insert(kColumns[i], c[i]);
        }
        plans.append(o);
    }
    QJsonArray warnings;
    for (const Message& w : result.warnings)
        warnings.append(q(toEnglish(w)));
    const QJsonObject root{
        {u"currency"_s, q(result.currency)}, {u"hours_per_month"_s, sc.hoursPerMonth},
        {u"fx_note"_s, q(result.fxNote)},    {u"candidates"_s, static_cast<double>(result.candidates)},
        {u"warnings"_s, warnings},           {u"plans"_s, plans}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray curvesCsv(const PlanResult& result) {
    std::string out = csvLine({u"rank"_s, u"label"_s, u"qps_from"_s, u"qps_to"_s, u"replicas"_s, u"instances"_s,
                               u"monthly_cost"_s, u"currency"_s});
    for (const CostCurve& c : result.curves)
        for (const CurveStep& st : c.steps)
            out += csvLine({QString::number(c.rank), q(c.label), num(st.qpsFrom, 6), num(st.qpsTo, 6),
                            QString::number(st.replicas), QString::number(st.instances), num(st.monthlyCost, 4),
                            q(result.currency)});
    return QByteArray::fromStdString(out);
}

bool writeFile(const QString& path, const QByteArray& bytes, QString& error) {
    if (const Result<void> saved = models::saveFile(path, bytes); !saved) {
        error = qtText(saved.error());
        return false;
    }
    return true;
}

Scenario buildScenario(const Args& a) {
    Scenario sc;
    if (a.has(u"--scenario"_s)) {
        auto loaded = models::ScenarioFile::load(a.value(u"--scenario"_s));
        if (!loaded)
            throw InvalidInput{q(loaded.error())};
        sc = std::move(loaded.value());
    }
    applyLists(a, sc);
    applyWorkload(a, sc);
    applyMoney(a, sc);
    if (sc.models.empty())
        throw InvalidInput{u"--model: at least one model id is needed (or a --scenario file)"_s};
    const QString format = a.has(u"--format"_s) ? a.value(u"--format"_s) : u"csv"_s;
    if (format != u"csv"_s && format != u"json"_s)
        throw InvalidInput{u"--format: expected csv or json, got \""_s + format + u'"'};
    return sc;
}

int writeOutputs(const Args& a, const Scenario& sc, const PlanResult& result, CliContext& context) {
    const bool json = a.value(u"--format"_s) == u"json"_s;
    const QByteArray plans = json ? plansJson(result, sc, sc.top) : plansCsv(result, sc.top);
    QString error;
    if (a.has(u"--output"_s)) {
        if (!writeFile(a.value(u"--output"_s), plans, error))
            return fail(context, "plan", error);
    } else {
        context.out << QString::fromUtf8(plans);
    }
    if (a.has(u"--curves"_s) && !writeFile(a.value(u"--curves"_s), curvesCsv(result), error))
        return fail(context, "plan", error);
    if (a.has(u"--save-scenario"_s))
        if (Result<void> saved = models::ScenarioFile::save(sc, a.value(u"--save-scenario"_s)); !saved)
            return fail(context, "plan", q(saved.error()));
    for (const Message& w : result.warnings)
        context.err << "serveplan-cli plan: note: " << q(toEnglish(w)) << '\n';
    if (!result.fxNote.empty())
        context.err << "serveplan-cli plan: FX rates used: " << q(result.fxNote) << '\n';
    return ExitOk;
}

int runPlan(const QStringList& args, CliContext& context) {
    QString error;
    const auto a = parseArgs(args, error);
    if (!a)
        return fail(context, "plan", error, ExitInvalidInput);
    Scenario sc;
    try {
        sc = buildScenario(*a);
    } catch (const InvalidInput& e) {
        return fail(context, "plan", e.message, ExitInvalidInput);
    }
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, "plan", q(db.error()));
    const auto catalog = db.value()->loadCatalog();
    if (!catalog)
        return fail(context, "plan", q(catalog.error()));
    const Planner planner(*catalog);
    if (Result<void> ok = planner.check(sc); !ok)
        return fail(context, "plan", q(ok.error()), ExitInvalidInput);
    const auto result = planner.run(sc);
    if (!result)
        return fail(context, "plan", q(result.error()), ExitInvalidInput);
    return writeOutputs(*a, sc, *result, context);
}

} // namespace

const CommandInfo kPlanCommand{"plan", "ranked deployment plans as CSV or JSON", kUsage, &runPlan, false};

} // namespace serveplan::cli
