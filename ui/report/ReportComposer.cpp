#include "report/ReportComposer.h"

#include "EngineMessageText.h"
#include "EnumLabels.h"
#include "QtText.h"
#include "charts/AutoscalingDayChart.h"
#include "charts/CostCurveChart.h"
#include "charts/LatencyLoadChart.h"
#include "charts/MemoryChart.h"
#include "charts/ThroughputBatchChart.h"
#include "cost/Pricing.h"
#include "perf/EngineProfile.h"
#include "report/ReportFormat.h"
#include "settings/AppSettings.h"

#include <QCoreApplication>
#include <QDate>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace serveplan::ui {

namespace {
/// The translation context of every report string (resources/i18n: context `Report`).
class Report {
    Q_DECLARE_TR_FUNCTIONS(Report)
};

using F = ReportFormat;
constexpr int kRunnerUps = 4;
constexpr int kExcludedGroups = 40;
constexpr int kFrontierRows = 12;

QString currencyOf(const ReportData& data) {
    return qtText(data.result.currency);
}

bool hasCjk(const QString& text) {
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x2E80; });
}

/// "× 1.35": the multiplicative half-width of a band.
QString bandFactor(double width) {
    return QStringLiteral("× ") + ReportFormat::number(std::exp(width), 2);
}

QString dateText(const QDate& date) {
    return date.toString(Qt::ISODate);
}

/// Model, instance type (any region), GPU and precision: runner-ups that differ only in region or in a
/// minor layout detail would repeat the same choice.
/// A calibration factor's value: overheads (names ending in "_s", seconds) in ms, collective latencies
/// ("_us") in µs, the measured GPU count of the collectives, efficiencies as fractions.
QString factorValueText(const CalibrationFactor& f) {
    const std::string_view name = f.name;
    if (name.size() > 3 && name.substr(name.size() - 3) == "_us")
        return ReportFormat::number(f.value, 3) + QStringLiteral(" µs");
    if (name.size() > 2 && name.substr(name.size() - 2) == "_s")
        return ReportFormat::number(f.value * 1e3, 3) + QStringLiteral(" ms");
    if (name == factor::kCollectiveGpusNvlink || name == factor::kCollectiveGpusPcie)
        return Report::tr("%1 GPUs").arg(std::lround(f.value));
    return ReportFormat::number(f.value, 3);
}

/// The calibrations the plans used (PlanRow::calibration), each once, in the order the rows met them.
std::vector<const GpuCalibration*> calibrationsUsed(const PlanResult& result) {
    std::vector<const GpuCalibration*> used;
    for (const PlanRow& row : result.rows)
        if (row.calibration && std::find(used.begin(), used.end(), row.calibration) == used.end())
            used.push_back(row.calibration);
    return used;
}

std::string planKey(const PlanRow& row) {
    return (row.model ? row.model->id : std::string()) + "|" +
           (row.instance ? row.instance->provider + ":" + row.instance->instanceType : std::string()) + "|" +
           (row.gpu ? row.gpu->id : std::string()) + "|" + row.migProfile + "|" + std::string(toString(row.precision));
}
} // namespace

QString ReportComposer::title() {
    return Report::tr("LLM deployment cost report");
}

QString ReportComposer::percentileName(double percentile) {
    return QStringLiteral("p") + QLocale::c().toString(std::round(percentile * 1000) / 10, 'g', 4);
}

QString ReportComposer::sloText(const Scenario& s) {
    QStringList parts;
    if (s.slo.ttftMs > 0)
        parts << Report::tr("TTFT %1 ≤ %2").arg(percentileName(s.slo.ttftPercentile), F::milliseconds(s.slo.ttftMs));
    if (s.slo.tpotMs > 0)
        parts << Report::tr("TPOT %1 ≤ %2").arg(percentileName(s.slo.tpotPercentile), F::milliseconds(s.slo.tpotMs));
    return parts.isEmpty() ? Report::tr("no latency targets") : parts.join(QStringLiteral("; "));
}

QString ReportComposer::sloMetText(const PlanRow& row, const Scenario& s) {
    if (s.slo.ttftMs <= 0 && s.slo.tpotMs <= 0)
        return Report::tr("No latency targets were set");
    QStringList parts;
    if (s.slo.ttftMs > 0)
        parts << Report::tr("TTFT %1 %2 ≤ %3")
                     .arg(percentileName(s.slo.ttftPercentile), F::milliseconds(row.ttftMs.value),
                          F::milliseconds(s.slo.ttftMs));
    if (s.slo.tpotMs > 0)
        parts << Report::tr("TPOT %1 %2 ≤ %3")
                     .arg(percentileName(s.slo.tpotPercentile), F::milliseconds(row.tpotMs.value),
                          F::milliseconds(s.slo.tpotMs));
    const bool met = row.status != PlanStatus::SloMiss && row.status != PlanStatus::NoFit;
    return (met ? Report::tr("Yes") : Report::tr("No")) + QStringLiteral(": ") + parts.join(QStringLiteral("; "));
}

QString ReportComposer::lengthText(const LengthDistribution& d) {
    const auto n = [](double v) { return F::number(v, 0); };
    // A fixed length is just its number; any other shape is named by its label, its figures after it.
    const QString kind = models::EnumLabels::label(d.kind);
    switch (d.kind) {
    case LengthDistribution::Kind::Fixed:
        return Report::tr("%1 tokens").arg(n(d.mean));
    case LengthDistribution::Kind::Uniform:
        return Report::tr("%1 %2–%3 tokens").arg(kind, n(d.min), n(d.max));
    case LengthDistribution::Kind::Normal:
    case LengthDistribution::Kind::LogNormal:
        return Report::tr("%1, mean %2, sd %3 tokens").arg(kind, n(d.mean), n(d.stddev));
    case LengthDistribution::Kind::Exponential:
        return Report::tr("%1, mean %2 tokens").arg(kind, n(d.mean));
    }
    return QString();
}

void ReportComposer::summary(ReportDocument& doc, const ReportData& data) {
    const Scenario& s = data.scenario;
    const QString currency = currencyOf(data);
    doc.heading(Report::tr("Executive summary"));
    const PlanRow* rec = data.recommended();
    const Workload w = PlanSeries::workloadOf(s);
    doc.paragraph(
        Report::tr("The question: the cheapest deployment that serves a peak of %1 (prompts of %2, answers of %3) "
                   "with %4, priced %5 in %6.")
            .arg(F::requestsPerSecond(s.qps), lengthText(w.inputTokens), lengthText(w.outputTokens), sloText(s),
                 F::pricingText(s.pricing).toLower(), currency));
    if (!rec) {
        doc.callout(
            Report::tr("No plan meets the latency targets within this scenario's limits. The excluded plans and "
                       "their reasons are listed at the end of this report."));
        return;
    }
    doc.callout(
        Report::tr("Recommended: %1 on %2 (%3), %4 replicas on %5 instances, for %6 per month, %7 per million "
                   "output tokens.")
            .arg(F::modelText(*rec), F::instanceText(*rec), F::regionText(*rec))
            .arg(rec->replicas)
            .arg(rec->instances)
            .arg(F::money(rec->monthlyCost, currency), F::moneyPerMillion(rec->costPerMillionOutputTokens, currency)));

    ReportDocument::Table t;
    t.keyValue = true;
    t.rows = {
        {Report::tr("Model"), F::modelText(*rec) + QStringLiteral(" (") + qtText(rec->model->id) + QStringLiteral(")")},
        {Report::tr("Instance"), F::instanceText(*rec) + QStringLiteral(", ") + F::regionText(*rec)},
        {Report::tr("GPUs per instance"), F::gpuText(*rec)},
        {Report::tr("Precision, engine, parallelism"), F::layoutText(*rec)},
        {Report::tr("Replicas"), Report::tr("%1 (on %2 instances)").arg(rec->replicas).arg(rec->instances)},
        {Report::tr("Capacity per replica at the SLO"), F::requestsPerSecond(rec->capacityQpsPerReplica)},
        {Report::tr("Peak load after the response cache"),
         Report::tr("%1, utilisation %2").arg(F::requestsPerSecond(rec->loadQps), F::percent(rec->utilisation))},
        {Report::tr("Monthly cost"), F::money(rec->monthlyCost, currency) + QStringLiteral(" (") +
                                         F::pricingText(rec->pricing) + QStringLiteral(")")},
        {Report::tr("Hourly cost"), F::money(rec->hourlyCost, currency)},
        {Report::tr("Cost per million output tokens"), F::moneyPerMillion(rec->costPerMillionOutputTokens, currency)},
        {Report::tr("Cost per million input tokens"), F::moneyPerMillion(rec->costPerMillionInputTokens, currency)},
        {Report::tr("TTFT %1 (uncertainty band)").arg(percentileName(s.slo.ttftPercentile)),
         F::millisecondsWithBand(rec->ttftMs)},
        {Report::tr("TPOT %1 (uncertainty band)").arg(percentileName(s.slo.tpotPercentile)),
         F::millisecondsWithBand(rec->tpotMs)},
        {Report::tr("SLOs met"), sloMetText(*rec, s)},
    };
    doc.table(t);

    // Runner-ups: the next ok plans on other instances or models, and what the recommendation saves.
    ReportDocument::Table r;
    r.header = {Report::tr("Rank"), Report::tr("Plan"), Report::tr("Replicas"), Report::tr("Monthly cost"),
                Report::tr("The recommendation saves")};
    r.widths = {0.07, 0.47, 0.1, 0.16, 0.2};
    r.rightAligned = {0, 2, 3, 4};
    std::set<std::string> seen{planKey(*rec)};
    for (const PlanRow& row : data.result.rows) {
        if (row.status != PlanStatus::Ok || int(r.rows.size()) >= kRunnerUps)
            continue;
        if (!seen.insert(planKey(row)).second)
            continue;
        const double saving = row.monthlyCost - rec->monthlyCost;
        const QString share = row.monthlyCost > 0 ? F::percent(saving / row.monthlyCost) : QStringLiteral("—");
        r.rows.push_back({QString::number(row.rank),
                          F::modelText(row) + QStringLiteral("\n") + F::instanceText(row) + QStringLiteral(" (") +
                              F::regionText(row) + QStringLiteral(") · ") + F::gpuText(row) + QStringLiteral(" · ") +
                              F::layoutText(row),
                          QString::number(row.replicas), F::money(row.monthlyCost, currency),
                          F::money(saving, currency) + QStringLiteral("\n") + share});
    }
    if (!r.rows.empty()) {
        doc.subheading(Report::tr("Runner-ups"));
        doc.table(r);
    }
}

void ReportComposer::assumptions(ReportDocument& doc, const ReportData& data) {
    const Scenario& s = data.scenario;
    const QString currency = currencyOf(data);
    doc.heading(Report::tr("Assumptions"));
    const Workload w = PlanSeries::workloadOf(s);
    QStringList models;
    for (const std::string& id : s.models)
        models << qtText(id);
    const std::vector<double> fractions = s.traffic.fractions();
    // The screen's label (TrafficEditor), with the profile's range added.
    QString traffic = models::EnumLabels::label(s.traffic.preset);
    if (!fractions.empty()) {
        const auto [lo, hi] = std::minmax_element(fractions.begin(), fractions.end());
        traffic += Report::tr(", %1 hourly values, lowest %2 and highest %3 of the peak")
                       .arg(fractions.size())
                       .arg(F::percent(*lo), F::percent(*hi));
    }
    QString fx = data.result.fxNote.empty() ? Report::tr("no conversion needed") : qtText(data.result.fxNote);
    fx +=
        s.fxDate.empty() ? Report::tr(" (newest rates)") : Report::tr(" (rates on or before %1)").arg(qtText(s.fxDate));
    const PlanRow* rec = data.recommended();
    QString calibration =
        Report::tr("No local probe calibration; datasheet peak rates with the serving-engine profiles.");
    if (rec) {
        const EngineProfile profile = calibratedProfile(rec->engine, rec->calibration);
        calibration =
            profile.calibrationRows > 0
                ? Report::tr("No local probe calibration. The %1 profile is fitted on %2 published measurements "
                             "(reference_calibration.csv).")
                      .arg(models::EnumLabels::label(rec->engine))
                      .arg(profile.calibrationRows)
                : Report::tr("No local probe calibration. %1 has no published measurements: the generic engine "
                             "profile is used.")
                      .arg(models::EnumLabels::label(rec->engine));
    }
    // The calibrations measured on the user's own hardware that the plans used, one row each below.
    const std::vector<const GpuCalibration*> used = calibrationsUsed(data.result);
    if (!used.empty())
        calibration = Report::tr("Calibrations applied to the GPUs (probe runs, load tests) replace the engine "
                                 "profiles' efficiencies and overheads where the plans run on those GPUs: %n used, "
                                 "listed below.",
                                 nullptr, int(used.size()));
    else if (!s.useCalibration)
        calibration = Report::tr("Applied calibrations are switched off for this scenario: the engines' default "
                                 "profiles are used on every GPU.");
    else if (data.catalog && !data.catalog->calibrations.empty())
        calibration = Report::tr("None of the planned GPUs has an applied calibration. ") + calibration;
    ReportDocument::Table t;
    t.keyValue = true;
    t.rows = {
        {Report::tr("Models considered"), models.join(QStringLiteral(", "))},
        {Report::tr("Workload"),
         Report::tr("prompt %1; output %2").arg(lengthText(w.inputTokens), lengthText(w.outputTokens))},
        {Report::tr("Peak load"), F::requestsPerSecond(s.qps)},
        {Report::tr("Latency targets (SLOs)"), sloText(s)},
        {Report::tr("Response-cache hit rate"), F::percent(s.cacheHitRate)},
        {Report::tr("Capacity method"), models::EnumLabels::label(s.capacityMethod)},
        {Report::tr("Pricing plan"), F::pricingText(s.pricing)},
        {Report::tr("Currency and exchange rates"), currency + QStringLiteral("; ") + fx},
        {Report::tr("Hours per month"), F::number(s.hoursPerMonth, 0)},
        {Report::tr("Monthly budget"), s.monthlyBudget > 0 ? F::money(s.monthlyBudget, currency) : Report::tr("none")},
        {Report::tr("Instance cap"), s.maxInstances > 0 ? QString::number(s.maxInstances) : Report::tr("none")},
        {Report::tr("Traffic profile"), traffic},
        {Report::tr("Autoscaling"),
         s.autoscaling.enabled
             ? Report::tr("on: target utilisation %1, %2 replicas, scale-up delay %3 min, scale-down delay %4 min")
                   .arg(F::percent(s.autoscaling.targetUtilization),
                        s.autoscaling.maxReplicas > 0
                            ? QStringLiteral("%1–%2").arg(s.autoscaling.minReplicas).arg(s.autoscaling.maxReplicas)
                            : Report::tr("%1 or more").arg(s.autoscaling.minReplicas),
                        F::number(s.autoscaling.scaleUpDelayMinutes, 1),
                        F::number(s.autoscaling.scaleDownDelayMinutes, 1))
             : Report::tr("off (fixed fleet sized for the peak)")},
        {Report::tr("Calibration"), calibration},
    };
    // The layout terms, named only where a plan uses them (dense-model reports stay as they were).
    const bool layouts = std::any_of(data.result.rows.begin(), data.result.rows.end(), [](const PlanRow& r) {
        return r.attentionDp > 1 || r.ep > 1 || r.mtpDraftTokens > 0 || r.disaggregated;
    });
    if (layouts)
        t.rows.push_back(
            {Report::tr("Serving layouts"),
             Report::tr("TP = tensor parallel within an attention group; DP = attention data-parallel groups, each "
                        "serving its own requests with its own KV cache; EP = the MoE experts spread over that many "
                        "GPUs (all-to-all dispatch and combine); PP = pipelined over instances; MTP n = multi-token "
                        "prediction with n draft tokens per step at %1 acceptance; P: a×(…) / D: b×(…) = separate "
                        "prefill and decode pools of a and b replicas, the prompt's KV cache sent from prefill to "
                        "decode (its transfer is part of the TTFT).")
                 .arg(F::percent(s.mtpAcceptanceRate))});
    if (layouts || s.workload.prefixCacheHitRate > 0)
        t.rows.push_back({Report::tr("Prefix-cache hit rate"),
                          Report::tr("%1 of prompt tokens served from the engine's prefix cache (no prefill)")
                              .arg(F::percent(s.workload.prefixCacheHitRate))});
    for (const GpuCalibration* c : used) {
        QStringList factors;
        for (const CalibrationFactor& f : c->factors)
            factors << qtText(f.name) + QLatin1Char(' ') + factorValueText(f);
        const QString engine = c->engine == "generic"
                                   ? Report::tr("all engines")
                                   : Report::tr("%1 only").arg(models::EnumLabels::engineLabel(c->engine));
        t.rows.push_back({Report::tr("Calibration used"),
                          Report::tr("GPU %1, run %2, %3: %4")
                              .arg(qtText(c->gpuId), QString::number(c->runId), engine,
                                   factors.isEmpty() ? Report::tr("no factors") : factors.join(QStringLiteral(", ")))});
    }
    t.rows.push_back({Report::tr("Candidates evaluated"), QString::number(data.result.candidates)});
    for (const serveplan::Message& warning : data.result.warnings)
        t.rows.push_back({Report::tr("Planner note"), models::messageText(warning)});
    doc.table(t);
}

void ReportComposer::costVersusLoad(ReportDocument& doc, const ReportData& data) {
    doc.heading(Report::tr("Cost versus load"));
    doc.paragraph(Report::tr(
        "Each step curve is one plan: the monthly cost of the whole number of replicas a peak load needs. Coloured "
        "curves lie on the cost/capacity Pareto frontier, grey ones are beaten on both. The dotted line "
        "follows the cheapest plan at each load; the dashed red line marks the target peak."));
    const int rank = data.recommended() ? data.recommended()->rank : 0;
    const PlanResult* result = &data.result;
    const double target = data.scenario.qps;
    doc.chart(
        [result, rank, target](QCustomPlot* plot) {
            CostCurveChart::build(plot, *result, {target, rank, 3, true});
        },
        400);
    const auto frontier = CostCurveChart::frontier(data.result.curves);
    if (frontier.empty())
        return;
    ReportDocument::Table t;
    t.header = {Report::tr("Peak load from"), Report::tr("to"), Report::tr("Cheapest plan"),
                Report::tr("Monthly cost")};
    t.widths = {0.16, 0.16, 0.48, 0.2};
    t.rightAligned = {0, 1, 3};
    t.small = true;
    for (const auto& step : frontier) {
        if (int(t.rows.size()) >= kFrontierRows)
            break;
        const PlanRow* row = data.result.byRank(step.rank);
        t.rows.push_back({F::requestsPerSecond(step.qpsFrom), F::requestsPerSecond(step.qpsTo),
                          QStringLiteral("#%1 ").arg(step.rank) +
                              (row ? F::instanceText(*row) + QStringLiteral(" · ") + F::layoutText(*row) : QString()),
                          F::money(step.monthlyCost, currencyOf(data))});
    }
    doc.subheading(Report::tr("Cheapest plan at each load"));
    doc.table(t);
}

void ReportComposer::topPlans(ReportDocument& doc, const ReportData& data) {
    const Scenario& s = data.scenario;
    const QString currency = currencyOf(data);
    const int top = s.top > 0 ? s.top : kDefaultTopPlans;
    doc.heading(Report::tr("Top plans"));
    doc.paragraph(
        Report::tr("The %1 cheapest plans that meet the latency targets, ranked by monthly cost. TTFT and TPOT are "
                   "the %2/%3 latencies of one replica at its SLO capacity.")
            .arg(top)
            .arg(percentileName(s.slo.ttftPercentile), percentileName(s.slo.tpotPercentile)));
    ReportDocument::Table t;
    t.small = true;
    t.header = {Report::tr("#"),
                Report::tr("Model and instance"),
                Report::tr("GPUs and layout"),
                Report::tr("Replicas"),
                Report::tr("Monthly cost"),
                Report::tr("Per M output tokens"),
                Report::tr("TTFT"),
                Report::tr("TPOT")};
    t.widths = {0.04, 0.26, 0.2, 0.09, 0.14, 0.1, 0.085, 0.085};
    t.rightAligned = {0, 3, 4, 5, 6, 7};
    for (const PlanRow& row : data.result.rows) {
        if (row.status != PlanStatus::Ok || int(t.rows.size()) >= top)
            continue;
        if (&row == data.recommended())
            t.highlightRow = int(t.rows.size());
        t.rows.push_back({QString::number(row.rank),
                          F::modelText(row) + QStringLiteral("\n") + F::instanceText(row) + QStringLiteral(" · ") +
                              F::regionText(row),
                          F::gpuText(row) + QStringLiteral("\n") + F::layoutText(row), QString::number(row.replicas),
                          F::money(row.monthlyCost, currency),
                          F::moneyPerMillion(row.costPerMillionOutputTokens, currency),
                          F::milliseconds(row.ttftMs.value), F::milliseconds(row.tpotMs.value)});
    }
    if (t.rows.empty())
        doc.paragraph(Report::tr("No plan meets the latency targets."));
    else
        doc.table(t);
}

void ReportComposer::recommendedDetail(ReportDocument& doc, const ReportData& data) {
    const PlanRow* rec = data.recommended();
    if (!rec || !data.series.valid)
        return;
    const PlanSeries* series = &data.series;
    const Scenario* scenario = &data.scenario;
    doc.heading(Report::tr("The recommended plan in detail"));
    doc.subheading(Report::tr("Memory"));
    const MemoryFit& m = series->memory;
    doc.paragraph(
        Report::tr("Each GPU holds %1 of weights, %2 of activations and %3 of runtime overhead; %4 remain for the "
                   "KV cache, room for %5 tokens of context (%6 per token for the whole model).")
            .arg(F::gigabytes(m.weightBytes), F::gigabytes(m.activationBytes), F::gigabytes(m.runtimeBytes),
                 F::gigabytes(m.kvCacheBytes), F::number(m.kvTokenCapacity, 0),
                 F::number(m.kvBytesPerToken / 1024, 1) + QStringLiteral(" KiB")));
    const QString subject =
        F::gpuText(*rec).section(QStringLiteral(" × "), 0, 0) + QStringLiteral(" (TP %1)").arg(rec->tp);
    doc.chart([series, subject](QCustomPlot* plot) { MemoryChart::build(plot, series->memory, {subject, true}); }, 190);
    if (series->latency.empty())
        return;
    doc.subheading(Report::tr("Latency versus load"));
    doc.paragraph(
        Report::tr("How one replica's latencies grow with the requests sent to it. The planner sizes the fleet so that "
                   "each replica stays left of the capacity line, where both latencies meet their targets."));
    const double capacity = rec->capacityQpsPerReplica;
    doc.chart(
        [series, scenario, capacity](QCustomPlot* plot) {
            LatencyLoadChart::build(plot, series->latency, {scenario->slo, capacity, true});
        },
        400);
    doc.subheading(Report::tr("Throughput versus batch size"));
    doc.paragraph(
        Report::tr("Output tokens per second of one replica as more sequences share each step; the largest batch "
                   "here is what memory and the engine allow (%1 sequences).")
            .arg(F::number(series->maxBatch, 0)));
    doc.chart([series](QCustomPlot* plot) { ThroughputBatchChart::build(plot, series->throughput, {0, true}); }, 270);
}

void ReportComposer::autoscaling(ReportDocument& doc, const ReportData& data) {
    const PlanRow* rec = data.recommended();
    const AutoscalingOutcome& a = data.autoscaling;
    if (!rec || !a.simulated || a.replicasPerMinute.empty())
        return;
    const QString currency = currencyOf(data);
    doc.heading(Report::tr("Autoscaling over the day"));
    if (data.autoscalingIllustrative)
        doc.paragraph(
            Report::tr("Autoscaling is off in this scenario, so the plans above keep a fixed fleet sized for the "
                       "peak. For comparison, this is the recommended plan under the scenario's autoscaling policy."),
            ReportDocument::TextRole::Note);
    const PlanRow* row = rec;
    const AutoscalingOutcome* outcome = &a;
    const double hours = data.scenario.hoursPerMonth;
    doc.chart(
        [row, outcome, currency, hours](QCustomPlot* plot) {
            AutoscalingDayChart::build(plot, *row, *outcome, {currency, hours, true});
        },
        300);
    const double saving = a.fixedPeakMonthlyCost - a.monthlyCost;
    doc.callout(
        Report::tr("Autoscaling would cost %1 per month against %2 for a fleet fixed at the peak: a saving of %3 (%4).")
            .arg(F::money(a.monthlyCost, currency), F::money(a.fixedPeakMonthlyCost, currency),
                 F::money(saving, currency), F::percent(a.savingsFraction)));
    ReportDocument::Table t;
    t.keyValue = true;
    t.rows = {
        {Report::tr("Autoscaled monthly cost"), F::money(a.monthlyCost, currency)},
        {Report::tr("Fixed fleet for the peak"), F::money(a.fixedPeakMonthlyCost, currency)},
        {Report::tr("Saving"),
         F::money(saving, currency) + QStringLiteral(" (") + F::percent(a.savingsFraction) + QStringLiteral(")")},
        {Report::tr("Mean and peak ready replicas"),
         F::number(a.meanReplicas, 2) + QStringLiteral(" / ") + QString::number(a.peakReplicas)},
        {Report::tr("Cold start of a replica"), F::number(a.coldStartSeconds, 0) + QStringLiteral(" s")},
        {Report::tr("Minutes over the SLO per period"), F::number(a.minutesOverSlo, 0)},
    };
    doc.table(t);
}

void ReportComposer::excluded(ReportDocument& doc, const ReportData& data) {
    // One line per distinct (status, model, GPU, layout, reason): the same reason repeats for every
    // instance and region that carries the GPU, so the count says how many plans it covers.
    using Key = std::tuple<int, QString, QString, QString, QString>;
    std::map<Key, int> groups;
    std::vector<Key> order;
    for (const PlanRow& row : data.result.rows) {
        if (row.status == PlanStatus::Ok)
            continue;
        Key key{int(row.status), F::modelText(row), F::gpuText(row), F::layoutText(row),
                models::messageText(row.message)};
        if (groups[key]++ == 0)
            order.push_back(key);
    }
    doc.heading(Report::tr("Plans that do not fit or miss a limit"));
    if (order.empty()) {
        doc.paragraph(Report::tr("Every candidate fits and meets the targets."));
        return;
    }
    ReportDocument::Table t;
    t.small = true;
    t.header = {Report::tr("Status"), Report::tr("Model"), Report::tr("GPUs and layout"), Report::tr("Why"),
                Report::tr("Plans")};
    t.widths = {0.12, 0.2, 0.22, 0.38, 0.08};
    t.rightAligned = {4};
    for (const Key& key : order) {
        if (int(t.rows.size()) >= kExcludedGroups)
            break;
        const auto& [status, model, gpu, layout, message] = key;
        t.rows.push_back({models::EnumLabels::label(PlanStatus(status)), model, gpu + QStringLiteral("\n") + layout,
                          message, QString::number(groups[key])});
    }
    doc.table(t);
    if (order.size() > std::size_t(kExcludedGroups))
        doc.paragraph(
            Report::tr("%1 more groups are in the CSV export.").arg(order.size() - std::size_t(kExcludedGroups)),
            ReportDocument::TextRole::Note);
}

void ReportComposer::priceSources(ReportDocument& doc, const ReportData& data) {
    struct Group {
        QString first, last;
        std::set<QString> currencies;
        int plans = 0;
        bool stale = false;
        bool suspect = false;
    };
    // Stale against the scenario's price date when it has one, else the report's own date (today, or
    // SOURCE_DATE_EPOCH for reproducible output), at Preferences' age.
    const QString staleBefore = AppSettings::staleBefore(
        data.scenario.priceDate.empty() ? data.date : QDate::fromString(qtText(data.scenario.priceDate), Qt::ISODate));
    std::map<std::pair<QString, QString>, Group> groups; // (provider, source)
    for (const PlanRow& row : data.result.rows) {
        if (!row.hasPrice || !row.instance)
            continue;
        const Price* price = row.price ? row.price : row.instance->price(row.pricing); // the one priced
        if (!price)
            continue;
        Group& g = groups[{qtText(row.instance->provider), qtText(price->source)}];
        const QString date = price->effectiveDate.empty() ? Report::tr("undated") : qtText(price->effectiveDate);
        if (g.first.isEmpty() || date < g.first)
            g.first = date;
        if (g.last.isEmpty() || date > g.last)
            g.last = date;
        g.currencies.insert(qtText(price->currency));
        ++g.plans;
        g.stale = g.stale || priceIsStale(*price, staleBefore.toStdString());
        g.suspect = g.suspect || priceIsSuspect(*price);
    }
    doc.heading(Report::tr("Price sources"));
    doc.paragraph(
        Report::tr("List prices per instance as dated by their source, converted to %1 and scaled to %2 hours per "
                   "month. Prices change: check them before you commit.")
            .arg(currencyOf(data), F::number(data.scenario.hoursPerMonth, 0)));
    ReportDocument::Table t;
    t.small = true;
    t.header = {Report::tr("Provider"), Report::tr("Source"), Report::tr("Price dates"), Report::tr("Currency"),
                Report::tr("Plans")};
    t.widths = {0.13, 0.47, 0.22, 0.1, 0.08};
    t.rightAligned = {4};
    int stale = 0, suspect = 0;
    for (const auto& [key, g] : groups) {
        QStringList currencies(g.currencies.begin(), g.currencies.end());
        const QString dates = g.first == g.last ? g.first : g.first + QStringLiteral(" – ") + g.last;
        t.rows.push_back({key.first, g.suspect ? QStringLiteral("⚠ ") + key.second : key.second,
                          g.stale ? QStringLiteral("⚠ ") + dates : dates, currencies.join(QStringLiteral(", ")),
                          QString::number(g.plans)});
        stale += g.stale ? 1 : 0;
        suspect += g.suspect ? 1 : 0;
    }
    if (!t.rows.empty())
        doc.table(t);
    if (stale > 0)
        doc.paragraph(Report::tr("⚠ %n source(s) have prices dated before %1 or undated: they may be out of date.",
                                 nullptr, stale)
                          .arg(staleBefore),
                      ReportDocument::TextRole::Note);
    if (suspect > 0)
        doc.paragraph(Report::tr("⚠ %n source(s) are flagged SUSPECT (checked against another source and found off).",
                                 nullptr, suspect),
                      ReportDocument::TextRole::Note);
    if (!data.result.fxNote.empty())
        doc.paragraph(Report::tr("Exchange rates: %1").arg(qtText(data.result.fxNote)), ReportDocument::TextRole::Note);
}

void ReportComposer::uncertainty(ReportDocument& doc, const ReportData& data) {
    doc.heading(Report::tr("About the uncertainty bands"));
    doc.paragraph(
        Report::tr("Every predicted speed and latency carries a band. Its width comes from the residuals of the "
                   "serving-engine profile's fit to published measurements: a value v has the band v ÷ f to v × f, "
                   "with one factor f per metric and engine. Time to first token has the widest band, because "
                   "queueing and scheduler overheads dominate it. Costs are computed from the central value; if "
                   "the real capacity sits at the low edge of its band, a plan needs proportionally more replicas."));
    std::set<ServingEngine> engines;
    for (const PlanRow& row : data.result.rows)
        if (row.status == PlanStatus::Ok)
            engines.insert(row.engine);
    if (engines.empty())
        return;
    ReportDocument::Table t;
    t.header = {Report::tr("Engine"), Report::tr("Throughput factor"), Report::tr("TPOT factor"),
                Report::tr("TTFT factor"), Report::tr("Published measurements")};
    t.widths = {0.24, 0.19, 0.19, 0.19, 0.19};
    t.rightAligned = {1, 2, 3, 4};
    t.small = true;
    for (ServingEngine e : engines) {
        const EngineProfile p = engineProfile(e);
        QStringList cells;
        cells << models::EnumLabels::label(e) << bandFactor(p.bands.throughput) << bandFactor(p.bands.tpot)
              << bandFactor(p.bands.ttft) << QString::number(p.calibrationRows);
        t.rows.push_back(cells);
    }
    doc.table(t);
}

ReportDocument ReportComposer::compose(const ReportData& data) {
    ReportDocument doc;
    summary(doc, data);
    assumptions(doc, data);
    costVersusLoad(doc, data);
    topPlans(doc, data);
    recommendedDetail(doc, data);
    autoscaling(doc, data);
    excluded(doc, data);
    priceSources(doc, data);
    uncertainty(doc, data);
    return doc;
}

void ReportComposer::paintCover(QPainter& p, const QRectF& page, const std::vector<ReportDocument::TocEntry>& toc,
                                const ReportData& data, const QStringList& families) {
    const QColor accent = ReportDocument::accentColor();
    p.fillRect(QRectF(page.left(), page.top(), page.width(), 6), accent);
    double y = page.top() + 90;
    p.setPen(ReportDocument::mutedColor());
    p.setFont(ReportDocument::font(families, 11, true));
    p.drawText(QRectF(page.left(), y, page.width(), 24), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("ServePlan"));
    y += 30;
    p.setPen(ReportDocument::inkColor());
    p.setFont(ReportDocument::font(families, 26, true));
    const QRectF titleRect = p.boundingRect(QRectF(page.left(), y, page.width(), 400), Qt::TextWordWrap, title());
    p.drawText(titleRect, Qt::TextWordWrap, title());
    y = titleRect.bottom() + 14;
    p.setFont(ReportDocument::font(families, 15));
    p.setPen(accent);
    const QString name = data.scenarioName.isEmpty() ? Report::tr("Untitled scenario") : data.scenarioName;
    const QRectF nameRect = p.boundingRect(QRectF(page.left(), y, page.width(), 400), Qt::TextWordWrap, name);
    p.drawText(nameRect, Qt::TextWordWrap, name);
    y = nameRect.bottom() + 10;
    p.setFont(ReportDocument::font(families, 10.5));
    p.setPen(ReportDocument::mutedColor());
    p.drawText(QRectF(page.left(), y, page.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
               Report::tr("Report date: %1").arg(dateText(data.date)));
    y += 50;

    // The headline in a box, so a reader who stops at the cover still gets the answer.
    const QString currency = currencyOf(data);
    const PlanRow* rec = data.recommended();
    const QString headline =
        rec ? Report::tr("Recommended plan: %1 on %2, %3 replicas, %4 per month (%5 per million output tokens).")
                  .arg(F::modelText(*rec), F::instanceText(*rec))
                  .arg(rec->replicas)
                  .arg(F::money(rec->monthlyCost, currency),
                       F::moneyPerMillion(rec->costPerMillionOutputTokens, currency))
            : Report::tr("No plan meets the latency targets within this scenario's limits.");
    p.setFont(ReportDocument::font(families, 11));
    const QRectF textRect =
        p.boundingRect(QRectF(page.left() + 20, y + 16, page.width() - 40, 400), Qt::TextWordWrap, headline);
    const QRectF box(page.left(), y, page.width(), textRect.height() + 32);
    p.fillRect(box, QColor(0xee, 0xf4, 0xfb));
    p.fillRect(QRectF(box.left(), box.top(), 5, box.height()), accent);
    p.setPen(ReportDocument::inkColor());
    p.drawText(textRect, Qt::TextWordWrap, headline);
    y = box.bottom() + 50;

    p.setFont(ReportDocument::font(families, 12, true));
    p.setPen(ReportDocument::inkColor());
    p.drawText(QRectF(page.left(), y, page.width(), 22), Qt::AlignLeft | Qt::AlignVCenter, Report::tr("Contents"));
    y += 30;
    p.setFont(ReportDocument::font(families, 10.5));
    for (const auto& entry : toc) {
        const QRectF line(page.left(), y, page.width() * 0.7, 20);
        p.setPen(ReportDocument::inkColor());
        p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, entry.title);
        p.setPen(ReportDocument::mutedColor());
        p.drawText(line, Qt::AlignRight | Qt::AlignVCenter, QString::number(entry.page));
        y += 22;
    }
    p.setFont(ReportDocument::font(families, 8));
    p.setPen(ReportDocument::mutedColor());
    p.drawText(QRectF(page.left(), page.bottom() - 20, page.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
               Report::tr("Generated by ServePlan %1. Estimates, not measurements: see “About the uncertainty bands”.")
                   .arg(QStringLiteral(SERVEPLAN_VERSION)));
}

ReportDocument::PageSetup ReportComposer::pageSetup(const ReportData& data, const QPageSize& pageSize) {
    ReportDocument::PageSetup setup;
    setup.pageSize = pageSize;
    // Chinese text looks best set entirely in a CJK face; Latin reports use DejaVu Sans and fall back
    // to a CJK face only for Han characters in names.
    setup.fontFamilies = hasCjk(title())
                             ? QStringList{QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Noto Sans CJK SC"),
                                           QStringLiteral("DejaVu Sans")}
                             : QStringList{QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Micro Hei"),
                                           QStringLiteral("Noto Sans CJK SC")};
    setup.headerLeft = title() + QStringLiteral(" · ") + data.scenarioName;
    setup.headerRight = dateText(data.date);
    setup.footerLeft = Report::tr("ServePlan %1").arg(QStringLiteral(SERVEPLAN_VERSION));
    setup.pageLabel = Report::tr("Page %1 of %2");
    const QStringList families = setup.fontFamilies;
    setup.paintCover = [&data, families](QPainter& painter, const QRectF& page,
                                         const std::vector<ReportDocument::TocEntry>& toc) {
        paintCover(painter, page, toc, data, families);
    };
    return setup;
}

} // namespace serveplan::ui
