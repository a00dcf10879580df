#pragma once
// SLO-aware capacity of one replica. The analytic path is a closed form cheap enough for
// full-catalog sweeps (aiconfigurator-style mixed step + queueing factor + Little's law); the
// simulated path searches the Poisson rate with the batching simulator.
#include "perf/EngineProfile.h"
#include "perf/PerfTypes.h"
#include "perf/StepTimeModel.h"

namespace serveplan {

/// Steady-state latencies of the analytic model at `batch` concurrent sequences.
struct AnalyticPoint {
    double batch = 0;
    double tpotS = 0; ///< mean time per output token (one mixed step)
    double ttftS = 0; ///< mean time to first token (prefill chunks x queueing factor + API)
    double qps = 0;   ///< Little's law: batch / (TTFT + (output - 1) x TPOT)
};

class AnalyticCapacity final {
public:
    AnalyticCapacity(const StepTimeModel& model, const EngineProfile& profile, const Deployment& deployment,
                     const Workload& workload, const MemoryFit& memory);
    /// The largest batch memory and the engine's max batch size allow.
    double maxBatch() const { return m_maxBatch; }
    /// The steady state at `batch`; without TTFT only `tpotS` is filled (half the cost).
    AnalyticPoint at(double batch, bool withTtft = true) const;
    /// Fills TTFT and QPS into a point `at(batch, false)` returned: the same figures as
    /// `at(batch)` without computing the steady step again.
    void addTtft(AnalyticPoint& point) const;
    /// Tail factor of the analytic latencies: the p-th percentile over the mean (TTFT spreads
    /// more than TPOT: queueing behind prefills vs one step per token).
    static double ttftTail(double percentile);
    static double tpotTail(double percentile);

private:
    StepBatch steadyBatch(double batch) const;

    const StepTimeModel& m_model;
    double m_input = 0, m_output = 0, m_chunk = 0, m_maxBatch = 1, m_requestOverhead = 0;
    double m_cached = 0; ///< prompt tokens served from the prefix cache
};

CapacityEstimate estimateCapacityWith(const Deployment& deployment, const Workload& workload, const Slo& slo,
                                      CapacityMethod method, const EngineProfile& profile);

} // namespace serveplan
