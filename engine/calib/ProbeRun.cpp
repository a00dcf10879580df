#include "calib/ProbeRun.h"

#include <nlohmann/json.hpp>

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
            run.exitCode = o.value("exit_code", -1);
        } else if (type != "progress" && !lenient) {
            return Error{"line " + std::to_string(lineNumber) + ": unknown type \"" + type + "\""};
        }
    }
    if (run.deviceName.empty() && !lenient)
        return Error{"no device line: this is not serveplan-probe output"};
    return run;
}

} // namespace serveplan
