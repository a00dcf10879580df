#include "perf/Predictor.h"

#include "perf/Bands.h"
#include "perf/BatchSimulator.h"
#include "perf/Capacity.h"
#include "perf/Disaggregation.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"
#include "perf/StepTimeModel.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numeric>
#include <optional>
#include <utility>

namespace serveplan {

namespace {

constexpr std::array<std::pair<std::string_view, MetricKind>, 12> kMetricNames{{
    {"output_tokens_per_s_total", MetricKind::OutputTokensPerSTotal},
    {"output_tokens_per_s_per_gpu", MetricKind::OutputTokensPerSPerGpu},
    {"total_tokens_per_s", MetricKind::TotalTokensPerS},
    {"requests_per_s", MetricKind::RequestsPerS},
    {"ttft_ms", MetricKind::TtftMs},
    {"tpot_ms", MetricKind::TpotMs},
    {"e2e_latency_ms", MetricKind::E2eLatencyMs},
    {"decode_tokens_per_s_single_stream", MetricKind::DecodeTokensPerSSingleStream},
    {"total_tokens_per_s_per_gpu", MetricKind::TotalTokensPerSPerGpu},
    {"input_tokens_per_s_per_gpu", MetricKind::InputTokensPerSPerGpu},
    {"tokens_per_s_per_user", MetricKind::TokensPerSPerUser},
    {"itl_ms", MetricKind::ItlMs},
}};

// Requests per simulated benchmark when the row does not say (its `requests` column): the reference
// runs used 200-30,000. The count is part of the measurement: an offline run never batches more
// requests than it queued (500 requests cap an engine whose KV cache holds 2,000 sequences at 500),
// and its mean TTFT grows with the queue.
constexpr int kOfflineRequests = 500;
constexpr int kPoissonRequests = 500;
constexpr int kClosedLoopRoundsPerClient = 20;
// Replicas of a disaggregated pool that a row measured alone leaves out: enough never to limit the other.
constexpr int kUnboundedPool = 1 << 16;

std::optional<double> number(const std::string& text) {
    double v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v))
        return std::nullopt;
    return v;
}

Error fieldError(std::string_view column, const std::string& value, std::string_view expected) {
    return Error{"column " + std::string(column) + ": '" + value + "' is not " + std::string(expected)};
}

/// An optional positive number: empty = `fallback`; anything else must parse and be > 0 (or >= 0).
Result<double> positive(const Predictor::FieldGetter& field, std::string_view column, double fallback,
                        bool allowZero = false) {
    const std::string text = field(column);
    if (text.empty())
        return fallback;
    const auto v = number(text);
    if (!v || *v < 0 || (!allowZero && *v == 0))
        return fieldError(column, text, allowZero ? "a number >= 0" : "a positive number");
    return *v;
}

Result<int> positiveInt(const Predictor::FieldGetter& field, std::string_view column, int fallback) {
    const auto v = positive(field, column, fallback);
    if (!v)
        return Error{v.error()};
    if (*v != std::floor(*v) || *v > 1e6)
        return fieldError(column, field(column), "a positive integer");
    return int(*v);
}

/// `true/false/yes/no/1/0` or a count of attention-DP groups: 0 = off, -1 = on over the whole replica.
std::optional<int> attentionDpColumn(const std::string& text) {
    if (text.empty() || text == "false" || text == "no" || text == "0")
        return 0;
    if (text == "true" || text == "yes")
        return -1;
    const auto v = number(text);
    if (!v || *v < 1 || *v != std::floor(*v) || *v > 1e6)
        return std::nullopt;
    return *v == 1 ? 0 : int(*v);
}

std::optional<bool> flagColumn(const std::string& text) {
    if (text.empty() || text == "false" || text == "no" || text == "0")
        return false;
    if (text == "true" || text == "yes" || text == "1")
        return true;
    return std::nullopt;
}

/// GPUs that share NVLink: a rack-scale NVLink domain (GB200/GB300 NVL72) or the 8-GPU board.
int nvlinkDomain(const GpuSpec& gpu) {
    return gpu.interconnect.find("72-GPU") != std::string::npos ? 72 : 8;
}

Precision defaultWeights(const ModelSpec& model) {
    const bool fp16 = model.nativeDtype.find("float16") != std::string::npos &&
                      model.nativeDtype.find("bfloat16") == std::string::npos;
    return fp16 ? Precision::FP16 : Precision::BF16;
}

SimResult simulate(const PredictScenario& s, const EngineProfile& profile, const MemoryFit& memory,
                   const StepTimeModel& model, bool singleStream) {
    SimConfig c = SimConfig::forEngine(profile, s.deployment, memory);
    c.workload = s.workload;
    if (singleStream) {
        c.mode = SimConfig::Mode::ClosedLoop;
        c.concurrency = 1;
        c.requests = 5;
    } else if (s.concurrency > 0) {
        c.mode = SimConfig::Mode::ClosedLoop;
        c.concurrency = int(std::lround(s.concurrency));
        c.requests = std::max(200, kClosedLoopRoundsPerClient * c.concurrency);
    } else if (s.requestRate > 0) {
        c.mode = SimConfig::Mode::Poisson;
        c.rate = s.requestRate;
        c.requests = s.requests > 0 ? s.requests : kPoissonRequests;
    } else {
        c.mode = SimConfig::Mode::Offline;
        c.requests = s.requests > 0 ? s.requests : kOfflineRequests;
    }
    return BatchSimulator(model, c).run();
}

double metricValue(const PredictScenario& s, const Metric& metric, const SimResult& r) {
    const double replicas = s.replicas;
    const double pick = metric.percentile;
    auto latency = [pick](const LatencyStats& st) {
        if (pick <= 0)
            return st.mean * 1e3;
        return (pick == 0.5 ? st.p50 : pick == 0.95 ? st.p95 : pick == 0.99 ? st.p99 : st.at(pick)) * 1e3;
    };
    switch (metric.kind) {
    case MetricKind::OutputTokensPerSTotal:
        return r.outputTokensPerS * replicas;
    case MetricKind::OutputTokensPerSPerGpu:
        return r.outputTokensPerS * replicas / s.gpuCount;
    case MetricKind::TotalTokensPerS:
        return r.totalTokensPerS * replicas;
    case MetricKind::RequestsPerS:
        return r.requestsPerS * replicas;
    case MetricKind::TtftMs:
        return latency(r.ttftS);
    case MetricKind::TpotMs:
        return latency(r.tpotS);
    case MetricKind::E2eLatencyMs:
        return latency(r.e2eS);
    case MetricKind::DecodeTokensPerSSingleStream:
        return r.tpotS.mean > 0 ? 1.0 / r.tpotS.mean : 0.0;
    case MetricKind::TotalTokensPerSPerGpu:
        return r.totalTokensPerS * replicas / s.gpuCount;
    case MetricKind::InputTokensPerSPerGpu:
        return r.inputTokensPerS * replicas / s.gpuCount;
    case MetricKind::TokensPerSPerUser: {
        const double median = r.tpotS.p50 > 0 ? r.tpotS.p50 : r.tpotS.mean;
        return median > 0 ? 1.0 / median : 0.0;
    }
    case MetricKind::ItlMs:
        return latency(r.tpotS);
    }
    return 0;
}

/// The metric of a disaggregated deployment at its load (closed loop, Poisson or saturated).
double disaggregatedValue(const PredictScenario& s, const Metric& metric, const DisaggregatedModel& model,
                          const DisaggregatedPoint& p) {
    const double input = s.workload.inputTokens.mean, output = s.workload.outputTokens.mean;
    const double ttftS = p.ttftMs * 1e-3, tpotS = p.tpotMs * 1e-3;
    const double ttftTail = metric.percentile > 0 ? AnalyticCapacity::ttftTail(metric.percentile) : 1.0;
    const double tpotTail = metric.percentile > 0 ? AnalyticCapacity::tpotTail(metric.percentile) : 1.0;
    switch (metric.kind) {
    case MetricKind::OutputTokensPerSTotal:
        return p.qps * output;
    case MetricKind::OutputTokensPerSPerGpu: // per decode GPU (InferenceX utils/process_result.py)
        return s.decodeGpus > 0 ? p.qps * output / s.decodeGpus : 0.0;
    case MetricKind::TotalTokensPerS:
        return p.qps * (input + output);
    case MetricKind::TotalTokensPerSPerGpu:
        return p.qps * (input + output) / s.gpuCount;
    case MetricKind::RequestsPerS:
        return p.qps;
    case MetricKind::InputTokensPerSPerGpu: // the prefill pool's saturated rate, per prefill GPU
        return s.prefillGpus > 0 ? input / model.prefillServiceS() * s.prefillReplicas / s.prefillGpus : 0.0;
    case MetricKind::TtftMs:
        return ttftS * ttftTail * 1e3;
    case MetricKind::TpotMs:
    case MetricKind::ItlMs:
        return tpotS * tpotTail * 1e3;
    case MetricKind::E2eLatencyMs:
        return (ttftS + (output - 1) * tpotS) * ttftTail * 1e3;
    case MetricKind::TokensPerSPerUser:
        return tpotS > 0 ? 1.0 / tpotS : 0.0;
    case MetricKind::DecodeTokensPerSSingleStream:
        return 1.0 / model.decodeTpotS(1);
    }
    return 0;
}

} // namespace

std::optional<Metric> Metric::parse(std::string_view name) {
    for (const auto& [text, kind] : kMetricNames)
        if (name == text)
            return Metric{kind, 0};
    // Latency percentiles: ttft_p95_ms, tpot_p50_ms, e2e_latency_p99_ms.
    for (const auto& [q, tag] : {std::pair{0.5, "_p50"}, std::pair{0.95, "_p95"}, std::pair{0.99, "_p99"}}) {
        const std::size_t at = name.find(tag);
        if (at == std::string_view::npos)
            continue;
        const std::string base = std::string(name.substr(0, at)) + std::string(name.substr(at + 4));
        const auto m = parse(base);
        if (m && m->isLatency() && m->kind != MetricKind::DecodeTokensPerSSingleStream)
            return Metric{m->kind, q};
    }
    return std::nullopt;
}

bool Metric::isLatency() const {
    return kind == MetricKind::TtftMs || kind == MetricKind::TpotMs || kind == MetricKind::E2eLatencyMs ||
           kind == MetricKind::ItlMs;
}

std::string Metric::unit() const {
    switch (kind) {
    case MetricKind::RequestsPerS:
        return "requests/s";
    case MetricKind::TtftMs:
    case MetricKind::TpotMs:
    case MetricKind::E2eLatencyMs:
    case MetricKind::ItlMs:
        return "ms";
    case MetricKind::OutputTokensPerSPerGpu:
    case MetricKind::TotalTokensPerSPerGpu:
    case MetricKind::InputTokensPerSPerGpu:
        return "tokens/s/gpu";
    case MetricKind::TokensPerSPerUser:
        return "tokens/s/user";
    default:
        return "tokens/s";
    }
}

std::string_view Metric::bandClass() const {
    switch (kind) {
    case MetricKind::TtftMs:
    case MetricKind::E2eLatencyMs:
        return "ttft";
    case MetricKind::TpotMs:
    case MetricKind::ItlMs:
    case MetricKind::TokensPerSPerUser:
    case MetricKind::DecodeTokensPerSSingleStream:
        return "tpot";
    default:
        return "throughput";
    }
}

std::string_view toString(Prediction::Status status) {
    switch (status) {
    case Prediction::Status::Ok:
        return "ok";
    case Prediction::Status::Oom:
        return "oom";
    case Prediction::Status::Unsupported:
        return "unsupported";
    case Prediction::Status::Error:
        return "error";
    }
    return "error";
}

Predictor::Predictor(const Catalog& catalog, bool useCalibration)
    : m_catalog(catalog)
    , m_useCalibration(useCalibration) {}

Result<PredictScenario> Predictor::parseScenario(const FieldGetter& field) const {
    PredictScenario s;
    s.id = field("id");
    s.metricName = field("metric");
    std::string engineText = field("engine");
    // Names of the reference files that are not engines of their own: NVIDIA Dynamo orchestrates
    // TensorRT-LLM or SGLang workers (the notes say which), "other" is a fork or in-house engine.
    if (engineText == "dynamo") {
        const std::string notes = field("notes");
        engineText = notes.find("SGLang") != std::string::npos && notes.find("TRT-LLM") == std::string::npos ? "sglang"
                                                                                                             : "trtllm";
        s.note = Message(MessageCode::EngineReadAsWorkers, {MessageArg::name(engineText)});
    } else if (engineText == "other") {
        engineText = "generic";
        s.note = Message(MessageCode::EngineOtherReadAsGeneric);
    }
    const auto engine = engineText.empty() ? std::optional(ServingEngine::Generic) : parseServingEngine(engineText);
    if (!engine)
        return fieldError("engine", engineText,
                          "one of vllm, sglang, trtllm, tgi, lmdeploy, llamacpp, mlc, hf, generic");
    s.deployment.engine = *engine;
    const std::string modelId = field("model");
    s.deployment.model = m_catalog.model(modelId);
    if (!s.deployment.model)
        return fieldError("model", modelId, "a model_id of the catalog (models.csv)");
    const std::string gpuId = field("gpu");
    s.deployment.gpu = m_catalog.gpu(gpuId);
    if (!s.deployment.gpu)
        return fieldError("gpu", gpuId, "a gpu_id of the catalog (gpus.csv)");
    if (m_useCalibration)
        s.deployment.calibration = m_catalog.calibration(gpuId, toString(*engine));

    std::string weightsText = field("precision_weights");
    if (weightsText == "mxfp4" || weightsText == "nvfp4") // the 4-bit float formats with block scales
        weightsText = "fp4";
    const auto weights =
        weightsText.empty() ? std::optional(defaultWeights(*s.deployment.model)) : parsePrecision(weightsText);
    if (!weights)
        return fieldError("precision_weights", weightsText, "one of fp32, bf16, fp16, fp8, int8, int4, fp4");
    s.deployment.weights = *weights;
    const std::string kvText = field("precision_kv");
    // TensorRT-LLM runs FP8/FP4 weights from ModelOpt checkpoints, whose PTQ writes an FP8 KV cache
    // (`kv_cache_quant_algo: FP8`, e.g. NVIDIA's Qwen3-235B-A22B FP8 and NVFP4 checkpoints in
    // TensorRT-LLM's accuracy references) that its default KV dtype `auto` follows; other engines
    // keep a 16-bit KV cache unless told.
    const bool trtllmQuantized =
        *engine == ServingEngine::Trtllm && (*weights == Precision::FP8 || *weights == Precision::FP4);
    const Precision kvDefault = trtllmQuantized               ? Precision::FP8
                                : *weights == Precision::FP32 ? Precision::FP32
                                : *weights == Precision::FP16 ? Precision::FP16
                                                              : Precision::BF16;
    const auto kv = kvText.empty() ? std::optional(kvDefault) : parsePrecision(kvText);
    if (!kv)
        return fieldError("precision_kv", kvText, "one of fp32, bf16, fp16, fp8, int8, int4, fp4");
    s.deployment.kvCache = *kv;

    const auto pp = positiveInt(field, "pp", 1);
    if (!pp)
        return Error{pp.error()};
    const auto count = positiveInt(field, "gpu_count", 0 /* from tp */);
    if (!count && !field("gpu_count").empty())
        return Error{count.error()};
    const int countValue = count ? *count : 0;
    const auto ep = positiveInt(field, "ep", 1);
    if (!ep)
        return Error{ep.error()};
    const auto disaggregated = flagColumn(field("disaggregated"));
    if (!disaggregated)
        return fieldError("disaggregated", field("disaggregated"), "true or false");
    s.disaggregated = *disaggregated;
    const auto prefillGpus = positiveInt(field, "prefill_gpus", 0);
    const auto decodeGpus = positiveInt(field, "decode_gpus", 0);
    if (!prefillGpus)
        return Error{prefillGpus.error()};
    if (!decodeGpus)
        return Error{decodeGpus.error()};
    // Without a tp column a replica is every GPU: the decode pool's when disaggregated, the EP
    // group's under DP-attention.
    int tpDefault = countValue > 0 ? std::max(1, countValue / *pp) : 1;
    if (s.disaggregated && *decodeGpus > 0)
        tpDefault = std::max(1, *decodeGpus / *pp);
    if (*ep > 1 && field("attention_dp") == "true")
        tpDefault = *ep;
    const auto tp = positiveInt(field, "tp", tpDefault);
    if (!tp)
        return Error{tp.error()};
    // attention_dp: true = every GPU of the replica (max of tp and ep) is its own attention group,
    // as SGLang's --enable-dp-attention and TensorRT-LLM's enable_attention_dp run; a number N =
    // N groups of tp / N GPUs each.
    const auto dpColumn = attentionDpColumn(field("attention_dp"));
    if (!dpColumn)
        return fieldError("attention_dp", field("attention_dp"), "true, false or a number of attention groups");
    int attentionTp = *tp, groups = 1;
    if (*dpColumn != 0) {
        const int replicaGpus = std::max(*tp, *ep);
        groups = *dpColumn < 0 ? replicaGpus : *dpColumn;
        if (replicaGpus % groups != 0)
            return Error{"column attention_dp: " + std::to_string(groups) + " groups do not divide the " +
                         std::to_string(replicaGpus) + " GPUs of tp x ep"};
        attentionTp = replicaGpus / groups;
    }
    s.deployment.parallel = {attentionTp, *pp, *ep, groups};
    const int perReplica = s.deployment.parallel.gpus();
    s.gpuCount = countValue > 0 ? countValue : perReplica;
    if (!s.disaggregated && s.gpuCount % perReplica != 0)
        return Error{"columns gpu_count/tp/pp: " + std::to_string(s.gpuCount) + " GPUs cannot hold replicas of tp " +
                     std::to_string(*tp) + " x pp " + std::to_string(*pp)};
    s.replicas = std::max(1, s.gpuCount / perReplica);
    if (*ep > perReplica)
        return Error{"column ep: " + std::to_string(*ep) + " exceeds the " + std::to_string(perReplica) +
                     " GPUs of a replica"};
    s.deployment.gpusPerNode = nvlinkDomain(*s.deployment.gpu);
    const auto mtp = positive(field, "mtp", 0, /*allowZero=*/true);
    if (!mtp || *mtp != std::floor(*mtp) || *mtp > 16)
        return fieldError("mtp", field("mtp"), "a number of draft tokens from 0 to 16");
    s.deployment.speculative.draftTokens = int(*mtp);
    if (s.disaggregated) {
        // `tp/ep/attention_dp` describe a decode replica; prefill replicas take the same layout when
        // they divide the prefill GPUs, else the largest that does.
        // A pool measured alone (the other one never the bottleneck) leaves the other count empty.
        if (*prefillGpus == 0 && *decodeGpus == 0)
            return Error{"columns prefill_gpus/decode_gpus: a disaggregated row needs at least one pool's GPU count"};
        if (*decodeGpus % perReplica != 0)
            return Error{"column decode_gpus: " + std::to_string(*decodeGpus) +
                         " GPUs cannot hold decode replicas of " + std::to_string(perReplica) + " GPUs"};
        s.prefillGpus = *prefillGpus;
        s.decodeGpus = *decodeGpus;
        s.decodeReplicas = *decodeGpus > 0 ? *decodeGpus / perReplica : kUnboundedPool;
        s.prefill = s.deployment;
        s.prefill.speculative = {};
        const int prefillReplicaGpus = *prefillGpus > 0 ? std::gcd(*prefillGpus, perReplica) : perReplica;
        if (prefillReplicaGpus != perReplica) {
            const int prefillGroups = groups > 1 ? std::gcd(groups, prefillReplicaGpus) : 1;
            s.prefill.parallel = {
                prefillReplicaGpus / prefillGroups / *pp > 0 ? prefillReplicaGpus / prefillGroups / *pp : 1, *pp,
                std::min(*ep, prefillReplicaGpus), prefillGroups};
        }
        s.prefillReplicas = *prefillGpus > 0 ? *prefillGpus / s.prefill.parallel.gpus() : kUnboundedPool;
        if (s.prefillReplicas < 1)
            return Error{"column prefill_gpus: " + std::to_string(*prefillGpus) + " GPUs hold no prefill replica"};
        // The KV goes over NVLink inside an NVLink domain, else over the RDMA network.
        s.kvLink = s.deployment.interNode;
        const HardwareRates rates = HardwareRates::of(s.deployment);
        if (*prefillGpus + *decodeGpus <= s.deployment.gpusPerNode && rates.nodeLinkBandwidth > 0)
            s.kvLink = {rates.nodeLinkBandwidth / 1e9, rates.nodeLinkLatency * 1e6};
        if (countValue == 0)
            s.gpuCount = *prefillGpus + *decodeGpus;
    }
    if (s.deployment.model->numLayers > 0 && *pp > s.deployment.model->numLayers)
        return Error{"column pp: " + std::to_string(*pp) + " stages for " +
                     std::to_string(s.deployment.model->numLayers) + " layers"};

    for (const std::string_view column : {"input_tokens", "output_tokens"}) {
        const std::string text = field(column);
        if (text.empty())
            return Error{"column " + std::string(column) + ": missing (a token count is required)"};
    }
    const auto input = positive(field, "input_tokens", 0);
    if (!input)
        return Error{input.error()};
    const auto output = positive(field, "output_tokens", 0);
    if (!output)
        return Error{output.error()};
    s.workload.inputTokens = LengthDistribution::fixed(std::round(*input));
    s.workload.outputTokens = LengthDistribution::fixed(std::round(*output));
    const auto concurrency = positive(field, "concurrency", 0);
    if (!concurrency)
        return Error{concurrency.error()};
    const auto rate = positive(field, "request_rate", 0);
    if (!rate)
        return Error{rate.error()};
    // Closed-loop clients are each simulated for several rounds: past a million the run would not
    // end (and the request count would overflow), and no server holds that many requests in flight.
    if (*concurrency > 1e6)
        return Error{"column concurrency: expected at most 1000000 requests in flight"};
    if (*concurrency > 0 && *rate > 0)
        return Error{"columns concurrency/request_rate: give one (closed loop or Poisson arrivals), not both"};
    s.concurrency = *concurrency;
    s.requestRate = *rate;
    // requests: how many requests the benchmark ran (offline or Poisson; a closed loop runs its own).
    const auto requests = positiveInt(field, "requests", 0);
    if (!requests)
        return Error{requests.error()};
    s.requests = *requests;

    auto metric = Metric::parse(s.metricName);
    if (!metric)
        return fieldError("metric", s.metricName,
                          "a metric of DESIGN.md §3.1 (output_tokens_per_s_total, ttft_ms, ...)");
    // reference_moe.csv keeps total_tokens_per_s per GPU where its unit says so.
    if (metric->kind == MetricKind::TotalTokensPerS && field("unit").find("/gpu") != std::string::npos)
        metric->kind = MetricKind::TotalTokensPerSPerGpu;
    s.metric = *metric;
    return s;
}

Prediction Predictor::predict(const PredictScenario& scenario) const {
    bool fellBack = false;
    const EngineProfile profile = deploymentProfile(scenario.deployment, &fellBack);
    Prediction p = predictWith(scenario, profile);
    if (fellBack) {
        p.message.append(Message(MessageCode::EngineHasNoCalibration,
                                 {MessageArg::name(std::string(toString(scenario.deployment.engine)))}));
    }
    return p;
}

Prediction Predictor::predictWith(const PredictScenario& s, const EngineProfile& profile) const {
    return predictAll(s, {{s.metricName, s.metric}}, profile).front();
}

std::vector<Prediction> Predictor::predictMetrics(const PredictScenario& s, const std::vector<std::string>& metricNames,
                                                  const EngineProfile& profile) const {
    std::vector<std::pair<std::string, Metric>> metrics;
    std::vector<std::size_t> unknown;
    for (const std::string& name : metricNames) {
        const auto m = Metric::parse(name);
        if (!m)
            unknown.push_back(metrics.size());
        metrics.emplace_back(name, m.value_or(Metric{}));
    }
    std::vector<Prediction> out = predictAll(s, metrics, profile);
    for (std::size_t i : unknown) {
        out[i] = Prediction{};
        out[i].id = s.id;
        out[i].metric = metrics[i].first;
        out[i].message = Message(MessageCode::UnknownMetric, {MessageArg::name(metrics[i].first)});
    }
    return out;
}

std::vector<Prediction> Predictor::predictAll(const PredictScenario& s,
                                              const std::vector<std::pair<std::string, Metric>>& metrics,
                                              const EngineProfile& profile) {
    std::vector<Prediction> out(metrics.size());
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        out[i].id = s.id;
        out[i].metric = metrics[i].first;
        out[i].unit = metrics[i].second.unit();
    }
    auto failAll = [&out](Prediction::Status status, const Message& message) {
        for (Prediction& p : out) {
            p.status = status;
            p.message = message;
        }
        return out;
    };
    const Deployment& d = s.deployment;
    const GpuSpec& gpu = *d.gpu;
    if (gpu.isCpu && (d.engine == ServingEngine::Trtllm || d.engine == ServingEngine::Vllm ||
                      d.engine == ServingEngine::Sglang || d.engine == ServingEngine::Lmdeploy))
        return failAll(Prediction::Status::Unsupported,
                       Message(MessageCode::EngineNotOnCpu, {MessageArg::name(std::string(toString(d.engine)))}));
    if (gpu.vendor == "AMD" && (d.engine == ServingEngine::Trtllm || d.engine == ServingEngine::Lmdeploy))
        return failAll(Prediction::Status::Unsupported,
                       Message(MessageCode::EngineNvidiaOnly, {MessageArg::name(std::string(toString(d.engine)))}));
    if (s.disaggregated) {
        // Both pools with the same engine profile; the load is closed loop, Poisson or saturated.
        const DisaggregatedModel model(s.prefill, d, s.kvLink, s.workload, Slo{}, profile, profile);
        if (!model.capacity().fits())
            return failAll(Prediction::Status::Oom, !model.capacity().prefill.fits ? model.capacity().prefill.message
                                                                                   : model.capacity().decode.message);
        const double concurrency =
            s.concurrency > 0 ? s.concurrency : model.capacity().decode.maxBatch * s.decodeReplicas;
        const DisaggregatedPoint point = s.requestRate > 0 && s.concurrency <= 0
                                             ? model.at(s.prefillReplicas, s.decodeReplicas, s.requestRate)
                                             : model.atConcurrency(s.prefillReplicas, s.decodeReplicas, concurrency);
        if (!point.ok)
            return failAll(Prediction::Status::Oom, point.message);
        for (std::size_t i = 0; i < metrics.size(); ++i) {
            const double value = disaggregatedValue(s, metrics[i].second, model, point);
            const std::string_view band = metrics[i].second.bandClass();
            const double w = band == "ttft"   ? profile.bands.ttft
                             : band == "tpot" ? profile.bands.tpot
                                              : profile.bands.throughput;
            out[i].value = {value, value * std::exp(-w), value * std::exp(w)};
            out[i].status = Prediction::Status::Ok;
            out[i].message = s.note;
        }
        return out;
    }
    const HardwareRates rates = HardwareRates::of(d);
    const ModelShape shape = ModelShape::from(*d.model);
    const MemoryFit memory = MemoryModel::compute(d, s.workload, profile, rates, shape);
    if (!memory.fits)
        return failAll(Prediction::Status::Oom, memory.reason);
    const StepTimeModel model(d, profile, rates, shape);
    // One simulation of the load for every metric, and one single-stream run when a metric needs it.
    std::optional<SimResult> load, single;
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const bool singleStream = metrics[i].second.kind == MetricKind::DecodeTokensPerSSingleStream;
        std::optional<SimResult>& r = singleStream ? single : load;
        if (!r)
            r = simulate(s, profile, memory, model, singleStream);
        Prediction& p = out[i];
        if (r->completed == 0) {
            p.status = Prediction::Status::Oom;
            p.message = Message(MessageCode::NoRequestFitsKvCache);
            continue;
        }
        const double value = metricValue(s, metrics[i].second, *r);
        const std::string_view band = metrics[i].second.bandClass();
        const double w = band == "ttft"   ? profile.bands.ttft
                         : band == "tpot" ? profile.bands.tpot
                                          : profile.bands.throughput;
        p.value = withBand(value, w);
        p.status = Prediction::Status::Ok;
        Message notes;
        if (rates.computeAssumed)
            notes.append(Message(MessageCode::ComputeRateAssumed, {MessageArg::name(gpu.id)}));
        if (rates.fp8Fallback)
            notes.append(Message(MessageCode::NoLowPrecisionTensorUnit,
                                 {MessageArg::name(gpu.id), MessageArg::name(std::string(toString(d.weights)))}));
        if (r->rejected > 0)
            notes.append(Message(MessageCode::RequestsExceedKvCache, {MessageArg::integer(r->rejected)}));
        notes.append(s.note);
        p.message = std::move(notes);
    }
    return out;
}

Prediction Predictor::predictRow(const FieldGetter& field) const {
    const auto scenario = parseScenario(field);
    if (!scenario) {
        Prediction p;
        p.id = field("id");
        p.metric = field("metric");
        const auto metric = Metric::parse(p.metric);
        p.unit = metric ? metric->unit() : std::string();
        p.status = Prediction::Status::Error;
        p.message = Message::text(scenario.error());
        return p;
    }
    return predict(*scenario);
}

} // namespace serveplan
