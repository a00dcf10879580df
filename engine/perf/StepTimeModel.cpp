#include "perf/StepTimeModel.h"

#include "perf/MemoryModel.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

void StepBatch::addPrefillChunk(double tokens, double offset, bool finishes) {
    prefillTokens += tokens;
    prefillAttention += tokens * offset + tokens * (tokens + 1) / 2;
    prefillSeqs += 1;
    if (finishes)
        sampled += 1;
}

StepTimeModel::StepTimeModel(const Deployment& deployment, const EngineProfile& profile)
    : m_rates(HardwareRates::of(deployment))
    , m_shape(ModelShape::from(*deployment.model)) {
    init(deployment, profile);
}

StepTimeModel::StepTimeModel(const Deployment& deployment, const EngineProfile& profile, const HardwareRates& rates,
                             const ModelShape& shape)
    : m_rates(rates)
    , m_shape(shape) {
    init(deployment, profile);
}

void StepTimeModel::init(const Deployment& d, const EngineProfile& profile) {
    const EngineParams& e = profile.params;
    const int tp = std::max(1, d.parallel.tp);
    m_pp = std::max(1, d.parallel.pp);
    const int ep = std::max(1, d.parallel.ep);
    m_chunk = d.maxBatchedTokens > 0 ? d.maxBatchedTokens : profile.maxBatchedTokens;
    const double stageShare = 1.0 / m_pp;
    const double wb = weightBytes(1.0, d.weights);
    const double headBytes = bytesPerElement(d.weights) < 2 ? 2.0 : wb;

    m_sharedWeightBytes = m_shape.sharedParamsPerToken * wb * stageShare / tp;
    m_lmHeadBytes = m_shape.lmHeadParams * headBytes / tp;
    // Experts are split over the EP group when there is one, else every expert is TP-sharded.
    m_expertGroup = ep > 1 ? ep : tp;
    m_expertBytesPerDistinct = m_shape.moeLayers * stageShare * m_shape.expertParams * wb / m_expertGroup;
    const double gemmParams =
        m_shape.sharedParamsPerToken + m_shape.moeLayers * m_shape.expertsPerToken * m_shape.expertParams;
    m_gemmFlopsPerToken = 2.0 * gemmParams * stageShare / tp;
    m_lmHeadFlopsPerToken = 2.0 * m_shape.lmHeadParams / tp;
    m_kvBytesPerContextToken = MemoryModel::kvBytesPerTokenPerGpu(m_shape, d.kvCache, d.parallel);
    m_attnFlopsPerContextToken = m_shape.attentionFlopsPerContextToken * m_shape.layers * stageShare / tp;

    m_weightBw = m_rates.bandwidth * e.weightBandwidthEff;
    m_kvBw = m_rates.bandwidth * e.kvBandwidthEff;
    m_attnRate = m_rates.attentionFlops * e.attentionEff;
    m_gemmRate = m_rates.gemmFlops * e.gemmEff;
    if (m_rates.powerWatts > 0 && e.tflopsPerWatt > 0) { // smooth minimum of the tensor rate and the power cap
        const double powerCap = e.tflopsPerWatt * 1e12 * m_rates.powerWatts * m_rates.powerFlopFactor;
        m_gemmRate = 1.0 / (1.0 / m_gemmRate + 1.0 / powerCap);
    }

    // Two all-reduces per layer under TP, two all-to-alls per MoE layer under EP, one send per
    // stage boundary under PP. Decode-sized messages are latency-bound: NCCL's tree/LL protocols
    // and the engines' one-shot all-reduce kernels take ~2 log2(N) link latencies, not the ring's
    // 2(N-1); the bandwidth term is the ring's 2(N-1)/N of the message. The fitted collective
    // efficiency scales both (achieved vs. published link figures).
    const double layersPerStage = m_shape.layers * stageShare;
    const double activationBytesPerToken = 2.0 * m_shape.hidden;
    const double bw = m_rates.linkBandwidth * e.commEff;
    const double hop = m_rates.linkLatency / e.commEff;
    auto hops = [](int n) { return 2.0 * std::ceil(std::log2(double(n))); };
    if (tp > 1 && bw > 0) {
        m_commFixed += 2 * layersPerStage * hops(tp) * hop;
        m_commPerToken += 2 * layersPerStage * 2.0 * (tp - 1) / tp * activationBytesPerToken / bw;
    }
    if (ep > 1 && m_shape.isMoe() && bw > 0) {
        const double moeLayersPerStage = m_shape.moeLayers * stageShare;
        m_commFixed += 2 * moeLayersPerStage * hops(ep) * hop;
        m_commPerToken +=
            2 * moeLayersPerStage * m_shape.expertsPerToken * activationBytesPerToken * (ep - 1) / ep / bw;
    }
    if (m_pp > 1 && bw > 0) { // amortised over the stages: the whole pipeline has pp - 1 boundaries
        m_commFixed += double(m_pp - 1) / m_pp * hop;
        m_commPerToken += double(m_pp - 1) / m_pp * activationBytesPerToken / bw;
    }
    m_fixedOverhead = e.stepOverheadS / m_pp + layersPerStage * e.layerOverheadS;
    m_seqOverhead = e.seqOverheadS / m_pp;
}

double StepTimeModel::stepTime(const StepBatch& b) const {
    const double tokens = b.decodeSeqs + b.prefillTokens;
    if (tokens <= 0)
        return 0;
    double weightBytes = m_sharedWeightBytes + (b.sampled > 0 ? m_lmHeadBytes : 0.0);
    if (m_expertBytesPerDistinct > 0) {
        // Distinct experts per GPU: the EP group holds E/ep experts each, TP shards all of them.
        weightBytes += m_shape.distinctExperts(tokens) * m_expertBytesPerDistinct;
    }
    const double gemmFlops = tokens * m_gemmFlopsPerToken + b.sampled * m_lmHeadFlopsPerToken;
    const double linear = std::max(weightBytes / m_weightBw, gemmFlops / m_gemmRate);
    const double decodeAttention = std::max(b.decodeContext * m_kvBytesPerContextToken / m_kvBw,
                                            b.decodeContext * m_attnFlopsPerContextToken / m_attnRate);
    const double prefillAttention = b.prefillAttention * m_attnFlopsPerContextToken / m_attnRate;
    const double comm = m_commFixed + tokens * m_commPerToken;
    const double overhead = m_fixedOverhead + (b.decodeSeqs + b.prefillSeqs) * m_seqOverhead;
    return m_pp * (linear + decodeAttention + prefillAttention + comm + overhead);
}

double StepTimeModel::decodeStep(double batch, double meanContext) const {
    StepBatch b;
    b.decodeSeqs = batch;
    b.decodeContext = batch * meanContext;
    b.sampled = batch;
    return stepTime(b);
}

double StepTimeModel::prefillTime(double tokens) const {
    double done = 0, total = 0;
    const double chunk = std::max(1.0, m_chunk);
    while (done < tokens) {
        const double c = std::min(chunk, tokens - done);
        StepBatch b;
        b.addPrefillChunk(c, done, done + c >= tokens);
        total += stepTime(b);
        done += c;
    }
    return total;
}

} // namespace serveplan
