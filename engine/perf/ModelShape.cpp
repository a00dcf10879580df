#include "perf/ModelShape.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

namespace {
constexpr double kQuantGroupSize = 128.0; // weights per scale in AWQ/GPTQ INT4 and FP4 checkpoints

double attentionParamsPerLayer(const ModelSpec& m) {
    const double h = m.hiddenSize;
    if (m.attention == AttentionType::MLA) {
        const double qkHead = m.qkNopeHeadDim + m.qkRopeHeadDim;
        const double q = m.qLoraRank > 0 ? h * m.qLoraRank + double(m.qLoraRank) * m.numAttentionHeads * qkHead
                                         : h * m.numAttentionHeads * qkHead;
        const double kv = h * (m.kvLoraRank + m.qkRopeHeadDim) +
                          double(m.kvLoraRank) * m.numAttentionHeads * (m.qkNopeHeadDim + m.vHeadDim);
        const double o = double(m.numAttentionHeads) * m.vHeadDim * h;
        return q + kv + o;
    }
    const double q = h * m.numAttentionHeads * m.headDim;
    const double kv = 2.0 * h * m.numKvHeads * m.headDim;
    return q + kv + q;
}
} // namespace

ModelShape ModelShape::from(const ModelSpec& m) {
    ModelShape s;
    s.layers = m.numLayers;
    s.hidden = m.hiddenSize;
    s.attentionHeads = m.numAttentionHeads;
    s.kvHeads = m.attention == AttentionType::MLA ? 1 : std::max(1, m.numKvHeads);
    s.vocab = m.vocabSize;
    s.totalParams = m.paramsB * 1e9;
    s.lmHeadParams = double(m.vocabSize) * m.hiddenSize;
    s.embeddingParams = s.lmHeadParams * (m.tieEmbeddings ? 1.0 : 2.0);
    if (m.isMoe()) {
        s.experts = m.numExperts;
        s.expertsPerToken = std::clamp(m.numExpertsPerTok, 1, m.numExperts);
        s.logUntouchedPerToken = std::log1p(-double(s.expertsPerToken) / s.experts); // −∞ when k = E: all touched
        s.moeLayers = std::max(0, m.numLayers - m.firstKDenseLayers);
        const int width = m.moeIntermediateSize > 0 ? m.moeIntermediateSize : m.intermediateSize;
        s.expertParams = 3.0 * m.hiddenSize * width;
    }
    // Everything a token always uses: the active parameters minus the routed experts it picks and
    // the embeddings (the catalog's active count includes both).
    const double active = (m.activeParamsB > 0 ? m.activeParamsB : m.paramsB) * 1e9;
    s.sharedParamsPerToken =
        std::max(0.0, active - s.embeddingParams - s.moeLayers * s.expertsPerToken * s.expertParams);
    if (s.sharedParamsPerToken <= 0) // inconsistent catalog row: rebuild from the architecture
        s.sharedParamsPerToken = m.numLayers * (attentionParamsPerLayer(m) + 3.0 * m.hiddenSize * m.intermediateSize);
    if (m.attention == AttentionType::MLA) {
        s.kvElementsPerTokenPerLayer = double(m.kvLoraRank) + m.qkRopeHeadDim;
        s.kvShardedByTp = false;
        // Absorbed MLA decode: scores over the latent plus rope part, values from the latent.
        s.attentionFlopsPerContextToken = 2.0 * m.numAttentionHeads * (2.0 * m.kvLoraRank + m.qkRopeHeadDim);
        // Prefill decompresses the latent into per-head keys and values once per chunk (a GEMM
        // counted with the attention projections) and runs ordinary attention: QK^T over the
        // no-rope + rope head dims, PV over the value head dim (vLLM, SGLang and TensorRT-LLM all
        // prefill MLA this way; absorbing would cost 3.4x the FLOPs for DeepSeek-V3's shapes).
        s.prefillAttentionFlopsPerContextToken =
            2.0 * m.numAttentionHeads * (double(m.qkNopeHeadDim) + m.qkRopeHeadDim + m.vHeadDim);
        s.isMla = true;
    } else {
        s.kvElementsPerTokenPerLayer = 2.0 * s.kvHeads * m.headDim;
        // QK^T and PV: two multiply-adds per head dimension per head.
        s.attentionFlopsPerContextToken = 4.0 * m.numAttentionHeads * m.headDim;
        s.prefillAttentionFlopsPerContextToken = s.attentionFlopsPerContextToken;
    }
    return s;
}

double ModelShape::kvBytesPerToken(Precision kv) const {
    return layers * kvElementsPerTokenPerLayer * bytesPerElement(kv);
}

double ModelShape::kvHeadsPerRank(int tp) const {
    if (!kvShardedByTp)
        return kvHeads;
    return std::ceil(double(kvHeads) / std::max(1, tp));
}

double ModelShape::distinctExperts(double tokens) const {
    if (experts <= 0 || tokens <= 0)
        return 0;
    return experts * -std::expm1(tokens * logUntouchedPerToken);
}

double ModelShape::gemmParamsPerToken() const {
    return sharedParamsPerToken + moeLayers * expertsPerToken * expertParams + lmHeadParams;
}

double weightBytes(double params, Precision weights) {
    const double b = bytesPerElement(weights);
    const double scales = b < 1.0 ? 2.0 / kQuantGroupSize : 0.0;
    return params * (b + scales);
}

} // namespace serveplan
