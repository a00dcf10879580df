#pragma once
// Time of one engine step (one forward pass of a batch that mixes prefill chunks and decodes), as
// separate roofline terms each with its own efficiency: weight bytes, KV bytes, GEMM FLOPs,
// attention FLOPs, collectives, and fixed overheads per step, per layer and per sequence.
// All constants are folded in the constructor, so a step costs a few dozen floating-point operations.
#include "perf/EngineProfile.h"
#include "perf/HardwareRates.h"
#include "perf/ModelShape.h"

namespace serveplan {

/// The work of one step of the whole replica.
struct StepBatch {
    double decodeSeqs = 0;       ///< sequences generating one token each
    double decodeContext = 0;    ///< sum of their context lengths (tokens of KV read)
    double prefillTokens = 0;    ///< prompt tokens processed this step
    double prefillAttention = 0; ///< sum over those tokens of the context each attends to
    double prefillSeqs = 0;      ///< sequences with a prefill chunk in this step
    double sampled = 0;          ///< tokens sampled (decodes + prefills that finish); LM head rows

    /// A chunk of `tokens` prompt tokens after `offset` tokens already in the cache, finishing
    /// the prompt when `finishes`.
    void addPrefillChunk(double tokens, double offset, bool finishes);
};

class StepTimeModel final {
public:
    StepTimeModel(const Deployment& deployment, const EngineProfile& profile);
    StepTimeModel(const Deployment& deployment, const EngineProfile& profile, const HardwareRates& rates,
                  const ModelShape& shape);

    /// Seconds for one step of the replica (with PP: the time a token takes through all stages).
    double stepTime(const StepBatch& batch) const;
    /// A decode-only step of `batch` sequences whose mean context is `meanContext` tokens.
    double decodeStep(double batch, double meanContext) const;
    /// One prompt of `tokens` tokens prefilled alone (chunked by the engine's token budget).
    double prefillTime(double tokens) const;

    /// The sustained GEMM rate after efficiency and the board-power cap, FLOP/s per GPU.
    double sustainedGemmFlops() const { return m_gemmRate; }
    const HardwareRates& rates() const { return m_rates; }
    const ModelShape& shape() const { return m_shape; }

private:
    void init(const Deployment& deployment, const EngineProfile& profile);

    HardwareRates m_rates;
    ModelShape m_shape;
    int m_pp = 1;
    double m_chunk = 8192;
    // Per GPU, per stage.
    double m_sharedWeightBytes = 0; ///< attention + dense MLP + shared experts
    double m_lmHeadBytes = 0;
    double m_expertBytesPerDistinct = 0; ///< one distinct expert in every MoE layer of the stage
    double m_gemmFlopsPerToken = 0;      ///< excluding the LM head
    double m_lmHeadFlopsPerToken = 0;
    double m_kvBytesPerContextToken = 0;
    double m_attnFlopsPerContextToken = 0;
    double m_weightBw = 0, m_kvBw = 0, m_gemmRate = 0, m_attnRate = 0;
    // Collectives per step: latency part and seconds per token.
    double m_commFixed = 0, m_commPerToken = 0;
    double m_expertGroup = 1;
    double m_fixedOverhead = 0, m_seqOverhead = 0;
};

} // namespace serveplan
