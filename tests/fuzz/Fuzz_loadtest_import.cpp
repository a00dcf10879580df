// Fuzzes the calibration importers for the user's own load tests: `vllm bench serve --save-result`
// JSON and Locust stats CSV.
#include "calib/LoadTestImport.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)serveplan::parseVllmBenchResult(text);
    (void)serveplan::parseLocustStats(text);
    return 0;
}
