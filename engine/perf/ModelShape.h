#pragma once
// Sizes derived once from a ModelSpec: how many parameters sit in experts, embeddings and the
// rest, how many bytes of KV cache a token takes, and how many FLOPs attention costs per token of
// context. Everything the memory and step-time models need, with no per-call string work.
#include "catalog/ModelSpec.h"
#include "catalog/Precision.h"

namespace serveplan {

struct ModelShape {
    int layers = 0;
    int moeLayers = 0; ///< layers whose MLP is a mixture of experts
    int hidden = 0;
    int attentionHeads = 0;
    int kvHeads = 0;
    int vocab = 0;
    int experts = 0; ///< routed experts per MoE layer (0 = dense)
    int expertsPerToken = 0;
    /// log(1 − k/E), the log-probability that one token's top-k leaves a given expert untouched; set by
    /// from() so distinctExperts, called for every simulated step, is an exp instead of a pow.
    double logUntouchedPerToken = 0;
    double totalParams = 0;          ///< all parameters (every expert counts), from the catalog
    double embeddingParams = 0;      ///< input embedding + LM head (once when tied)
    double lmHeadParams = 0;         ///< the vocabulary projection read when a token is sampled
    double expertParams = 0;         ///< one routed expert of one layer (gate, up, down)
    double sharedParamsPerToken = 0; ///< linear parameters every token uses (attention, dense MLPs, shared experts)
    double kvElementsPerTokenPerLayer = 0;    ///< K+V (or the MLA latent) elements one token stores in one layer
    bool kvShardedByTp = true;                ///< MLA's latent is replicated on every tensor-parallel rank
    double attentionFlopsPerContextToken = 0; ///< decode: per layer, per query token, per token of context
    /// Prefill attention, same units. Equal to the decode figure except for MLA, whose prompts run
    /// un-absorbed (keys and values decompressed per head), not over the latent as decode does.
    double prefillAttentionFlopsPerContextToken = 0;
    bool isMla = false; ///< the KV cache holds MLA's compressed latent (read by MLA decode kernels)

    static ModelShape from(const ModelSpec& model);

    /// Bytes of KV cache one token takes in the whole model (all layers, no sharding).
    double kvBytesPerToken(Precision kv) const;
    /// KV heads held by one tensor-parallel rank (heads are replicated when TP exceeds them).
    double kvHeadsPerRank(int tp) const;
    /// Expected number of distinct routed experts a step of `tokens` tokens touches in one layer:
    /// E·(1 − (1 − k/E)^tokens), the mean of a balanced top-k router.
    double distinctExperts(double tokens) const;
    /// Parameters of the weights a token's forward pass multiplies (active parameters minus the
    /// input embedding lookup), used for GEMM FLOPs.
    double gemmParamsPerToken() const;
    bool isMoe() const { return experts > 0; }
};

/// Bytes the weights of `params` parameters take at a precision, including the per-group scales of
/// the 4-bit formats (one 16-bit scale per 128 weights: AWQ/GPTQ/NVFP4-style group quantisation).
double weightBytes(double params, Precision weights);

} // namespace serveplan
