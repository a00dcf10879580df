#pragma once
// Fits the performance engine's hardware efficiencies for one GPU from a probe run (MODELING.md:
// bandwidth, GEMM per precision and decode attention are measured separately), applies them to an
// engine's parameters, and compares the engine's step times before and after with what the probe's
// synthetic transformer measured.
#include "calib/ProbeRun.h"
#include "common/Result.h"
#include "perf/EngineProfile.h"
#include "spec/GpuSpec.h"
#include "spec/ModelSpec.h"

#include <string>
#include <vector>

namespace serveplan {

/// One fitted number, stored per GPU in calibration_factors.
struct CalibrationFactor {
    std::string name; ///< e.g. "weight_bandwidth_eff"
    double value = 0;
    std::string basis; ///< which measurement it came from
};

/// Factor names (the calibration_factors.name values).
namespace factor {
inline constexpr const char* kCopyBandwidthEff = "copy_bandwidth_eff";
inline constexpr const char* kWeightBandwidthEff = "weight_bandwidth_eff";
inline constexpr const char* kKvBandwidthEff = "kv_bandwidth_eff";
inline constexpr const char* kGemmEffBf16 = "gemm_eff_bf16";
inline constexpr const char* kGemmEffFp16 = "gemm_eff_fp16";
inline constexpr const char* kGemmEffFp8 = "gemm_eff_fp8";
inline constexpr const char* kGemmEffInt8 = "gemm_eff_int8";
inline constexpr const char* kGraphKernelOverheadS = "graph_kernel_overhead_s";
inline constexpr const char* kSyncRoundTripS = "sync_round_trip_s";
inline constexpr const char* kStepOverheadS = "step_overhead_s";       ///< engine scheduler + launch per step
inline constexpr const char* kRequestOverheadS = "request_overhead_s"; ///< per request, added to TTFT
} // namespace factor

struct CalibrationFit {
    std::vector<CalibrationFactor> factors;
    std::vector<std::string> notes; ///< what could not be fitted and why
    /// Load-test fits only: root-mean-square log error (ln predicted/measured) of every measured
    /// metric with the starting profile and with the fitted factors (0 = not computed).
    double rmsLogErrorBefore = 0;
    double rmsLogErrorAfter = 0;
    const CalibrationFactor* find(const std::string& name) const;
};

/// The catalog GPU a probe's device is: the model word of the device name ("NVIDIA H100 80GB HBM3"
/// -> "H100") against the start of catalog names, ties broken by the closest memory size. Empty
/// when nothing matches.
std::string matchCatalogGpu(const std::vector<GpuSpec>& gpus, const std::string& deviceName, double memoryBytes);

/// Fits the factors of `gpu` from `run`. Efficiencies are fractions of the catalog's peak figures.
Result<CalibrationFit> fitCalibration(const ProbeRun& run, const GpuSpec& gpu);

/// `base` with the fitted hardware efficiencies in place of the defaults (overheads stay the engine's).
EngineParams applyCalibration(EngineParams base, const std::vector<CalibrationFactor>& factors);

struct ComparisonRow {
    std::string test;   ///< decode_step or prefill_step
    std::string config; ///< e.g. "batch 1, context 512"
    double measuredMs = 0;
    double beforeMs = 0; ///< the engine's generic efficiencies
    double afterMs = 0;  ///< with the fitted factors
    double errorBefore() const { return (beforeMs - measuredMs) / measuredMs; }
    double errorAfter() const { return (afterMs - measuredMs) / measuredMs; }
};

/// The engine's step times for the probe's decode and prefill points (BF16, one GPU, no scheduler:
/// the probe times bare CUDA-graph replays, so the engine's per-step/layer/sequence overheads are
/// left out on both sides). Points of another model than `model` are skipped.
std::vector<ComparisonRow> compareWithEngine(const ProbeRun& run, const GpuSpec& gpu, const ModelSpec& model,
                                             const std::vector<CalibrationFactor>& factors);

} // namespace serveplan
