#pragma once
// The shapes of one catalog model that the synthetic transformer needs. Taken from flags or from
// a row of models.csv (the same file the app seeds its database from).
#include <cstdint>
#include <optional>
#include <string>

namespace serveplan::probe {

struct ModelShape {
    std::string id;
    int layers = 0;
    int hidden = 0;
    int intermediate = 0; ///< dense MLP width (MoE: the dense layers' width)
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;
    int vocab = 0;
    int experts = 0; ///< 0 = dense
    int expertsPerToken = 0;
    int sharedExperts = 0;
    int moeIntermediate = 0;
    int firstDenseLayers = 0; ///< MoE models whose first layers are dense (DeepSeek)
    // Multi-head latent attention (DeepSeek-V2/V3/R1): kvLoraRank > 0 marks an MLA model. The cache
    // holds kvLoraRank latent + ropeHeadDim rope values per token and layer; heads/headDim are then
    // the query heads and nope + rope (kvHeads is not used).
    int kvLoraRank = 0;
    int qLoraRank = 0; ///< 0 = queries projected straight from the hidden state
    int ropeHeadDim = 0;
    int nopeHeadDim = 0;
    int vHeadDim = 0;

    bool isMoe() const { return experts > 0; }
    bool isMla() const { return kvLoraRank > 0; }
    /// Weight elements of one layer's attention (MLA: q_a, q_b, kv_a, kv_b and o projections).
    std::int64_t attentionParams() const;
    /// Weight elements of one layer (attention + MLP or experts + router).
    std::int64_t layerParams() const;
    /// Weight elements outside the layers: embedding table and LM head (untied).
    std::int64_t headParams() const;
    /// Weight elements a decode step of one token reads: every layer (the experts it routes to)
    /// plus the LM head; the embedding table contributes one row only.
    std::int64_t decodeParamsPerToken() const;
    /// Empty when the shape is usable, else what is wrong.
    std::string validate() const;
};

/// The shape of Llama-2-7B (resources/data/models.csv row `llama-2-7b`: 32 layers, hidden 4096,
/// intermediate 11008, 32 heads, 32 KV heads, head_dim 128, vocab 32000), the default 7B model.
ModelShape defaultModelShape();

/// Reads the row `modelId` of a models.csv file. Returns nullopt and sets `error` on failure.
std::optional<ModelShape> loadModelShape(const std::string& csvPath, const std::string& modelId, std::string& error);

} // namespace serveplan::probe
