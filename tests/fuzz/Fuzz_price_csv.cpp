// Fuzzes the price-list importer in both formats (serveplan and SkyPilot vms.csv): any bytes must give
// records or per-line problems, never a crash, hang or sanitizer report.
#include "PriceCsv.h"

#include <cstddef>
#include <cstdint>

using serveplan::models::PriceCsv;
using serveplan::models::PriceFormat;
using serveplan::models::PriceImportOptions;
using serveplan::models::PriceLookups;

namespace {
PriceLookups makeLookups() {
    PriceLookups lookups;
    for (const char* id : {"t4", "a10", "a100-80gb-sxm", "h100-sxm", "l4"}) {
        lookups.gpuIds.insert(id);
        lookups.gpuIdByLowerName[id] = id;
        lookups.gpuMemoryGb[id] = 80;
    }
    lookups.gpuIdByLowerName["h100"] = "h100-sxm";
    lookups.currencies = {"USD", "CNY", "EUR"};
    return lookups;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const PriceLookups lookups = makeLookups();
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    PriceImportOptions options;
    options.format = PriceFormat::ServePlan;
    const auto ours = PriceCsv::read(bytes, QStringLiteral("fuzz.csv"), options, lookups);
    if (ours.problems.isEmpty())
        (void)PriceCsv::write(ours.records); // what import accepts, export must write
    options.format = PriceFormat::SkyPilot;
    options.provider = QStringLiteral("aws");
    options.effectiveDate = QStringLiteral("2026-01-01");
    (void)PriceCsv::read(bytes, QStringLiteral("vms.csv"), options, lookups);
    return 0;
}
