#pragma once
// A serving engine as the performance model sees it: a few efficiencies and overheads (fitted to
// published measurements by engine/fit, see FittedProfiles.inc) plus the scheduler and memory
// defaults the engine ships with (documented, not fitted).
#include "perf/PerfTypes.h"

#include <string_view>
#include <vector>

namespace serveplan {

/// The fitted numbers. Efficiencies are fractions of the hardware peak; overheads are seconds.
struct EngineParams {
    double weightBandwidthEff = 0.80; ///< streaming weights (GEMV-like decode) vs peak HBM bandwidth
    double kvBandwidthEff = 0.50;     ///< decode attention reading the KV cache vs peak bandwidth
    double gemmEff = 0.70;            ///< large GEMMs vs the peak dense tensor rate
    double attentionEff = 0.40;       ///< prefill (flash) attention vs the peak 16-bit rate
    double commEff = 0.70;            ///< collective bus bandwidth vs the link's one-way peak
    double tflopsPerWatt = 1.0;       ///< sustained 16-bit TFLOP/s per watt of board power (power cap)
    double stepOverheadS = 150e-6;    ///< scheduler + launch per step
    double layerOverheadS = 10e-6;    ///< per layer per step (kernels not hidden by graphs)
    double seqOverheadS = 5e-6;       ///< per sequence in the step (sampling, bookkeeping)
    double requestOverheadS = 10e-3;  ///< per request, API + tokenisation + queue hop (added to TTFT)
    /// Share of the NVIDIA-fitted efficiencies that ROCm kernels reach on AMD Instinct parts (their
    /// published peaks are reached less often: vendor and third-party GEMM/attention benchmarks).
    double rocmEff = 1.0;
    /// Share of the dense efficiencies that routed experts reach under expert parallelism (grouped
    /// GEMMs of a few dispatched tokens per expert plus token permutation: more kernels per byte than
    /// one fused MoE GEMM under TP).
    double moeEff = 1.0;
    /// MLA decode attention reading the compressed latent cache vs peak bandwidth. Its own number:
    /// the MLA kernels (FlashMLA, FlashInfer/TensorRT-LLM MLA) share one latent among all heads and
    /// run absorbed 576-wide products, unlike the paged MHA/GQA kernels kvBandwidthEff describes.
    double mlaKvBandwidthEff = 0.50;
    /// Routed experts' weight stream vs peak bandwidth; 0 = weightBandwidthEff. Not fitted (the
    /// references cannot tell it from weightBandwidthEff): set only by a calibration's probe-measured
    /// MoE layer (factor moe_weight_bandwidth_eff).
    double expertBandwidthEff = 0;
};

/// Relative half-widths of the uncertainty band, from the fit residuals: a value v has the band
/// [v / exp(w), v * exp(w)].
struct EngineBands {
    double throughput = 0.25;
    double tpot = 0.30;
    double ttft = 0.60;
};

struct EngineProfile {
    ServingEngine engine = ServingEngine::Generic;
    EngineParams params;
    EngineBands bands;
    int calibrationRows = 0; ///< reference rows of this engine the fit saw (0 = generic fallback)
    // Scheduler and memory defaults of the engine (from its documentation, not fitted).
    double memoryUtilization = 0.90; ///< share of GPU memory the engine may use (vLLM gpu_memory_utilization)
    bool kvFromFreeMemory = false;   ///< the fraction applies to memory left after weights (TensorRT-LLM, LMDeploy)
    double runtimeBytes = 1.5e9;     ///< CUDA context + CUDA graphs + allocator slack
    int maxBatchSize = 256;
    int maxBatchedTokens = 8192;
    bool chunkedPrefill = true;
    bool reserveFullSequence = false; ///< admits a request only with KV for input + output (no eviction)
};

/// The profile of an engine. An engine without calibration data gets the generic efficiencies
/// with its own scheduler defaults; `fellBack` says so.
EngineProfile engineProfile(ServingEngine engine, bool* fellBack = nullptr);
/// The scheduler and memory defaults of an engine, with the generic (unfitted) parameters.
EngineProfile engineDefaults(ServingEngine engine);

/// `base` with the calibrated factors in place of the fitted defaults: weight_bandwidth_eff,
/// kv_bandwidth_eff, gemm_eff_bf16 (the GEMM efficiency), step_overhead_s, request_overhead_s and
/// moe_weight_bandwidth_eff (expertBandwidthEff); mla_kv_bandwidth_eff raises mlaKvBandwidthEff
/// only (the probe's MLA kernel is a lower bound).
/// Factors the model has no parameter for (copy bandwidth, per-precision GEMM, bare launch costs)
/// and values out of range (an efficiency <= 0, a negative overhead, NaN) are left out. An
/// efficiency above 1 is kept: the GPU measured faster than the catalog's peak figure.
EngineParams applyCalibration(EngineParams base, const std::vector<CalibrationFactor>& factors);
/// The collectives measured on a GPU's own host (the allreduce_*, alltoall_*, p2p_* and collective_gpus_*
/// factors): the step-time model uses them, in place of commEff and the link's assumed latency, for that
/// GPU's layouts inside one node on the link they were measured on. A zero figure was not measured.
struct MeasuredCollectives {
    enum class Link { None, NvLink, Pcie };
    Link link = Link::None;
    int gpus = 0;                 ///< GPUs in the measured collectives
    double allreduceBusEff = 0;   ///< large-message bus bandwidth / the link's one-way peak
    double allreduceLatencyS = 0; ///< one all-reduce among `gpus` GPUs (alpha)
    double alltoallBusEff = 0;
    double alltoallLatencyS = 0;
    double p2pEff = 0;
    double p2pLatencyS = 0;
    /// Measured on the link a layout uses (PCIe or NVLink/NVSwitch) with at least two GPUs.
    bool appliesTo(bool pcieLink) const { return gpus >= 2 && link == (pcieLink ? Link::Pcie : Link::NvLink); }
};
/// The collective factors among `factors`; values out of range (<= 0, NaN) are left at 0.
MeasuredCollectives measuredCollectives(const std::vector<CalibrationFactor>& factors);

/// engineProfile(engine) with `calibration` applied (null = the engine's profile unchanged).
EngineProfile calibratedProfile(ServingEngine engine, const GpuCalibration* calibration, bool* fellBack = nullptr);
/// The profile a concrete deployment runs with: its engine's, with its GPU's calibration
/// (`deployment.calibration`) applied. Use this, not engineProfile(), wherever a Deployment is at hand.
EngineProfile deploymentProfile(const Deployment& deployment, bool* fellBack = nullptr);

} // namespace serveplan
