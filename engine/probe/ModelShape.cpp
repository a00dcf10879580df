#include "ModelShape.h"

#include <fstream>
#include <map>
#include <vector>

namespace serveplan::probe {

std::int64_t ModelShape::attentionParams() const {
    const std::int64_t h = hidden;
    if (!isMla())
        return h * std::int64_t(heads + 2 * kvHeads) * headDim + std::int64_t(heads) * headDim * h;
    const std::int64_t qk = nopeHeadDim + ropeHeadDim;
    const std::int64_t q = qLoraRank > 0 ? h * qLoraRank + std::int64_t(qLoraRank) * heads * qk : h * heads * qk;
    return q + h * (kvLoraRank + ropeHeadDim) + std::int64_t(kvLoraRank) * heads * (nopeHeadDim + vHeadDim) +
           std::int64_t(heads) * vHeadDim * h;
}

std::int64_t ModelShape::layerParams() const {
    const std::int64_t h = hidden;
    const std::int64_t attention = attentionParams();
    if (!isMoe())
        return attention + 3 * h * intermediate;
    const std::int64_t expert = 3 * h * moeIntermediate;
    return attention + h * experts + std::int64_t(experts + sharedExperts) * expert;
}

std::int64_t ModelShape::headParams() const {
    return 2 * std::int64_t(vocab) * hidden;
}

std::int64_t ModelShape::decodeParamsPerToken() const {
    const std::int64_t h = hidden;
    const std::int64_t attention = attentionParams();
    std::int64_t perLayer = attention + 3 * h * intermediate;
    if (isMoe())
        perLayer = attention + h * experts + std::int64_t(expertsPerToken + sharedExperts) * 3 * h * moeIntermediate;
    return std::int64_t(layers) * perLayer + std::int64_t(vocab) * h + h;
}

std::string ModelShape::validate() const {
    if (isMla()) {
        if (layers <= 0 || hidden <= 0 || heads <= 0 || vocab <= 0)
            return "layers, hidden, heads and vocab must be positive";
        if (kvLoraRank != 512 || ropeHeadDim != 64)
            return "MLA needs kv-lora-rank 512 and qk-rope-head-dim 64 (the MLA kernel is built for these)";
        if (nopeHeadDim <= 0 || vHeadDim <= 0 || nopeHeadDim % 8 != 0 || vHeadDim % 8 != 0 || qLoraRank % 8 != 0)
            return "MLA needs positive qk-nope-head-dim and v-head-dim, multiples of 8, and q-lora-rank a multiple of "
                   "8";
        if (hidden % 16 != 0 || (intermediate % 16 != 0) || (moeIntermediate % 16 != 0))
            return "hidden and intermediate sizes must be multiples of 16";
        if (isMoe() && (expertsPerToken <= 0 || expertsPerToken > experts || moeIntermediate <= 0))
            return "MoE models need experts-per-token in 1..experts and a positive moe-intermediate";
        return {};
    }
    if (layers <= 0 || hidden <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || vocab <= 0)
        return "layers, hidden, heads, kv-heads, head-dim and vocab must be positive";
    if (heads % kvHeads != 0)
        return "heads must be a multiple of kv-heads";
    if (headDim != 64 && headDim != 128)
        return "head-dim must be 64 or 128 (the synthetic attention kernels are built for these)";
    if (heads / kvHeads > 16)
        return "at most 16 query heads per KV head are supported";
    if (hidden % 8 != 0 || (intermediate % 8 != 0) || (moeIntermediate % 8 != 0))
        return "hidden and intermediate sizes must be multiples of 8";
    if (!isMoe() && intermediate <= 0)
        return "intermediate must be positive for a dense model";
    if (isMoe() && (expertsPerToken <= 0 || expertsPerToken > experts || moeIntermediate <= 0))
        return "MoE models need experts-per-token in 1..experts and a positive moe-intermediate";
    return {};
}

ModelShape defaultModelShape() {
    ModelShape s;
    s.id = "llama-2-7b";
    s.layers = 32;
    s.hidden = 4096;
    s.intermediate = 11008;
    s.heads = 32;
    s.kvHeads = 32;
    s.headDim = 128;
    s.vocab = 32000;
    return s;
}

namespace {

/// Splits one CSV record (RFC 4180 quotes; models.csv has no line breaks inside fields).
std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

int toInt(const std::map<std::string, std::string>& row, const std::string& column) {
    const auto it = row.find(column);
    if (it == row.end() || it->second.empty())
        return 0;
    try {
        return std::stoi(it->second);
    } catch (...) {
        return -1; // validate() rejects it with a message
    }
}

} // namespace

std::optional<ModelShape> loadModelShape(const std::string& csvPath, const std::string& modelId, std::string& error) {
    std::ifstream in(csvPath);
    if (!in) {
        error = csvPath + ": cannot open the models CSV";
        return std::nullopt;
    }
    std::string line;
    if (!std::getline(in, line)) {
        error = csvPath + ":1: empty file, expected a header row";
        return std::nullopt;
    }
    const std::vector<std::string> header = splitCsv(line);
    int lineNumber = 1;
    while (std::getline(in, line)) {
        ++lineNumber;
        const std::vector<std::string> fields = splitCsv(line);
        if (fields.empty() || fields[0] != modelId)
            continue;
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i)
            row[header[i]] = fields[i];
        ModelShape s;
        s.id = modelId;
        s.layers = toInt(row, "num_layers");
        s.hidden = toInt(row, "hidden_size");
        s.intermediate = toInt(row, "intermediate_size");
        s.heads = toInt(row, "num_attention_heads");
        s.kvHeads = toInt(row, "num_kv_heads");
        s.headDim = toInt(row, "head_dim");
        s.vocab = toInt(row, "vocab_size");
        s.experts = toInt(row, "num_experts");
        s.expertsPerToken = toInt(row, "num_experts_per_tok");
        s.sharedExperts = toInt(row, "num_shared_experts");
        s.moeIntermediate = toInt(row, "moe_intermediate_size");
        s.firstDenseLayers = toInt(row, "first_k_dense_layers");
        const auto attention = row.find("attention_type");
        if (attention != row.end() && attention->second == "MLA") {
            s.kvLoraRank = toInt(row, "kv_lora_rank");
            s.qLoraRank = toInt(row, "q_lora_rank");
            s.ropeHeadDim = toInt(row, "qk_rope_head_dim");
            s.nopeHeadDim = toInt(row, "qk_nope_head_dim");
            s.vHeadDim = toInt(row, "v_head_dim");
            if (s.kvLoraRank <= 0) {
                error = csvPath + ":" + std::to_string(lineNumber) + ": model " + modelId +
                        " uses MLA attention but has no kv_lora_rank";
                return std::nullopt;
            }
        }
        if (const std::string why = s.validate(); !why.empty()) {
            error = csvPath + ":" + std::to_string(lineNumber) + ": model " + modelId + ": " + why;
            return std::nullopt;
        }
        return s;
    }
    error = csvPath + ": no row with model_id " + modelId;
    return std::nullopt;
}

} // namespace serveplan::probe
