#include "perf/MemoryModel.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

namespace {
double maxOf(const LengthDistribution& d) {
    if (d.kind == LengthDistribution::Kind::Fixed)
        return d.mean;
    return std::max(d.mean, d.max);
}

} // namespace

double MemoryModel::weightBytesPerGpu(const ModelShape& s, Precision weights, const Parallelism& p) {
    const Precision embeddingPrecision = bytesPerElement(weights) < 2 ? Precision::BF16 : weights;
    // Routed experts spread over every GPU of a stage (EP ranks x MoE-TP); the rest (attention, dense
    // MLPs, shared experts, embeddings) is split by TP within an attention group and replicated
    // across groups, as SGLang, TensorRT-LLM and vLLM place them under DP-attention.
    const double experts =
        std::min(std::max(0.0, s.totalParams - s.embeddingParams), double(s.moeLayers) * s.experts * s.expertParams);
    const double dense = std::max(0.0, s.totalParams - s.embeddingParams - experts);
    const double tp = std::max(1, p.tp), pp = std::max(1, p.pp), dp = std::max(1, p.attentionDp);
    return (weightBytes(dense, weights) + weightBytes(s.embeddingParams, embeddingPrecision)) / (tp * pp) +
           weightBytes(experts, weights) / (tp * dp * pp);
}

double MemoryModel::kvBytesPerTokenPerGpu(const ModelShape& s, Precision kv, const Parallelism& p) {
    const double layers = std::ceil(double(s.layers) / std::max(1, p.pp));
    const double perHead = s.kvElementsPerTokenPerLayer / s.kvHeads;
    return layers * perHead * s.kvHeadsPerRank(p.tp) * bytesPerElement(kv);
}

double MemoryModel::activationBytes(const ModelSpec& m, int batchedTokens, int maxBatchSize, int tp) {
    // Hidden states, QKV and the gated MLP's intermediate for the profile step (16-bit), plus the
    // FP32 logits of one sampled token per sequence; the rest of the workspace is in runtimeBytes.
    const double width = m.isMoe() ? double(m.moeIntermediateSize) * m.numExpertsPerTok : m.intermediateSize;
    const double perToken = (4.0 * m.hiddenSize + 2.0 * width / std::max(1, tp)) * 2.0;
    const double logits = double(maxBatchSize) * m.vocabSize / std::max(1, tp) * 4.0;
    return batchedTokens * perToken + logits;
}

double MemoryModel::sequenceTokens(const Deployment& d, const Workload& w) {
    if (d.maxModelLen > 0)
        return d.maxModelLen;
    return maxOf(w.inputTokens) + maxOf(w.outputTokens);
}

MemoryFit MemoryModel::compute(const Deployment& d, const Workload& w, const EngineProfile& profile,
                               const HardwareRates& rates, const ModelShape& shape) {
    MemoryFit fit;
    const int batchedTokens = d.maxBatchedTokens > 0 ? d.maxBatchedTokens : profile.maxBatchedTokens;
    const int maxBatch = d.maxBatchSize > 0 ? d.maxBatchSize : profile.maxBatchSize;
    const double utilization = d.memoryUtilization > 0 ? d.memoryUtilization : profile.memoryUtilization;
    const int tp = std::max(1, d.parallel.tp);

    fit.gpuMemoryBytes = rates.memoryBytes;
    fit.weightBytes = weightBytesPerGpu(shape, d.weights, d.parallel);
    // Under DP-attention each GPU runs its own group's step: the per-group budgets apply.
    fit.activationBytes = activationBytes(*d.model, std::min(batchedTokens, 1 << 16), std::min(maxBatch, 4096), tp);
    fit.runtimeBytes = rates.isCpu ? 0.5e9 : profile.runtimeBytes;
    fit.kvBytesPerToken = shape.kvBytesPerToken(d.kvCache);
    const double fixed = fit.weightBytes + fit.activationBytes + fit.runtimeBytes;
    if (profile.kvFromFreeMemory) {
        fit.kvCacheBytes = (fit.gpuMemoryBytes - fixed) * utilization;
        fit.usableBytes = fixed + std::max(0.0, fit.kvCacheBytes);
    } else {
        fit.usableBytes = fit.gpuMemoryBytes * utilization;
        fit.kvCacheBytes = fit.usableBytes - fixed;
    }
    const double kvPerToken = kvBytesPerTokenPerGpu(shape, d.kvCache, d.parallel);
    const double sequence = sequenceTokens(d, w);
    // Under DP-attention every group holds its own sequences' KV: the replica holds dp times what
    // one GPU does (MLA's latent is no longer replicated across the replica's GPUs).
    const double groups = std::max(1, d.parallel.attentionDp);
    const double perGroup = kvPerToken > 0 ? std::max(0.0, fit.kvCacheBytes) / kvPerToken : 0;
    fit.kvTokenCapacity = perGroup * groups;
    fit.requiredBytes = fixed + sequence * kvPerToken;
    fit.fits = fit.kvCacheBytes > 0 && perGroup >= sequence;
    if (!fit.fits) {
        const double has = profile.kvFromFreeMemory ? fit.gpuMemoryBytes : fit.usableBytes;
        const double needs = profile.kvFromFreeMemory ? fixed + sequence * kvPerToken / utilization : fit.requiredBytes;
        const MessageCode term = fit.weightBytes > has ? MessageCode::TermWeights
                                 : fixed > has         ? MessageCode::TermWeightsRuntime
                                                       : MessageCode::TermKvCache;
        fit.reason = Message(MessageCode::DoesNotFitDetail,
                             {MessageArg::message(Message(term)), MessageArg::gib(needs), MessageArg::gib(has),
                              MessageArg::gib(fit.weightBytes), MessageArg::gib(fit.activationBytes),
                              MessageArg::gib(fit.runtimeBytes), MessageArg::integer(static_cast<long long>(sequence)),
                              MessageArg::gib(sequence * kvPerToken)});
    }
    return fit;
}

} // namespace serveplan
