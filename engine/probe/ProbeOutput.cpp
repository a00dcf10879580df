#include "ProbeOutput.h"

#include <algorithm>

namespace serveplan::probe {

ProbeOutput::ProbeOutput(std::FILE* stream)
    : m_stream(stream)
    , m_start(std::chrono::steady_clock::now()) {}

double ProbeOutput::elapsedSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void ProbeOutput::write(const JsonObject& object) {
    const std::string line = object.str() + "\n";
    std::fwrite(line.data(), 1, line.size(), m_stream);
    std::fflush(m_stream);
}

void ProbeOutput::device(const JsonObject& fields) {
    JsonObject line;
    line.add("type", "device").merge(fields);
    write(line);
}

void ProbeOutput::progress(std::string_view stage, double fraction, std::string_view message) {
    JsonObject line;
    line.add("type", "progress")
        .add("stage", stage)
        .add("fraction", std::clamp(fraction, 0.0, 1.0))
        .add("message", message);
    write(line);
}

void ProbeOutput::result(std::string_view test, double value, std::string_view unit, const JsonObject& params) {
    JsonObject line;
    line.add("type", "result").add("test", test).add("value", value).add("unit", unit).merge(params);
    write(line);
    ++m_results;
}

void ProbeOutput::error(std::string_view stage, std::string_view message) {
    JsonObject line;
    line.add("type", "error").add("stage", stage).add("message", message);
    write(line);
    ++m_errors;
}

void ProbeOutput::done(int exitCode, std::string_view status) {
    JsonObject line;
    line.add("type", "done")
        .add("status", status)
        .add("exit_code", exitCode)
        .add("results", m_results)
        .add("errors", m_errors)
        .add("wall_s", elapsedSeconds());
    write(line);
}

} // namespace serveplan::probe
