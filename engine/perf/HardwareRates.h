#pragma once
// The peak rates of one GPU of a deployment, as the step-time model uses them: memory, bandwidth,
// the compute rate for the GEMM precision (falling back when the part has no unit for it), the
// collective links, and what the catalog did not say. MIG slices and CPU hosts are folded in here.
#include "perf/PerfTypes.h"

#include <string>

namespace serveplan {

struct HardwareRates {
    double memoryBytes = 0;     ///< physical memory of the GPU or MIG slice, bytes
    double bandwidth = 0;       ///< device-memory bandwidth, bytes/s
    double gemmFlops = 0;       ///< peak dense FLOP/s for the weight precision's GEMMs
    double attentionFlops = 0;  ///< peak dense FLOP/s of the 16-bit units (attention runs there)
    double powerWatts = 0;      ///< board power (0 = unknown: no power limit)
    double powerFlopFactor = 1; ///< GEMM FLOPs per 16-bit FLOP of energy (8-bit 2, 4-bit 4)
    double linkBandwidth = 0;   ///< collective bandwidth per GPU, one direction, bytes/s
    double linkLatency = 0;     ///< per hop, seconds
    /// The link within one node (NVLink, Infinity Fabric, PCIe), whatever the replica spans; the two
    /// above fall back to Deployment::interNode when the replica spans nodes.
    double nodeLinkBandwidth = 0;
    double nodeLinkLatency = 0;
    bool nodeLinkPcie = false; ///< the node link is PCIe (no NVLink, or a 2-GPU bridge in a larger group)
    bool isCpu = false;
    bool computeAssumed = false; ///< the catalog has no compute rate: one was assumed from bandwidth
    bool fp8Fallback = false;    ///< FP8/FP4/INT8 weights on a part without that unit (16-bit rate used)

    /// `memoryGb` of the catalog is the marketed size; HBM parts expose ~all of it as GiB
    /// (H100 80GB: 81,559 MiB), GDDR parts with ECC lose a few percent (A10: 23,028 MiB of 24 GiB).
    static double physicalMemoryBytes(const GpuSpec& gpu);
    static HardwareRates of(const Deployment& deployment);
    /// The catalog's one-way peak of the GPU's NVLink (half the published bidirectional figure) or of
    /// its PCIe slot, bytes/s; 0 when the catalog has no NVLink figure for it.
    static double linkPeakPerDirection(const GpuSpec& gpu, bool pcie);
};

} // namespace serveplan
