#pragma once
// One LLM checkpoint's architecture (a row of models.csv, or a user's config.json).
#include <string>

namespace serveplan {

enum class AttentionType { MHA, GQA, MQA, MLA };

struct ModelSpec {
    std::string id; ///< slug, primary key (models.csv model_id)
    std::string family;
    std::string name;
    std::string hfRepo;
    double paramsB = 0;       ///< total parameters, billions (all experts count for memory)
    double activeParamsB = 0; ///< parameters used per token, billions (= paramsB for dense models)
    std::string architecture;
    int numLayers = 0;
    int hiddenSize = 0;
    int intermediateSize = 0;
    int numAttentionHeads = 0;
    int numKvHeads = 0;
    int headDim = 0;
    int vocabSize = 0;
    int maxPositionEmbeddings = 0;
    bool tieEmbeddings = false;
    AttentionType attention = AttentionType::GQA;
    // MLA (DeepSeek) fields; 0 when not MLA.
    int kvLoraRank = 0;
    int qLoraRank = 0;
    int qkRopeHeadDim = 0;
    int qkNopeHeadDim = 0;
    int vHeadDim = 0;
    // MoE fields; 0 when dense.
    int numExperts = 0;
    int numExpertsPerTok = 0;
    int numSharedExperts = 0;
    int moeIntermediateSize = 0;
    int firstKDenseLayers = 0;
    std::string nativeDtype;
    std::string source;
    bool userEntered = false;

    bool isMoe() const { return numExperts > 0; }
};

} // namespace serveplan
