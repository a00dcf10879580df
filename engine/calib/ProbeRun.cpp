#include "calib/ProbeRun.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace serveplan {

double ProbeResult::number(const std::string& key, double fallback) const {
    const auto it = numbers.find(key);
    return it == numbers.end() ? fallback : it->second;
}

std::string ProbeResult::text(const std::string& key) const {
    const auto it = texts.find(key);
    return it == texts.end() ? std::string() : it->second;
}

std::vector<const ProbeResult*> ProbeRun::resultsOf(std::string_view test) const {
    std::vector<const ProbeResult*> out;
    for (const ProbeResult& r : results)
        if (r.test == test)
            out.push_back(&r);
    return out;
}

namespace {

std::string format(const char* pattern, double a, double b = 0) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, pattern, a, b);
    return buffer;
}

} // namespace

std::string summarizeProbeRun(const ProbeRun& run) {
    std::vector<std::string> parts;
    for (const ProbeResult* r : run.resultsOf("copy_bandwidth"))
        parts.push_back(format("copy %.0f GB/s", r->value));
    double bestBf16 = 0;
    for (const ProbeResult* r : run.resultsOf("gemm"))
        if (r->text("precision") == "bf16" && r->text("library") == "cublaslt")
            bestBf16 = std::max(bestBf16, r->value);
    if (bestBf16 > 0)
        parts.push_back(format("BF16 GEMM %.0f TFLOPS", bestBf16));
    for (const ProbeResult* r : run.resultsOf("decode_step"))
        if (r->number("batch") == 1) {
            parts.push_back(r->text("model") + format(" decode %.2f ms at batch 1 (%.0f%% of copy roofline)", r->value,
                                                      100 * r->number("weights_roofline_fraction")));
            break;
        }
    for (const ProbeResult* r : run.resultsOf("cpu_memory_bandwidth"))
        if (r->text("kernel") == "triad")
            parts.push_back(format("memory %.1f GB/s", r->value));
    for (const ProbeResult* r : run.resultsOf("cpu_gemm"))
        parts.push_back(format("FP32 GEMM %.3f TFLOPS", r->value));
    std::string out = run.deviceName + ":";
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : " ") + parts[i];
    return out;
}

namespace {

std::string asText(const nlohmann::json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    return v.dump();
}

Result<ProbeResult> parseResult(const nlohmann::json& o, int line) {
    const auto where = "line " + std::to_string(line) + ": ";
    if (!o.contains("test") || !o["test"].is_string())
        return Error{where + "result without a \"test\" string"};
    if (!o.contains("unit") || !o["unit"].is_string())
        return Error{where + "result without a \"unit\" string"};
    if (!o.contains("value") || !(o["value"].is_number() || o["value"].is_null()))
        return Error{where + "result without a numeric \"value\""};
    ProbeResult r;
    r.test = o["test"].get<std::string>();
    r.unit = o["unit"].get<std::string>();
    r.value = o["value"].is_null() ? 0.0 : o["value"].get<double>();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == "type" || it.key() == "test" || it.key() == "unit" || it.key() == "value")
            continue;
        if (it->is_number())
            r.numbers[it.key()] = it->get<double>();
        else
            r.texts[it.key()] = asText(*it);
    }
    return r;
}

} // namespace

Result<ProbeRun> parseProbeOutput(std::string_view text, bool lenient) {
    ProbeRun run;
    int lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        const nlohmann::json o = nlohmann::json::parse(line, nullptr, false);
        if (o.is_discarded() || !o.is_object() || !o.contains("type") || !o["type"].is_string()) {
            if (lenient)
                continue;
            return Error{"line " + std::to_string(lineNumber) + ": expected a JSON object with a \"type\" string"};
        }
        const std::string type = o["type"].get<std::string>();
        if (type == "device") {
            for (auto it = o.begin(); it != o.end(); ++it)
                if (it.key() != "type")
                    run.device[it.key()] = asText(*it);
            run.backend = run.device["backend"];
            run.deviceName = run.device["name"];
        } else if (type == "result") {
            auto r = parseResult(o, lineNumber);
            if (!r) {
                if (lenient)
                    continue;
                return Error{r.error()};
            }
            run.results.push_back(std::move(*r));
        } else if (type == "error") {
            run.errors.push_back(asText(o.value("stage", nlohmann::json("?"))) + ": " +
                                 asText(o.value("message", nlohmann::json(""))));
        } else if (type == "done") {
            run.done = true;
            const auto code = o.find("exit_code"); // value() would throw on a non-number
            run.exitCode = code != o.end() && code->is_number_integer() ? code->get<int>() : -1;
        } else if (type == "progress") {
            const std::string message = o.contains("message") ? asText(o["message"]) : std::string();
            constexpr std::string_view kSkipped = "skipped: ";
            if (message.rfind(kSkipped, 0) == 0)
                run.skipped[o.contains("stage") ? asText(o["stage"]) : std::string("?")] =
                    message.substr(kSkipped.size());
        } else if (!lenient) {
            return Error{"line " + std::to_string(lineNumber) + ": unknown type \"" + type + "\""};
        }
    }
    if (run.deviceName.empty() && !lenient)
        return Error{"no device line: this is not serveplan-probe output"};
    return run;
}

} // namespace serveplan
