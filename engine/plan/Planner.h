#pragma once
// The planning pass: Scenario + Catalog → ranked plans and cost-versus-QPS curves.
// Candidates are model × instance (or MIG slice) × precision × serving engine × parallel layout.
// Each gets a memory fit, an SLO-aware per-replica capacity (perf/estimateCapacity), the replicas
// its load needs after cache hits, a price (cost/Pricing), monthly cost, cost per million tokens,
// and optionally an autoscaling day, a spot mix and a reserved+burst mix. Deterministic: the same
// scenario and catalog give the same rows in the same order.
#include "catalog/Catalog.h"
#include "common/Result.h"
#include "cost/Autoscaler.h"
#include "cost/BurstMix.h"
#include "cost/CostModel.h"
#include "cost/Spot.h"
#include "perf/Disaggregation.h"
#include "perf/PerfTypes.h"
#include "scenario/Scenario.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

enum class PlanStatus : std::uint8_t { Ok, NoFit, NoPrice, SloMiss, OverBudget };
/// `ok | no_fit | no_price | slo_miss | over_budget` (DESIGN.md §3.1)
std::string_view toString(PlanStatus status);

/// One pool of a disaggregated plan (prefill or decode): identical replicas of one layout.
struct PoolPlan {
    int tp = 1;
    int pp = 1;
    int attentionDp = 1;
    int ep = 1;
    int mtpDraftTokens = 0;      ///< decode pool only
    int replicas = 0;            ///< in this pool
    int replicasPerInstance = 1; ///< several small replicas can share one instance
    int instancesPerReplica = 1;
    int instances = 0;                ///< in this pool
    double capacityQpsPerReplica = 0; ///< within this pool's SLO term
    Estimate ttftMs;                  ///< prefill pool: TTFT at its capacity, KV transfer included
    Estimate tpotMs;                  ///< decode pool: TPOT at its capacity
    MemoryFit memory;                 ///< one GPU of a replica
    std::string layoutText() const;   ///< "DP8 EP8", "TP4 DP2 EP8", "TP8"
};

/// The two pools of a disaggregated (prefill/decode, xPyD) plan.
struct DisaggregatedPlan {
    PoolPlan prefill;
    PoolPlan decode;
    double kvTransferMs = 0;     ///< one mean prompt's KV cache from a prefill to a decode replica
    double kvBytesPerPrompt = 0; ///< bytes sent per mean prompt
};

/// What a plan with a price may add to its cost. Kept off PlanRow: most rows of a sweep never get
/// any, and a full-catalog sweep holds about a million rows.
struct PlanExtras {
    AutoscalingOutcome autoscaling;
    SpotOutcome spot;
    BurstMixOutcome burstMix;
};

/// One candidate plan. Pointers refer to the Catalog given to the Planner, or to on-premises
/// instances kept alive by the PlanResult that holds the row.
struct PlanRow {
    int rank = 0; ///< 1-based, after sorting (ok first, then by monthly cost)
    PlanStatus status = PlanStatus::Ok;
    Message message; ///< why not ok (the fit reason, the missing price, the SLO, the budget); empty when ok

    const ModelSpec* model = nullptr;
    const InstanceSpec* instance = nullptr; ///< null for a bare-GPU candidate (no instance carries it)
    const GpuSpec* gpu = nullptr;
    /// The calibration applied to the GPU that the capacity used (a Catalog::calibrations entry);
    /// null = the engine's default profile (none applied, or Scenario::useCalibration off).
    const GpuCalibration* calibration = nullptr;
    std::string migProfile; ///< non-empty for a MIG slice candidate
    double gpuCount = 0;    ///< GPUs per instance
    Precision precision = Precision::BF16;
    ServingEngine engine = ServingEngine::Vllm;
    int tp = 1;
    int pp = 1;                  ///< > 1: the replica pipelines across `pp` instances
    int replicasPerInstance = 1; ///< several small replicas can share one instance (TP < GPUs, MIG)
    int instancesPerReplica = 1;
    int attentionDp = 1;          ///< attention data-parallel groups of `tp` GPUs (DP-attention); 1 = off
    int ep = 1;                   ///< expert-parallel width of the MoE layers; 1 = experts split by TP
    int mtpDraftTokens = 0;       ///< multi-token prediction: draft tokens per decode step (0 = off)
    double mtpAcceptanceRate = 0; ///< per draft token, when MTP is on
    Precision kvCachePrecision = Precision::BF16;
    /// Non-null for a disaggregated plan: its prefill and decode pools. The row's tp/attentionDp/ep
    /// are then the decode pool's; replicas and instances are both pools' sums, and
    /// capacityQpsPerReplica is the fleet capacity ÷ replicas.
    std::shared_ptr<const DisaggregatedPlan> disaggregated;

    // Capacity (one replica) at the SLO.
    double capacityQpsPerReplica = 0;
    Estimate ttftMs; ///< at the SLO percentile (scenario.slo), at the replica's max load
    Estimate tpotMs;
    double outputTokensPerSPerReplica = 0;

    // Sizing for the peak load after cache hits.
    double loadQps = 0; ///< qps × (1 − cache hit rate)
    int replicas = 0;
    int instances = 0;
    double utilisation = 0; ///< load ÷ fleet capacity
    double headroom = 0;    ///< fleet capacity ÷ load − 1

    // Money, in PlanResult::currency.
    PricingPlan pricing = PricingPlan::OnDemand;
    bool hasPrice = false;
    double instanceHourly = 0;             ///< one instance, after discount and FX
    double hourlyCost = 0;                 ///< the fleet
    double monthlyCost = 0;                ///< hourlyCost × hours per month
    double costPerMillionOutputTokens = 0; ///< at the planned load (what the served tokens cost)
    double costPerMillionInputTokens = 0;
    double costPerMillionTotalTokens = 0;
    double costPerMillionOutputTokensAtCapacity = 0; ///< the fleet fully loaded (the provider-comparable figure)
    const Price* price = nullptr; ///< the catalog price used (date, source, currency); null when none

    // Budget and cap.
    double maxQpsWithinBudget = 0; ///< highest peak QPS (before cache) within budget and max instances; 0 = none
    int maxInstancesWithinBudget = 0;

    // Pareto frontier (ok rows only).
    bool paretoCostCapacity = false; ///< no other ok plan is cheaper and has more fleet capacity
    bool paretoCostLatency = false;  ///< no other ok plan is cheaper and has lower p95 end-to-end latency

    /// The autoscaling day or week, spot mix and reserved + burst mix; null when none was computed
    /// (no price, or the scenario asked for none). Read through the three accessors below.
    std::shared_ptr<const PlanExtras> extras;
    const AutoscalingOutcome& autoscaling() const; ///< `simulated` false when none
    const SpotOutcome& spot() const;               ///< `applied` false when none
    const BurstMixOutcome& burstMix() const;       ///< `applied` false when none

    /// GPUs of one replica (tp × attentionDp × pp); a disaggregated plan: of one decode replica.
    int gpusPerReplica() const { return tp * attentionDp * pp; }
    /// The layout as the GUI and CLI show it: `TP8`, `DP8·EP8`, `TP4·DP2·EP8`, `TP8·PP2`,
    /// `DP8·EP8 MTP 1`, `P: 2×(DP8 EP8) / D: 4×(DP8 EP8) MTP 1`.
    std::string layoutText() const;

    std::string provider() const;
    std::string instanceType() const;
    std::string region() const;
    /// p95 TTFT + p95 TPOT × (mean output − 1): the latency used for the cost-vs-latency frontier.
    double e2eLatencyMs(double meanOutputTokens) const;
};

/// One step of a cost-versus-QPS curve: every peak QPS in (qpsFrom, qpsTo] needs `instances`.
using CurveStep = CostStep;

/// The step function of one plan (integer replicas) over the scenario's QPS range.
struct CostCurve {
    int rank = 0;      ///< the PlanRow's rank
    std::string label; ///< "model | provider:type@region | precision engine tpN" (+ the layout when not plain TP)
    bool disaggregated = false; ///< the curve of a disaggregated (prefill + decode pool) plan
    std::vector<CurveStep> steps;
};

struct PlanResult {
    std::vector<PlanRow> rows; ///< sorted by rank
    std::vector<CostCurve> curves;
    std::string currency;
    std::string fxNote; ///< which FX rates (and dates) were used, e.g. "CNY→USD 0.1381122 (2025-05-09, ECB)"
    std::vector<Message> warnings;     ///< instances skipped, calibrations used
    std::size_t candidates = 0;        ///< candidates evaluated
    std::size_t capacityEstimates = 0; ///< distinct estimateCapacity calls (identical deployments are shared)
    bool cancelled = false;
    std::shared_ptr<const std::deque<InstanceSpec>> onPremInstances; ///< owns the rows' on-prem instances

    /// The first row with this rank, or null.
    const PlanRow* byRank(int rank) const;
};

/// The disaggregated capacity the planner calls (perf/estimateDisaggregatedCapacity by default).
using DisaggregationFunction = std::function<DisaggregatedCapacity(
    const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink, const Workload&, const Slo&)>;

/// The capacity function the planner calls (perf/estimateCapacity by default; tests inject known capacities).
using CapacityFunction =
    std::function<CapacityEstimate(const Deployment&, const Workload&, const Slo&, CapacityMethod)>;

struct PlanOptions {
    /// Called now and then with the fraction done, 0..1 (from the planner's thread).
    std::function<void(double)> progress;
    /// Set to true from another thread to stop early; the result then has `cancelled` set.
    const std::atomic<bool>* cancel = nullptr;
    /// Threads that compute capacity estimates (0 = one per hardware thread, 1 = the calling thread
    /// alone). A capacity function given to the Planner is always called from the calling thread only.
    int threads = 0;
    int curvePlans = 10; ///< curves for this many best ok plans (0 = none)
    int maxCurveSteps = 2000;
};

class Planner final {
public:
    /// `catalog` must outlive the planner and every PlanResult it returns.
    explicit Planner(const Catalog& catalog);
    /// With a given capacity function; disaggregated pools are then sized by
    /// `approximateDisaggregation` over that function.
    Planner(const Catalog& catalog, CapacityFunction capacity);
    Planner(const Catalog& catalog, CapacityFunction capacity, DisaggregationFunction disaggregation);

    /// Checks the scenario against the catalog (unknown ids, bad values); an error names the field.
    Result<void> check(const Scenario& scenario) const;
    /// Runs the planning pass. Errors are the check()'s; everything else is a row status.
    Result<PlanResult> run(const Scenario& scenario, const PlanOptions& options = {}) const;

private:
    const Catalog& m_catalog;
    CapacityFunction m_capacity;
    DisaggregationFunction m_disaggregation;
    bool m_capacityIsThreadSafe = false; ///< the default (perf/estimateCapacity) is a pure function
};

/// A planner-side approximation of the pools' capacities from an aggregated capacity function: the
/// prefill replica serves one-token requests within the TTFT target less the KV transfer, the
/// decode replica the whole request within the TPOT target (its steps still carry prefill chunks,
/// so it is conservative). Used with injected capacity functions (tests).
DisaggregatedCapacity approximateDisaggregation(const CapacityFunction& capacity, const Deployment& prefill,
                                                const Deployment& decode, const NetworkLink& kvLink,
                                                const Workload& workload, const Slo& slo,
                                                CapacityMethod method = CapacityMethod::Analytic);

} // namespace serveplan
