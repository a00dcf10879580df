#pragma once
// Calibrations of the catalog: numbers fitted to the user's own measurements (a probe run, a load
// test) that replace an engine profile's default efficiencies and overheads for one GPU. models/
// loads the applied ones from calibration_factors into Catalog::calibrations; the performance
// engine applies them (perf/EngineProfile: applyCalibration, deploymentProfile).
#include "common/Message.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// One fitted number, stored per GPU and engine in calibration_factors.
struct CalibrationFactor {
    std::string name; ///< e.g. "weight_bandwidth_eff"
    double value = 0;
    Message basis; ///< which measurement it came from (MessageCode::Factor…)
};

/// Factor names (the calibration_factors.name values). Efficiencies are fractions of the catalog's
/// peak figures; overheads are seconds.
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
// Collectives across the GPUs of one host (serveplan-probe allreduce/alltoall/p2p_bandwidth, bus bandwidth
// and time as nccl-tests define them): the bus efficiency is the large-message bus bandwidth over the
// link's one-way peak, the latency the alpha of a least-squares alpha-beta fit over the small messages
// (microseconds, for one collective among collective_gpus_* GPUs). Exactly one collective_gpus_* factor
// says which link they were measured on; the engine applies them to layouts on that link in one node.
inline constexpr const char* kAllreduceBusEff = "allreduce_bus_eff";
inline constexpr const char* kAllreduceLatencyUs = "allreduce_latency_us";
inline constexpr const char* kAlltoallBusEff = "alltoall_bus_eff";
inline constexpr const char* kAlltoallLatencyUs = "alltoall_latency_us";
inline constexpr const char* kP2pEff = "p2p_eff";
inline constexpr const char* kP2pLatencyUs = "p2p_latency_us";
inline constexpr const char* kCollectiveGpusNvlink = "collective_gpus_nvlink"; ///< GPUs measured over NVLink/NVSwitch
inline constexpr const char* kCollectiveGpusPcie = "collective_gpus_pcie";     ///< GPUs measured over PCIe
} // namespace factor

/// The calibration applied to one GPU for one serving engine.
struct GpuCalibration {
    std::string gpuId;                      ///< gpus.csv gpu_id
    std::string engine = "generic";         ///< an engine name (vllm, trtllm, ...) or "generic" = every engine
    std::int64_t runId = 0;                 ///< the calibration run the factors came from
    std::vector<CalibrationFactor> factors; ///< as stored; names from `factor::`

    const CalibrationFactor* find(std::string_view name) const;
};

/// The calibration of `gpuId` for `engine` among `all`: the engine's own entry first, then the
/// "generic" one; null when the GPU has neither.
const GpuCalibration* findCalibration(const std::vector<GpuCalibration>& all, std::string_view gpuId,
                                      std::string_view engine);

} // namespace serveplan
