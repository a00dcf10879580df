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
    /// One prompt of `tokens` tokens prefilled alone (chunked by the engine's token budget), after
    /// `cachedPrefix` tokens already in the cache (prefix caching: attended to, not computed).
    double prefillTime(double tokens, double cachedPrefix = 0) const;

    /// Tokens one decode step emits per sequence: 1 + a + a² + … + a^k with k draft tokens of
    /// acceptance a (MTP / speculative decoding; 1 without).
    double tokensPerStep() const { return m_tokensPerStep; }
    /// Prompt tokens one step of the whole replica may carry (the engine's budget per attention group).
    double tokenBudget() const { return m_chunk; }
    /// Busiest over mean expert load of a GPU under EP, as used (the deployment's or the default).
    double expertImbalance() const { return m_expertImbalance; }
    /// The default expert imbalance of `ep` expert-parallel GPUs (1 without EP).
    static double defaultExpertImbalance(int ep);
    /// Expected tokens per decode step with `draftTokens` drafts of acceptance `rate`.
    static double expectedTokensPerStep(int draftTokens, double rate);

    /// The sustained GEMM rate after efficiency and the board-power cap, FLOP/s per GPU.
    double sustainedGemmFlops() const { return m_gemmRate; }
    const HardwareRates& rates() const { return m_rates; }
    const ModelShape& shape() const { return m_shape; }

private:
    void init(const Deployment& deployment, const EngineProfile& profile);

    HardwareRates m_rates;
    ModelShape m_shape;
    int m_pp = 1;
    double m_dp = 1; ///< attention data-parallel groups: a step's tokens and KV spread over them
    double m_chunk = 8192;
    // Per GPU, per stage. "Group tokens" are one attention group's share of the step's tokens.
    double m_sharedWeightBytes = 0; ///< attention + dense MLP + shared experts (replicated per group)
    double m_lmHeadBytes = 0;
    double m_expertBytesPerDistinct = 0; ///< one distinct expert in every MoE layer of the stage
    double m_sharedFlopsPerToken = 0;    ///< per group token, excluding experts and the LM head
    double m_expertFlopsPerToken = 0;    ///< per token of the replica (spread over all GPUs of a stage)
    double m_lmHeadFlopsPerToken = 0;
    double m_kvBytesPerContextToken = 0;
    double m_attnFlopsPerContextToken = 0;        ///< decode
    double m_prefillAttnFlopsPerContextToken = 0; ///< prefill (MLA un-absorbed)
    double m_weightBw = 0, m_expertBw = 0, m_kvBw = 0, m_gemmRate = 0, m_attnRate = 0;
    // Collectives per step: latency part and seconds per token (TP all-reduce per group token,
    // EP all-to-all per token of the replica).
    double m_commFixed = 0, m_commPerToken = 0, m_epCommPerToken = 0;
    double m_expertImbalance = 1;
    double m_moeEff = 1; ///< EngineParams::moeEff
    bool m_twoBatchOverlap = false;
    double m_draftTokens = 0, m_tokensPerStep = 1, m_layersPerStage = 1;
    double m_fixedOverhead = 0, m_seqOverhead = 0, m_draftStepOverhead = 0;
};

} // namespace serveplan
