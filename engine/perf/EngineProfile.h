#pragma once
// A serving engine as the performance model sees it: a few efficiencies and overheads (fitted to
// published measurements by engine/fit, see FittedProfiles.inc) plus the scheduler and memory
// defaults the engine ships with (documented, not fitted).
#include "perf/PerfTypes.h"

#include <string_view>

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

} // namespace serveplan
