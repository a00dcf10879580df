#pragma once
// The vocabulary shared by the performance engine (memory fit, step times, batching simulator,
// SLO-aware capacity) and its users (planner, CLI, GUI). Plain C++; no Qt.
#include "catalog/Calibration.h"
#include "catalog/GpuSpec.h"
#include "catalog/MigProfile.h"
#include "catalog/ModelSpec.h"
#include "catalog/Precision.h"
#include "common/Message.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace serveplan {

enum class ServingEngine { Vllm, Sglang, Trtllm, Tgi, Lmdeploy, Llamacpp, Mlc, Hf, Generic };
inline constexpr std::size_t kServingEngineCount = 9; ///< values of ServingEngine (for tables indexed by it)
std::string_view toString(ServingEngine e);
/// `vllm | sglang | trtllm | tgi | lmdeploy | llamacpp | mlc | hf | generic`
std::optional<ServingEngine> parseServingEngine(std::string_view text);

/// How one replica spreads over its GPUs. Attention runs in `attentionDp` data-parallel groups of
/// `tp` GPUs each (DP-attention: every group serves its own requests and holds its own KV cache);
/// MoE layers spread their experts over `ep` GPUs (under DP-attention usually all of them).
struct Parallelism {
    int tp = 1;          ///< tensor parallel (within one attention group)
    int pp = 1;          ///< pipeline parallel
    int ep = 1;          ///< expert parallel (MoE layers)
    int attentionDp = 1; ///< attention data-parallel groups (DP-attention / "DEP"); 1 = off
    int gpus() const { return tp * attentionDp * pp; }
};

/// Multi-token prediction / speculative decoding: each decode step verifies `draftTokens` drafted
/// tokens and emits 1 + the accepted ones per sequence.
struct SpeculativeDecoding {
    int draftTokens = 0;       ///< 0 = off
    double acceptanceRate = 0; ///< probability that a draft token is accepted, 0..1
};

/// A link between nodes (when a replica spans several machines): InfiniBand/RDMA or Ethernet.
struct NetworkLink {
    double bandwidthGBps = 50; ///< per GPU, one direction, GB/s (400 Gb/s IB ~ 50 GB/s)
    double latencyUs = 5;
};

/// One replica's hardware and software layout.
struct Deployment {
    const ModelSpec* model = nullptr;
    const GpuSpec* gpu = nullptr;
    std::optional<MigProfile> mig; ///< a MIG slice of `gpu` instead of the whole GPU
    Parallelism parallel;
    Precision weights = Precision::BF16;
    Precision kvCache = Precision::BF16;
    ServingEngine engine = ServingEngine::Generic;
    int gpusPerNode = 8; ///< GPUs that share the fast interconnect; beyond it `interNode` is used
    NetworkLink interNode;
    double memoryUtilization = 0; ///< fraction of GPU memory the engine may use; 0 = engine default
    int maxBatchSize = 0;         ///< max sequences per step; 0 = engine default
    int maxBatchedTokens = 0;     ///< max tokens per step (chunked prefill budget); 0 = engine default
    int maxModelLen = 0;          ///< context limit the engine is started with; 0 = input + output of the workload
    SpeculativeDecoding speculative;
    double expertImbalance = 0;   ///< busiest ÷ mean expert load per GPU under EP; 0 = the default
    bool twoBatchOverlap = false; ///< overlap EP all-to-all with compute of a second micro-batch
    /// The calibration applied to this GPU for this engine (Catalog::calibration), or null for the
    /// engine's default profile. perf/deploymentProfile puts its factors in place.
    const GpuCalibration* calibration = nullptr;
};

/// A distribution of token counts.
struct LengthDistribution {
    enum class Kind { Fixed, Uniform, Normal, LogNormal, Exponential };
    Kind kind = Kind::Fixed;
    double mean = 0;
    double stddev = 0; ///< Normal/LogNormal
    double min = 0;    ///< Uniform bounds and clamps for the others
    double max = 0;
    static LengthDistribution fixed(double tokens) { return {Kind::Fixed, tokens, 0, tokens, tokens}; }
};
/// `fixed | uniform | normal | lognormal | exponential` (scenario files, load-test scripts)
std::string_view toString(LengthDistribution::Kind kind);
/// The kind named by toString, or nullopt.
std::optional<LengthDistribution::Kind> parseLengthKind(std::string_view text);

struct Workload {
    LengthDistribution inputTokens = LengthDistribution::fixed(512);
    LengthDistribution outputTokens = LengthDistribution::fixed(256);
    double prefixCacheHitRate = 0; ///< share of prompt tokens served from the prefix cache, 0..1 (< 1)
};

/// Latency targets. A percentile is 0..1 (0.95 = p95). A target of 0 means "no target".
struct Slo {
    double ttftMs = 0;
    double tpotMs = 0;
    double ttftPercentile = 0.95;
    double tpotPercentile = 0.95;
};

/// A value with its uncertainty band (from the fit residuals of that metric and engine).
struct Estimate {
    double value = 0;
    double low = 0;  ///< lower edge of the band
    double high = 0; ///< upper edge of the band
};

/// Memory of one GPU of the replica, bytes. `fits` is false when weights + overheads exceed the
/// usable memory or no KV cache is left for one full-length sequence; `reason` then names the term.
struct MemoryFit {
    bool fits = false;
    double gpuMemoryBytes = 0;  ///< physical memory of the GPU or MIG slice
    double usableBytes = 0;     ///< times the engine's memory-utilisation fraction
    double weightBytes = 0;     ///< per GPU after sharding
    double activationBytes = 0; ///< activations + workspace
    double runtimeBytes = 0;    ///< CUDA context + graphs + allocator slack
    double kvCacheBytes = 0;    ///< left for the KV cache (may be negative when it does not fit)
    double kvBytesPerToken = 0; ///< whole model, all layers, one token (before sharding)
    double kvTokenCapacity = 0; ///< tokens of KV cache the replica holds
    double requiredBytes = 0;   ///< what one full-length sequence needs per GPU
    Message reason; ///< MessageCode::DoesNotFitDetail: "does not fit (weights): needs 152.3 GiB per GPU, …"
};

enum class CapacityMethod {
    Analytic,  ///< closed form (fast path, used for full-catalog sweeps)
    Simulated, ///< discrete-event simulation of continuous batching
};
/// `analytic | simulated`
std::string_view toString(CapacityMethod method);
/// The method named by toString, or nullopt.
std::optional<CapacityMethod> parseCapacityMethod(std::string_view text);

/// SLO-aware capacity of one replica: the highest Poisson arrival rate at which the chosen
/// percentiles of TTFT and TPOT meet the SLO, and the latencies at that rate.
struct CapacityEstimate {
    bool fits = false;
    bool sloFeasible = false; ///< false when even a trickle of load misses the SLO
    Message message;          ///< why not, when !fits or !sloFeasible
    MemoryFit memory;
    double maxQps = 0;           ///< requests/s one replica sustains within the SLO
    Estimate ttftMs;             ///< at maxQps, the SLO percentile
    Estimate tpotMs;             ///< at maxQps, the SLO percentile
    double outputTokensPerS = 0; ///< at maxQps
    double inputTokensPerS = 0;
    double maxBatch = 0; ///< effective concurrent sequences at maxQps
};

/// Computes the memory fit of one GPU of the replica for sequences of the workload's length.
MemoryFit computeMemoryFit(const Deployment& deployment, const Workload& workload);

/// SLO-aware capacity of one replica. Deterministic.
CapacityEstimate estimateCapacity(const Deployment& deployment, const Workload& workload, const Slo& slo,
                                  CapacityMethod method = CapacityMethod::Analytic);

} // namespace serveplan
