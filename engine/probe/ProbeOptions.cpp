#include "ProbeOptions.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace serveplan::probe {

const std::vector<TestInfo>& allTests() {
    static const std::vector<TestInfo> tests{
        {"cpu_memory_bandwidth", false, "multi-threaded STREAM-like copy and triad bandwidth of host memory"},
        {"cpu_gemm", false, "multi-threaded blocked FP32 matrix product rate"},
        {"copy_bandwidth", true, "device-memory copy bandwidth of a 16-byte-vector kernel"},
        {"memcpy_d2d_bandwidth", true, "cudaMemcpy device-to-device bandwidth (the reference for copy_bandwidth)"},
        {"read_bandwidth", true, "device-memory read bandwidth (a reduction kernel)"},
        {"host_device_bandwidth", true, "pinned host-to-device and device-to-host bandwidth"},
        {"gemm", true, "cuBLASLt GEMM throughput at the model's shapes: BF16, FP16, FP8 (sm_89+), INT8"},
        {"decode_attention", true, "decode attention over a BF16 KV cache at several batch sizes and contexts"},
        {"mla_decode_attention", true,
         "MLA decode attention (absorbed form) over a BF16 latent cache, with the W_UK and W_UV batched GEMMs"},
        {"moe_layer", true,
         "MoE layer's expert GEMMs (FP8 cuBLASLt, BF16 before sm_89) over the experts a batch routes to"},
        {"allreduce_bandwidth", true, "NCCL all-reduce bus bandwidth across this host's GPUs (skipped with one GPU)"},
        {"alltoall_bandwidth", true, "NCCL all-to-all bus bandwidth across this host's GPUs (skipped with one GPU)"},
        {"p2p_bandwidth", true, "NCCL send/receive ring bandwidth across this host's GPUs (skipped with one GPU)"},
        {"launch_overhead", true, "kernel launch and CUDA-graph replay overhead per kernel"},
        {"decode_step", true, "synthetic transformer decode step (CUDA graph) at several batch sizes and contexts"},
        {"prefill_step", true, "synthetic transformer prefill at several batch sizes and prompt lengths"},
    };
    return tests;
}

bool ProbeOptions::selected(const std::string& test) const {
    return only.empty() || std::find(only.begin(), only.end(), test) != only.end();
}

const char* probeUsage() {
    return "Usage: serveplan-probe [OPTIONS]\n"
           "Measures this machine's GPU (or CPU) for ServePlan and prints JSON lines on stdout.\n\n"
           "  --quick               short run (about 20 s)\n"
           "  --model ID            benchmark this catalog model's shapes (default llama-2-7b)\n"
           "  --models-csv PATH     models.csv to read --model from (default resources/data/models.csv)\n"
           "  --layers N --hidden N --intermediate N --heads N --kv-heads N --head-dim N --vocab N\n"
           "  --experts N --experts-per-token N --shared-experts N --moe-intermediate N\n"
           "  --first-dense-layers N --kv-lora-rank N --q-lora-rank N --qk-rope-head-dim N\n"
           "  --qk-nope-head-dim N --v-head-dim N\n"
           "                        give the shapes as flags instead of a CSV row (kv-lora-rank > 0: MLA)\n"
           "  --cpu                 run the CPU tests even when a GPU is present\n"
           "  --no-cpu-fallback     exit 3 when no usable GPU is found\n"
           "  --device N            CUDA device index (default 0)\n"
           "  --only TEST[,TEST]    run only these tests (see --list-tests)\n"
           "  --list-tests          print the test names and exit\n"
           "  --device-only         print the device line (the CPU's when no GPU is usable, as the\n"
           "                        fallback does) and the done line, run no test; exit 0, or 3 with\n"
           "                        --no-cpu-fallback and no usable GPU\n"
           "  --help, --version\n\n"
           "Exit codes: 0 complete, 2 bad arguments, 3 no usable device and CPU fallback disabled,\n"
           "4 a test failed (the results before it stay valid).\n";
}

namespace {

bool parseInt(const std::string& text, int& value) {
    try {
        std::size_t used = 0;
        const long parsed = std::stol(text, &used);
        if (used != text.size() || parsed < 0 || parsed > 100000000)
            return false;
        value = static_cast<int>(parsed);
        return true;
    } catch (...) {
        return false;
    }
}

std::map<std::string, int ModelShape::*> shapeFlags() {
    return {{"--layers", &ModelShape::layers},
            {"--hidden", &ModelShape::hidden},
            {"--intermediate", &ModelShape::intermediate},
            {"--heads", &ModelShape::heads},
            {"--kv-heads", &ModelShape::kvHeads},
            {"--head-dim", &ModelShape::headDim},
            {"--vocab", &ModelShape::vocab},
            {"--experts", &ModelShape::experts},
            {"--experts-per-token", &ModelShape::expertsPerToken},
            {"--shared-experts", &ModelShape::sharedExperts},
            {"--moe-intermediate", &ModelShape::moeIntermediate},
            {"--first-dense-layers", &ModelShape::firstDenseLayers},
            {"--kv-lora-rank", &ModelShape::kvLoraRank},
            {"--q-lora-rank", &ModelShape::qLoraRank},
            {"--qk-rope-head-dim", &ModelShape::ropeHeadDim},
            {"--qk-nope-head-dim", &ModelShape::nopeHeadDim},
            {"--v-head-dim", &ModelShape::vHeadDim}};
}

bool knownTest(const std::string& name) {
    const auto& tests = allTests();
    return std::any_of(tests.begin(), tests.end(), [&](const TestInfo& t) { return name == t.name; });
}

} // namespace

ParseResult parseProbeOptions(const std::vector<std::string>& args) {
    ProbeOptions o;
    const auto flags = shapeFlags();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = i + 1 < args.size();
        auto needValue = [&]() -> ParseResult { return {std::nullopt, "option " + a + " needs a value"}; };
        if (a == "--quick") {
            o.quick = true;
        } else if (a == "--cpu") {
            o.forceCpu = true;
        } else if (a == "--no-cpu-fallback") {
            o.cpuFallback = false;
        } else if (a == "--list-tests") {
            o.listTests = true;
        } else if (a == "--device-only") {
            o.deviceOnly = true;
        } else if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--version") {
            o.version = true;
        } else if (a == "--device") {
            if (!hasValue)
                return needValue();
            if (!parseInt(args[++i], o.device))
                return {std::nullopt, "--device: expected a device index >= 0, got '" + args[i] + "'"};
        } else if (a == "--model") {
            if (!hasValue || args[i + 1].empty())
                return needValue();
            o.modelId = args[++i];
        } else if (a == "--models-csv") {
            if (!hasValue)
                return needValue();
            o.modelsCsv = args[++i];
        } else if (a == "--only") {
            if (!hasValue)
                return needValue();
            std::stringstream list(args[++i]);
            for (std::string name; std::getline(list, name, ',');) {
                if (!knownTest(name))
                    return {std::nullopt, "--only: unknown test '" + name + "' (see --list-tests)"};
                o.only.push_back(name);
            }
        } else if (const auto flag = flags.find(a); flag != flags.end()) {
            if (!hasValue)
                return needValue();
            if (!parseInt(args[++i], o.shapeFlags.*(flag->second)))
                return {std::nullopt, a + ": expected a non-negative integer, got '" + args[i] + "'"};
        } else {
            return {std::nullopt, "unknown argument '" + a + "'"};
        }
    }
    return {o, {}};
}

namespace {
bool fileExists(const std::string& path) {
    return std::ifstream(path).good();
}
} // namespace

std::optional<ModelShape> resolveModelShape(const ProbeOptions& options, std::string& error) {
    if (options.shapeFlags.layers > 0) {
        ModelShape shape = options.shapeFlags;
        shape.id = options.modelId.empty() ? "custom" : options.modelId;
        if (const std::string why = shape.validate(); !why.empty()) {
            error = "model shape flags: " + why;
            return std::nullopt;
        }
        return shape;
    }
    if (options.modelId.empty())
        return defaultModelShape();
    std::vector<std::string> candidates;
    if (!options.modelsCsv.empty())
        candidates.push_back(options.modelsCsv);
    candidates.push_back("resources/data/models.csv");
#ifdef SERVEPLAN_PROBE_MODELS_CSV
    candidates.push_back(SERVEPLAN_PROBE_MODELS_CSV);
#endif
    for (const std::string& path : candidates) {
        if (!options.modelsCsv.empty() && path != options.modelsCsv)
            break; // an explicit --models-csv is the only place to look
        if (fileExists(path) || !options.modelsCsv.empty())
            return loadModelShape(path, options.modelId, error);
    }
    error = "--model " + options.modelId + ": no models.csv found (give --models-csv PATH or the shape flags)";
    return std::nullopt;
}

} // namespace serveplan::probe
