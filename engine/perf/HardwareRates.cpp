#include "perf/HardwareRates.h"

#include <algorithm>
#include <string_view>

namespace serveplan {

namespace {
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kTera = 1e12;
// When a catalog row has no 16-bit tensor rate (a10g), assume the median FLOP:byte balance of the
// catalog's data-centre parts (A10 208, A100 160, H100 295, L4 403, T4 203 FLOP/B -> ~150 is conservative).
constexpr double kAssumedFlopsPerByte = 150.0;
// A CPU core with AVX-512 FMA sustains on the order of 100 GFLOP/s in FP32 (2 x 16 lanes x 2 x ~2.5 GHz).
constexpr double kCpuFlopsPerCore = 100e9;

bool contains(std::string_view text, std::string_view what) {
    return text.find(what) != std::string_view::npos;
}

double sixteenBitRate(const GpuSpec& g, Precision p) {
    const double bf16 = g.bf16Tflops, fp16 = g.fp16Tflops;
    if (p == Precision::FP16)
        return (fp16 > 0 ? fp16 : bf16) * kTera;
    return (bf16 > 0 ? bf16 : fp16) * kTera;
}

double pcieBandwidthPerDirection(int gen) {
    switch (gen) {
    case 3:
        return 16e9;
    case 5:
        return 64e9;
    case 6:
        return 128e9;
    default:
        return 32e9; // PCIe 4.0 x16
    }
}
} // namespace

double HardwareRates::linkPeakPerDirection(const GpuSpec& gpu, bool pcie) {
    if (pcie)
        return pcieBandwidthPerDirection(gpu.pcieGen);
    return contains(gpu.interconnect, "PCIe") ? 0.0 : std::max(0.0, gpu.interconnectGBps) * 1e9 / 2;
}

double HardwareRates::physicalMemoryBytes(const GpuSpec& gpu) {
    const bool gddr = gpu.memoryType.rfind("GDDR", 0) == 0;
    const bool geforce = gpu.id.rfind("rtx-", 0) == 0 && !contains(gpu.id, "6000"); // no ECC by default
    return gpu.memoryGb * kGiB * (gddr && !geforce ? 0.94 : 0.995);
}

HardwareRates HardwareRates::of(const Deployment& d) {
    HardwareRates r;
    const GpuSpec& g = *d.gpu;
    r.isCpu = g.isCpu;
    r.memoryBytes = physicalMemoryBytes(g);
    r.bandwidth = g.memoryBandwidthGBps * 1e9;
    r.powerWatts = g.tdpW;
    const Precision compute16 = d.weights == Precision::FP16 ? Precision::FP16 : Precision::BF16;
    r.attentionFlops = sixteenBitRate(g, compute16);
    if (r.attentionFlops <= 0 && g.fp32Tflops > 0)
        r.attentionFlops = g.fp32Tflops * kTera;
    if (r.isCpu) {
        const double cores = std::max(1, g.cpuCores) * kCpuFlopsPerCore;
        r.attentionFlops = g.fp32Tflops > 0 ? g.fp32Tflops * kTera : cores;
    }
    if (r.attentionFlops <= 0) {
        r.attentionFlops = r.bandwidth * kAssumedFlopsPerByte;
        r.computeAssumed = true;
    }
    r.gemmFlops = r.attentionFlops;
    switch (d.weights) {
    case Precision::FP32:
        r.gemmFlops = g.fp32Tflops > 0 ? g.fp32Tflops * kTera : r.attentionFlops / 4;
        r.powerFlopFactor = 0.5;
        break;
    case Precision::FP8:
        if (g.fp8Tflops > 0) {
            r.gemmFlops = g.fp8Tflops * kTera;
            r.powerFlopFactor = 2;
        } else
            r.fp8Fallback = true; // weight-only FP8 (dequantised to 16-bit, e.g. Marlin kernels)
        break;
    case Precision::INT8:
        if (g.int8Tops > 0) {
            r.gemmFlops = g.int8Tops * kTera;
            r.powerFlopFactor = 2;
        } else
            r.fp8Fallback = true;
        break;
    case Precision::FP4:
        if (g.fp4Tflops > 0) {
            r.gemmFlops = g.fp4Tflops * kTera;
            r.powerFlopFactor = 4;
        } else
            r.fp8Fallback = true;
        break;
    default: // BF16, FP16, and INT4 (served weight-only: W4A16 kernels run on the 16-bit units)
        break;
    }
    if (r.isCpu)
        r.gemmFlops = r.attentionFlops;

    // Collectives: NVLink/Infinity Fabric as published (bidirectional -> one direction); a 2-GPU
    // bridge only helps pairs, larger groups talk over PCIe.
    const int group = d.parallel.gpus();
    const bool bridge = contains(g.interconnect, "bridge") && !contains(g.interconnect, "4-way");
    const bool pcieOnly = contains(g.interconnect, "PCIe") || g.interconnectGBps <= 0 || (bridge && group > 2);
    r.linkBandwidth = linkPeakPerDirection(g, pcieOnly);
    r.linkLatency = pcieOnly ? 10e-6 : 3e-6;
    r.nodeLinkPcie = pcieOnly;
    r.nodeLinkBandwidth = r.linkBandwidth;
    r.nodeLinkLatency = r.linkLatency;
    if (group > d.gpusPerNode) {
        r.linkBandwidth = std::min(r.linkBandwidth, d.interNode.bandwidthGBps * 1e9);
        r.linkLatency = std::max(r.linkLatency, d.interNode.latencyUs * 1e-6);
    }

    if (d.mig) { // a slice: its memory, and its share of SMs and (as modelled) of bandwidth and power
        const double f = std::clamp(d.mig->computeFraction, 0.01, 1.0);
        r.memoryBytes = d.mig->memoryGb * kGiB * 0.975; // 1g.10gb exposes ~9.75 GiB (MIG user guide)
        r.bandwidth *= f;
        r.gemmFlops *= f;
        r.attentionFlops *= f;
        r.powerWatts *= f;
    }
    return r;
}

} // namespace serveplan
