#pragma once
// Prefill/decode disaggregation (xPyD): a prefill pool of identical replicas computes prompts and
// sends their KV cache over a link to a decode pool of identical replicas, which generates the
// output. Each pool has its own layout (tp × attentionDp × pp, ep) and size. TTFT = queueing at a
// prefill replica + the prompt's prefill + the KV transfer + the request overhead; TPOT comes from
// the decode pool's batch alone (no prefill chunks interleave with its decodes).
//
// Build a DisaggregatedModel once per (prefill layout, decode layout, link, workload): it folds
// the step-time terms and the per-replica capacities in its constructor, so at() costs a few
// dozen floating-point operations and the planner can sweep pool sizes and rates with it.
#include "perf/EngineProfile.h"
#include "perf/PerfTypes.h"

#include <memory>
#include <string>

namespace serveplan {

class StepTimeModel;

/// One pool's replica within the SLO.
struct PoolCapacity {
    bool fits = false;        ///< the replica's memory fit (see `memory.reason` when not)
    bool sloFeasible = false; ///< false when even a trickle of load misses this pool's SLO term
    Message message;          ///< why not, when !fits or !sloFeasible
    MemoryFit memory;
    double maxQps = 0;   ///< requests/s one replica sustains within its SLO term (TTFT or TPOT)
    double maxBatch = 0; ///< decode: sequences at maxQps; prefill: prompts per step at saturation
    Estimate ttftMs;     ///< at maxQps, the SLO percentile (prefill pool; includes the KV transfer)
    Estimate tpotMs;     ///< at maxQps, the SLO percentile (decode pool)
};

/// Per-replica capacities of a disaggregated deployment.
struct DisaggregatedCapacity {
    PoolCapacity prefill;        ///< qps per prefill replica within the TTFT SLO (KV transfer included)
    PoolCapacity decode;         ///< qps per decode replica within the TPOT SLO
    double kvTransferS = 0;      ///< one mean prompt's KV from a prefill to a decode replica, seconds
    double kvBytesPerPrompt = 0; ///< bytes sent per mean prompt (all layers, the decode pool's KV precision)
    bool fits() const { return prefill.fits && decode.fits; }
    bool sloFeasible() const { return prefill.sloFeasible && decode.sloFeasible; }
};

/// Latencies of a sized disaggregated deployment at an arrival rate.
struct DisaggregatedPoint {
    bool ok = false; ///< both pools keep up (utilisation < 1, decode batch within memory)
    Message message; ///< which pool saturates, when !ok
    double qps = 0;
    double ttftMs = 0;             ///< at the SLO's TTFT percentile, KV transfer included
    double tpotMs = 0;             ///< at the SLO's TPOT percentile
    double prefillUtilization = 0; ///< busy share of each prefill replica, 0..1
    double decodeBatch = 0;        ///< mean running sequences per decode replica
    double outputTokensPerS = 0;   ///< whole deployment
};

class DisaggregatedModel final {
public:
    /// `prefill` and `decode` are one replica of each pool (their own gpu, layout, engine,
    /// precisions; `decode.speculative` applies to the decode pool only); `kvLink` is the link one
    /// GPU of a prefill replica sends its KV shard over (RDMA, Ethernet, or NVLink within a rack).
    DisaggregatedModel(const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink,
                       const Workload& workload, const Slo& slo);
    /// The same with given engine profiles (the fit and tests use this).
    DisaggregatedModel(const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink,
                       const Workload& workload, const Slo& slo, const EngineProfile& prefillProfile,
                       const EngineProfile& decodeProfile);
    ~DisaggregatedModel();
    DisaggregatedModel(const DisaggregatedModel&) = delete;
    DisaggregatedModel& operator=(const DisaggregatedModel&) = delete;

    /// Per-replica capacities within the SLO (computed in the constructor).
    const DisaggregatedCapacity& capacity() const { return m_capacity; }
    /// TTFT/TPOT with `prefillReplicas` and `decodeReplicas` replicas sharing `qps` requests/s evenly.
    DisaggregatedPoint at(int prefillReplicas, int decodeReplicas, double qps) const;
    /// Closed loop: `concurrency` requests in flight over the whole deployment (benchmarks, predict).
    DisaggregatedPoint atConcurrency(int prefillReplicas, int decodeReplicas, double concurrency) const;

    /// Seconds a prefill replica needs per mean prompt when saturated (1 / its peak prompt rate).
    double prefillServiceS() const { return m_prefillServiceS; }
    /// Mean prefill time of one prompt alone, seconds (no queueing, no transfer).
    double prefillLatencyS() const { return m_prefillAloneS; }
    /// Mean TPOT of a decode replica at `batch` running sequences (per emitted token, MTP included).
    double decodeTpotS(double batch) const;

private:
    void build(const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink,
               const EngineProfile& prefillProfile, const EngineProfile& decodeProfile);
    double ttftMeanS(double rho) const;
    double decodeBatchAt(double qpsPerReplica) const;

    Workload m_workload;
    Slo m_slo;
    DisaggregatedCapacity m_capacity;
    std::unique_ptr<StepTimeModel> m_prefillModel, m_decodeModel;
    double m_input = 0, m_output = 0, m_context = 0;
    double m_prefillServiceS = 0, m_prefillAloneS = 0, m_requestOverheadS = 0;
    double m_tokensPerStep = 1; ///< per sequence per decode step (MTP: 1 + accepted drafts)
    double m_decodeMaxBatch = 1;
    double m_ttftTail = 1, m_tpotTail = 1;
};

/// Per-replica capacities of a disaggregated deployment with the engines' profiles (each pool's
/// deploymentProfile). Shorthand for DisaggregatedModel(...).capacity().
DisaggregatedCapacity estimateDisaggregatedCapacity(const Deployment& prefill, const Deployment& decode,
                                                    const NetworkLink& kvLink, const Workload& workload,
                                                    const Slo& slo);

} // namespace serveplan
