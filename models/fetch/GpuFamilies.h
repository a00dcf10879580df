#pragma once
// Which GPU a provider's instance type carries. The price interfaces do not say (AWS gives a count
// and sometimes the memory, Azure and GCP only the size name), so, as gpuhunt and SkyPilot do, a
// table per provider maps families to catalog GPUs (gpus.csv ids).
#include <QString>

#include <optional>

namespace serveplan::models::fetch {

struct GpuOfType {
    QString gpuName; ///< SkyPilot-style name (H100, A100-80GB, L40S)
    QString gpuId;   ///< gpus.csv id, empty when the catalog has none
    double count = 0;
    double memoryGbEach = 0;
};

/// AWS: by family (p5, p5e, p4d, g6e, ...); `count` from the offer's `gpu` attribute when given.
std::optional<GpuOfType> awsGpu(const QString& instanceType, double gpuAttribute);
/// Azure: by armSkuName (Standard_ND96isr_H100_v5, Standard_NC24ads_A100_v4, ...).
std::optional<GpuOfType> azureGpu(const QString& armSkuName);
/// Alibaba: by family (ecs.gn7e, ecs.gn8v, ...) and the GPUSpec/GPUAmount DescribeInstanceTypes gives.
std::optional<GpuOfType> alibabaGpu(const QString& instanceType, const QString& gpuSpec, double gpuAmount,
                                    double gpuMemoryGb);
/// Tencent: by family (GN7, GT4, PNV4, ...) and the Gpu/GpuCount/Externals of the zone config.
std::optional<GpuOfType> tencentGpu(const QString& instanceFamily, const QString& instanceType, double gpuCount);
/// A GPU named by a neocloud or marketplace (RunPod displayName, Lambda description, Vast gpu_name).
std::optional<GpuOfType> gpuByName(const QString& name, double memoryGb = 0);

} // namespace serveplan::models::fetch
