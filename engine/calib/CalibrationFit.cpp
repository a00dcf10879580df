#include "calib/CalibrationFit.h"

#include "perf/HardwareRates.h"
#include "perf/StepTimeModel.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace serveplan {

const CalibrationFactor* CalibrationFit::find(const std::string& name) const {
    for (const CalibrationFactor& f : factors)
        if (f.name == name)
            return &f;
    return nullptr;
}

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double peakFor(const GpuSpec& gpu, const std::string& precision) {
    if (precision == "bf16")
        return gpu.bf16Tflops;
    if (precision == "fp16")
        return gpu.fp16Tflops;
    if (precision == "fp8")
        return gpu.fp8Tflops;
    if (precision == "int8")
        return gpu.int8Tops;
    if (precision == "fp32")
        return gpu.fp32Tflops;
    return 0;
}

void fitGemm(const ProbeRun& run, const GpuSpec& gpu, CalibrationFit& fit) {
    const std::pair<const char*, const char*> names[] = {{"bf16", factor::kGemmEffBf16},
                                                         {"fp16", factor::kGemmEffFp16},
                                                         {"fp8", factor::kGemmEffFp8},
                                                         {"int8", factor::kGemmEffInt8}};
    for (const auto& [precision, name] : names) {
        double best = 0;
        for (const ProbeResult* r : run.resultsOf("gemm"))
            if (r->text("precision") == precision && r->text("library") == "cublaslt" && r->number("m") >= 512)
                best = std::max(best, r->value);
        const double peak = peakFor(gpu, precision);
        if (best > 0 && peak > 0)
            fit.factors.push_back(
                {name, best / peak, Message(MessageCode::FactorBestGemm, {MessageArg::name(precision)})});
    }
}

void fitDecode(const ProbeRun& run, double peakBw, CalibrationFit& fit) {
    // KV: decode attention at the largest batch the probe ran (many sequences, like a serving step).
    double maxBatch = 0;
    for (const ProbeResult* r : run.resultsOf("decode_attention"))
        maxBatch = std::max(maxBatch, r->number("batch"));
    std::vector<double> kv;
    for (const ProbeResult* r : run.resultsOf("decode_attention"))
        if (r->number("batch") == maxBatch)
            kv.push_back(r->value * 1e9);
    double kvEff = 0;
    if (!kv.empty()) {
        kvEff = median(kv) / peakBw;
        fit.factors.push_back(
            {factor::kKvBandwidthEff, kvEff,
             Message(MessageCode::FactorDecodeAttentionBandwidth, {MessageArg::integer(int(maxBatch))})});
    }
    // Weights: the batch-1 decode step with the shortest context, after its KV share.
    const ProbeResult* best = nullptr;
    for (const ProbeResult* r : run.resultsOf("decode_step"))
        if (r->number("batch") == 1 && (!best || r->number("context") < best->number("context")))
            best = r;
    if (!best) {
        fit.notes.emplace_back(MessageCode::NoBatchOneDecodeStep);
        return;
    }
    const double seconds = best->value / 1e3;
    const double kvSeconds = kvEff > 0 ? best->number("kv_bytes") / (kvEff * peakBw) : 0;
    const double weightSeconds = seconds - kvSeconds;
    if (weightSeconds <= 0 || best->number("weight_bytes") <= 0) {
        fit.notes.emplace_back(MessageCode::DecodeStepHasNoWeightBytes);
        return;
    }
    fit.factors.push_back(
        {factor::kWeightBandwidthEff, std::min(1.0, best->number("weight_bytes") / weightSeconds / peakBw),
         Message(MessageCode::FactorDecodeStepWeights,
                 {MessageArg::name(best->text("model")), MessageArg::integer(int(best->number("context")))})});
}

void fitMlaAndMoe(const ProbeRun& run, double peakBw, CalibrationFit& fit) {
    // MLA: the absorbed decode-attention kernel at the largest batch the probe ran, median over contexts.
    double maxBatch = 0;
    for (const ProbeResult* r : run.resultsOf("mla_decode_attention"))
        maxBatch = std::max(maxBatch, r->number("batch"));
    std::vector<double> mla;
    for (const ProbeResult* r : run.resultsOf("mla_decode_attention"))
        if (r->number("batch") == maxBatch)
            mla.push_back(r->value * 1e9);
    if (!mla.empty())
        fit.factors.push_back({factor::kMlaKvBandwidthEff, median(mla) / peakBw,
                               Message(MessageCode::FactorMlaLatentBandwidth, {MessageArg::integer(int(maxBatch))})});
    // MoE: the touched experts' weight stream, median over the batch sizes (all weight-bound on one GPU).
    std::vector<double> moe;
    std::string precision;
    for (const ProbeResult* r : run.resultsOf("moe_layer"))
        if (r->number("time_us") > 0 && r->number("weight_bytes") > 0) {
            moe.push_back(r->number("weight_bytes") / (r->number("time_us") * 1e-6));
            precision = r->text("precision");
        }
    if (!moe.empty())
        fit.factors.push_back({factor::kMoeWeightBandwidthEff, median(moe) / peakBw,
                               Message(MessageCode::FactorMoeWeightStream,
                                       {MessageArg::name(precision), MessageArg::integer(moe.size())})});
}

// Collectives: the bus bandwidth of the largest messages (>= 64 MiB, where the link saturates; the
// largest size if none is that large) over the link's one-way peak, and the alpha of a least-squares
// alpha-beta fit (time = alpha + bytes * beta) over the messages up to 4 MiB, the sizes of a decode
// step's TP all-reduce (batch 256 x hidden 8192 x 2 bytes) and EP dispatch.
constexpr double kPeakMinBytes = 64.0 * (1 << 20);
constexpr double kLatencyMaxBytes = 4.0 * (1 << 20);

struct CollectiveTest {
    const char* test;
    const char* effName;
    const char* latencyName;
};
constexpr CollectiveTest kCollectiveTests[] = {
    {"allreduce_bandwidth", factor::kAllreduceBusEff, factor::kAllreduceLatencyUs},
    {"alltoall_bandwidth", factor::kAlltoallBusEff, factor::kAlltoallLatencyUs},
    {"p2p_bandwidth", factor::kP2pEff, factor::kP2pLatencyUs},
};

/// Least squares of y = alpha + beta x; false with fewer than two distinct x.
bool fitAlphaBeta(const std::vector<std::pair<double, double>>& points, double& alpha, double& beta) {
    const double n = double(points.size());
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& [x, y] : points) {
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double det = n * sxx - sx * sx;
    if (points.size() < 2 || !(det > 0))
        return false;
    beta = (n * sxy - sx * sy) / det;
    alpha = (sy - beta * sx) / n;
    return true;
}

std::string gbps(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB/s", v);
    return text;
}

std::string sizeText(double bytes) {
    char text[32];
    if (bytes >= (1 << 20))
        std::snprintf(text, sizeof text, "%g MiB", bytes / (1 << 20));
    else
        std::snprintf(text, sizeof text, "%g KiB", bytes / 1024);
    return text;
}

void fitCollective(const ProbeRun& run, const CollectiveTest& t, double linkPeak, const std::string& link, int& gpus,
                   CalibrationFit& fit) {
    std::vector<const ProbeResult*> rs;
    for (const ProbeResult* r : run.resultsOf(t.test))
        if (r->number("ranks") >= 2 && r->number("bytes") > 0)
            rs.push_back(r);
    if (rs.empty()) {
        if (!run.resultsOf(t.test).empty())
            fit.notes.emplace_back(MessageCode::CollectiveOnOneGpu, std::vector<MessageArg>{MessageArg::name(t.test)});
        return;
    }
    const int ranks = int(rs.front()->number("ranks"));
    gpus = std::max(gpus, ranks);
    const ProbeResult* peak = nullptr;
    for (const ProbeResult* r : rs)
        if (r->number("bytes") >= kPeakMinBytes && (!peak || r->value > peak->value))
            peak = r;
    if (!peak)
        for (const ProbeResult* r : rs)
            if (!peak || r->number("bytes") > peak->number("bytes"))
                peak = r;
    fit.factors.push_back(
        {t.effName, peak->value * 1e9 / linkPeak,
         Message(MessageCode::FactorCollectiveBusBandwidth,
                 {MessageArg::name(gbps(peak->value)), MessageArg::name(sizeText(peak->number("bytes"))),
                  MessageArg::name(link), MessageArg::name(gbps(linkPeak / 1e9)), MessageArg::integer(ranks)})});
    std::vector<std::pair<double, double>> small; // (bytes, microseconds)
    for (const ProbeResult* r : rs)
        if (r->number("bytes") <= kLatencyMaxBytes && r->number("time_us") > 0)
            small.emplace_back(r->number("bytes"), r->number("time_us"));
    double alpha = 0, beta = 0;
    if (!fitAlphaBeta(small, alpha, beta) || alpha <= 0) {
        fit.notes.emplace_back(MessageCode::CollectiveTooFewSizes,
                               std::vector<MessageArg>{MessageArg::name(t.test), MessageArg::name(t.latencyName)});
        return;
    }
    fit.factors.push_back(
        {t.latencyName, alpha,
         Message(MessageCode::FactorCollectiveAlpha, {MessageArg::integer(small.size()), MessageArg::integer(ranks)})});
}

void fitCollectives(const ProbeRun& run, const GpuSpec& gpu, CalibrationFit& fit) {
    bool any = false;
    for (const CollectiveTest& t : kCollectiveTests) {
        if (const auto skip = run.skipped.find(t.test); skip != run.skipped.end())
            fit.notes.emplace_back(MessageCode::CollectiveSkippedByProbe,
                                   std::vector<MessageArg>{MessageArg::name(t.test), MessageArg::name(skip->second)});
        any = any || !run.resultsOf(t.test).empty();
    }
    if (!any)
        return;
    const auto topo = run.device.find("topology");
    const std::string topology = topo == run.device.end() ? std::string() : topo->second;
    const bool nvlink = topology == "nvswitch" || topology == "nvlink";
    if (!nvlink && topology != "pcie") {
        fit.notes.emplace_back(MessageCode::CollectiveTopologyUnknown,
                               std::vector<MessageArg>{MessageArg::name(topology)});
        return;
    }
    const double linkPeak = HardwareRates::linkPeakPerDirection(gpu, !nvlink);
    if (linkPeak <= 0) {
        fit.notes.emplace_back(MessageCode::CollectiveNoNvlinkBandwidth,
                               std::vector<MessageArg>{MessageArg::name(gpu.id)});
        return;
    }
    const std::string link = nvlink ? "NVLink (" + topology + ")" : std::string("PCIe");
    int gpus = 0;
    for (const CollectiveTest& t : kCollectiveTests)
        fitCollective(run, t, linkPeak, link, gpus, fit);
    if (gpus >= 2)
        fit.factors.push_back({nvlink ? factor::kCollectiveGpusNvlink : factor::kCollectiveGpusPcie, double(gpus),
                               Message(MessageCode::FactorCollectiveGpus, {MessageArg::name(topology)})});
}

void fitOverheads(const ProbeRun& run, CalibrationFit& fit) {
    for (const ProbeResult* r : run.resultsOf("launch_overhead")) {
        if (r->text("kind") == "graph_node")
            fit.factors.push_back(
                {factor::kGraphKernelOverheadS, r->value * 1e-6, Message(MessageCode::FactorGraphKernels)});
        else if (r->text("kind") == "sync_round_trip")
            fit.factors.push_back(
                {factor::kSyncRoundTripS, r->value * 1e-6, Message(MessageCode::FactorSyncRoundTrip)});
    }
}

} // namespace

std::string matchCatalogGpu(const std::vector<GpuSpec>& gpus, const std::string& deviceName, double memoryBytes) {
    std::string name = deviceName;
    for (const char* prefix : {"NVIDIA ", "AMD ", "Tesla "})
        if (name.rfind(prefix, 0) == 0)
            name = name.substr(std::string(prefix).size());
    const std::string model = name.substr(0, name.find_first_of(" -"));
    if (model.empty())
        return {};
    // The driver names the form factor only for PCIe and NVL boards ("NVIDIA H100 PCIe",
    // "NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3" for the SXM5 part): otherwise it is an SXM module.
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    const std::string form = upper.find("PCIE") != std::string::npos  ? "pcie"
                             : upper.find("NVL") != std::string::npos ? "nvl"
                                                                      : "sxm";
    std::vector<std::pair<double, const GpuSpec*>> candidates; // (memory gap, GPU)
    for (const GpuSpec& g : gpus) {
        if (g.isCpu || g.name.rfind(model, 0) != 0 || (g.name.size() > model.size() && g.name[model.size()] != ' '))
            continue;
        candidates.emplace_back(std::abs(g.memoryGb * 1e9 - memoryBytes), &g);
    }
    if (candidates.empty())
        return {};
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Among the parts of about the closest memory size (within 8 GB), the device's form factor wins.
    for (const auto& [gap, g] : candidates)
        if (gap <= candidates.front().first + 8e9 && g->id.find(form) != std::string::npos)
            return g->id;
    return candidates.front().second->id;
}

Result<CalibrationFit> fitCalibration(const ProbeRun& run, const GpuSpec& gpu) {
    if (gpu.memoryBandwidthGBps <= 0)
        return Error::because(Message(MessageCode::FitGpuHasNoMemoryBandwidth, {MessageArg::name(gpu.id)}));
    const double peakBw = gpu.memoryBandwidthGBps * 1e9;
    CalibrationFit fit;
    if (run.backend == "cpu") {
        for (const ProbeResult* r : run.resultsOf("cpu_memory_bandwidth"))
            if (r->text("kernel") == "triad") {
                fit.factors.push_back(
                    {factor::kCopyBandwidthEff, r->value * 1e9 / peakBw, Message(MessageCode::FactorStreamTriad)});
                fit.factors.push_back(
                    {factor::kWeightBandwidthEff, r->value * 1e9 / peakBw, Message(MessageCode::FactorStreamTriad)});
            }
        for (const ProbeResult* r : run.resultsOf("cpu_gemm"))
            if (gpu.fp32Tflops > 0)
                fit.factors.push_back(
                    {factor::kGemmEffBf16, r->value / gpu.fp32Tflops, Message(MessageCode::FactorCpuGemm)});
        if (fit.factors.empty())
            return Error::because(Message(MessageCode::FitCpuRunHasNoResult));
        return fit;
    }
    for (const ProbeResult* r : run.resultsOf("copy_bandwidth"))
        fit.factors.push_back(
            {factor::kCopyBandwidthEff, r->value * 1e9 / peakBw, Message(MessageCode::FactorCopyKernel)});
    fitGemm(run, gpu, fit);
    fitDecode(run, peakBw, fit);
    fitMlaAndMoe(run, peakBw, fit);
    fitOverheads(run, fit);
    fitCollectives(run, gpu, fit);
    if (fit.factors.empty())
        return Error::because(Message(MessageCode::FitRunHasNoUsableResult));
    return fit;
}

namespace {

EngineProfile bareProfile(const std::vector<CalibrationFactor>& factors, bool calibrated) {
    EngineProfile p = engineProfile(ServingEngine::Generic);
    if (calibrated)
        p.params = applyCalibration(p.params, factors);
    p.params.stepOverheadS = 0;
    p.params.layerOverheadS = 0;
    p.params.seqOverheadS = 0;
    return p;
}

} // namespace

std::vector<ComparisonRow> compareWithEngine(const ProbeRun& run, const GpuSpec& gpu, const ModelSpec& model,
                                             const std::vector<CalibrationFactor>& factors) {
    Deployment d;
    d.model = &model;
    d.gpu = &gpu;
    d.weights = Precision::BF16;
    d.kvCache = Precision::BF16;
    const StepTimeModel before(d, bareProfile(factors, false));
    const StepTimeModel after(d, bareProfile(factors, true));
    std::vector<ComparisonRow> rows;
    for (const ProbeResult& r : run.results) {
        if (r.text("model") != model.id || r.text("scaled") == "true")
            continue;
        if (r.test == "decode_step") {
            const double batch = r.number("batch"), context = r.number("context");
            rows.push_back({r.test, "batch " + std::to_string(int(batch)) + ", context " + std::to_string(int(context)),
                            r.value, before.decodeStep(batch, context) * 1e3, after.decodeStep(batch, context) * 1e3});
        } else if (r.test == "prefill_step" && r.number("batch") == 1) {
            const double tokens = r.number("prompt_tokens");
            rows.push_back({r.test, "batch 1, prompt " + std::to_string(int(tokens)), r.value,
                            before.prefillTime(tokens) * 1e3, after.prefillTime(tokens) * 1e3});
        }
    }
    return rows;
}

} // namespace serveplan
