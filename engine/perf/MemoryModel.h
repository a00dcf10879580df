#pragma once
// Memory of one GPU of a replica: weights after sharding, activations and workspace, runtime
// (CUDA context, graphs), and what is left for the KV cache under the engine's utilisation rule.
#include "perf/EngineProfile.h"
#include "perf/HardwareRates.h"
#include "perf/ModelShape.h"

namespace serveplan {

class MemoryModel final {
public:
    /// Weight bytes one GPU holds: linear layers at the weight precision, embeddings and LM head at
    /// 16 bits (quantised checkpoints keep them so). Routed experts are spread over all GPUs of a
    /// stage (tp x attentionDp, as EP ranks x MoE-TP); everything else is split by TP x PP and
    /// replicated across attention-DP groups.
    static double weightBytesPerGpu(const ModelShape& shape, Precision weights, const Parallelism& parallel);
    /// KV bytes one token of context takes on one GPU that holds it (its PP stage's layers, its TP
    /// share of heads; under DP-attention only the GPUs of the token's group hold it).
    static double kvBytesPerTokenPerGpu(const ModelShape& shape, Precision kv, const Parallelism& parallel);
    /// Peak activations + workspace of a step of `batchedTokens` tokens (profile run) on one GPU.
    static double activationBytes(const ModelSpec& model, int batchedTokens, int maxBatchSize, int tp);
    /// Tokens of one full-length sequence for the fit check (maxModelLen when set).
    static double sequenceTokens(const Deployment& deployment, const Workload& workload);

    static MemoryFit compute(const Deployment& deployment, const Workload& workload, const EngineProfile& profile,
                             const HardwareRates& rates, const ModelShape& shape);
};

} // namespace serveplan
