#include "deploy/ServingLaunch.h"

#include "perf/EngineProfile.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

namespace serveplan {

namespace {

/// Images generated against (pin your own with ExportOptions::image; README.md says why these).
constexpr std::string_view kVllmImage = "vllm/vllm-openai:v0.10.1";
constexpr std::string_view kSglangImage = "lmsysorg/sglang:latest";
constexpr std::string_view kTgiImage = "ghcr.io/huggingface/text-generation-inference:3.3.0";
constexpr std::string_view kTrtllmImage = "nvcr.io/nvidia/tensorrt-llm/release:1.0.0";

/// GPU Feature Discovery labels nodes with the CUDA device name, spaces replaced by dashes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kProductLabels{{
    {"t4", "Tesla-T4"},
    {"v100-16gb-sxm2", "Tesla-V100-SXM2-16GB"},
    {"v100-32gb-sxm2", "Tesla-V100-SXM2-32GB"},
    {"a10", "NVIDIA-A10"},
    {"a10g", "NVIDIA-A10G"},
    {"a30", "NVIDIA-A30"},
    {"a40", "NVIDIA-A40"},
    {"a100-40gb-pcie", "NVIDIA-A100-PCIE-40GB"},
    {"a100-40gb-sxm", "NVIDIA-A100-SXM4-40GB"},
    {"a100-80gb-pcie", "NVIDIA-A100-80GB-PCIe"},
    {"a100-80gb-sxm", "NVIDIA-A100-SXM4-80GB"},
    {"a800-80gb-pcie", "NVIDIA-A800-80GB-PCIe"},
    {"a800-80gb-sxm", "NVIDIA-A800-SXM4-80GB"},
    {"l4", "NVIDIA-L4"},
    {"l20", "NVIDIA-L20"},
    {"l40", "NVIDIA-L40"},
    {"l40s", "NVIDIA-L40S"},
    {"h100-pcie", "NVIDIA-H100-PCIe"},
    {"h100-sxm", "NVIDIA-H100-80GB-HBM3"},
    {"h100-nvl", "NVIDIA-H100-NVL"},
    {"h800-pcie", "NVIDIA-H800-PCIe"},
    {"h800-sxm", "NVIDIA-H800"},
    {"h20", "NVIDIA-H20"},
    {"h200-sxm", "NVIDIA-H200"},
    {"h200-nvl", "NVIDIA-H200-NVL"},
    {"gh200-96gb", "NVIDIA-GH200-480GB"},
    {"gh200-144gb", "NVIDIA-GH200-144G-HBM3e"},
    {"b200", "NVIDIA-B200"},
    {"gb200", "NVIDIA-GB200"},
    {"rtx-3090", "NVIDIA-GeForce-RTX-3090"},
    {"rtx-4090", "NVIDIA-GeForce-RTX-4090"},
    {"rtx-5090", "NVIDIA-GeForce-RTX-5090"},
    {"rtx-6000-ada", "NVIDIA-RTX-6000-Ada-Generation"},
}};

std::string number(double value) {
    // Short, locale-free decimal: 0.9, 0.88, 0.95.
    std::string text = std::to_string(value);
    while (!text.empty() && text.back() == '0')
        text.pop_back();
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    return text;
}

std::string planLabel(const PlanRow& row) {
    return "plan " + std::to_string(row.rank);
}

bool nativeFp8(const ModelSpec& model) {
    return model.nativeDtype.rfind("fp8", 0) == 0;
}

std::string_view dtypeName(Precision p) {
    switch (p) {
    case Precision::FP32:
        return "float32";
    case Precision::FP16:
        return "float16";
    default:
        return "bfloat16";
    }
}

struct PrecisionFlags {
    std::vector<std::string> args;
    std::string note;
};

/// The flags that make an engine serve the plan's weight precision from the model's checkpoint.
/// A precision the engine cannot produce on load needs a pre-quantized checkpoint (servedModel).
Result<PrecisionFlags> weightFlags(const PlanRow& row, bool preQuantized) {
    const ServingEngine engine = row.engine;
    const Precision p = row.precision;
    const std::string what = planLabel(row) + ": " + std::string(engineName(engine)) + " cannot serve " +
                             std::string(toString(p)) + " weights of " + row.model->hfRepo;
    const bool sixteenOrMore = p == Precision::BF16 || p == Precision::FP16 || p == Precision::FP32;
    if (preQuantized && !sixteenOrMore)
        return PrecisionFlags{{}, "weights: the checkpoint's own quantization (" + std::string(toString(p)) + ")"};
    if (p == Precision::FP8 && nativeFp8(*row.model))
        return PrecisionFlags{{}, "weights: the checkpoint is FP8 already"};
    switch (engine) {
    case ServingEngine::Vllm:
        if (sixteenOrMore)
            return PrecisionFlags{{"--dtype", std::string(dtypeName(p))}, {}};
        if (p == Precision::FP8)
            return PrecisionFlags{{"--quantization", "fp8"}, "weights: FP8 quantized on load (dynamic scales)"};
        if (p == Precision::INT4)
            return PrecisionFlags{{"--quantization", "bitsandbytes"}, "weights: 4-bit bitsandbytes on load"};
        break;
    case ServingEngine::Sglang:
        if (sixteenOrMore)
            return PrecisionFlags{{"--dtype", std::string(dtypeName(p))}, {}};
        if (p == Precision::FP8)
            return PrecisionFlags{{"--quantization", "fp8"}, "weights: FP8 quantized on load"};
        break;
    case ServingEngine::Tgi:
        if (sixteenOrMore && p != Precision::FP32)
            return PrecisionFlags{{"--dtype", std::string(dtypeName(p))}, {}};
        if (p == Precision::FP8)
            return PrecisionFlags{{"--quantize", "fp8"}, "weights: FP8 quantized on load"};
        if (p == Precision::INT8)
            return PrecisionFlags{{"--quantize", "eetq"}, "weights: INT8 (EETQ) quantized on load"};
        if (p == Precision::INT4)
            return PrecisionFlags{{"--quantize", "bitsandbytes-nf4"}, "weights: 4-bit NF4 on load"};
        break;
    case ServingEngine::Trtllm:
        // trtllm-serve (PyTorch backend) loads the checkpoint's own dtype; there is no dtype flag.
        if (p == Precision::BF16 || p == Precision::FP16)
            return PrecisionFlags{{}, "weights: the checkpoint's dtype (trtllm-serve has no dtype flag)"};
        break;
    default:
        break;
    }
    return Error{what + " on load; pass a pre-quantized checkpoint (--served-model REPO)"};
}

/// The KV-cache precision flags (16-bit is every engine's default and needs none).
Result<std::vector<std::string>> kvFlags(const PlanRow& row, const Scenario& scenario) {
    if (!scenario.kvCachePrecision || *scenario.kvCachePrecision == Precision::BF16 ||
        *scenario.kvCachePrecision == Precision::FP16)
        return std::vector<std::string>{};
    if (*scenario.kvCachePrecision == Precision::FP8) {
        switch (row.engine) {
        case ServingEngine::Vllm:
            return std::vector<std::string>{"--kv-cache-dtype", "fp8"};
        case ServingEngine::Sglang:
        case ServingEngine::Tgi:
            return std::vector<std::string>{"--kv-cache-dtype", "fp8_e5m2"};
        default:
            break;
        }
    }
    return Error{planLabel(row) + ": scenario.kvCachePrecision " + std::string(toString(*scenario.kvCachePrecision)) +
                 " has no flag in " + std::string(engineName(row.engine)) + " (expected bf16, fp16, or fp8 on " +
                 "vllm, sglang or tgi)"};
}

void append(std::vector<std::string>& to, std::initializer_list<std::string> items) {
    to.insert(to.end(), items.begin(), items.end());
}

/// Port of the multi-node rendezvous (SGLang --dist-init-addr, vLLM --data-parallel-rpc-port).
constexpr int kRendezvousPort = 20000;
/// SGLang's PD router (sglang_router.launch_router) listens here; the load test targets it.
constexpr int kRouterPort = 8000;

/// vLLM: attention data-parallel groups, expert parallelism and MTP (docs/serving/
/// expert_parallel_deployment.md; speculative_config method "deepseek_mtp").
void vllmLayoutFlags(const PlanRow& row, std::vector<std::string>& a) {
    if (row.attentionDp > 1)
        append(a, {"--data-parallel-size", std::to_string(row.attentionDp)});
    if (row.ep > 1)
        a.emplace_back("--enable-expert-parallel");
    if (row.mtpDraftTokens > 0)
        append(a, {"--speculative-config", "{\"method\":\"deepseek_mtp\",\"num_speculative_tokens\":" +
                                               std::to_string(row.mtpDraftTokens) + "}"});
}

/// SGLang: DP-attention (--tp-size is then every GPU of the replica, --dp-size the attention groups),
/// expert parallelism, and MTP as EAGLE speculation with the model's own MTP head
/// (docs/advanced_features/speculative_decoding.md: steps = draft tokens, top-k 1, draft tokens + 1).
void sglangLayoutFlags(const PlanRow& row, std::vector<std::string>& a) {
    if (row.attentionDp > 1)
        append(a, {"--enable-dp-attention", "--dp-size", std::to_string(row.attentionDp)});
    if (row.ep > 1)
        append(a, {"--ep-size", std::to_string(row.ep)});
    if (row.mtpDraftTokens > 0)
        append(a, {"--speculative-algorithm", "EAGLE", "--speculative-num-steps", std::to_string(row.mtpDraftTokens),
                   "--speculative-eagle-topk", "1", "--speculative-num-draft-tokens",
                   std::to_string(row.mtpDraftTokens + 1)});
}

/// The engine's command and arguments with the plan's layout and the settings it assumed.
void engineCommand(const PlanRow& row, ServingLaunch& launch) {
    // SGLang's --tp-size is the whole attention-DP group set (tp × dp); vLLM's is one group's.
    const std::string tp = std::to_string(row.engine == ServingEngine::Sglang ? row.tp * row.attentionDp : row.tp);
    const std::string pp = std::to_string(row.pp);
    const std::string port = std::to_string(launch.port);
    const EngineSettings& s = launch.settings;
    auto& a = launch.args;
    switch (row.engine) {
    case ServingEngine::Vllm:
        launch.image = kVllmImage;
        launch.command = {"vllm", "serve"};
        append(a, {launch.servedModel, "--host", "0.0.0.0", "--port", port, "--tensor-parallel-size", tp});
        if (row.pp > 1)
            append(a, {"--pipeline-parallel-size", pp});
        append(a, {"--max-num-seqs", std::to_string(s.maxBatchSize), "--max-num-batched-tokens",
                   std::to_string(s.maxBatchedTokens), "--max-model-len", std::to_string(launch.maxModelLen),
                   "--gpu-memory-utilization", number(s.memoryUtilization)});
        vllmLayoutFlags(row, a);
        break;
    case ServingEngine::Sglang:
        launch.image = kSglangImage;
        launch.command = {"python3", "-m", "sglang.launch_server"};
        append(a, {"--model-path", launch.servedModel, "--host", "0.0.0.0", "--port", port, "--tp-size", tp});
        if (row.pp > 1)
            append(a, {"--pp-size", pp});
        append(a, {"--max-running-requests", std::to_string(s.maxBatchSize), "--chunked-prefill-size",
                   std::to_string(s.maxBatchedTokens), "--context-length", std::to_string(launch.maxModelLen),
                   "--mem-fraction-static", number(s.memoryUtilization)});
        sglangLayoutFlags(row, a);
        if (!launch.role.empty())
            append(a, {"--disaggregation-mode", launch.role});
        break;
    case ServingEngine::Tgi:
        launch.image = kTgiImage;
        launch.command = {"text-generation-launcher"};
        // TGI refuses a prefill budget below the longest prompt.
        append(a, {"--model-id", launch.servedModel, "--hostname", "0.0.0.0", "--port", port, "--num-shard", tp,
                   "--max-concurrent-requests", std::to_string(s.maxBatchSize), "--max-batch-prefill-tokens",
                   std::to_string(std::max(s.maxBatchedTokens, launch.maxInputLen)), "--max-input-tokens",
                   std::to_string(launch.maxInputLen), "--max-total-tokens", std::to_string(launch.maxModelLen),
                   "--cuda-memory-fraction", number(s.memoryUtilization)});
        break;
    case ServingEngine::Trtllm:
        launch.image = kTrtllmImage;
        launch.command = {"trtllm-serve"};
        append(a, {launch.servedModel, "--host", "0.0.0.0", "--port", port, "--backend", "pytorch", "--tp_size", tp,
                   "--pp_size", pp, "--max_batch_size", std::to_string(s.maxBatchSize), "--max_num_tokens",
                   std::to_string(s.maxBatchedTokens), "--max_seq_len", std::to_string(launch.maxModelLen),
                   "--kv_cache_free_gpu_memory_fraction", number(s.memoryUtilization)});
        break;
    default:
        break;
    }
}

/// Single-quotes a word for /bin/sh.
std::string shellWord(const std::string& word) {
    std::string out = "'";
    for (const char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The leader's and the workers' command lines of a replica spread over `instancesPerReplica` pods.
void multiNodeCommands(const PlanRow& row, ServingLaunch& launch) {
    MultiNodeLaunch& m = launch.multiNode;
    m.nodes = row.instancesPerReplica;
    const std::string rendezvous = std::to_string(kRendezvousPort);
    if (row.engine == ServingEngine::Sglang) {
        // Every pod runs the same server with its node rank (docs/references/multi_node_deployment/lws_pd).
        m.leaderCommand = m.workerCommand = launch.command;
        m.leaderArgs = launch.args;
        append(m.leaderArgs, {"--dist-init-addr", "$(LWS_LEADER_ADDRESS):" + rendezvous, "--nnodes",
                              "$(LWS_GROUP_SIZE)", "--node-rank", "$(LWS_WORKER_INDEX)"});
        m.workerArgs = m.leaderArgs;
        return;
    }
    // vLLM DP/EP: the leader serves the API for every DP rank; each worker runs its node's ranks
    // headless, from start rank worker index × local ranks (docs/serving/expert_parallel_deployment.md).
    const int local = launch.gpuResourceCount / std::max(1, row.tp);
    const std::string localRanks = std::to_string(local);
    m.leaderCommand = launch.command;
    m.leaderArgs = launch.args;
    append(m.leaderArgs, {"--data-parallel-size-local", localRanks, "--data-parallel-address", "$(LWS_LEADER_ADDRESS)",
                          "--data-parallel-rpc-port", rendezvous});
    std::string script = "exec";
    for (const std::string& part : launch.command)
        script += " " + shellWord(part);
    for (const std::string& arg : launch.args)
        script += " " + shellWord(arg);
    script += " --data-parallel-size-local " + localRanks + " --data-parallel-start-rank $((LWS_WORKER_INDEX * " +
              localRanks + ")) --data-parallel-address \"$LWS_LEADER_ADDRESS\" --data-parallel-rpc-port " + rendezvous +
              " --headless";
    m.workerCommand = {"/bin/sh", "-c"};
    m.workerArgs = {script};
}

Result<void> checkExportable(const PlanRow& row, const Catalog& catalog) {
    const std::string plan = planLabel(row);
    if (!row.model || !row.gpu)
        return Error{plan + ": the row has no model or GPU"};
    switch (row.engine) {
    case ServingEngine::Vllm:
    case ServingEngine::Sglang:
    case ServingEngine::Tgi:
    case ServingEngine::Trtllm:
        break;
    default:
        return Error{plan + ": engine " + std::string(engineName(row.engine)) +
                     " has no official OpenAI-compatible server image to deploy (expected vllm, sglang, tgi or "
                     "trtllm)"};
    }
    if (row.gpu->isCpu || row.gpu->vendor != "NVIDIA")
        return Error{plan + ": GPU " + row.gpu->id + " is not an NVIDIA GPU; only the NVIDIA device plugin's " +
                     "resources (nvidia.com/gpu, MIG) are exported"};
    const bool expertLayout = row.attentionDp > 1 || row.ep > 1 || row.mtpDraftTokens > 0;
    if (expertLayout && row.engine != ServingEngine::Vllm && row.engine != ServingEngine::Sglang)
        return Error{plan + ": the layout " + row.layoutText() + " (DP-attention, expert parallel or MTP) is " +
                     "exported for vllm and sglang only, not " + std::string(engineName(row.engine))};
    if (row.instancesPerReplica > 1) {
        if (row.engine != ServingEngine::Vllm && row.engine != ServingEngine::Sglang)
            return Error{plan + ": one replica spans " + std::to_string(row.instancesPerReplica) +
                         " instances; multi-node replicas are exported as a LeaderWorkerSet for vllm and sglang "
                         "only, not " +
                         std::string(engineName(row.engine))};
        if (row.engine == ServingEngine::Vllm && row.pp > 1)
            return Error{plan + ": vllm pipelines across instances on a Ray cluster, which the LeaderWorkerSet "
                                "export does not set up; plan with sglang (--engine sglang) or a DP/EP layout"};
        const int gpus = row.gpusPerReplica();
        if (gpus % row.instancesPerReplica != 0 ||
            (row.engine == ServingEngine::Vllm && (gpus / row.instancesPerReplica) % row.tp != 0))
            return Error{plan + ": " + std::to_string(gpus) + " GPUs do not split evenly over " +
                         std::to_string(row.instancesPerReplica) + " instances"};
    }
    if (row.disaggregated && row.engine != ServingEngine::Sglang)
        return Error{plan + ": a disaggregated (prefill/decode) plan is exported for sglang's PD router only, not " +
                     std::string(engineName(row.engine)) + " (plan with --engine sglang)"};
    if (row.model->hfRepo.empty())
        return Error{plan + ": model " + row.model->id + " has no hf_repo to serve (pass --served-model REPO)"};
    if (!row.migProfile.empty()) {
        if (row.tp * row.pp != 1)
            return Error{plan + ": a MIG slice replica must use one slice (tp 1, pp 1), got tp " +
                         std::to_string(row.tp) + " pp " + std::to_string(row.pp)};
        if (row.migProfile.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz.") != std::string::npos)
            return Error{plan + ": MIG profile " + row.migProfile +
                         " has no device-plugin resource name (expected e.g. 1g.10gb)"};
        const auto profiles = catalog.migProfilesFor(row.gpu->id);
        const bool known = std::any_of(profiles.begin(), profiles.end(),
                                       [&](const MigProfile* p) { return p->profile == row.migProfile; });
        if (!known)
            return Error{plan + ": MIG profile " + row.migProfile + " is not in the catalog for GPU " + row.gpu->id};
    }
    return {};
}

Result<ServingLaunch> resolvePool(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                                  const ExportOptions& options, const std::string& role);

} // namespace

std::string_view engineName(ServingEngine engine) {
    return toString(engine);
}

EngineSettings engineSettingsFor(ServingEngine engine) {
    // The performance model's own defaults, so the server runs with the settings it planned with.
    const EngineProfile profile = engineDefaults(engine);
    return {profile.memoryUtilization, profile.maxBatchSize, profile.maxBatchedTokens};
}

std::string gpuProductLabel(const GpuSpec& gpu) {
    for (const auto& [id, label] : kProductLabels)
        if (id == gpu.id)
            return std::string(label);
    std::string label =
        gpu.name.rfind("NVIDIA", 0) == 0 || gpu.name.rfind("Tesla", 0) == 0 ? gpu.name : "NVIDIA " + gpu.name;
    for (char& c : label)
        if (c == ' ')
            c = '-';
    // A label value allows alphanumerics, '-', '_' and '.' only.
    std::erase_if(label, [](char c) {
        return !(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    });
    return label.substr(0, 63);
}

int lengthUpperBound(const LengthDistribution& d) {
    // As the memory model sizes a sequence (perf/MemoryModel): the max when set, the mean when fixed.
    if (d.max > 0)
        return static_cast<int>(std::ceil(std::max(d.mean, d.max)));
    switch (d.kind) {
    case LengthDistribution::Kind::Fixed:
    case LengthDistribution::Kind::Uniform:
        return static_cast<int>(std::ceil(d.mean));
    case LengthDistribution::Kind::Normal:
    case LengthDistribution::Kind::LogNormal:
        return static_cast<int>(std::ceil(d.mean + 4 * d.stddev));
    case LengthDistribution::Kind::Exponential:
        return static_cast<int>(std::ceil(d.mean * std::log(1e4))); // the 99.99th percentile
    }
    return static_cast<int>(std::ceil(d.mean));
}

std::string dnsLabel(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            out += static_cast<char>(std::tolower(u));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    if (out.empty() || !std::isalpha(static_cast<unsigned char>(out.front())))
        out = "sp-" + out;
    if (out.size() > 63)
        out.resize(63);
    while (out.back() == '-')
        out.pop_back();
    return out;
}

Result<ServingLaunch> resolveLaunch(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                                    const ExportOptions& options) {
    if (!row.disaggregated)
        return resolvePool(row, scenario, catalog, options, {});
    // A disaggregated plan's clients talk to its PD router.
    auto pd = resolveDisaggregatedLaunch(row, scenario, catalog, options);
    if (!pd)
        return Error{pd.error()};
    ServingLaunch router = pd->decode;
    router.name = pd->name;
    router.image = pd->image;
    router.command = pd->command;
    router.args = pd->args;
    router.port = pd->port;
    router.role.clear();
    router.multiNode = {};
    return router;
}

namespace {

Result<ServingLaunch> resolvePool(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                                  const ExportOptions& options, const std::string& role) {
    if (auto ok = checkExportable(row, catalog); !ok)
        return Error{ok.error()};
    ServingLaunch launch;
    launch.role = role;
    const bool preQuantized = !options.servedModel.empty();
    launch.servedModel = preQuantized ? options.servedModel : row.model->hfRepo;
    launch.name = dnsLabel(options.name.empty() ? row.model->id + "-" + std::string(engineName(row.engine)) + "-" +
                                                      (row.migProfile.empty() ? row.gpu->id : row.migProfile)
                                                : options.name);
    launch.settings = engineSettingsFor(row.engine);
    launch.maxInputLen = lengthUpperBound(scenario.workload.inputTokens);
    launch.maxOutputLen = lengthUpperBound(scenario.workload.outputTokens);
    launch.maxModelLen = launch.maxInputLen + launch.maxOutputLen;
    for (const LengthDistribution* d : {&scenario.workload.inputTokens, &scenario.workload.outputTokens})
        if (d->kind != LengthDistribution::Kind::Fixed && d->max <= 0)
            launch.notes.push_back("a length distribution has no max: max model length uses a 99.99% bound, "
                                   "the memory fit assumed the mean");
    if (row.model->maxPositionEmbeddings > 0 && launch.maxModelLen > row.model->maxPositionEmbeddings) {
        launch.notes.push_back("max model length capped at the model's " +
                               std::to_string(row.model->maxPositionEmbeddings) + " positions (workload needs " +
                               std::to_string(launch.maxModelLen) + ")");
        launch.maxModelLen = row.model->maxPositionEmbeddings;
        launch.maxInputLen = std::min(launch.maxInputLen, launch.maxModelLen - 1);
    }
    auto weights = weightFlags(row, preQuantized);
    if (!weights)
        return Error{weights.error()};
    auto kv = kvFlags(row, scenario);
    if (!kv)
        return Error{kv.error()};

    engineCommand(row, launch);
    launch.args.insert(launch.args.end(), weights->args.begin(), weights->args.end());
    launch.args.insert(launch.args.end(), kv->begin(), kv->end());
    if (!weights->note.empty())
        launch.notes.push_back(weights->note);
    if (!options.image.empty())
        launch.image = options.image;

    if (row.migProfile.empty()) {
        launch.gpuResource = "nvidia.com/gpu";
        launch.gpuResourceCount = row.gpusPerReplica() / std::max(1, row.instancesPerReplica);
    } else {
        // The device plugin's "mixed" MIG strategy names one resource per profile.
        launch.gpuResource = "nvidia.com/mig-" + row.migProfile;
        launch.gpuResourceCount = 1;
    }
    launch.gpuProductLabel = options.gpuProductLabel.empty() ? gpuProductLabel(*row.gpu) : options.gpuProductLabel;
    if (!role.empty())
        append(launch.args, {"--disaggregation-transfer-backend", options.kvTransferBackend});
    if (row.instancesPerReplica > 1)
        multiNodeCommands(row, launch);
    return launch;
}

} // namespace

Result<DisaggregatedLaunch> resolveDisaggregatedLaunch(const PlanRow& row, const Scenario& scenario,
                                                       const Catalog& catalog, const ExportOptions& options) {
    if (!row.disaggregated)
        return Error{planLabel(row) + ": not a disaggregated plan"};
    if (auto ok = checkExportable(row, catalog); !ok)
        return Error{ok.error()};
    if (options.kvTransferBackend != "mooncake" && options.kvTransferBackend != "nixl")
        return Error{"KV transfer backend '" + options.kvTransferBackend + "': expected mooncake or nixl"};
    DisaggregatedLaunch out;
    out.name = dnsLabel(options.name.empty()
                            ? row.model->id + "-" + std::string(engineName(row.engine)) + "-" + row.gpu->id + "-pd"
                            : options.name);
    for (const bool prefill : {true, false}) {
        const PoolPlan& pool = prefill ? row.disaggregated->prefill : row.disaggregated->decode;
        PlanRow poolRow = row;
        poolRow.disaggregated.reset();
        poolRow.tp = pool.tp;
        poolRow.pp = pool.pp;
        poolRow.attentionDp = pool.attentionDp;
        poolRow.ep = pool.ep;
        poolRow.mtpDraftTokens = pool.mtpDraftTokens;
        poolRow.replicas = pool.replicas;
        poolRow.replicasPerInstance = pool.replicasPerInstance;
        poolRow.instancesPerReplica = pool.instancesPerReplica;
        ExportOptions poolOptions = options;
        poolOptions.name = out.name + (prefill ? "-prefill" : "-decode");
        auto launch = resolvePool(poolRow, scenario, catalog, poolOptions, prefill ? "prefill" : "decode");
        if (!launch)
            return Error{launch.error()};
        (prefill ? out.prefill : out.decode) = std::move(*launch);
    }
    // SGLang's router (sgl-router): one URL per replica, each a LeaderWorkerSet group leader reached
    // through the set's headless Service (<set>-<group>.<set>); the prefill URL's host also serves the
    // KV bootstrap (port 8998, SGLang's default).
    out.image = out.decode.image;
    out.command = {"python3", "-m", "sglang_router.launch_router"};
    out.args = {"--pd-disaggregation"};
    for (const bool prefill : {true, false}) {
        const ServingLaunch& l = prefill ? out.prefill : out.decode;
        const int replicas = prefill ? row.disaggregated->prefill.replicas : row.disaggregated->decode.replicas;
        for (int i = 0; i < replicas; ++i)
            append(out.args, {prefill ? "--prefill" : "--decode", "http://" + l.name + "-" + std::to_string(i) + "." +
                                                                      l.name + ":" + std::to_string(l.port)});
    }
    append(out.args, {"--host", "0.0.0.0", "--port", std::to_string(out.port)});
    return out;
}

} // namespace serveplan
