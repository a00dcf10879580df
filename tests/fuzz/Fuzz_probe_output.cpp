// Fuzzes the parser of serveplan-probe's JSON lines (DESIGN.md §3.2), strict and lenient: a probe
// that prints garbage must give an error or partial results, never a crash.
#include "calib/ProbeRun.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)serveplan::parseProbeOutput(text, false);
    (void)serveplan::parseProbeOutput(text, true);
    return 0;
}
