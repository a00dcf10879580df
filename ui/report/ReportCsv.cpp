#include "report/ReportCsv.h"

#include "common/CsvReader.h"

#include <charconv>
#include <cmath>

namespace serveplan::ui {

namespace {
constexpr std::string_view kEol = "\r\n"; // RFC 4180 records end with CRLF
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string integer(long long value) {
    return std::to_string(value);
}
std::string flag(bool value) {
    return value ? "true" : "false";
}

QByteArray finish(const std::string& text, const ReportCsv::Options& options) {
    QByteArray out;
    if (options.bom)
        out.append(kBom.data(), qsizetype(kBom.size()));
    out.append(text.data(), qsizetype(text.size()));
    return out;
}

std::vector<std::string> planFields(const PlanRow& r, const ReportData& data) {
    const std::string none;
    const Price* price = r.instance ? r.instance->price(r.pricing) : nullptr;
    auto money = [&](double v) { return r.hasPrice ? ReportCsv::number(v) : none; };
    return {
        integer(r.rank),
        r.model ? r.model->id : none,
        r.instance ? r.instance->provider : none,
        r.instance ? r.instance->instanceType : none,
        r.instance ? r.instance->region : none,
        r.gpu ? r.gpu->id : none,
        ReportCsv::number(r.gpuCount),
        std::string(toString(r.precision)),
        std::string(toString(r.engine)),
        integer(r.tp),
        integer(r.replicas),
        ReportCsv::number(r.capacityQpsPerReplica),
        money(r.hourlyCost),
        money(r.monthlyCost),
        data.result.currency,
        money(r.costPerMillionOutputTokens),
        ReportCsv::number(r.ttftMs.value),
        ReportCsv::number(r.tpotMs.value),
        ReportCsv::statusName(r.status),
        toEnglish(r.message), // the CSV is read by scripts: the CLI's English, whatever the UI's language
        // Extra columns after the ones `serveplan-cli plan` shares.
        r.migProfile,
        integer(r.pp),
        integer(r.instances),
        integer(r.replicasPerInstance),
        integer(r.instancesPerReplica),
        ReportCsv::number(r.loadQps),
        ReportCsv::number(r.utilisation),
        ReportCsv::number(r.headroom),
        std::string(toString(r.pricing)),
        money(r.instanceHourly),
        money(r.costPerMillionInputTokens),
        money(r.costPerMillionTotalTokens),
        money(r.costPerMillionOutputTokensAtCapacity),
        ReportCsv::number(r.ttftMs.low),
        ReportCsv::number(r.ttftMs.high),
        ReportCsv::number(r.tpotMs.low),
        ReportCsv::number(r.tpotMs.high),
        ReportCsv::number(data.scenario.slo.ttftPercentile),
        ReportCsv::number(data.scenario.slo.tpotPercentile),
        ReportCsv::number(r.outputTokensPerSPerReplica),
        flag(r.paretoCostCapacity),
        flag(r.paretoCostLatency),
        r.maxQpsWithinBudget > 0 ? ReportCsv::number(r.maxQpsWithinBudget) : none,
        r.autoscaling.simulated ? ReportCsv::number(r.autoscaling.monthlyCost) : none,
        r.autoscaling.simulated ? ReportCsv::number(r.autoscaling.fixedPeakMonthlyCost) : none,
        r.autoscaling.simulated ? ReportCsv::number(r.autoscaling.savingsFraction) : none,
        price ? price->effectiveDate : none,
        price ? price->source : none,
    };
}
} // namespace

const std::vector<std::string>& ReportCsv::planColumns() {
    static const std::vector<std::string> columns{
        "rank", "model", "provider", "instance_type", "region", "gpu", "gpu_count", "precision", "engine", "tp",
        "replicas", "capacity_qps_per_replica", "hourly_cost", "monthly_cost", "currency",
        "cost_per_million_output_tokens", "ttft_p95_ms", "tpot_p95_ms", "status", "message",
        // extras
        "mig_profile", "pp", "instances", "replicas_per_instance", "instances_per_replica", "load_qps", "utilisation",
        "headroom", "pricing", "instance_hourly_cost", "cost_per_million_input_tokens", "cost_per_million_total_tokens",
        "cost_per_million_output_tokens_at_capacity", "ttft_p95_ms_low", "ttft_p95_ms_high", "tpot_p95_ms_low",
        "tpot_p95_ms_high", "ttft_percentile", "tpot_percentile", "output_tokens_per_s_per_replica",
        "pareto_cost_capacity", "pareto_cost_latency", "max_qps_within_budget", "autoscaled_monthly_cost",
        "fixed_peak_monthly_cost", "autoscaling_savings_fraction", "price_date", "price_source"};
    return columns;
}

const std::vector<std::string>& ReportCsv::curveColumns() {
    static const std::vector<std::string> columns{"rank",     "label",     "step",         "qps_from", "qps_to",
                                                  "replicas", "instances", "monthly_cost", "currency"};
    return columns;
}

std::string ReportCsv::number(double value) {
    if (!std::isfinite(value))
        return {}; // never reached for a planned row; an empty cell is safer than "inf"
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string();
}

std::string ReportCsv::statusName(PlanStatus status) {
    return std::string(toString(status)); // the engine's one spelling (DESIGN.md §3.1)
}

QByteArray ReportCsv::plans(const ReportData& data, const Options& options) {
    std::string text = CsvWriter::row(planColumns(), kEol);
    for (const PlanRow& row : data.result.rows)
        text += CsvWriter::row(planFields(row, data), kEol);
    return finish(text, options);
}

QByteArray ReportCsv::curves(const ReportData& data, const Options& options) {
    std::string text = CsvWriter::row(curveColumns(), kEol);
    for (const CostCurve& curve : data.result.curves) {
        int step = 0;
        for (const CurveStep& s : curve.steps)
            text +=
                CsvWriter::row({integer(curve.rank), curve.label, integer(++step), number(s.qpsFrom), number(s.qpsTo),
                                integer(s.replicas), integer(s.instances), number(s.monthlyCost), data.result.currency},
                               kEol);
    }
    return finish(text, options);
}

} // namespace serveplan::ui
