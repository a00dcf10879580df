#include "EnumLabels.h"

#include "QtText.h"

#include <QCoreApplication>

namespace serveplan::models {

namespace {

constexpr TrafficPreset kTrafficPresets[] = {TrafficPreset::Flat, TrafficPreset::Diurnal, TrafficPreset::BusinessHours,
                                             TrafficPreset::Spiky, TrafficPreset::Custom};
constexpr WorkloadPreset kWorkloadPresets[] = {WorkloadPreset::Custom, WorkloadPreset::Chat, WorkloadPreset::Rag,
                                               WorkloadPreset::LongReasoning};
constexpr LengthDistribution::Kind kLengthKinds[] = {
    LengthDistribution::Kind::Fixed, LengthDistribution::Kind::Uniform, LengthDistribution::Kind::Normal,
    LengthDistribution::Kind::LogNormal, LengthDistribution::Kind::Exponential};
constexpr CapacityMethod kCapacityMethods[] = {CapacityMethod::Analytic, CapacityMethod::Simulated};
constexpr ServingEngine kServingEngines[] = {ServingEngine::Vllm, ServingEngine::Sglang,   ServingEngine::Trtllm,
                                             ServingEngine::Tgi,  ServingEngine::Lmdeploy, ServingEngine::Llamacpp,
                                             ServingEngine::Mlc,  ServingEngine::Hf,       ServingEngine::Generic};
constexpr PlanStatus kPlanStatuses[] = {PlanStatus::Ok, PlanStatus::NoFit, PlanStatus::NoPrice, PlanStatus::SloMiss,
                                        PlanStatus::OverBudget};
constexpr Precision kPrecisions[] = {Precision::FP32, Precision::BF16, Precision::FP16, Precision::FP8,
                                     Precision::INT8, Precision::INT4, Precision::FP4};
constexpr AttentionType kAttentionTypes[] = {AttentionType::GQA, AttentionType::MHA, AttentionType::MQA,
                                             AttentionType::MLA};
// Pickers offer the default first: "auto" is what a new scenario starts with.
constexpr MtpMode kMtpModes[] = {MtpMode::Auto, MtpMode::On, MtpMode::Off};
constexpr DisaggregationMode kDisaggregationModes[] = {DisaggregationMode::Auto, DisaggregationMode::On,
                                                       DisaggregationMode::Off};

} // namespace

// Switches without a default: adding an enumerator makes the compiler ask for its label here.
QString EnumLabels::label(TrafficPreset preset) {
    switch (preset) {
    case TrafficPreset::Flat:
        return QCoreApplication::translate("TrafficPreset", "Flat");
    case TrafficPreset::Diurnal:
        return QCoreApplication::translate("TrafficPreset", "Diurnal (peak 15:00)");
    case TrafficPreset::BusinessHours:
        return QCoreApplication::translate("TrafficPreset", "Business hours (09–18)");
    case TrafficPreset::Spiky:
        return QCoreApplication::translate("TrafficPreset", "Spiky");
    case TrafficPreset::Custom:
        return QCoreApplication::translate("TrafficPreset", "Custom");
    }
    return qtText(toString(preset));
}

QString EnumLabels::label(WorkloadPreset preset) {
    switch (preset) {
    case WorkloadPreset::Custom:
        return QCoreApplication::translate("WorkloadPreset", "Custom");
    case WorkloadPreset::Chat:
        return QCoreApplication::translate("WorkloadPreset", "Chat");
    case WorkloadPreset::Rag:
        return QCoreApplication::translate("WorkloadPreset", "RAG (long prompts)");
    case WorkloadPreset::LongReasoning:
        return QCoreApplication::translate("WorkloadPreset", "Long reasoning");
    }
    return qtText(toString(preset));
}

QString EnumLabels::label(LengthDistribution::Kind kind) {
    switch (kind) {
    case LengthDistribution::Kind::Fixed:
        return QCoreApplication::translate("LengthDistribution", "Fixed");
    case LengthDistribution::Kind::Uniform:
        return QCoreApplication::translate("LengthDistribution", "Uniform");
    case LengthDistribution::Kind::Normal:
        return QCoreApplication::translate("LengthDistribution", "Normal");
    case LengthDistribution::Kind::LogNormal:
        return QCoreApplication::translate("LengthDistribution", "Log-normal");
    case LengthDistribution::Kind::Exponential:
        return QCoreApplication::translate("LengthDistribution", "Exponential");
    }
    return qtText(toString(kind));
}

QString EnumLabels::label(CapacityMethod method) {
    switch (method) {
    case CapacityMethod::Analytic:
        return QCoreApplication::translate("CapacityMethod", "Analytic (closed form)");
    case CapacityMethod::Simulated:
        return QCoreApplication::translate("CapacityMethod", "Simulated (continuous-batching simulator)");
    }
    return qtText(toString(method));
}

QString EnumLabels::label(ServingEngine engine) {
    // Product names stay as their makers spell them; only the generic profile is a word to translate.
    switch (engine) {
    case ServingEngine::Vllm:
        return QStringLiteral("vLLM");
    case ServingEngine::Sglang:
        return QStringLiteral("SGLang");
    case ServingEngine::Trtllm:
        return QStringLiteral("TensorRT-LLM");
    case ServingEngine::Tgi:
        return QStringLiteral("TGI");
    case ServingEngine::Lmdeploy:
        return QStringLiteral("LMDeploy");
    case ServingEngine::Llamacpp:
        return QStringLiteral("llama.cpp");
    case ServingEngine::Mlc:
        return QStringLiteral("MLC LLM");
    case ServingEngine::Hf:
        return QStringLiteral("HF Transformers");
    case ServingEngine::Generic:
        return QCoreApplication::translate("ServingEngine", "Generic");
    }
    return qtText(toString(engine));
}

QString EnumLabels::engineLabel(std::string_view engineName) {
    const std::optional<ServingEngine> engine = parseServingEngine(engineName);
    return engine ? label(*engine) : qtText(engineName);
}

QString EnumLabels::label(PlanStatus status) {
    switch (status) {
    case PlanStatus::Ok:
        return QCoreApplication::translate("PlanStatus", "OK");
    case PlanStatus::NoFit:
        return QCoreApplication::translate("PlanStatus", "Does not fit");
    case PlanStatus::NoPrice:
        return QCoreApplication::translate("PlanStatus", "No price");
    case PlanStatus::SloMiss:
        return QCoreApplication::translate("PlanStatus", "Misses SLO");
    case PlanStatus::OverBudget:
        return QCoreApplication::translate("PlanStatus", "Over budget");
    }
    return qtText(toString(status));
}

QString EnumLabels::label(Precision precision) {
    return qtText(toString(precision)).toUpper();
}

QString EnumLabels::label(AttentionType attention) {
    switch (attention) {
    case AttentionType::MHA:
        return QStringLiteral("MHA");
    case AttentionType::GQA:
        return QStringLiteral("GQA");
    case AttentionType::MQA:
        return QStringLiteral("MQA");
    case AttentionType::MLA:
        return QStringLiteral("MLA");
    }
    return {};
}

QString EnumLabels::label(MtpMode mode) {
    switch (mode) {
    case MtpMode::Auto:
        return QCoreApplication::translate("MtpMode", "Try with and without");
    case MtpMode::On:
        return QCoreApplication::translate("MtpMode", "Always");
    case MtpMode::Off:
        return QCoreApplication::translate("MtpMode", "Never");
    }
    return qtText(toString(mode));
}

QString EnumLabels::label(DisaggregationMode mode) {
    switch (mode) {
    case DisaggregationMode::Auto:
        return QCoreApplication::translate("DisaggregationMode", "MoE models at high load");
    case DisaggregationMode::On:
        return QCoreApplication::translate("DisaggregationMode", "Every plan");
    case DisaggregationMode::Off:
        return QCoreApplication::translate("DisaggregationMode", "Never");
    }
    return qtText(toString(mode));
}

std::span<const TrafficPreset> EnumLabels::trafficPresets() {
    return kTrafficPresets;
}
std::span<const WorkloadPreset> EnumLabels::workloadPresets() {
    return kWorkloadPresets;
}
std::span<const LengthDistribution::Kind> EnumLabels::lengthKinds() {
    return kLengthKinds;
}
std::span<const CapacityMethod> EnumLabels::capacityMethods() {
    return kCapacityMethods;
}
std::span<const ServingEngine> EnumLabels::servingEngines() {
    return kServingEngines;
}
std::span<const PlanStatus> EnumLabels::planStatuses() {
    return kPlanStatuses;
}
std::span<const Precision> EnumLabels::precisions() {
    return kPrecisions;
}
std::span<const AttentionType> EnumLabels::attentionTypes() {
    return kAttentionTypes;
}
std::span<const MtpMode> EnumLabels::mtpModes() {
    return kMtpModes;
}
std::span<const DisaggregationMode> EnumLabels::disaggregationModes() {
    return kDisaggregationModes;
}

} // namespace serveplan::models
