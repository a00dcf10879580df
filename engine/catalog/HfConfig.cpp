#include "catalog/HfConfig.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace serveplan {

namespace {

using Json = nlohmann::json;

// The attention, MLP and norm weights of one decoder layer, split into what every token uses and
// what sits in routed experts.
struct LayerWeights {
    double shared = 0;    ///< attention, norms, router, dense MLP or shared experts
    double oneExpert = 0; ///< one routed expert (gate, up and down projections)
    int routedExperts = 0;
};

double attentionWeights(const ModelSpec& s) {
    const double h = s.hiddenSize;
    const double heads = s.numAttentionHeads;
    if (s.attention == AttentionType::MLA) {
        // DeepSeek-V2/V3 modeling: q_a_proj + q_a_layernorm + q_b_proj (or q_proj without a LoRA rank),
        // kv_a_proj_with_mqa + kv_a_layernorm + kv_b_proj, o_proj.
        const double qkHead = s.qkNopeHeadDim + s.qkRopeHeadDim;
        const double q =
            s.qLoraRank > 0 ? h * s.qLoraRank + s.qLoraRank + double(s.qLoraRank) * heads * qkHead : h * heads * qkHead;
        const double kv = h * (s.kvLoraRank + s.qkRopeHeadDim) + s.kvLoraRank +
                          double(s.kvLoraRank) * heads * (s.qkNopeHeadDim + s.vHeadDim);
        const double o = heads * s.vHeadDim * h;
        return q + kv + o;
    }
    const double hd = s.headDim;
    return h * heads * hd * 2 + h * s.numKvHeads * hd * 2; // q and o, k and v
}

LayerWeights layerWeights(const ModelSpec& s, int layer) {
    const double h = s.hiddenSize;
    LayerWeights w;
    w.shared = attentionWeights(s) + 2 * h; // input and post-attention RMSNorm
    const bool moeLayer = s.numExperts > 0 && layer >= s.firstKDenseLayers;
    if (!moeLayer) {
        w.shared += 3 * h * s.intermediateSize;
        return w;
    }
    const double expertWidth = s.moeIntermediateSize > 0 ? s.moeIntermediateSize : s.intermediateSize;
    w.oneExpert = 3 * h * expertWidth;
    w.routedExperts = s.numExperts;
    w.shared += h * s.numExperts + s.numSharedExperts * w.oneExpert; // router, shared experts
    return w;
}

int intOr(const Json& j, const char* key, int fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return fallback;
    if (!it->is_number_integer() && !it->is_number_unsigned())
        throw std::invalid_argument(std::string(key) + ": expected an integer, found " + it->dump());
    return it->get<int>();
}

int required(const Json& j, const char* key) {
    const int value = intOr(j, key, -1);
    if (value <= 0)
        throw std::invalid_argument(std::string(key) + ": expected a positive integer, field missing or not positive");
    return value;
}

std::string stringOr(const Json& j, const char* key, const std::string& fallback = {}) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

void readMoe(const Json& j, ModelSpec& s) {
    // Mixtral: num_local_experts; Qwen-MoE: num_experts; DeepSeek: n_routed_experts.
    s.numExperts = intOr(j, "n_routed_experts", intOr(j, "num_local_experts", intOr(j, "num_experts", 0)));
    if (s.numExperts <= 0) {
        s.numExperts = 0;
        return;
    }
    s.numExpertsPerTok = required(j, "num_experts_per_tok");
    s.moeIntermediateSize = intOr(j, "moe_intermediate_size", s.intermediateSize);
    s.numSharedExperts = intOr(j, "n_shared_experts", 0);
    // Qwen1.5/Qwen2-MoE describe their shared expert by width; count it in routed-expert units.
    const int sharedWidth = intOr(j, "shared_expert_intermediate_size", 0);
    if (sharedWidth > 0 && s.moeIntermediateSize > 0)
        s.numSharedExperts = static_cast<int>(std::lround(double(sharedWidth) / s.moeIntermediateSize));
    s.firstKDenseLayers = intOr(j, "first_k_dense_replace", 0);
}

void readMla(const Json& j, ModelSpec& s) {
    s.attention = AttentionType::MLA;
    s.kvLoraRank = required(j, "kv_lora_rank");
    s.qLoraRank = intOr(j, "q_lora_rank", 0); // null in DeepSeek-V2-Lite: a plain q_proj
    s.qkRopeHeadDim = required(j, "qk_rope_head_dim");
    s.qkNopeHeadDim = required(j, "qk_nope_head_dim");
    s.vHeadDim = required(j, "v_head_dim");
    s.headDim = s.qkNopeHeadDim + s.qkRopeHeadDim;
    s.numKvHeads = s.numAttentionHeads; // kv_b_proj expands the latent to every head
}

ModelSpec specFrom(const Json& root) {
    if (!root.is_object())
        throw std::invalid_argument("expected a JSON object at the top level");
    // Multimodal checkpoints (Llama 4, Gemma 3, Qwen-VL) nest the language model.
    const Json& j = root.contains("text_config") && !root.contains("hidden_size") ? root.at("text_config") : root;
    ModelSpec s;
    if (const auto it = root.find("architectures");
        it != root.end() && it->is_array() && !it->empty() && it->front().is_string())
        s.architecture = it->front().get<std::string>();
    s.hfRepo = stringOr(root, "_name_or_path");
    s.numLayers = required(j, "num_hidden_layers");
    s.hiddenSize = required(j, "hidden_size");
    s.intermediateSize = intOr(j, "intermediate_size", 0);
    s.numAttentionHeads = required(j, "num_attention_heads");
    s.numKvHeads = intOr(j, "num_key_value_heads", s.numAttentionHeads);
    s.headDim = intOr(j, "head_dim", s.hiddenSize / s.numAttentionHeads);
    s.vocabSize = required(j, "vocab_size");
    s.maxPositionEmbeddings = intOr(j, "max_position_embeddings", 0);
    if (const auto it = j.find("tie_word_embeddings"); it != j.end() && it->is_boolean())
        s.tieEmbeddings = it->get<bool>();
    s.nativeDtype = stringOr(j, "torch_dtype", stringOr(root, "torch_dtype"));
    s.attention = s.numKvHeads == s.numAttentionHeads ? AttentionType::MHA
                  : s.numKvHeads == 1                 ? AttentionType::MQA
                                                      : AttentionType::GQA;
    if (j.contains("kv_lora_rank") && !j.at("kv_lora_rank").is_null())
        readMla(j, s);
    readMoe(j, s);
    if (s.intermediateSize <= 0 && (s.numExperts == 0 || s.firstKDenseLayers > 0))
        throw std::invalid_argument("intermediate_size: expected a positive integer for the dense MLP");
    const ParameterCount count = countParameters(s);
    s.paramsB = count.total / 1e9;
    s.activeParamsB = count.active / 1e9;
    s.userEntered = true;
    return s;
}

} // namespace

ParameterCount countParameters(const ModelSpec& s) {
    const double embedding = double(s.vocabSize) * s.hiddenSize;
    ParameterCount count;
    count.total = embedding * (s.tieEmbeddings ? 1 : 2) + s.hiddenSize; // + final norm
    count.active = count.total;
    for (int layer = 0; layer < s.numLayers; ++layer) {
        const LayerWeights w = layerWeights(s, layer);
        count.total += w.shared + w.oneExpert * w.routedExperts;
        count.active += w.shared + w.oneExpert * std::min(w.routedExperts, s.numExpertsPerTok);
    }
    return count;
}

Result<ModelSpec> parseHfConfig(std::string_view json, const std::string& origin) {
    try {
        return specFrom(Json::parse(json));
    } catch (const Json::parse_error& e) {
        return Error{origin + ": not valid JSON (" + e.what() + ")"};
    } catch (const std::exception& e) {
        return Error{origin + ": " + e.what()};
    }
}

Result<ModelSpec> readHfConfigFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error{path + ": cannot open the file"};
    std::ostringstream text;
    text << file.rdbuf();
    return parseHfConfig(text.str(), path);
}

} // namespace serveplan
