#pragma once
// Every input of one planning pass, in one plain struct. The GUI edits it, `*.serveplan` files store
// it (models/ScenarioFile), `serveplan-cli plan` builds it from flags, and the Planner reads it.
// It is the single source of truth: nothing the planner uses lives anywhere else.
#include "catalog/InstanceSpec.h"
#include "catalog/ModelSpec.h"
#include "catalog/Precision.h"
#include "common/Message.h"
#include "perf/PerfTypes.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// Named request-length mixes (DESIGN.md §1; MODELING.md "reasoning-length presets").
enum class WorkloadPreset { Custom, Chat, Rag, LongReasoning };
std::string_view toString(WorkloadPreset preset);
/// `custom | chat | rag | long_reasoning`
std::optional<WorkloadPreset> parseWorkloadPreset(std::string_view text);
/// The prompt/output length distributions of a preset (Custom returns the 512/256 default).
Workload workloadForPreset(WorkloadPreset preset);

/// Shapes of a day (or week) of traffic.
enum class TrafficPreset { Flat, Diurnal, BusinessHours, Spiky, Custom };
std::string_view toString(TrafficPreset preset);
/// `flat | diurnal | business_hours | spiky | custom`
std::optional<TrafficPreset> parseTrafficPreset(std::string_view text);

/// Load over time as fractions of the peak: `Scenario::qps` is the peak request rate and hour h
/// carries `qps × hourly[h]`. 24 values = one day repeated; 168 values = a week (Monday 00:00 first).
struct TrafficProfile {
    TrafficPreset preset = TrafficPreset::Flat;
    std::vector<double> hourly; ///< only read when preset == Custom; 24 or 168 values in [0, 1]

    /// The 24 or 168 fractions this profile stands for (presets expanded; Custom as given).
    std::vector<double> fractions() const;
    /// A preset's shape over one day (24 values) or one week (168 values).
    static std::vector<double> presetFractions(TrafficPreset preset, bool week = false);
};

/// Where a replica loads its weights from when it starts (cold start = weights ÷ bandwidth + engine start).
enum class DiskKind { Nvme, NetworkDisk };
std::string_view toString(DiskKind kind);
/// `nvme | network_disk`
std::optional<DiskKind> parseDiskKind(std::string_view text);

/// A Kubernetes-HPA-like policy for the autoscaling simulation.
struct AutoscalingPolicy {
    bool enabled = false;
    double targetUtilization = 0.7; ///< desired replicas = ceil(load ÷ (capacity × target)), 0 < t ≤ 1
    int minReplicas = 1;
    int maxReplicas = 0;              ///< 0 = no upper limit besides Scenario::maxInstances
    double scaleUpDelayMinutes = 1;   ///< how long the metric must stay above target before scaling up
    double scaleDownDelayMinutes = 5; ///< stabilisation window before scaling down (HPA default 5 min)
    DiskKind disk = DiskKind::Nvme;
    double diskBandwidthGBps = 0;   ///< 0 = the disk kind's default (NVMe 2.0 GB/s, network disk 0.25 GB/s)
    double engineStartSeconds = 60; ///< engine start-up after the weights are read (CUDA graphs, warm-up)
    bool simulateWeek = false;      ///< 7 × 24 h instead of 24 h (a 24-value profile repeats)
};

/// Running part of the fleet on spot/preemptible capacity.
struct SpotSettings {
    double share = 0;                   ///< fraction of the instances on spot, 0..1
    double interruptionsPerHour = 0.05; ///< per spot instance
    double replacementMinutes = 10;     ///< until a replacement spot instance serves
    bool onDemandFallback = true;       ///< replace interrupted spot instances with on-demand ones (cold start)
};

/// A reserved (or subscription) base plus on-demand (or spot) burst, base chosen to minimise cost.
struct BurstMix {
    bool enabled = false;
    PricingPlan base = PricingPlan::Reserved1y;
    PricingPlan burst = PricingPlan::OnDemand;
};

/// A user's discount off a provider's list prices (enterprise agreements, credits).
struct ProviderDiscount {
    std::string provider;
    double fraction = 0; ///< 0..1; 0.2 = 20 % off
};

/// An owned server, priced as an hourly-equivalent instance next to the clouds.
struct OnPremServer {
    std::string name;  ///< instance_type in results, e.g. "dgx-h100-rack1"
    std::string gpuId; ///< gpus.csv gpu_id
    int gpuCount = 1;
    double purchasePrice = 0; ///< whole server, in `currency`
    std::string currency = "USD";
    double amortisationYears = 3;
    double powerKw = 0;           ///< draw at full load, kW
    double utilisation = 0.6;     ///< average share of full-load power actually drawn, 0..1
    double pue = 1.4;             ///< power usage effectiveness of the room (≥ 1)
    double electricityPerKwh = 0; ///< in `currency`
    double hostingPerMonth = 0;   ///< rack, network, support, in `currency`
};

/// Multi-token prediction (speculative decoding with the model's own MTP head).
enum class MtpMode {
    Auto, ///< try each layout with and without MTP, for models that carry an MTP head
    Off,  ///< never
    On,   ///< always, for models that carry an MTP head (others plan without)
};
std::string_view toString(MtpMode mode);
/// `auto | off | on`
std::optional<MtpMode> parseMtpMode(std::string_view text);

/// Prefill/decode disaggregation: a prefill pool plus a decode pool instead of one kind of replica.
enum class DisaggregationMode {
    Auto, ///< MoE models whose load needs more than one instance: try it, keep it where cheaper
    Off,  ///< aggregated replicas only
    On,   ///< try it for every model and load, keep it where cheaper
};
std::string_view toString(DisaggregationMode mode);
/// `auto | off | on`
std::optional<DisaggregationMode> parseDisaggregationMode(std::string_view text);

/// Published defaults for MTP. DeepSeek-V3 technical report (arXiv 2412.19437, §5.4.3): with one
/// MTP module "the acceptance rate of the second token prediction ranges between 85% and 90%"; the
/// engines run R1's single MTP module with 1 draft token by default (SGLang NEXTN/EAGLE, vLLM
/// `deepseek_mtp` num_speculative_tokens 1).
inline constexpr int kDefaultMtpDraftTokens = 1;
inline constexpr double kDefaultMtpAcceptanceRate = 0.85;

/// Does the model carry a multi-token-prediction head the engines can draft with? (DeepSeek-V3/R1:
/// num_nextn_predict_layers 1; GLM-4.5: 1.)
bool hasMtpHead(const ModelSpec& model);
/// The model's native weight precision from models.csv native_dtype ("fp8_e4m3 (...)" → FP8,
/// "mxfp4 ..." → FP4); 16-bit dtypes give BF16 (BF16 and FP16 plan the same).
Precision nativePrecision(const ModelSpec& model);

struct Scenario {
    std::string name;

    // What to deploy and where.
    std::vector<std::string> models;    ///< model ids (models.csv); at least one
    std::vector<std::string> instances; ///< "provider:type" or "provider:type@region"; empty = every instance
    std::vector<std::string> gpus;      ///< gpu ids: keep only instances with these GPUs (empty = any)
    std::vector<std::string> providers; ///< empty = every provider
    std::vector<std::string> regions;   ///< empty = every region
    bool allowMig = false;              ///< also consider MIG slices of MIG-capable GPUs
    std::vector<Precision> precisions{Precision::BF16}; ///< weight precisions to consider
    /// Also try each model's native weight precision (nativePrecision: FP8 for DeepSeek-R1) when
    /// `precisions` does not hold it.
    bool nativePrecision = true;
    std::optional<Precision> kvCachePrecision; ///< empty = 16-bit (BF16) KV cache
    std::vector<ServingEngine> engines{ServingEngine::Vllm};
    std::vector<int> tensorParallel; ///< TP degrees; empty = every power of two up to the instance's GPUs
    bool allowMultiNode = true;      ///< pipeline across instances when one instance is too small
    /// MoE models: attention data-parallel + expert-parallel layouts (DP8·EP8, TP4·DP2·EP8, …)
    /// within an instance, and EP across 2–18 instances when one instance does not fit or serve the
    /// load cheaper.
    bool expertParallel = true;
    MtpMode mtp = MtpMode::Auto;
    int mtpDraftTokens = kDefaultMtpDraftTokens;          ///< draft tokens per decode step with MTP, 1..8
    double mtpAcceptanceRate = kDefaultMtpAcceptanceRate; ///< per draft token, 0 < a < 1
    DisaggregationMode disaggregation = DisaggregationMode::Auto;
    /// Keep an aggregated and a disaggregated row per candidate even when one is dearer (the cheaper
    /// one alone otherwise).
    bool showBothModes = false;
    /// Use the calibrations applied to the GPUs (Catalog::calibrations, from probe runs and load
    /// tests) in place of the engines' default efficiencies; false = the uncalibrated profiles.
    bool useCalibration = true;

    // Workload.
    WorkloadPreset workloadPreset = WorkloadPreset::Custom;
    Workload workload; ///< prompt/output lengths (a preset overwrites it when chosen)
    double qps = 1;    ///< peak requests per second
    double qpsMin = 0; ///< cost-curve range; qpsMax 0 = 2 × qps
    double qpsMax = 0;
    Slo slo;
    double cacheHitRate = 0; ///< share of requests answered by a response cache, 0..1 (< 1)
    // workload.prefixCacheHitRate: share of prompt tokens served from the engine's prefix cache.
    CapacityMethod capacityMethod = CapacityMethod::Analytic;

    // Money.
    PricingPlan pricing = PricingPlan::OnDemand;
    std::string currency = "USD"; ///< results in this currency (dated FX table)
    std::string fxDate;           ///< use the newest rate on or before this ISO date; empty = newest
    std::string priceDate;        ///< each instance's newest price on or before this ISO date; empty = newest
    double hoursPerMonth = 730;   ///< 730 (cloud convention) or 720 (24 × 30)
    double monthlyBudget = 0;     ///< in `currency`; 0 = no budget
    int maxInstances = 0;         ///< 0 = no cap
    std::vector<ProviderDiscount> discounts;
    BurstMix burstMix;
    SpotSettings spot;
    std::vector<OnPremServer> onPrem;

    // Time.
    TrafficProfile traffic;
    AutoscalingPolicy autoscaling;

    // Output.
    int top = 0; ///< rows to print/keep in reports; 0 = all

    /// The discount fraction for a provider (0 when none is set).
    double discountFor(std::string_view provider) const;
};

/// Checks ranges and consistency (no catalog lookups): NaN/negative values, fractions outside 0..1,
/// hours per month, profile lengths. Each problem is a scenarioProblem naming its field.
std::vector<Message> validateScenario(const Scenario& scenario);
/// "FIELD: what it expects" (MessageCode::ScenarioField): `field` is the scenario file's key, shown
/// untranslated; `expected` one of the Expect… codes (or another reason) with its arguments.
Message scenarioProblem(std::string field, MessageCode expected, std::vector<MessageArg> args = {});

} // namespace serveplan
