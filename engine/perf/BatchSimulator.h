#pragma once
// Discrete-event simulation of a vLLM-style continuous-batching scheduler: a token budget per step
// shared by decodes and (chunked) prefills, a cap on running sequences, a KV cache of fixed token
// capacity with preemption by recomputation (or full reservation, for engines that never evict),
// and three load modes. Steps come from the analytic StepTimeModel. Runs of decode-only steps
// between events are advanced in one jump (no per-token work), so 100,000 requests take milliseconds.
#include "perf/PerfTypes.h"
#include "perf/StepTimeModel.h"

#include <cstdint>
#include <vector>

namespace serveplan {

struct SimConfig {
    enum class Mode {
        Offline,    ///< every request queued at time 0 (trtllm-bench, MLPerf Offline)
        ClosedLoop, ///< `concurrency` requests in flight; each completion sends the next
        Poisson,    ///< open-loop Poisson arrivals at `rate` requests/s
    };
    Mode mode = Mode::Offline;
    int requests = 1000;
    int concurrency = 1;
    double rate = 1;
    std::uint64_t seed = 1;
    Workload workload;
    int maxBatchSize = 256;
    int maxBatchedTokens = 8192;
    double kvTokenCapacity = 1e9; ///< tokens of KV cache in the replica
    bool chunkedPrefill = true;
    bool reserveFullSequence = false;
    double requestOverheadS = 0; ///< API/tokenisation latency added to TTFT and end-to-end latency

    /// The scheduler settings of an engine profile and a memory fit.
    static SimConfig forEngine(const EngineProfile& profile, const Deployment& deployment, const MemoryFit& memory);
};

struct LatencyStats {
    double mean = 0, p50 = 0, p95 = 0, p99 = 0;
    /// The value at percentile q (0..1): 0.5 -> p50, 0.95 -> p95, anything else interpolated.
    double at(double q) const;
};

struct SimResult {
    int completed = 0;
    int rejected = 0;     ///< requests longer than the whole KV cache (never admitted)
    long long steps = 0;  ///< engine steps simulated (jumps count their steps)
    long long events = 0; ///< loop iterations (what the simulation actually cost)
    int preemptions = 0;
    double durationS = 0; ///< first arrival to last completion
    double inputTokens = 0, outputTokens = 0;
    double outputTokensPerS = 0, inputTokensPerS = 0, totalTokensPerS = 0, requestsPerS = 0;
    double meanBatch = 0; ///< time-weighted running sequences
    LatencyStats ttftS, tpotS, e2eS;
};

class BatchSimulator final {
public:
    BatchSimulator(const StepTimeModel& model, const SimConfig& config);
    SimResult run() const;

private:
    const StepTimeModel& m_model;
    SimConfig m_config;
};

/// Draws `count` token lengths of a distribution (each >= 1), deterministically for a seed.
std::vector<int> drawLengths(const LengthDistribution& distribution, int count, std::uint64_t seed);

} // namespace serveplan
