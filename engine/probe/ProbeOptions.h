#pragma once
// Command-line options of serveplan-probe. Parsing never exits: it returns the options or an
// error message, and main() turns the message into exit code 2.
#include "ModelShape.h"

#include <optional>
#include <string>
#include <vector>

namespace serveplan::probe {

struct ProbeOptions {
    bool quick = false;
    bool forceCpu = false;
    bool cpuFallback = true;
    bool listTests = false;
    bool deviceOnly = false; ///< print the device line and done, run no test
    bool help = false;
    bool version = false;
    int device = 0;
    std::vector<std::string> only; ///< empty = every test
    std::string modelId;           ///< --model; empty = the default 7B shape
    std::string modelsCsv;         ///< --models-csv
    ModelShape shapeFlags;         ///< shape fields given as flags (0 = not given)

    bool selected(const std::string& test) const;
};

struct ParseResult {
    std::optional<ProbeOptions> options;
    std::string error;
};

ParseResult parseProbeOptions(const std::vector<std::string>& args);

/// The model shape to benchmark: the flags when they give a full shape, else the CSV row of
/// --model, else the default 7B. Sets `error` when --model cannot be resolved.
std::optional<ModelShape> resolveModelShape(const ProbeOptions& options, std::string& error);

const char* probeUsage();

/// Test names and what each measures, in run order; `gpu` false for the CPU fallback tests.
struct TestInfo {
    const char* name;
    bool gpu;
    const char* description;
};
const std::vector<TestInfo>& allTests();

} // namespace serveplan::probe
