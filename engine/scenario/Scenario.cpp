#include "scenario/Scenario.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <numbers>
#include <utility>

namespace serveplan {

namespace {

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [v, n] : names)
        if (v == value)
            return n;
    return names.front().second;
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text) {
    for (const auto& [v, n] : names)
        if (n == text)
            return v;
    return std::nullopt;
}

constexpr std::array<std::pair<WorkloadPreset, std::string_view>, 4> kWorkloadPresets{{
    {WorkloadPreset::Custom, "custom"},
    {WorkloadPreset::Chat, "chat"},
    {WorkloadPreset::Rag, "rag"},
    {WorkloadPreset::LongReasoning, "long_reasoning"},
}};

constexpr std::array<std::pair<TrafficPreset, std::string_view>, 5> kTrafficPresets{{
    {TrafficPreset::Flat, "flat"},
    {TrafficPreset::Diurnal, "diurnal"},
    {TrafficPreset::BusinessHours, "business_hours"},
    {TrafficPreset::Spiky, "spiky"},
    {TrafficPreset::Custom, "custom"},
}};

constexpr std::array<std::pair<DiskKind, std::string_view>, 2> kDiskKinds{{
    {DiskKind::Nvme, "nvme"},
    {DiskKind::NetworkDisk, "network_disk"},
}};

constexpr std::array<std::pair<MtpMode, std::string_view>, 3> kMtpModes{{
    {MtpMode::Auto, "auto"},
    {MtpMode::Off, "off"},
    {MtpMode::On, "on"},
}};

constexpr std::array<std::pair<DisaggregationMode, std::string_view>, 3> kDisaggregationModes{{
    {DisaggregationMode::Auto, "auto"},
    {DisaggregationMode::Off, "off"},
    {DisaggregationMode::On, "on"},
}};

LengthDistribution logNormal(double mean, double stddev, double min, double max) {
    return {LengthDistribution::Kind::LogNormal, mean, stddev, min, max};
}

/// One day of a preset, hour 0 = midnight. Values are fractions of the peak; the peak hour is 1.
double dayFraction(TrafficPreset preset, int hour) {
    switch (preset) {
    case TrafficPreset::Diurnal:
        // A cosine with its trough (0.1) at 03:00 and its peak (1.0) at 15:00.
        return 0.55 - 0.45 * std::cos(2.0 * std::numbers::pi * (hour - 3) / 24.0);
    case TrafficPreset::BusinessHours:
        return hour >= 9 && hour < 18 ? 1.0 : 0.15;
    case TrafficPreset::Spiky:
        // A low base with short bursts (morning start, lunch, evening).
        return hour == 9 ? 1.0 : hour == 13 ? 0.7 : hour == 21 ? 0.85 : 0.25;
    case TrafficPreset::Flat:
    case TrafficPreset::Custom:
        break;
    }
    return 1.0;
}

/// Weekends: business traffic drops to the night level; consumer traffic to 70 %.
double weekendFactor(TrafficPreset preset) {
    switch (preset) {
    case TrafficPreset::BusinessHours:
        return 0;
    case TrafficPreset::Diurnal:
    case TrafficPreset::Spiky:
        return 0.7;
    case TrafficPreset::Flat:
    case TrafficPreset::Custom:
        break;
    }
    return 1.0;
}

bool finiteNonNegative(double v) {
    return std::isfinite(v) && v >= 0;
}
bool fraction(double v) {
    return std::isfinite(v) && v >= 0 && v <= 1;
}

void checkLength(std::vector<std::string>& errors, const char* field, const LengthDistribution& d) {
    const std::string f = field;
    if (!std::isfinite(d.mean) || d.mean < 1)
        errors.push_back(f + ".mean: expected a number of tokens ≥ 1");
    if (!finiteNonNegative(d.stddev))
        errors.push_back(f + ".stddev: expected a finite number ≥ 0");
    if (!finiteNonNegative(d.min) || !finiteNonNegative(d.max) || (d.max > 0 && d.min > d.max))
        errors.push_back(f + ".min/max: expected 0 ≤ min ≤ max");
}

void checkAutoscaling(std::vector<std::string>& errors, const AutoscalingPolicy& a) {
    if (!std::isfinite(a.targetUtilization) || a.targetUtilization <= 0 || a.targetUtilization > 1)
        errors.emplace_back("autoscaling.target_utilization: expected 0 < value ≤ 1");
    if (a.minReplicas < 0)
        errors.emplace_back("autoscaling.min_replicas: expected ≥ 0");
    if (a.maxReplicas < 0 || (a.maxReplicas > 0 && a.maxReplicas < a.minReplicas))
        errors.emplace_back("autoscaling.max_replicas: expected 0 (no limit) or ≥ min_replicas");
    if (!finiteNonNegative(a.scaleUpDelayMinutes) || !finiteNonNegative(a.scaleDownDelayMinutes))
        errors.emplace_back("autoscaling.scale_up/down_delay_minutes: expected finite numbers ≥ 0");
    if (!finiteNonNegative(a.diskBandwidthGBps) || !finiteNonNegative(a.engineStartSeconds))
        errors.emplace_back("autoscaling.disk_bandwidth_gbps/engine_start_seconds: expected finite numbers ≥ 0");
}

void checkMoney(std::vector<std::string>& errors, const Scenario& s) {
    if (!std::isfinite(s.hoursPerMonth) || s.hoursPerMonth <= 0 || s.hoursPerMonth > 744)
        errors.emplace_back("hours_per_month: expected 0 < hours ≤ 744 (730 or 720)");
    if (!finiteNonNegative(s.monthlyBudget))
        errors.emplace_back("budget: expected a finite amount ≥ 0 (0 = none)");
    if (s.maxInstances < 0)
        errors.emplace_back("max_instances: expected ≥ 0 (0 = no cap)");
    for (const ProviderDiscount& d : s.discounts)
        if (!fraction(d.fraction) || d.fraction >= 1)
            errors.push_back("discounts." + d.provider + ": expected a fraction 0 ≤ f < 1");
    if (!fraction(s.spot.share))
        errors.emplace_back("spot.share: expected a fraction 0..1");
    if (!finiteNonNegative(s.spot.interruptionsPerHour) || !finiteNonNegative(s.spot.replacementMinutes))
        errors.emplace_back("spot.interruptions_per_hour/replacement_minutes: expected finite numbers ≥ 0");
    for (const OnPremServer& o : s.onPrem) {
        const std::string f = "on_prem." + o.name;
        if (o.name.empty())
            errors.emplace_back("on_prem.name: expected a non-empty name");
        if (o.gpuCount < 1)
            errors.push_back(f + ".gpu_count: expected ≥ 1");
        if (!finiteNonNegative(o.purchasePrice) || !finiteNonNegative(o.powerKw) ||
            !finiteNonNegative(o.electricityPerKwh) || !finiteNonNegative(o.hostingPerMonth))
            errors.push_back(f + ": expected finite amounts ≥ 0");
        if (!std::isfinite(o.amortisationYears) || o.amortisationYears <= 0)
            errors.push_back(f + ".amortisation_years: expected > 0");
        if (!fraction(o.utilisation))
            errors.push_back(f + ".utilisation: expected a fraction 0..1");
        if (!std::isfinite(o.pue) || o.pue < 1)
            errors.push_back(f + ".pue: expected ≥ 1");
    }
}

} // namespace

std::string_view toString(WorkloadPreset preset) {
    return nameOf(kWorkloadPresets, preset);
}
std::optional<WorkloadPreset> parseWorkloadPreset(std::string_view text) {
    return valueOf(kWorkloadPresets, text);
}
std::string_view toString(TrafficPreset preset) {
    return nameOf(kTrafficPresets, preset);
}
std::optional<TrafficPreset> parseTrafficPreset(std::string_view text) {
    return valueOf(kTrafficPresets, text);
}
std::string_view toString(DiskKind kind) {
    return nameOf(kDiskKinds, kind);
}
std::optional<DiskKind> parseDiskKind(std::string_view text) {
    return valueOf(kDiskKinds, text);
}

std::string_view toString(MtpMode mode) {
    return nameOf(kMtpModes, mode);
}
std::optional<MtpMode> parseMtpMode(std::string_view text) {
    return valueOf(kMtpModes, text);
}
std::string_view toString(DisaggregationMode mode) {
    return nameOf(kDisaggregationModes, mode);
}
std::optional<DisaggregationMode> parseDisaggregationMode(std::string_view text) {
    return valueOf(kDisaggregationModes, text);
}

bool hasMtpHead(const ModelSpec& model) {
    return model.architecture == "DeepseekV3ForCausalLM" || model.architecture == "Glm4MoeForCausalLM";
}

Precision nativePrecision(const ModelSpec& model) {
    std::string d;
    for (char c : model.nativeDtype)
        d += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (d.rfind("fp8", 0) == 0 || d.rfind("float8", 0) == 0)
        return Precision::FP8;
    if (d.rfind("mxfp4", 0) == 0 || d.rfind("nvfp4", 0) == 0 || d.rfind("fp4", 0) == 0)
        return Precision::FP4;
    if (d.rfind("int8", 0) == 0)
        return Precision::INT8;
    if (d.rfind("int4", 0) == 0)
        return Precision::INT4;
    if (d.rfind("float32", 0) == 0 || d.rfind("fp32", 0) == 0)
        return Precision::FP32;
    return Precision::BF16;
}

Workload workloadForPreset(WorkloadPreset preset) {
    Workload w;
    switch (preset) {
    case WorkloadPreset::Chat:
        w.inputTokens = logNormal(512, 256, 16, 4096);
        w.outputTokens = logNormal(256, 128, 8, 2048);
        break;
    case WorkloadPreset::Rag:
        // Retrieved passages make long prompts and short answers.
        w.inputTokens = logNormal(4096, 1024, 512, 16384);
        w.outputTokens = logNormal(256, 128, 16, 1024);
        break;
    case WorkloadPreset::LongReasoning:
        // R1-style thinking: short prompts, thousands of output tokens.
        w.inputTokens = logNormal(512, 256, 16, 4096);
        w.outputTokens = logNormal(4096, 2048, 256, 16384);
        break;
    case WorkloadPreset::Custom:
        break;
    }
    return w;
}

std::vector<double> TrafficProfile::presetFractions(TrafficPreset preset, bool week) {
    std::vector<double> out;
    const int days = week ? 7 : 1;
    out.reserve(static_cast<std::size_t>(24 * days));
    for (int day = 0; day < days; ++day) {
        const double factor = day >= 5 ? weekendFactor(preset) : 1.0; // day 0 = Monday
        for (int hour = 0; hour < 24; ++hour) {
            double f = dayFraction(preset, hour);
            if (factor < 1.0)
                f = preset == TrafficPreset::BusinessHours ? dayFraction(preset, 0) : f * factor;
            out.push_back(f);
        }
    }
    return out;
}

std::vector<double> TrafficProfile::fractions() const {
    if (preset == TrafficPreset::Custom)
        return hourly;
    return presetFractions(preset, false);
}

double Scenario::discountFor(std::string_view provider) const {
    for (const ProviderDiscount& d : discounts)
        if (d.provider == provider)
            return d.fraction;
    return 0;
}

std::vector<std::string> validateScenario(const Scenario& s) {
    std::vector<std::string> errors;
    if (s.models.empty())
        errors.emplace_back("models: expected at least one model id");
    if (s.precisions.empty())
        errors.emplace_back("precisions: expected at least one precision");
    if (s.engines.empty())
        errors.emplace_back("engines: expected at least one serving engine");
    for (int tp : s.tensorParallel)
        if (tp < 1 || tp > 64 || (tp & (tp - 1)) != 0)
            errors.push_back("tensor_parallel: expected powers of two 1..64, got " + std::to_string(tp));
    checkLength(errors, "workload.input_tokens", s.workload.inputTokens);
    checkLength(errors, "workload.output_tokens", s.workload.outputTokens);
    if (!std::isfinite(s.qps) || s.qps <= 0)
        errors.emplace_back("qps: expected a request rate > 0");
    if (!finiteNonNegative(s.qpsMin) || !finiteNonNegative(s.qpsMax) || (s.qpsMax > 0 && s.qpsMax <= s.qpsMin))
        errors.emplace_back("qps_min/qps_max: expected 0 ≤ qps_min < qps_max (qps_max 0 = 2 × qps)");
    if (!finiteNonNegative(s.slo.ttftMs) || !finiteNonNegative(s.slo.tpotMs))
        errors.emplace_back("slo.ttft_ms/tpot_ms: expected finite targets ≥ 0 (0 = none)");
    if (!(s.slo.ttftPercentile > 0 && s.slo.ttftPercentile < 1) ||
        !(s.slo.tpotPercentile > 0 && s.slo.tpotPercentile < 1))
        errors.emplace_back("slo.*_percentile: expected 0 < p < 1 (0.95 = p95)");
    if (!std::isfinite(s.cacheHitRate) || s.cacheHitRate < 0 || s.cacheHitRate >= 1)
        errors.emplace_back("cache_hit_rate: expected a fraction 0 ≤ f < 1");
    if (!std::isfinite(s.workload.prefixCacheHitRate) || s.workload.prefixCacheHitRate < 0 ||
        s.workload.prefixCacheHitRate >= 1)
        errors.emplace_back("workload.prefix_cache_hit_rate: expected a fraction 0 ≤ f < 1");
    if (s.mtpDraftTokens < 1 || s.mtpDraftTokens > 8)
        errors.push_back("mtp.draft_tokens: expected 1..8, got " + std::to_string(s.mtpDraftTokens));
    if (!std::isfinite(s.mtpAcceptanceRate) || s.mtpAcceptanceRate <= 0 || s.mtpAcceptanceRate >= 1)
        errors.emplace_back("mtp.acceptance_rate: expected a fraction 0 < a < 1");
    checkMoney(errors, s);
    checkAutoscaling(errors, s.autoscaling);
    if (s.traffic.preset == TrafficPreset::Custom) {
        const std::size_t n = s.traffic.hourly.size();
        if (n != 24 && n != 168)
            errors.push_back("traffic.hourly: expected 24 or 168 values, got " + std::to_string(n));
        if (!std::all_of(s.traffic.hourly.begin(), s.traffic.hourly.end(), fraction))
            errors.emplace_back("traffic.hourly: expected fractions of the peak in 0..1");
    }
    if (s.top < 0)
        errors.emplace_back("top: expected ≥ 0 (0 = all)");
    return errors;
}

} // namespace serveplan
