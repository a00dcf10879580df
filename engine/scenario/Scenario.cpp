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

void checkLength(std::vector<Message>& errors, const char* field, const LengthDistribution& d) {
    const std::string f = field;
    if (!std::isfinite(d.mean) || d.mean < 1)
        errors.push_back(scenarioProblem(f + ".mean", MessageCode::ExpectTokensAtLeastOne));
    if (!finiteNonNegative(d.stddev))
        errors.push_back(scenarioProblem(f + ".stddev", MessageCode::ExpectFiniteNonNegative));
    if (!finiteNonNegative(d.min) || !finiteNonNegative(d.max) || (d.max > 0 && d.min > d.max))
        errors.push_back(scenarioProblem(f + ".min/max", MessageCode::ExpectMinNotAboveMax));
}

void checkAutoscaling(std::vector<Message>& errors, const AutoscalingPolicy& a) {
    if (!std::isfinite(a.targetUtilization) || a.targetUtilization <= 0 || a.targetUtilization > 1)
        errors.push_back(scenarioProblem("autoscaling.target_utilization", MessageCode::ExpectUtilizationTarget));
    if (a.minReplicas < 0)
        errors.push_back(scenarioProblem("autoscaling.min_replicas", MessageCode::ExpectNonNegative));
    if (a.maxReplicas < 0 || (a.maxReplicas > 0 && a.maxReplicas < a.minReplicas))
        errors.push_back(scenarioProblem("autoscaling.max_replicas", MessageCode::ExpectMaxReplicas));
    if (!finiteNonNegative(a.scaleUpDelayMinutes) || !finiteNonNegative(a.scaleDownDelayMinutes))
        errors.push_back(scenarioProblem("autoscaling.scale_up/down_delay_minutes", MessageCode::ExpectFiniteNumbers));
    if (!finiteNonNegative(a.diskBandwidthGBps) || !finiteNonNegative(a.engineStartSeconds))
        errors.push_back(
            scenarioProblem("autoscaling.disk_bandwidth_gbps/engine_start_seconds", MessageCode::ExpectFiniteNumbers));
}

void checkOnPrem(std::vector<Message>& errors, const OnPremServer& o) {
    const std::string f = "on_prem." + o.name;
    if (o.name.empty())
        errors.push_back(scenarioProblem("on_prem.name", MessageCode::ExpectNonEmptyName));
    if (o.gpuCount < 1)
        errors.push_back(scenarioProblem(f + ".gpu_count", MessageCode::ExpectAtLeastOne));
    if (!finiteNonNegative(o.purchasePrice) || !finiteNonNegative(o.powerKw) ||
        !finiteNonNegative(o.electricityPerKwh) || !finiteNonNegative(o.hostingPerMonth))
        errors.push_back(scenarioProblem(f, MessageCode::ExpectFiniteAmounts));
    if (!std::isfinite(o.amortisationYears) || o.amortisationYears <= 0)
        errors.push_back(scenarioProblem(f + ".amortisation_years", MessageCode::ExpectPositive));
    if (!fraction(o.utilisation))
        errors.push_back(scenarioProblem(f + ".utilisation", MessageCode::ExpectFraction));
    if (!std::isfinite(o.pue) || o.pue < 1)
        errors.push_back(scenarioProblem(f + ".pue", MessageCode::ExpectAtLeastOne));
}

void checkMoney(std::vector<Message>& errors, const Scenario& s) {
    if (!std::isfinite(s.hoursPerMonth) || s.hoursPerMonth <= 0 || s.hoursPerMonth > 744)
        errors.push_back(scenarioProblem("hours_per_month", MessageCode::ExpectHoursPerMonth));
    if (!finiteNonNegative(s.monthlyBudget))
        errors.push_back(scenarioProblem("budget", MessageCode::ExpectBudget));
    if (s.maxInstances < 0)
        errors.push_back(scenarioProblem("max_instances", MessageCode::ExpectMaxInstances));
    for (const ProviderDiscount& d : s.discounts)
        if (!fraction(d.fraction) || d.fraction >= 1)
            errors.push_back(scenarioProblem("discounts." + d.provider, MessageCode::ExpectFractionBelowOne));
    if (!fraction(s.spot.share))
        errors.push_back(scenarioProblem("spot.share", MessageCode::ExpectFraction));
    if (!finiteNonNegative(s.spot.interruptionsPerHour) || !finiteNonNegative(s.spot.replacementMinutes))
        errors.push_back(
            scenarioProblem("spot.interruptions_per_hour/replacement_minutes", MessageCode::ExpectFiniteNumbers));
    for (const OnPremServer& o : s.onPrem)
        checkOnPrem(errors, o);
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
    out.reserve(std::size_t{24} * static_cast<std::size_t>(days));
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

Message scenarioProblem(std::string field, MessageCode expected, std::vector<MessageArg> args) {
    return Message(MessageCode::ScenarioField,
                   {MessageArg::name(std::move(field)), MessageArg::message(Message(expected, std::move(args)))});
}

std::vector<Message> validateScenario(const Scenario& s) {
    std::vector<Message> errors;
    if (s.models.empty())
        errors.push_back(scenarioProblem("models", MessageCode::ExpectAtLeastOneModel));
    if (s.precisions.empty())
        errors.push_back(scenarioProblem("precisions", MessageCode::ExpectAtLeastOnePrecision));
    if (s.engines.empty())
        errors.push_back(scenarioProblem("engines", MessageCode::ExpectAtLeastOneEngine));
    for (int tp : s.tensorParallel)
        if (tp < 1 || tp > 64 || (tp & (tp - 1)) != 0)
            errors.push_back(
                scenarioProblem("tensor_parallel", MessageCode::ExpectTpPowerOfTwo, {MessageArg::integer(tp)}));
    checkLength(errors, "workload.input_tokens", s.workload.inputTokens);
    checkLength(errors, "workload.output_tokens", s.workload.outputTokens);
    if (!std::isfinite(s.qps) || s.qps <= 0)
        errors.push_back(scenarioProblem("qps", MessageCode::ExpectPositiveRequestRate));
    if (!finiteNonNegative(s.qpsMin) || !finiteNonNegative(s.qpsMax) || (s.qpsMax > 0 && s.qpsMax <= s.qpsMin))
        errors.push_back(scenarioProblem("qps_min/qps_max", MessageCode::ExpectQpsRange));
    if (!finiteNonNegative(s.slo.ttftMs) || !finiteNonNegative(s.slo.tpotMs))
        errors.push_back(scenarioProblem("slo.ttft_ms/tpot_ms", MessageCode::ExpectSloTargets));
    if (!(s.slo.ttftPercentile > 0 && s.slo.ttftPercentile < 1) ||
        !(s.slo.tpotPercentile > 0 && s.slo.tpotPercentile < 1))
        errors.push_back(scenarioProblem("slo.*_percentile", MessageCode::ExpectPercentile));
    if (!std::isfinite(s.cacheHitRate) || s.cacheHitRate < 0 || s.cacheHitRate >= 1)
        errors.push_back(scenarioProblem("cache_hit_rate", MessageCode::ExpectFractionBelowOne));
    if (!std::isfinite(s.workload.prefixCacheHitRate) || s.workload.prefixCacheHitRate < 0 ||
        s.workload.prefixCacheHitRate >= 1)
        errors.push_back(scenarioProblem("workload.prefix_cache_hit_rate", MessageCode::ExpectFractionBelowOne));
    if (s.mtpDraftTokens < 1 || s.mtpDraftTokens > 8)
        errors.push_back(scenarioProblem("mtp.draft_tokens", MessageCode::ExpectDraftTokens,
                                         {MessageArg::integer(s.mtpDraftTokens)}));
    if (!std::isfinite(s.mtpAcceptanceRate) || s.mtpAcceptanceRate <= 0 || s.mtpAcceptanceRate >= 1)
        errors.push_back(scenarioProblem("mtp.acceptance_rate", MessageCode::ExpectAcceptanceRate));
    checkMoney(errors, s);
    checkAutoscaling(errors, s.autoscaling);
    if (s.traffic.preset == TrafficPreset::Custom) {
        const std::size_t n = s.traffic.hourly.size();
        if (n != 24 && n != 168)
            errors.push_back(scenarioProblem("traffic.hourly", MessageCode::ExpectHourlyValues,
                                             {MessageArg::integer(static_cast<long long>(n))}));
        if (!std::all_of(s.traffic.hourly.begin(), s.traffic.hourly.end(), fraction))
            errors.push_back(scenarioProblem("traffic.hourly", MessageCode::ExpectHourlyFractions));
    }
    if (s.top < 0)
        errors.push_back(scenarioProblem("top", MessageCode::ExpectTop));
    return errors;
}

} // namespace serveplan
