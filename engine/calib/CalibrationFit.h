#pragma once
// Fits the performance engine's hardware efficiencies for one GPU from a probe run (MODELING.md:
// bandwidth, GEMM per precision and decode attention are measured separately) and compares the
// engine's step times before and after (perf/EngineProfile applyCalibration puts the factors in
// place) with what the probe's synthetic transformer measured.
#include "calib/ProbeRun.h"
#include "catalog/Calibration.h"
#include "catalog/GpuSpec.h"
#include "catalog/ModelSpec.h"
#include "common/Message.h"
#include "common/Result.h"
#include "perf/EngineProfile.h"

#include <string>
#include <vector>

namespace serveplan {

namespace factor {
/// Fitted from serveplan-probe's `mla_decode_attention` (the latent-cache bandwidth of absorbed MLA
/// decode attention at the largest batch, a fraction of the catalog's memory bandwidth) and
/// `moe_layer` (the weight stream of the touched experts' FP8 GEMMs, same fraction). applyCalibration
/// (perf/EngineProfile.cpp, which spells the names itself) puts the MoE one in
/// EngineParams::expertBandwidthEff and raises EngineParams::mlaKvBandwidthEff to the MLA one: the
/// probe's MLA kernel uses mma.sync, not FlashMLA's wgmma/TMA, so it is a lower bound.
inline constexpr const char* kMlaKvBandwidthEff = "mla_kv_bandwidth_eff";
inline constexpr const char* kMoeWeightBandwidthEff = "moe_weight_bandwidth_eff";
} // namespace factor

struct CalibrationFit {
    std::vector<CalibrationFactor> factors;
    std::vector<Message> notes; ///< what could not be fitted and why
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
