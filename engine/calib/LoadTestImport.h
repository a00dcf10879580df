#pragma once
// Measured points from a load test the user ran against their own endpoint (issue 7, item 7):
// `vllm bench serve --save-result` JSON and Locust `--csv` stats files. Each becomes one point
// (throughput and latencies at an offered rate or concurrency) in the metric names of
// `serveplan-cli predict`, so the engine's prediction can be set beside it.
#include "calib/CalibrationFit.h"
#include "catalog/Catalog.h"
#include "common/Result.h"
#include "perf/Predictor.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

struct LoadTestPoint {
    std::string source;         ///< "vllm_bench" or "locust"
    std::string modelName;      ///< as the tool wrote it (vLLM: model_id), may be empty
    double requestRate = 0;     ///< offered requests/s (0 = all at once or unknown)
    double concurrency = 0;     ///< max concurrency (0 = unlimited or unknown)
    double inputTokensMean = 0; ///< 0 when the tool does not report tokens (Locust)
    double outputTokensMean = 0;
    double completed = 0;                  ///< requests
    std::map<std::string, double> metrics; ///< predict metric name -> measured value
};

/// Reads the JSON object `vllm bench serve --save-result` writes (vLLM benchmark_serving.py:
/// completed, total_input_tokens, total_output_tokens, request_throughput, output_throughput,
/// total_token_throughput, mean/median/p99_ttft_ms, mean/p99_tpot_ms, mean_itl_ms, mean_e2el_ms,
/// request_rate, max_concurrency, model_id).
Result<LoadTestPoint> parseVllmBenchResult(std::string_view json);

/// Reads a Locust `<prefix>_stats.csv`: the "Aggregated" row (Request Count, Failure Count,
/// Average Response Time, Requests/s, 50%, 95%, 99%). Response times are whole requests, in ms.
Result<LoadTestPoint> parseLocustStats(std::string_view csv);

/// The deployment a load test ran on, as the user states it.
struct LoadTestSetup {
    std::string engine = "generic";
    std::string modelId;
    std::string gpuId;
    int gpuCount = 1;
    int tp = 1;
    double inputTokens = 0; ///< overrides the file's mean (Locust has none)
    double outputTokens = 0;
};

struct LoadTestComparison {
    std::string metric;
    double measured = 0;
    double before = 0; ///< the profile in use for the GPU and engine (with its applied calibration, if any)
    double after = 0;  ///< the engine's profile with the `applied` factors
    std::string unit;
    Message message; ///< why a prediction is missing
};

/// The predict row of a measured point on `setup`, for `metric`: lengths from the setup or the
/// file, closed loop at the point's concurrency cap when it has one (a Locust point: its requests
/// in flight by Little's law, throughput x mean latency), else Poisson at its rate, else offline. The deployment
/// carries the catalog's calibration for the GPU and engine when the predictor uses calibrations.
Result<PredictScenario> loadTestScenario(const Predictor& predictor, const LoadTestPoint& point,
                                         const LoadTestSetup& setup, const std::string& metric);

/// Predicted versus measured for every metric of `point` the predictor knows.
std::vector<LoadTestComparison> compareLoadTest(const LoadTestPoint& point, const LoadTestSetup& setup,
                                                const Catalog& catalog, const std::vector<CalibrationFactor>& applied);

} // namespace serveplan
