#pragma once
// The JSON-lines protocol of serveplan-probe (DESIGN.md §3.2): one object per line on stdout,
// each with "type": device, progress, result, error or done. Every line is flushed at once so a
// GUI reading the pipe shows progress and partial results while the probe runs.
#include "Json.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace serveplan::probe {

class ProbeOutput {
public:
    explicit ProbeOutput(std::FILE* stream = stdout);

    void device(const JsonObject& fields);
    void progress(std::string_view stage, double fraction, std::string_view message);
    /// A measured figure; `params` holds the test's parameters, written beside test/value/unit.
    void result(std::string_view test, double value, std::string_view unit, const JsonObject& params = {});
    /// A test that failed; the probe goes on with the others and exits 4 at the end.
    void error(std::string_view stage, std::string_view message);
    /// The last line. `exitCode` is the process exit code that follows it.
    void done(int exitCode, std::string_view status);

    int results() const { return m_results; }
    int errors() const { return m_errors; }
    double elapsedSeconds() const;

private:
    void write(const JsonObject& object);
    std::FILE* m_stream;
    int m_results = 0;
    int m_errors = 0;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace serveplan::probe
