#pragma once
// Reads a Hugging Face `config.json` into a ModelSpec and counts a model's parameters from its
// architecture. Understands dense Llama/Qwen/Mistral-style configs (MHA, GQA, MQA), MoE configs
// (Mixtral's num_local_experts, Qwen-MoE's num_experts, DeepSeek's n_routed_experts) and DeepSeek's
// MLA attention. Multimodal configs are read through their `text_config`.
#include "catalog/ModelSpec.h"
#include "common/Result.h"

#include <string>
#include <string_view>

namespace serveplan {

struct ParameterCount {
    double total = 0;  ///< every weight, all experts included
    double active = 0; ///< the weights one token passes through (top-k routed experts only)
};

/// Counts the weights of a decoder-only transformer described by `spec`: embeddings (and the LM head
/// unless tied), attention projections (MLA's low-rank ones for MLA), dense or MoE MLPs, routers and
/// RMSNorm weights. Biases and tiny per-head norms are left out (well under 0.1% of any catalog model).
ParameterCount countParameters(const ModelSpec& spec);

/// Parses config.json text. `origin` names the file in error messages. The spec's paramsB and
/// activeParamsB come from countParameters(); id, name and family are left for the caller.
Result<ModelSpec> parseHfConfig(std::string_view json, const std::string& origin);

/// Reads and parses a config.json file.
Result<ModelSpec> readHfConfigFile(const std::string& path);

} // namespace serveplan
