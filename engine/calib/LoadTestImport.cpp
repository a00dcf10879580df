#include "calib/LoadTestImport.h"

#include "perf/Predictor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace serveplan {

namespace {

double numberOr(const nlohmann::json& o, const char* key, double fallback = 0) {
    const auto it = o.find(key);
    if (it == o.end() || !it->is_number())
        return fallback;
    const double v = it->get<double>();
    return std::isfinite(v) ? v : fallback;
}

std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (const char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            out.emplace_back();
        else if (c != '\r')
            out.back() += c;
    }
    return out;
}

} // namespace

Result<LoadTestPoint> parseVllmBenchResult(std::string_view text) {
    const nlohmann::json o = nlohmann::json::parse(text, nullptr, false);
    if (o.is_discarded() || !o.is_object())
        return Error{"not a JSON object"};
    if (!o.contains("request_throughput") || !o.contains("completed"))
        return Error{
            "field \"request_throughput\"/\"completed\": missing, expected a vllm bench serve --save-result file"};
    LoadTestPoint p;
    p.source = "vllm_bench";
    // json::value() throws when the key holds another type: a number here is a malformed file, not a crash.
    if (const auto id = o.find("model_id"); id != o.end() && id->is_string())
        p.modelName = id->get<std::string>();
    p.completed = numberOr(o, "completed");
    if (p.completed <= 0)
        return Error{"field \"completed\": expected at least one completed request"};
    p.inputTokensMean = numberOr(o, "total_input_tokens") / p.completed;
    p.outputTokensMean = numberOr(o, "total_output_tokens") / p.completed;
    // vLLM writes "inf" (a string) for an unlimited request rate and null for no concurrency cap.
    p.requestRate = numberOr(o, "request_rate");
    p.concurrency = numberOr(o, "max_concurrency");
    const std::pair<const char*, const char*> map[] = {{"request_throughput", "requests_per_s"},
                                                       {"output_throughput", "output_tokens_per_s_total"},
                                                       {"total_token_throughput", "total_tokens_per_s"},
                                                       {"mean_ttft_ms", "ttft_ms"},
                                                       {"median_ttft_ms", "ttft_p50_ms"},
                                                       {"p99_ttft_ms", "ttft_p99_ms"},
                                                       {"mean_tpot_ms", "tpot_ms"},
                                                       {"median_tpot_ms", "tpot_p50_ms"},
                                                       {"p99_tpot_ms", "tpot_p99_ms"},
                                                       {"mean_e2el_ms", "e2e_latency_ms"},
                                                       {"p99_e2el_ms", "e2e_latency_p99_ms"}};
    for (const auto& [from, to] : map)
        if (o.contains(from) && o[from].is_number())
            p.metrics[to] = o[from].get<double>();
    return p;
}

Result<LoadTestPoint> parseLocustStats(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::string line;
    if (!std::getline(in, line))
        return Error{"line 1: empty file, expected the Locust stats header"};
    const std::vector<std::string> header = splitCsvLine(line);
    auto column = [&](const std::string& name) -> int {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return int(i);
        return -1;
    };
    const int name = column("Name"), count = column("Request Count"), failures = column("Failure Count"),
              average = column("Average Response Time"), rps = column("Requests/s"), p50 = column("50%"),
              p95 = column("95%"), p99 = column("99%");
    if (name < 0 || count < 0 || average < 0 || rps < 0)
        return Error{
            "line 1: expected the Locust stats columns Name, Request Count, Average Response Time, Requests/s"};
    int lineNumber = 1;
    while (std::getline(in, line)) {
        ++lineNumber;
        const std::vector<std::string> f = splitCsvLine(line);
        if (int(f.size()) <= name || f[name] != "Aggregated")
            continue;
        auto number = [&](int index, double& out) -> bool {
            if (index < 0 || index >= int(f.size()) || f[index].empty() || f[index] == "N/A")
                return false;
            try {
                out = std::stod(f[index]);
                return true;
            } catch (...) {
                return false;
            }
        };
        LoadTestPoint p;
        p.source = "locust";
        double value = 0;
        if (!number(count, p.completed) || !number(average, value))
            return Error{"line " + std::to_string(lineNumber) +
                         ": Aggregated row without Request Count or Average Response Time"};
        double failed = 0;
        number(failures, failed);
        p.completed -= failed;
        p.metrics["e2e_latency_ms"] = value;
        if (number(rps, value))
            p.metrics["requests_per_s"] = value;
        if (number(p50, value))
            p.metrics["e2e_latency_p50_ms"] = value;
        if (number(p95, value))
            p.metrics["e2e_latency_p95_ms"] = value;
        if (number(p99, value))
            p.metrics["e2e_latency_p99_ms"] = value;
        return p;
    }
    return Error{"no Aggregated row: expected a Locust <prefix>_stats.csv"};
}

Result<PredictScenario> loadTestScenario(const Predictor& predictor, const LoadTestPoint& point,
                                         const LoadTestSetup& setup, const std::string& metric) {
    const double input = setup.inputTokens > 0 ? setup.inputTokens : point.inputTokensMean;
    const double output = setup.outputTokens > 0 ? setup.outputTokens : point.outputTokensMean;
    // A concurrency cap bounds what is in flight: with one, the run is a closed loop at saturation.
    // Locust users are closed loops too, but the stats file has no user count: by Little's law the
    // requests in flight are the throughput times the mean latency.
    double concurrency = point.concurrency;
    const auto rate = point.metrics.find("requests_per_s"), latency = point.metrics.find("e2e_latency_ms");
    if (concurrency <= 0 && point.requestRate <= 0 && point.source == "locust" && rate != point.metrics.end() &&
        latency != point.metrics.end())
        concurrency = std::max(1.0, std::round(rate->second * latency->second / 1e3));
    const bool closedLoop = concurrency > 0;
    const std::map<std::string, std::string> fields{
        {"id", metric},
        {"engine", setup.engine},
        {"model", setup.modelId},
        {"gpu", setup.gpuId},
        {"gpu_count", std::to_string(setup.gpuCount)},
        {"tp", std::to_string(setup.tp)},
        {"input_tokens", input > 0 ? std::to_string(std::lround(input)) : std::string()},
        {"output_tokens", output > 0 ? std::to_string(std::lround(output)) : std::string()},
        {"concurrency", closedLoop ? std::to_string(concurrency) : std::string()},
        {"request_rate", !closedLoop && point.requestRate > 0 ? std::to_string(point.requestRate) : std::string()},
        {"metric", metric}};
    return predictor.parseScenario([&](std::string_view column) {
        const auto it = fields.find(std::string(column));
        return it == fields.end() ? std::string() : it->second;
    });
}

std::vector<LoadTestComparison> compareLoadTest(const LoadTestPoint& point, const LoadTestSetup& setup,
                                                const Catalog& catalog, const std::vector<CalibrationFactor>& applied) {
    const Predictor predictor(catalog);
    std::vector<LoadTestComparison> rows;
    for (const auto& [metric, measured] : point.metrics) {
        LoadTestComparison row;
        row.metric = metric;
        row.measured = measured;
        auto scenario = loadTestScenario(predictor, point, setup, metric);
        if (!scenario) {
            row.message = Message::text(scenario.error());
            rows.push_back(row);
            continue;
        }
        // Before: the profile in use for the GPU and engine (its applied calibration, if any).
        const EngineProfile profile = deploymentProfile(scenario->deployment);
        EngineProfile calibrated = engineProfile(scenario->deployment.engine);
        calibrated.params = applyCalibration(calibrated.params, applied);
        const Prediction before = predictor.predictWith(*scenario, profile);
        const Prediction after = predictor.predictWith(*scenario, calibrated);
        row.unit = before.unit;
        row.before = before.value.value;
        row.after = after.value.value;
        if (before.status != Prediction::Status::Ok)
            row.message = before.message;
        rows.push_back(row);
    }
    return rows;
}

} // namespace serveplan
