#pragma once
// One run of serveplan-probe as the engine sees it: the device line and the results, parsed from
// the JSON lines of DESIGN.md §3.2. Plain C++; models/ stores the raw text beside it.
#include "common/Result.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

struct ProbeResult {
    std::string test;
    double value = 0;
    std::string unit;
    std::map<std::string, double> numbers;    ///< numeric parameters (batch, context, m, ...)
    std::map<std::string, std::string> texts; ///< text and boolean parameters (precision, path, ...)

    double number(const std::string& key, double fallback = 0) const;
    std::string text(const std::string& key) const;
};

struct ProbeRun {
    std::string backend;                       ///< "cuda" or "cpu"
    std::string deviceName;                    ///< e.g. "NVIDIA H200"
    std::map<std::string, std::string> device; ///< every field of the device line, as text
    std::vector<ProbeResult> results;
    std::vector<std::string> errors; ///< "stage: message" of each error line
    /// Tests the probe skipped (a progress line "skipped: why"): stage -> why.
    std::map<std::string, std::string> skipped;
    bool done = false; ///< a done line was seen
    int exitCode = -1; ///< from the done line

    std::vector<const ProbeResult*> resultsOf(std::string_view test) const;
};

/// One line for run lists: the figures a user looks at first (copy bandwidth, best BF16 GEMM,
/// batch-1 decode step; host bandwidth and GEMM for CPU runs).
std::string summarizeProbeRun(const ProbeRun& run);

/// Parses probe output. Lines that are not JSON objects are an error naming the line number,
/// unless `lenient` (then they are skipped, as a GUI must when a probe prints garbage).
Result<ProbeRun> parseProbeOutput(std::string_view text, bool lenient = false);

} // namespace serveplan
