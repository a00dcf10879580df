// The synthetic transformer: a catalog model's shapes with random BF16 weights. Decode steps at
// batch <= 8 run the probe's fused GEMV path (RMSNorm folded into the projections, RoPE and the
// KV-cache append in the QKV epilogue, SiLU·gate and the residual add in the MLP epilogues), larger
// batches and prefill the unfused cuBLAS path; decode is captured in a CUDA graph and replayed.
// When the model does not fit, a subset of its layers runs and the time is scaled (and said so).
#include "GpuContext.cuh"

#include <cmath>
#include <functional>
#include <memory>
#include <vector>

namespace serveplan::probe::cuda {

namespace {

struct LayerWeights {
    DeviceBuffer buffer;
    bf16* qkv = nullptr;        ///< [(heads + 2 kv) head_dim][hidden], rows in RoPE pair order
    bf16* o = nullptr;          ///< [hidden][heads head_dim]
    bf16* gateUp = nullptr;     ///< [2 inter][hidden], rows gate_i, up_i interleaved (dense layers)
    bf16* down = nullptr;       ///< [hidden][inter]
    bf16* router = nullptr;     ///< [experts][hidden]
    bf16* expertGu = nullptr;   ///< [experts][2 moe_inter][hidden]
    bf16* expertDown = nullptr; ///< [experts][hidden][moe_inter]
    bf16* sharedGu = nullptr;   ///< [2 shared_inter][hidden]
    bf16* sharedDown = nullptr;
    bool moe = false;
};

/// A fill scale that keeps every projection's output near unit variance: U(-a, a) has variance
/// a²/3, so a = sqrt(3 / k) over a k-long dot product with unit-RMS inputs.
float weightScale(int k) {
    return std::sqrt(3.0f / float(k));
}

class SyntheticModel {
public:
    SyntheticModel(GpuContext& ctx, const ModelShape& s)
        : m_ctx(ctx)
        , m_s(s) {
        m_qkvRows = (s.heads + 2 * s.kvHeads) * s.headDim;
        m_sharedInter = s.sharedExperts * s.moeIntermediate;
        const std::size_t free = ctx.freeBytes();
        const std::size_t head = 2 * std::size_t(s.vocab) * s.hidden * 2;
        // Weights may take a bit over half of free memory; the KV cache and activations get the rest.
        const double budget = 0.55 * double(free) - double(head);
        const std::size_t perLayer = std::size_t(s.layerParams()) * 2;
        m_layersRun = int(std::clamp<double>(std::floor(budget / double(perLayer)), 1.0, double(s.layers)));
        m_embed.allocate(std::size_t(s.vocab) * s.hidden * 2);
        m_lmHead.allocate(m_embed.bytes());
        fillRandom(m_embed.get(), std::size_t(s.vocab) * s.hidden, FillType::BF16, 1.f, 100, ctx.stream);
        fillRandom(m_lmHead.get(), std::size_t(s.vocab) * s.hidden, FillType::BF16, weightScale(s.hidden), 101,
                   ctx.stream);
        for (int l = 0; l < m_layersRun; ++l)
            m_layers.push_back(makeLayer(l));
        ctx.sync();
    }

    int layersRun() const { return m_layersRun; }
    bool scaled() const { return m_layersRun < m_s.layers; }
    const ModelShape& shape() const { return m_s; }

    /// Bytes a decode step of `batch` sequences reads from weights (whole model), expected distinct
    /// experts for MoE (E·(1 − (1 − k/E)^B), MODELING.md).
    double decodeWeightBytes(int batch) const {
        const ModelShape& s = m_s;
        const double h = s.hidden;
        const double attention = h * m_qkvRows + double(s.heads) * s.headDim * h;
        double mlp = 3.0 * h * s.intermediate;
        double perLayerMoe = mlp;
        if (s.isMoe()) {
            const double k = s.expertsPerToken, e = s.experts;
            const double touched = e * (1.0 - std::pow(1.0 - k / e, batch));
            perLayerMoe = h * e + touched * 3.0 * h * s.moeIntermediate + 3.0 * h * m_sharedInter;
        }
        const int dense = s.isMoe() ? std::min(s.firstDenseLayers, s.layers) : s.layers;
        const double layers = dense * (attention + mlp) + (s.layers - dense) * (attention + perLayerMoe);
        return 2.0 * (layers + double(s.vocab) * h + batch * h);
    }

    /// Everything a step needs besides weights, for `tokens` tokens of `batch` sequences with
    /// `maxCtx` cache slots, and the KV cache of `layers` layers.
    struct Workspace {
        DeviceBuffer x, h, qkv, q, attn, o, gu, act, logits, kv, partO, partML, counters;
        DeviceBuffer scores, probs;                                           // prefill attention
        DeviceBuffer routerLogits, ids, weights, eGu, eAct, eOut, sAct, sOut; // MoE
        int tokens = 0, batch = 0, seq = 0, maxCtx = 0;
        std::size_t kvLayerBytes = 0; ///< K or V of one layer
    };

    std::size_t kvBytesFor(int batch, int maxCtx, int layers) const {
        return 2 * std::size_t(layers) * batch * m_s.kvHeads * std::size_t(maxCtx) * m_s.headDim * 2;
    }

    std::unique_ptr<Workspace> makeWorkspace(int batch, int seq, int maxCtx, bool prefill) const {
        const ModelShape& s = m_s;
        auto w = std::make_unique<Workspace>();
        w->tokens = batch * seq;
        w->batch = batch;
        w->seq = seq;
        w->maxCtx = maxCtx;
        const std::size_t t = std::size_t(w->tokens);
        const int inter = std::max(s.intermediate, 1);
        w->x.allocate(t * s.hidden * 2);
        w->h.allocate(t * s.hidden * 2);
        w->qkv.allocate(t * m_qkvRows * 2);
        w->q.allocate(t * s.heads * s.headDim * 2);
        w->attn.allocate(t * s.heads * s.headDim * 2);
        w->o.allocate(t * s.heads * s.headDim * 2);
        w->gu.allocate(t * 2 * inter * 2);
        w->act.allocate(t * inter * 2);
        w->logits.allocate(std::size_t(batch) * s.vocab * 2);
        w->kvLayerBytes = std::size_t(batch) * s.kvHeads * maxCtx * s.headDim * 2;
        w->kv.allocate(2 * w->kvLayerBytes * m_layersRun);
        fillRandom(w->kv.get(), w->kv.bytes() / 2, FillType::BF16, 1.f, 200, m_ctx.stream);
        w->partO.allocate(std::size_t(batch) * s.heads * kMaxAttnSplits * s.headDim * 4);
        w->partML.allocate(std::size_t(batch) * s.heads * kMaxAttnSplits * 2 * 4);
        w->counters.allocate(std::size_t(attentionCounterCount(batch, s.heads, s.kvHeads)) * 4);
        PROBE_CUDA(cudaMemsetAsync(w->counters.get(), 0, w->counters.bytes(), m_ctx.stream));
        if (prefill) {
            const std::size_t scoreCount = std::size_t(batch) * s.heads * seq * std::size_t(seq);
            w->scores.allocate(scoreCount * 4);
            w->probs.allocate(scoreCount * 2);
        }
        if (s.isMoe()) {
            const std::size_t slots = std::max<std::size_t>(t * s.expertsPerToken, expertRows(w->tokens) * s.experts);
            w->routerLogits.allocate(t * s.experts * 2);
            w->ids.allocate(t * s.expertsPerToken * 4);
            w->weights.allocate(t * s.expertsPerToken * 4);
            w->eGu.allocate(slots * 2 * s.moeIntermediate * 2);
            w->eAct.allocate(slots * s.moeIntermediate * 2);
            w->eOut.allocate(slots * s.hidden * 2);
            if (m_sharedInter > 0) {
                w->sAct.allocate(t * 2 * m_sharedInter * 2);
                w->sOut.allocate(t * s.hidden * 2);
            }
        }
        return w;
    }

    /// Rows each expert processes on the batched (uniform routing) path.
    int expertRows(int tokens) const { return (tokens * m_s.expertsPerToken + m_s.experts - 1) / m_s.experts; }

    /// One decode step: each of `batch` sequences holds `len` tokens after this step.
    void enqueueDecode(Workspace& w, int len, bool fused, int layers) {
        const ModelShape& s = m_s;
        const int b = w.batch;
        launchEmbed(m_embed.get<bf16>(), s.vocab, s.hidden, w.x.get<bf16>(), b, m_ctx.stream);
        for (int l = 0; l < layers; ++l) {
            const LayerWeights& L = m_layers[l];
            bf16* cacheK = reinterpret_cast<bf16*>(w.kv.get<char>() + 2 * l * w.kvLayerBytes);
            bf16* cacheV = reinterpret_cast<bf16*>(w.kv.get<char>() + (2 * l + 1) * w.kvLayerBytes);
            if (fused) {
                GemvArgs g = gemv(L.qkv, m_qkvRows, s.hidden, w.x.get<bf16>(), nullptr, true);
                g.q = w.q.get<bf16>();
                g.cacheK = cacheK;
                g.cacheV = cacheV;
                g.heads = s.heads;
                g.kvHeads = s.kvHeads;
                g.headDim = s.headDim;
                g.maxCtx = w.maxCtx;
                g.pos = len - 1;
                launchGemv(b, GemvEpilogue::RopeKv, g, m_ctx.stream);
            } else {
                launchRmsNorm(w.x.get<bf16>(), w.h.get<bf16>(), b, s.hidden, m_ctx.stream);
                gemmRowMajor(m_ctx, w.h.get<bf16>(), s.hidden, L.qkv, w.qkv.get<bf16>(), m_qkvRows, b, m_qkvRows,
                             s.hidden, 0.f);
                launchRopeAppend(w.qkv.get<bf16>(), b, 1, len - 1, w.q.get<bf16>(), cacheK, cacheV, s.heads, s.kvHeads,
                                 s.headDim, w.maxCtx, m_ctx.stream);
            }
            AttnArgs a;
            a.q = w.q.get<bf16>();
            a.k = cacheK;
            a.v = cacheV;
            a.out = w.attn.get<bf16>();
            a.partO = w.partO.get<float>();
            a.partML = w.partML.get<float>();
            a.counters = w.counters.get<int>();
            a.batch = b;
            a.heads = s.heads;
            a.kvHeads = s.kvHeads;
            a.headDim = s.headDim;
            a.maxCtx = w.maxCtx;
            a.len = len;
            planAttention(a, m_ctx.sms);
            launchDecodeAttention(a, m_ctx.stream);
            const int attnWidth = s.heads * s.headDim;
            if (fused)
                launchGemv(b, GemvEpilogue::Residual,
                           gemv(L.o, s.hidden, attnWidth, w.attn.get<bf16>(), w.x.get<bf16>(), false), m_ctx.stream);
            else
                gemmRowMajor(m_ctx, w.attn.get<bf16>(), attnWidth, L.o, w.x.get<bf16>(), s.hidden, b, s.hidden,
                             attnWidth, 1.f);
            enqueueMlp(w, L, b, fused);
        }
        enqueueHead(w, b, 1, fused);
    }

    /// Prefill of `seq` prompt tokens for each of `batch` sequences (unfused, cuBLAS).
    void enqueuePrefill(Workspace& w, int layers) {
        const ModelShape& s = m_s;
        const int t = w.tokens, seq = w.seq, batch = w.batch;
        const int group = s.heads / s.kvHeads, hd = s.headDim;
        launchEmbed(m_embed.get<bf16>(), s.vocab, s.hidden, w.x.get<bf16>(), t, m_ctx.stream);
        for (int l = 0; l < layers; ++l) {
            const LayerWeights& L = m_layers[l];
            bf16* cacheK = reinterpret_cast<bf16*>(w.kv.get<char>() + 2 * l * w.kvLayerBytes);
            bf16* cacheV = reinterpret_cast<bf16*>(w.kv.get<char>() + (2 * l + 1) * w.kvLayerBytes);
            launchRmsNorm(w.x.get<bf16>(), w.h.get<bf16>(), t, s.hidden, m_ctx.stream);
            gemmRowMajor(m_ctx, w.h.get<bf16>(), s.hidden, L.qkv, w.qkv.get<bf16>(), m_qkvRows, t, m_qkvRows, s.hidden,
                         0.f);
            launchRopeAppend(w.qkv.get<bf16>(), batch, seq, 0, w.q.get<bf16>(), cacheK, cacheV, s.heads, s.kvHeads, hd,
                             w.maxCtx, m_ctx.stream);
            // Scores of each KV head's query group: [group·seq × seq] = Q_g · Kᵀ (all of it; the
            // causal half is masked in the softmax, so this does twice the causal FLOPs).
            const float one = 1.f, zero = 0.f;
            PROBE_CUBLAS(cublasGemmStridedBatchedEx(
                m_ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, seq, group * seq, hd, &one, cacheK, CUDA_R_16BF, hd,
                std::int64_t(w.maxCtx) * hd, w.q.get<bf16>(), CUDA_R_16BF, hd, std::int64_t(group) * seq * hd, &zero,
                w.scores.get(), CUDA_R_32F, seq, std::int64_t(group) * seq * seq, batch * s.kvHeads, CUBLAS_COMPUTE_32F,
                CUBLAS_GEMM_DEFAULT));
            launchCausalSoftmax(w.scores.get<float>(), w.probs.get<bf16>(), std::int64_t(batch) * s.heads * seq, seq,
                                1.f / std::sqrt(float(hd)), m_ctx.stream);
            PROBE_CUBLAS(cublasGemmStridedBatchedEx(m_ctx.blas, CUBLAS_OP_N, CUBLAS_OP_N, hd, group * seq, seq, &one,
                                                    cacheV, CUDA_R_16BF, hd, std::int64_t(w.maxCtx) * hd, w.probs.get(),
                                                    CUDA_R_16BF, seq, std::int64_t(group) * seq * seq, &zero, w.o.get(),
                                                    CUDA_R_16BF, hd, std::int64_t(group) * seq * hd, batch * s.kvHeads,
                                                    CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
            launchMergeHeads(w.o.get<bf16>(), w.attn.get<bf16>(), batch, s.heads, seq, hd, m_ctx.stream);
            gemmRowMajor(m_ctx, w.attn.get<bf16>(), s.heads * hd, L.o, w.x.get<bf16>(), s.hidden, t, s.hidden,
                         s.heads * hd, 1.f);
            enqueueMlp(w, L, t, false);
        }
        enqueueHead(w, batch, seq, false);
    }

private:
    GemvArgs gemv(const bf16* w, int n, int k, const bf16* x, bf16* y, bool norm) const {
        GemvArgs g;
        g.w = w;
        g.n = n;
        g.k = k;
        g.x = x;
        g.ldx = k;
        g.y = y;
        g.ldy = n;
        g.norm = norm;
        return g;
    }

    void enqueueMlp(Workspace& w, const LayerWeights& L, int t, bool fused) {
        const ModelShape& s = m_s;
        bf16* x = w.x.get<bf16>();
        if (!L.moe) {
            const int inter = s.intermediate;
            if (fused) {
                GemvArgs gu = gemv(L.gateUp, 2 * inter, s.hidden, x, w.act.get<bf16>(), true);
                gu.ldy = inter;
                launchGemv(t, GemvEpilogue::SiluMul, gu, m_ctx.stream);
                launchGemv(t, GemvEpilogue::Residual, gemv(L.down, s.hidden, inter, w.act.get<bf16>(), x, false),
                           m_ctx.stream);
            } else {
                launchRmsNorm(x, w.h.get<bf16>(), t, s.hidden, m_ctx.stream);
                gemmRowMajor(m_ctx, w.h.get<bf16>(), s.hidden, L.gateUp, w.gu.get<bf16>(), 2 * inter, t, 2 * inter,
                             s.hidden, 0.f);
                launchSiluMul(w.gu.get<bf16>(), w.act.get<bf16>(), t, inter, m_ctx.stream);
                gemmRowMajor(m_ctx, w.act.get<bf16>(), inter, L.down, x, s.hidden, t, s.hidden, inter, 1.f);
            }
            return;
        }
        const int k = s.expertsPerToken, mi = s.moeIntermediate, e = s.experts;
        if (fused) {
            // Routed experts: router GEMV, top-k, then one GEMV row of blocks per token-slot reading its expert.
            launchGemv(t, GemvEpilogue::Store, gemv(L.router, e, s.hidden, x, w.routerLogits.get<bf16>(), true),
                       m_ctx.stream);
            launchTopK(w.routerLogits.get<bf16>(), t, e, k, w.ids.get<int>(), w.weights.get<float>(), m_ctx.stream);
            GemvArgs gu = gemv(L.expertGu, 2 * mi, s.hidden, x, w.eAct.get<bf16>(), true);
            gu.ldy = mi;
            gu.expertIds = w.ids.get<int>();
            gu.expertStride = std::int64_t(2) * mi * s.hidden;
            gu.slots = t * k;
            gu.xRowDivisor = k;
            launchGemv(1, GemvEpilogue::SiluMul, gu, m_ctx.stream);
            GemvArgs dn = gemv(L.expertDown, s.hidden, mi, w.eAct.get<bf16>(), w.eOut.get<bf16>(), false);
            dn.expertIds = w.ids.get<int>();
            dn.expertStride = std::int64_t(s.hidden) * mi;
            dn.slots = t * k;
            launchGemv(1, GemvEpilogue::Store, dn, m_ctx.stream);
            const bf16* shared = nullptr;
            if (m_sharedInter > 0) {
                GemvArgs sg = gemv(L.sharedGu, 2 * m_sharedInter, s.hidden, x, w.sAct.get<bf16>(), true);
                sg.ldy = m_sharedInter;
                launchGemv(t, GemvEpilogue::SiluMul, sg, m_ctx.stream);
                launchGemv(t, GemvEpilogue::Store,
                           gemv(L.sharedDown, s.hidden, m_sharedInter, w.sAct.get<bf16>(), w.sOut.get<bf16>(), false),
                           m_ctx.stream);
                shared = w.sOut.get<bf16>();
            }
            launchMoeCombine(x, w.eOut.get<bf16>(), std::int64_t(t) * k, w.weights.get<float>(), shared, t, k, s.hidden,
                             m_ctx.stream);
            return;
        }
        // Batched path: uniform routing assumed, every expert processes ceil(tokens·k / E) rows.
        const int rows = expertRows(t);
        launchRmsNorm(x, w.h.get<bf16>(), t, s.hidden, m_ctx.stream);
        gemmRowMajor(m_ctx, w.h.get<bf16>(), s.hidden, L.router, w.routerLogits.get<bf16>(), e, t, e, s.hidden, 0.f);
        launchTopK(w.routerLogits.get<bf16>(), t, e, k, w.ids.get<int>(), w.weights.get<float>(), m_ctx.stream);
        const float one = 1.f, zero = 0.f;
        PROBE_CUBLAS(cublasGemmStridedBatchedEx(
            m_ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, 2 * mi, rows, s.hidden, &one, L.expertGu, CUDA_R_16BF, s.hidden,
            std::int64_t(2) * mi * s.hidden, w.h.get(), CUDA_R_16BF, s.hidden, 0, &zero, w.eGu.get(), CUDA_R_16BF,
            2 * mi, std::int64_t(2) * mi * rows, e, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
        launchSiluMul(w.eGu.get<bf16>(), w.eAct.get<bf16>(), std::int64_t(rows) * e, mi, m_ctx.stream);
        PROBE_CUBLAS(cublasGemmStridedBatchedEx(
            m_ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, s.hidden, rows, mi, &one, L.expertDown, CUDA_R_16BF, mi,
            std::int64_t(s.hidden) * mi, w.eAct.get(), CUDA_R_16BF, mi, std::int64_t(mi) * rows, &zero, w.eOut.get(),
            CUDA_R_16BF, s.hidden, std::int64_t(s.hidden) * rows, e, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
        const bf16* shared = nullptr;
        if (m_sharedInter > 0) {
            gemmRowMajor(m_ctx, w.h.get<bf16>(), s.hidden, L.sharedGu, w.sAct.get<bf16>(), 2 * m_sharedInter, t,
                         2 * m_sharedInter, s.hidden, 0.f);
            launchSiluMul(w.sAct.get<bf16>(), w.act.get<bf16>(), t, m_sharedInter, m_ctx.stream);
            gemmRowMajor(m_ctx, w.act.get<bf16>(), m_sharedInter, L.sharedDown, w.sOut.get<bf16>(), s.hidden, t,
                         s.hidden, m_sharedInter, 0.f);
            shared = w.sOut.get<bf16>();
        }
        launchMoeCombine(x, w.eOut.get<bf16>(), std::int64_t(rows) * e, w.weights.get<float>(), shared, t, k, s.hidden,
                         m_ctx.stream);
    }

    /// Final RMSNorm and LM head for the last token of each sequence.
    void enqueueHead(Workspace& w, int batch, int seq, bool fused) {
        const ModelShape& s = m_s;
        const std::size_t lastRow = std::size_t(seq - 1) * s.hidden;
        if (fused) {
            GemvArgs g =
                gemv(m_lmHead.get<bf16>(), s.vocab, s.hidden, w.x.get<bf16>() + lastRow, w.logits.get<bf16>(), true);
            g.ldx = seq * s.hidden;
            launchGemv(batch, GemvEpilogue::Store, g, m_ctx.stream);
            return;
        }
        launchRmsNorm(w.x.get<bf16>(), w.h.get<bf16>(), batch * seq, s.hidden, m_ctx.stream);
        gemmRowMajor(m_ctx, w.h.get<bf16>() + lastRow, seq * s.hidden, m_lmHead.get<bf16>(), w.logits.get<bf16>(),
                     s.vocab, batch, s.vocab, s.hidden, 0.f);
    }

    LayerWeights makeLayer(int index) {
        const ModelShape& s = m_s;
        LayerWeights L;
        L.moe = s.isMoe() && index >= s.firstDenseLayers;
        const std::size_t h = s.hidden;
        const std::size_t qkv = m_qkvRows * h, o = h * s.heads * s.headDim;
        const std::size_t dense = L.moe ? 0 : 3 * h * s.intermediate;
        const std::size_t router = L.moe ? h * s.experts : 0;
        const std::size_t experts = L.moe ? std::size_t(s.experts) * 3 * h * s.moeIntermediate : 0;
        const std::size_t shared = L.moe ? 3 * h * m_sharedInter : 0;
        const std::size_t total = qkv + o + dense + router + experts + shared;
        L.buffer.allocate(total * 2);
        bf16* p = L.buffer.get<bf16>();
        auto take = [&](std::size_t count, int k, std::uint32_t seed) {
            bf16* at = p;
            if (count > 0)
                fillRandom(at, count, FillType::BF16, weightScale(k), seed, m_ctx.stream);
            p += count;
            return at;
        };
        const std::uint32_t seed = 1000 + 16 * index;
        L.qkv = take(qkv, s.hidden, seed);
        L.o = take(o, s.heads * s.headDim, seed + 1);
        if (!L.moe) {
            L.gateUp = take(2 * h * s.intermediate, s.hidden, seed + 2);
            L.down = take(h * s.intermediate, s.intermediate, seed + 3);
        } else {
            L.router = take(router, s.hidden, seed + 4);
            L.expertGu = take(std::size_t(s.experts) * 2 * h * s.moeIntermediate, s.hidden, seed + 5);
            L.expertDown = take(std::size_t(s.experts) * h * s.moeIntermediate, s.moeIntermediate, seed + 6);
            if (m_sharedInter > 0) {
                L.sharedGu = take(2 * h * m_sharedInter, s.hidden, seed + 7);
                L.sharedDown = take(h * m_sharedInter, m_sharedInter, seed + 8);
            }
        }
        return L;
    }

    GpuContext& m_ctx;
    ModelShape m_s;
    int m_qkvRows = 0;
    int m_sharedInter = 0;
    int m_layersRun = 0;
    DeviceBuffer m_embed, m_lmHead;
    std::vector<LayerWeights> m_layers;
};

/// Captures `work` in a CUDA graph and returns the median seconds of its replays.
double timeGraph(GpuContext& ctx, const std::function<void()>& work, int samples) {
    cudaGraph_t graph = nullptr;
    cudaGraphExec_t exec = nullptr;
    PROBE_CUDA(cudaStreamBeginCapture(ctx.stream, cudaStreamCaptureModeThreadLocal));
    try {
        work();
    } catch (...) {
        cudaStreamEndCapture(ctx.stream, &graph);
        if (graph)
            cudaGraphDestroy(graph);
        throw;
    }
    PROBE_CUDA(cudaStreamEndCapture(ctx.stream, &graph));
    PROBE_CUDA(cudaGraphInstantiate(&exec, graph, 0));
    double sec = 0;
    try {
        sec = timeMedian(
            ctx.stream, [&] { PROBE_CUDA(cudaGraphLaunch(exec, ctx.stream)); }, samples, 1, 3);
    } catch (...) {
        cudaGraphExecDestroy(exec);
        cudaGraphDestroy(graph);
        throw;
    }
    cudaGraphExecDestroy(exec);
    cudaGraphDestroy(graph);
    return sec;
}

std::vector<float> logitsOf(const DeviceBuffer& logits, std::size_t count) {
    std::vector<bf16> raw(count);
    PROBE_CUDA(cudaMemcpy(raw.data(), logits.get(), count * 2, cudaMemcpyDeviceToHost));
    std::vector<float> out(count);
    for (std::size_t i = 0; i < count; ++i)
        out[i] = __bfloat162float(raw[i]);
    return out;
}

/// The fused (GEMV) and unfused (cuBLAS) decode paths compute the same function: compare their
/// logits on the same weights, cache and tokens. Returns the relative L2 difference.
double crossCheckPaths(GpuContext& ctx, SyntheticModel& model, bool compare) {
    const int batch = 4, len = 300;
    auto w = model.makeWorkspace(batch, 1, 512, false);
    const std::size_t count = std::size_t(batch) * model.shape().vocab;
    PROBE_CUDA(cudaMemsetAsync(w->logits.get(), 0xff, count * 2, ctx.stream)); // poison
    model.enqueueDecode(*w, len, true, model.layersRun());
    ctx.sync();
    const std::vector<float> fused = logitsOf(w->logits, count);
    // The MoE paths differ on purpose (the batched one assumes uniform routing): only check that
    // every logit was written and is finite.
    if (!compare) {
        for (const float f : fused)
            if (!std::isfinite(f))
                return INFINITY;
        return 0;
    }
    PROBE_CUDA(cudaMemsetAsync(w->logits.get(), 0xff, count * 2, ctx.stream));
    model.enqueueDecode(*w, len, false, model.layersRun());
    ctx.sync();
    const std::vector<float> plain = logitsOf(w->logits, count);
    double num = 0, den = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!std::isfinite(fused[i]) || !std::isfinite(plain[i]))
            return INFINITY;
        num += double(fused[i] - plain[i]) * (fused[i] - plain[i]);
        den += double(plain[i]) * plain[i];
    }
    return std::sqrt(num / std::max(den, 1e-30));
}

void addModelParams(JsonObject& p, const SyntheticModel& model) {
    const ModelShape& s = model.shape();
    p.add("model", s.id).add("precision", "bf16").add("layers", s.layers).add("layers_run", model.layersRun());
    p.add("scaled", model.scaled());
}

} // namespace

void benchDecodeStep(GpuContext& ctx, const ModelShape& shape, ProbeOutput& out) {
    if (shape.isMla())
        throw Unsupported("the synthetic transformer has no MLA layer yet: see mla_decode_attention and moe_layer");
    SyntheticModel model(ctx, shape);
    if (model.scaled())
        out.progress("decode_step", 0.7,
                     "model does not fit: running " + std::to_string(model.layersRun()) + " of " +
                         std::to_string(shape.layers) + " layers and scaling the time");
    const double err = crossCheckPaths(ctx, model, !shape.isMoe());
    // Two BF16 paths with different rounding points through every layer agree to about 1e-2; a
    // wrong epilogue (RoPE, gate order, residual) gives order 1.
    if (!(err < 0.1))
        throw CudaFailure("fused and cuBLAS decode paths disagree: relative L2 error of logits " + std::to_string(err));
    out.progress("decode_step", 0.72,
                 shape.isMoe() ? std::string("fused MoE decode logits are all finite")
                               : "fused and cuBLAS decode paths agree (relative L2 " + std::to_string(err) + ")");

    std::vector<std::pair<int, int>> configs; // batch, context
    if (ctx.quick) {
        configs = {{1, 128}, {1, 2048}, {8, 2048}, {32, 2048}};
    } else {
        configs = {{1, 128}};
        for (const int b : {1, 4, 8, 16, 32, 64, 128})
            for (const int c : {512, 2048, 8192})
                configs.emplace_back(b, c);
    }
    const int samples = ctx.quick ? 9 : 15;
    for (const auto& config : configs) {
        const int batch = config.first, context = config.second;
        const std::size_t need = model.kvBytesFor(batch, context, model.layersRun());
        if (double(need) > 0.8 * double(ctx.freeBytes()) - 2e9) {
            out.progress("decode_step", 0.75,
                         "skipped batch " + std::to_string(batch) + " context " + std::to_string(context) +
                             ": KV cache does not fit");
            continue;
        }
        auto w = model.makeWorkspace(batch, 1, context, false);
        // The fused GEMV path wins at batch 1 only: at batch 4-8 its FP32 FMAs make it compute-bound
        // (measured 2.2 and 1.3 TB/s against cuBLAS's 3.4 TB/s on an H200), so cuBLAS takes over.
        const bool fused = batch == 1;
        double sec = timeGraph(
            ctx, [&] { model.enqueueDecode(*w, context, fused, model.layersRun()); }, samples);
        if (model.scaled()) {
            const double headOnly = timeGraph(
                ctx, [&] { model.enqueueDecode(*w, context, fused, 0); }, samples);
            sec = headOnly + (sec - headOnly) * shape.layers / model.layersRun();
        }
        const double weightBytes = model.decodeWeightBytes(batch);
        const double kvBytes = double(model.kvBytesFor(batch, context, shape.layers));
        JsonObject p;
        addModelParams(p, model);
        p.add("batch", batch).add("context", context).add("path", fused ? "fused_gemv" : "cublas");
        p.add("cuda_graph", true)
            .add("programmatic_launch", programmaticLaunch())
            .add("gemv_l2_prefetch", gemvPrefetch())
            .add("tokens_per_s", batch / sec);
        p.add("weight_bytes", weightBytes).add("kv_bytes", kvBytes);
        if (ctx.copyGBps > 0) {
            p.add("copy_gbps", ctx.copyGBps);
            p.add("roofline_fraction", (weightBytes + kvBytes) / (ctx.copyGBps * 1e9) / sec);
            p.add("weights_roofline_fraction", weightBytes / (ctx.copyGBps * 1e9) / sec);
        }
        out.result("decode_step", sec * 1e3, "ms", p);
    }
}

void benchPrefillStep(GpuContext& ctx, const ModelShape& shape, ProbeOutput& out) {
    if (shape.isMla())
        throw Unsupported("the synthetic transformer has no MLA layer yet: see mla_decode_attention and moe_layer");
    SyntheticModel model(ctx, shape);
    std::vector<std::pair<int, int>> configs; // batch, prompt tokens
    if (ctx.quick)
        configs = {{1, 512}, {1, 2048}};
    else
        configs = {{1, 128}, {1, 512}, {1, 2048}, {4, 512}, {4, 2048}, {16, 512}};
    for (const auto& config : configs) {
        const int batch = config.first, seq = config.second;
        const double scoreBytes = 6.0 * batch * shape.heads * double(seq) * seq;
        const double actBytes = double(batch) * seq * 2 * (6.0 * shape.hidden + 3.0 * std::max(shape.intermediate, 1));
        const double need = double(model.kvBytesFor(batch, seq, model.layersRun())) + scoreBytes + actBytes;
        if (need > 0.8 * double(ctx.freeBytes())) {
            out.progress("prefill_step", 0.9,
                         "skipped batch " + std::to_string(batch) + " prompt " + std::to_string(seq) +
                             ": buffers do not fit");
            continue;
        }
        auto w = model.makeWorkspace(batch, seq, seq, true);
        auto run = [&](int layers) {
            return timeMedian(
                ctx.stream, [&] { model.enqueuePrefill(*w, layers); }, ctx.quick ? 3 : 5, 1, 1);
        };
        double sec = run(model.layersRun());
        if (model.scaled()) {
            const double headOnly = run(0);
            sec = headOnly + (sec - headOnly) * shape.layers / model.layersRun();
        }
        const double tokens = double(batch) * seq;
        const double linearFlops =
            2.0 * tokens * double(shape.decodeParamsPerToken() - std::int64_t(shape.vocab) * shape.hidden) +
            2.0 * batch * double(shape.vocab) * shape.hidden;
        const double attentionFlops = 4.0 * batch * double(seq) * seq * shape.heads * shape.headDim * shape.layers;
        JsonObject p;
        addModelParams(p, model);
        p.add("batch", batch).add("prompt_tokens", seq).add("path", "cublas").add("cuda_graph", false);
        p.add("attention", "unfused_full_scores").add("tokens_per_s", tokens / sec);
        p.add("linear_flops", linearFlops).add("attention_flops", attentionFlops);
        p.add("tflops", (linearFlops + attentionFlops / 2) / sec / 1e12); // causal FLOPs counted
        out.result("prefill_step", sec * 1e3, "ms", p);
    }
}

} // namespace serveplan::probe::cuda
