#pragma once
// One accelerator SKU (a row of gpus.csv) or a CPU host described in the same terms.
#include "catalog/Precision.h"

#include <string>

namespace serveplan {

struct GpuSpec {
    std::string id; ///< slug, primary key (gpus.csv gpu_id)
    std::string vendor;
    std::string name;
    std::string architecture;
    std::string formFactor;
    double memoryGb = 0; ///< marketed device memory, GB (1e9 bytes)
    std::string memoryType;
    double memoryBandwidthGBps = 0; ///< peak device-memory bandwidth, GB/s
    // Peak dense throughput per format, TFLOPS (INT8/INT4 in TOPS). 0 = the part has no such unit.
    double fp32Tflops = 0;
    double tf32Tflops = 0;
    double fp16Tflops = 0;
    double bf16Tflops = 0;
    double fp8Tflops = 0;
    double int8Tops = 0;
    double int4Tops = 0;
    double fp4Tflops = 0;
    int smCount = 0;
    double boostClockMhz = 0;
    double l2CacheMb = 0;
    double tdpW = 0;
    std::string interconnect;    ///< scale-up link as published (NVLink 4, PCIe 4.0 x16, ...)
    double interconnectGBps = 0; ///< per-GPU bidirectional aggregate, GB/s
    int pcieGen = 0;
    int migMaxInstances = 0; ///< 0 = no MIG
    int releaseYear = 0;
    std::string source;
    bool isCpu = false; ///< a CPU host: memoryBandwidthGBps is DRAM bandwidth, cpuCores set
    int cpuCores = 0;
    bool userEntered = false;
};

} // namespace serveplan
