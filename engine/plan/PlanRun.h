#pragma once
// Internal to engine/plan: the state of one planning pass (`Planner::run`) and the types its files
// share. Each job of the pass has its own file (README.md, "Source files"); nothing outside
// engine/plan includes this header.
#include "cost/Pricing.h"
#include "plan/Planner.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace serveplan::planning {

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

inline std::string joined(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : sep) + p;
    return out;
}

/// `PROVIDER:TYPE` or `PROVIDER:TYPE@REGION` (Scenario::instances).
struct InstanceSelector {
    std::string provider;
    std::string type;
    std::string region; ///< empty = any region
    bool matches(const InstanceSpec& i) const {
        return i.provider == provider && i.instanceType == type && (region.empty() || i.region == region);
    }
};

std::optional<InstanceSelector> parseSelector(const std::string& text);

/// A deployable target: an instance (or an on-premises server) and its GPU.
struct Target {
    const InstanceSpec* instance = nullptr; ///< null: a bare GPU no instance carries
    const GpuSpec* gpu = nullptr;
    ResolvedPrice price;    ///< the scenario's plan (on-demand for on-prem)
    ResolvedPrice onDemand; ///< spot fallback
    ResolvedPrice spot;     ///< spot share
    ResolvedPrice mixBase;  ///< reserved/subscription base of the burst mix
    ResolvedPrice mixBurst;
    std::array<const GpuCalibration*, kServingEngineCount> calibration{}; ///< per engine; null = none applied
};

/// One replica layout on a target.
struct Layout {
    int tp = 1;
    int pp = 1;
    int attentionDp = 1;
    int ep = 1;
    int mtp = 0; ///< MTP draft tokens (0 = off)
    Packing packing;
    std::optional<MigProfile> mig;
    bool expertLayout() const { return ep > 1 || attentionDp > 1; }
};

constexpr std::size_t kJobsPerThread = 8; ///< fewer capacity estimates than this per extra thread: not worth one
constexpr int kMaxPipeline = 16;          ///< deepest pipeline across instances tried for a model no instance holds
constexpr int kMultiNodeSlots = 4;        ///< pipeline depths 2, 4, 8, 16
/// Instances one expert-parallel replica of a MoE model may span (DP-attention + EP over all GPUs).
constexpr std::array<int, 8> kEpNodes{2, 3, 4, 6, 8, 12, 16, 18};
constexpr int kEpNodeSlots = static_cast<int>(kEpNodes.size()) * 2; ///< each with and without MTP
/// Multi-node EP layouts a disaggregated pool may take besides the single-instance ones (kEpNodes indices).
constexpr std::array<int, 2> kPoolEpNodes{0, 2}; ///< 2 and 4 instances
constexpr std::int16_t kPipelined = -1;          ///< Candidate::layout: pipelined over `pp` instances
constexpr std::int16_t kDisaggregatedLayout = std::numeric_limits<std::int16_t>::min();
/// Candidate::layout ≤ kEpMultiNode: EP over kEpNodes[(kEpMultiNode − layout) / 2] instances, MTP when odd.
constexpr std::int16_t kEpMultiNode = -2;

/// One (model, target, precision, engine) combination of the sweep, with the positions that index the
/// capacity table.
struct Combo {
    const ModelSpec* model;
    std::size_t modelIndex;
    std::uint32_t target;
    std::size_t precisionIndex;
    std::size_t engineIndex;
    Precision precision;
    ServingEngine engine;
};

/// A candidate as the first pass keeps it: enough to rank it and to rebuild its full row later.
/// Capacity estimates live in the run's cache (node-based, so the pointers stay valid).
struct Candidate {
    const ModelSpec* model;
    const CapacityEstimate* estimate; ///< null for a disaggregated candidate
    double cost;                      ///< monthly cost when the status carries money, else 0
    double capacityQps;               ///< per replica
    std::uint32_t target;             ///< index into the run's targets
    std::uint32_t disaggregation;     ///< index into the run's disaggregated choices (kDisaggregatedLayout)
    std::int16_t layout; ///< index into the target's layouts; kPipelined, kEpMultiNode − i or kDisaggregatedLayout
    std::uint8_t precisionIndex; ///< into the run's precisions
    std::uint8_t engineIndex;    ///< into the scenario's engines
    std::uint8_t pp;
    PlanStatus status;
};
static_assert(sizeof(Candidate) <= 48, "a candidate record should stay a tenth of a row");

/// The best disaggregated deployment of one (model, class of targets, precision, engine): pool
/// layouts and sizes do not depend on the price, only on the GPU and GPU count, so every target of
/// the class shares it.
struct DisaggregatedChoice {
    Layout prefill;
    Layout decode;
    int prefillReplicas = 0;
    int decodeReplicas = 0;
    int instances = 0;
    DisaggregatedCapacity capacity;
};

/// What ranks a candidate, all the first pass keeps of it: its status, capacity per replica (0 when it
/// does not fit), and with a price its instances and monthly cost. `Run::evaluate` fills a full row.
struct Outcome {
    PlanStatus status = PlanStatus::Ok;
    double capacityQps = 0;
    int instances = 0;
    double monthlyCost = 0;
};

inline bool hasMoney(PlanStatus s) {
    return s == PlanStatus::Ok || s == PlanStatus::OverBudget;
}

/// The planning pass over one scenario. Holds the per-run state so Planner stays const and reentrant.
/// Its member functions are defined in the file of their job (the comments below name them).
class Run {
public:
    Run(const Catalog& catalog, const CapacityFunction& capacity, const DisaggregationFunction& disaggregation,
        bool capacityIsThreadSafe, const Scenario& scenario, const PlanOptions& options);

    PlanResult execute();

private:
    // Planner.cpp: the order of the pass.
    void finish();
    static std::size_t threadsFor(const PlanOptions& options);

    // PlanTargets.cpp: what is planned — the targets (instances, on-premises servers, bare GPUs) and
    // the models' precisions.
    bool passesFilters(const InstanceSpec& i) const;
    void addTarget(const InstanceSpec& i);
    void buildTargets();
    void resolveCalibrations(Target& t) const;
    void addBareGpus();
    void resolveModels();

    // PlanLayouts.cpp: the replica layouts a target and a model take.
    bool applies(std::size_t modelIndex, const Layout& l) const;
    std::vector<Layout> layoutsFor(const Target& t) const;
    static Layout multiNodeLayout(const Target& t, int pp);
    Layout expertMultiNodeLayout(const Target& t, int code) const;
    static bool spansNodes(const Target& t);
    void prepareLayouts();
    void shareLayoutsAcrossClasses(const std::map<std::pair<const GpuSpec*, double>, std::uint32_t>& classes);
    const std::vector<Layout>& layoutsOf(std::uint32_t target) const { return m_classLayouts[m_classOf[target]]; }

    // PlanEnumeration.cpp: the sweep over every combination and layout, with the shared capacity table.
    void enumerate();
    template <typename F>
    void forEachCombo(F&& f) const;
    Deployment deploymentFor(const ModelSpec& model, const Target& t, const Layout& l, Precision p,
                             ServingEngine e) const;
    const CapacityEstimate& capacityOf(const Combo& c, int slot, const Layout& l);
    std::size_t slotIndex(const Combo& c, int slot) const;
    std::uint32_t* sharedEstimate(const Combo& c, int slot);
    void precomputeCapacities();
    bool consider(const Combo& c, int layout, int slot, const Layout& l);
    void tryMultiNode(const Combo& c);
    void tryExpertMultiNode(const Combo& c, bool anyFits);
    void evaluateTarget(const Combo& c);
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed); }

    // PlanPricing.cpp: one candidate's sizing, money, limits and status, and its cost extras.
    Outcome outcome(const Target& t, const Layout& l, const CapacityEstimate& c) const;
    void initRow(PlanRow& r, const ModelSpec& model, const Target& t, const Layout& l, Precision p,
                 ServingEngine e) const;
    bool evaluate(PlanRow& r, const Target& t, const Layout& l, const CapacityEstimate& c, bool withText) const;
    void priceFleet(PlanRow& r, const Target& t, double fleetQps) const;
    void price(PlanRow& r, const Target& t, const Packing& packing, bool withText) const;
    void applyLimits(PlanRow& r, bool withText) const;
    /// Fills r.extras; the autoscaling minute trace only with `keepMinuteTrace` (traces are large).
    void extras(PlanRow& r, const Target& t, bool keepMinuteTrace) const;

    // PlanDisaggregation.cpp: prefill and decode pools.
    bool wantsDisaggregation(const Combo& c) const;
    std::vector<Layout> poolLayouts(const Combo& c, bool decode) const;
    static double instancesPerQps(const Layout& l, double qps);
    std::optional<DisaggregatedChoice> chooseDisaggregation(const Combo& c) const;
    const DisaggregatedChoice* disaggregationFor(const Combo& c);
    void tryDisaggregated(const Combo& c);
    static double fleetCapacity(const DisaggregatedChoice& d, int prefillReplicas, int decodeReplicas);
    std::vector<CostStep> disaggregatedSteps(const DisaggregatedChoice& d, double qpsMin, double qpsMax,
                                             double instanceMonthly, int maxSteps) const;
    void evaluateDisaggregated(PlanRow& r, const Target& t, const DisaggregatedChoice& d, bool withText) const;

    // PlanRanking.cpp: the rank order, the full rows built in it, the frontiers, the calibration notes.
    void rank();
    void materialise(const Candidate& k, int rank);
    void markFrontier(PlanRow& r);
    void noteCalibration(const PlanRow& r);

    // PlanCurves.cpp: cost-versus-QPS curves of the best plans.
    void curves();

    const Catalog& m_catalog;
    const CapacityFunction& m_capacity;
    const DisaggregationFunction& m_disaggregation;
    std::size_t m_threads = 1;
    double m_progressStart = 0; ///< where the enumeration's progress starts (after a parallel pre-pass)
    const Scenario& m_s;
    const PlanOptions& m_options;
    CurrencyConverter m_fx;
    Workload m_workload;
    double m_load = 0;
    std::vector<double> m_fractions;
    std::vector<InstanceSelector> m_selectors;
    std::vector<Target> m_targets;
    std::vector<std::vector<Layout>> m_classLayouts; ///< per class of targets (same GPU and GPU count)
    std::vector<std::uint32_t> m_classOf;            ///< per target, its class
    std::size_t m_slots = 0;                         ///< layout slots per class: the most layouts + multi-node depths
    std::size_t m_pipelineSlot = 0;                  ///< first slot of the pipelined multi-node layouts
    std::size_t m_expertSlot = 0;                    ///< first slot of the multi-node expert-parallel layouts
    std::vector<Precision> m_precisions;             ///< the scenario's precisions + the models' native ones
    std::vector<std::uint32_t> m_modelPrecisions;    ///< per model: bit i = takes m_precisions[i]
    std::vector<bool> m_modelExpert;                 ///< per model: gets expert-parallel layouts
    std::vector<bool> m_modelMtp;                    ///< per model: gets MTP layouts
    bool m_anyExpert = false;
    bool m_anyMtp = false;
    struct Best {
        double cost = 0;
        int instances = 0; ///< 0 = no aggregated candidate with a cost yet
    } m_best;              ///< the cheapest aggregated candidate of the current combination
    std::vector<std::uint32_t>
        m_disaggregationIndex; ///< per (model, class, precision, engine): 0 = not yet, 1 = none, else index + 2
    std::vector<DisaggregatedChoice> m_disaggregations;
    std::map<int, std::uint32_t> m_rowDisaggregation; ///< rank → its disaggregated choice
    std::vector<std::uint32_t> m_slotEstimate; ///< capacity table: 0 = not computed, else index + 1 into m_estimates
    std::deque<CapacityEstimate> m_estimates;  ///< stable addresses: candidates point into it
    /// Per class, per single-instance layout: its layout among those shared by every class of the
    /// GPU, or -1 (a GPU slice; a replica wider than the instance). A replica within one instance
    /// computes the same whatever the instance's size (perf/ reads Deployment::gpusPerNode only to
    /// ask whether a group crosses it), so classes of one GPU share its estimate.
    std::vector<std::vector<std::int32_t>> m_classShared;
    std::size_t m_sharedLayouts = 0;
    std::vector<std::uint32_t> m_sharedEstimate; ///< per (model, shared layout, precision, engine): as m_slotEstimate
    int m_skippedNoGpu = 0;
    std::vector<Candidate> m_candidates; ///< every evaluated candidate, in enumeration order
    struct Frontier {
        double bestCapacity = -1;
        double bestLatency = std::numeric_limits<double>::infinity();
    } m_frontier; ///< the best fleet capacity and latency of the ok rows built so far (rank order)
    std::vector<const GpuCalibration*> m_notedCalibrations; ///< calibrations already in the warnings
    PlanResult m_result;
};

} // namespace serveplan::planning
