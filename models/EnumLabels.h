#pragma once
// The one table of user-facing (translated) labels of the engine's enums: every combo box, check box,
// table cell, dialog, details pane and the report shows these, so the screen and the report word a
// thing the same way (issue 14, "one house, one vocabulary"). The report may add words around a label
// ("Business hours (09–18), 24 hourly values, …") but never rewords it. The text names for files, the
// database and the command line stay the engine's toString()/parse…() functions. Pricing plans and
// upfront options have their table in PricingPlanLabels (with its column titles).
//
// Each enum has its label() overload (a switch without a default, so a new enumerator makes the
// compiler ask for its label here) and its list of enumerators in the order pickers show them.
#include "catalog/ModelSpec.h"
#include "catalog/Precision.h"
#include "perf/PerfTypes.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"

#include <QString>

#include <span>

namespace serveplan::models {

class EnumLabels final {
public:
    /// "Flat", "Diurnal (peak 15:00)", "Business hours (09–18)", "Spiky", "Custom"
    static QString label(TrafficPreset preset);
    /// "Custom", "Chat", "RAG (long prompts)", "Long reasoning"
    static QString label(WorkloadPreset preset);
    /// "Fixed", "Uniform", "Normal", "Log-normal", "Exponential"
    static QString label(LengthDistribution::Kind kind);
    /// "Analytic (closed form)", "Simulated (continuous-batching simulator)"
    static QString label(CapacityMethod method);
    /// "vLLM", "SGLang", "TensorRT-LLM", …, "Generic"
    static QString label(ServingEngine engine);
    /// The label of the engine a text name names (a calibration's or load test's `engine` field:
    /// "sglang" -> "SGLang"); the name itself where no engine has it.
    static QString engineLabel(std::string_view engineName);
    /// "OK", "Does not fit", "No price", "Misses SLO", "Over budget"
    static QString label(PlanStatus status);
    /// "BF16", "FP8", …: the engine's name of a precision in capitals (not translated).
    static QString label(Precision precision);
    /// "MHA", "GQA", "MQA", "MLA" (not translated).
    static QString label(AttentionType attention);
    /// "Try with and without", "Always", "Never"
    static QString label(MtpMode mode);
    /// "MoE models at high load", "Every plan", "Never"
    static QString label(DisaggregationMode mode);

    // Every enumerator, in the order pickers list them.
    static std::span<const TrafficPreset> trafficPresets();
    static std::span<const WorkloadPreset> workloadPresets();
    static std::span<const LengthDistribution::Kind> lengthKinds();
    static std::span<const CapacityMethod> capacityMethods();
    static std::span<const ServingEngine> servingEngines();
    static std::span<const PlanStatus> planStatuses();
    static std::span<const Precision> precisions();
    static std::span<const AttentionType> attentionTypes();
    static std::span<const MtpMode> mtpModes();
    static std::span<const DisaggregationMode> disaggregationModes();
};

} // namespace serveplan::models
