// Fuzzes the *.serveplan scenario reader: any bytes give a scenario or an error, and a scenario that
// reads must write and read back.
#include "ScenarioFile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using serveplan::models::ScenarioFile;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto scenario = ScenarioFile::fromJson(bytes, QStringLiteral("fuzz.serveplan"));
    if (scenario.ok()) {
        const QByteArray written = ScenarioFile::toJson(*scenario);
        if (!ScenarioFile::fromJson(written, QStringLiteral("rewritten")).ok())
            std::abort(); // a scenario we accepted must survive its own round trip
    }
    return 0;
}
