#include "perf/EngineProfile.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace serveplan {

namespace {
struct FittedEntry {
    ServingEngine engine;
    int rows;
    EngineParams params;
    EngineBands bands;
};

// Written by `serveplan-cli fit` (engine/fit/ProfileFit): one entry per engine with calibration
// data, plus `generic` (the shared physics with no engine adjustment). Re-run the fit to update.
const FittedEntry kFitted[] = {
#include "perf/FittedProfiles.inc"
};

const FittedEntry* fittedEntry(ServingEngine engine) {
    for (const FittedEntry& e : kFitted)
        if (e.engine == engine)
            return &e;
    return nullptr;
}
} // namespace

EngineProfile engineDefaults(ServingEngine engine) {
    EngineProfile p;
    p.engine = engine;
    switch (engine) {
    case ServingEngine::Vllm: // vLLM 0.8 V1: gpu_memory_utilization 0.9, max_num_seqs 256, serving chunk 2048
        p.maxBatchedTokens = 2048;
        break;
    case ServingEngine::Sglang: // mem_fraction_static ~0.88, chunked_prefill_size 8192, large running batch
        p.memoryUtilization = 0.88;
        p.maxBatchSize = 1024;
        break;
    case ServingEngine::Trtllm: // kv_cache_free_gpu_mem_fraction 0.9, max_batch_size 2048, GUARANTEED_NO_EVICT
        p.kvFromFreeMemory = true;
        p.maxBatchSize = 2048;
        p.reserveFullSequence = true;
        p.runtimeBytes = 2.0e9;
        break;
    case ServingEngine::Tgi: // max_batch_prefill_tokens 4096, 128 concurrent requests, no chunking (v1)
        p.memoryUtilization = 0.95;
        p.maxBatchSize = 128;
        p.maxBatchedTokens = 4096;
        p.chunkedPrefill = false;
        p.reserveFullSequence = true;
        break;
    case ServingEngine::Lmdeploy: // cache_max_entry_count 0.8 of free memory, max_batch_size 128
        p.memoryUtilization = 0.80;
        p.kvFromFreeMemory = true;
        p.maxBatchSize = 128;
        break;
    case ServingEngine::Llamacpp: // llama-server: 4 parallel slots, contexts allocated up front, no graphs
        p.memoryUtilization = 1.0;
        p.kvFromFreeMemory = true;
        p.runtimeBytes = 0.5e9;
        p.maxBatchSize = 4;
        p.maxBatchedTokens = 2048;
        p.chunkedPrefill = false;
        p.reserveFullSequence = true;
        break;
    case ServingEngine::Mlc: // MLC-LLM serve: memory fraction ~0.9, batch up to 80-128
        p.maxBatchSize = 128;
        break;
    case ServingEngine::Hf: // transformers generate: static padded batches, no paged KV cache
        p.maxBatchSize = 32;
        p.maxBatchedTokens = 1 << 20;
        p.chunkedPrefill = false;
        p.reserveFullSequence = true;
        p.runtimeBytes = 1.0e9;
        break;
    case ServingEngine::Generic:
        break;
    }
    if (const FittedEntry* generic = fittedEntry(ServingEngine::Generic)) {
        p.params = generic->params;
        p.bands = generic->bands;
    }
    return p;
}

EngineProfile engineProfile(ServingEngine engine, bool* fellBack) {
    EngineProfile p = engineDefaults(engine);
    const FittedEntry* own = engine == ServingEngine::Generic ? nullptr : fittedEntry(engine);
    if (own) {
        p.params = own->params;
        p.bands = own->bands;
        p.calibrationRows = own->rows;
    }
    if (fellBack)
        *fellBack = engine != ServingEngine::Generic && !own;
    return p;
}

EngineParams applyCalibration(EngineParams base, const std::vector<CalibrationFactor>& factors) {
    // Views with their lengths known at compile time: a mismatch costs a length compare, so applying
    // a calibration per capacity estimate stays cheap next to the estimate itself.
    constexpr std::string_view weight = factor::kWeightBandwidthEff, kv = factor::kKvBandwidthEff,
                               gemm = factor::kGemmEffBf16, step = factor::kStepOverheadS,
                               request = factor::kRequestOverheadS;
    // The probe's MLA and MoE factors (named in calib/CalibrationFit.h, a layer above this one).
    constexpr std::string_view mlaKv = "mla_kv_bandwidth_eff", moeWeight = "moe_weight_bandwidth_eff";
    for (const CalibrationFactor& f : factors) {
        const std::string_view name = f.name;
        const bool efficiency = f.value > 0 && std::isfinite(f.value);
        if (name == weight && efficiency)
            base.weightBandwidthEff = f.value;
        else if (name == kv && efficiency)
            base.kvBandwidthEff = f.value;
        else if (name == gemm && efficiency)
            // The power cap (tflopsPerWatt) stays: with it the measured best-GEMM efficiency predicts the
            // probe's whole prefill step within 2-21 %, without it 33-45 % too fast (engine/probe/README.md).
            base.gemmEff = f.value;
        else if (name == step && f.value >= 0 && std::isfinite(f.value))
            base.stepOverheadS = f.value;
        else if (name == request && f.value >= 0 && std::isfinite(f.value))
            base.requestOverheadS = f.value;
        else if (name == mlaKv && efficiency)
            // The probe's MLA kernel (mma.sync, no wgmma/TMA) is slower than the engines' FlashMLA-class
            // kernels: what it reaches is a floor, so it only raises the profile's MLA efficiency.
            base.mlaKvBandwidthEff = std::max(base.mlaKvBandwidthEff, f.value);
        else if (name == moeWeight && efficiency)
            // The probe's MoE layer is the engines' grouped expert GEMM on one GPU (no dispatch): it
            // replaces the expert weight stream; EP's dispatch share (moeEff) stays on top of it.
            base.expertBandwidthEff = f.value;
    }
    return base;
}

MeasuredCollectives measuredCollectives(const std::vector<CalibrationFactor>& factors) {
    MeasuredCollectives m;
    auto positive = [](double v) { return v > 0 && std::isfinite(v) ? v : 0.0; };
    for (const CalibrationFactor& f : factors) {
        const std::string_view name = f.name;
        if (name == factor::kCollectiveGpusNvlink || name == factor::kCollectiveGpusPcie) {
            if (positive(f.value) >= 2) {
                m.gpus = int(std::lround(f.value));
                m.link = name == factor::kCollectiveGpusPcie ? MeasuredCollectives::Link::Pcie
                                                             : MeasuredCollectives::Link::NvLink;
            }
        } else if (name == factor::kAllreduceBusEff)
            m.allreduceBusEff = positive(f.value);
        else if (name == factor::kAllreduceLatencyUs)
            m.allreduceLatencyS = positive(f.value) * 1e-6;
        else if (name == factor::kAlltoallBusEff)
            m.alltoallBusEff = positive(f.value);
        else if (name == factor::kAlltoallLatencyUs)
            m.alltoallLatencyS = positive(f.value) * 1e-6;
        else if (name == factor::kP2pEff)
            m.p2pEff = positive(f.value);
        else if (name == factor::kP2pLatencyUs)
            m.p2pLatencyS = positive(f.value) * 1e-6;
    }
    return m;
}

EngineProfile calibratedProfile(ServingEngine engine, const GpuCalibration* calibration, bool* fellBack) {
    EngineProfile p = engineProfile(engine, fellBack);
    if (calibration)
        p.params = applyCalibration(p.params, calibration->factors);
    return p;
}

EngineProfile deploymentProfile(const Deployment& deployment, bool* fellBack) {
    return calibratedProfile(deployment.engine, deployment.calibration, fellBack);
}

} // namespace serveplan
