#pragma once
// One prediction per scenario row (DESIGN.md §3.1 `predict`): parses the row's fields, builds the
// deployment and load, runs the memory fit and the batching simulator, and reports the metric with
// its uncertainty band. Also the backbone of `validate` and of the profile fit.
#include "catalog/Catalog.h"
#include "common/Result.h"
#include "perf/EngineProfile.h"
#include "perf/PerfTypes.h"

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace serveplan {

enum class MetricKind {
    OutputTokensPerSTotal,
    OutputTokensPerSPerGpu,
    TotalTokensPerS,
    RequestsPerS,
    TtftMs,
    TpotMs,
    E2eLatencyMs,
    DecodeTokensPerSSingleStream,
    TotalTokensPerSPerGpu, ///< (input + output) tokens/s over all GPUs (prefill + decode when disaggregated)
    InputTokensPerSPerGpu, ///< prompt tokens/s per GPU (per prefill GPU when disaggregated)
    TokensPerSPerUser,     ///< 1000 / median TPOT: one request's decode speed (MTP's accepted drafts count)
    ItlMs,                 ///< inter-token latency, mean (= TPOT of the engines' benchmarks)
};

struct Metric {
    MetricKind kind = MetricKind::OutputTokensPerSTotal;
    double percentile = 0; ///< 0 = mean; 0.5/0.95/0.99 for the _p50/_p95/_p99 latency names

    /// `output_tokens_per_s_total`, ..., `ttft_ms`, `ttft_p95_ms`, ...
    static std::optional<Metric> parse(std::string_view name);
    std::string unit() const;
    bool isLatency() const;
    bool isThroughput() const { return !isLatency(); }
    /// The band class: "throughput", "tpot" or "ttft".
    std::string_view bandClass() const;
};

/// One parsed row: typed, with the catalog entries resolved.
struct PredictScenario {
    std::string id;
    Deployment deployment;
    int gpuCount = 1;
    int replicas = 1; ///< gpu_count / (tp x pp) data-parallel copies
    Workload workload;
    double concurrency = 0; ///< closed loop when > 0
    double requestRate = 0; ///< open-loop Poisson when > 0 (and no concurrency)
    int requests = 0;       ///< requests of an offline or Poisson benchmark; 0 = the predictor's default (500)
    Metric metric;
    std::string metricName;
    /// Prefill/decode disaggregation: `deployment` is one decode replica, `prefill` one prefill
    /// replica; output_tokens_per_s_per_gpu counts decode GPUs only (reference_moe.md).
    bool disaggregated = false;
    Deployment prefill;
    int prefillGpus = 0, decodeGpus = 0;
    int prefillReplicas = 0, decodeReplicas = 0;
    NetworkLink kvLink; ///< the prefill-to-decode KV link (NVLink within an NVLink domain, else RDMA)
    Message note;       ///< how columns were read (e.g. engine aliases); added to the prediction's message
};

struct Prediction {
    enum class Status { Ok, Oom, Unsupported, Error };
    std::string id;
    std::string metric;
    Status status = Status::Error;
    Estimate value;
    std::string unit;
    Message message;
};
std::string_view toString(Prediction::Status status);

class Predictor final {
public:
    /// `useCalibration`: parsed rows carry their GPU's applied calibration (Catalog::calibration for
    /// the row's GPU and engine), which predict() puts in place of the engine's defaults.
    explicit Predictor(const Catalog& catalog, bool useCalibration = true);

    /// Field lookup by column name (empty string = absent or empty cell).
    using FieldGetter = std::function<std::string(std::string_view column)>;
    /// Parses and resolves a row; the error names the field and what was expected.
    Result<PredictScenario> parseScenario(const FieldGetter& field) const;

    /// Predicts with the engine's fitted profile (falling back to generic, which the message says)
    /// and the deployment's calibration, if any (perf/deploymentProfile).
    Prediction predict(const PredictScenario& scenario) const;
    /// Predicts with a given profile as it is (the fits try candidate profiles through this).
    Prediction predictWith(const PredictScenario& scenario, const EngineProfile& profile) const;
    /// Several metrics of the scenario's deployment and load from one simulation (`scenario.metric`
    /// is ignored): one prediction per name, in order; an unknown name gives an error prediction.
    std::vector<Prediction> predictMetrics(const PredictScenario& scenario, const std::vector<std::string>& metricNames,
                                           const EngineProfile& profile) const;
    /// A whole row: parse, then predict; parse failures become a row with status error.
    Prediction predictRow(const FieldGetter& field) const;

private:
    static std::vector<Prediction> predictAll(const PredictScenario& scenario,
                                              const std::vector<std::pair<std::string, Metric>>& metrics,
                                              const EngineProfile& profile);

    const Catalog& m_catalog;
    bool m_useCalibration = true;
};

} // namespace serveplan
