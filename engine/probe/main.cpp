// serveplan-probe: measures this machine's GPU (or CPU) and prints JSON lines (DESIGN.md §3.2).
#include "CpuBench.h"
#include "GpuBackend.h"
#include "ProbeOptions.h"
#include "ProbeOutput.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

using namespace serveplan::probe;

namespace {

enum ExitCode : int { ExitComplete = 0, ExitBadArguments = 2, ExitNoDevice = 3, ExitTestFailed = 4 };

int badArguments(ProbeOutput& out, const std::string& message) {
    out.error("arguments", message);
    std::fprintf(stderr, "serveplan-probe: %s\n\n%s", message.c_str(), probeUsage());
    out.done(ExitBadArguments, "bad_arguments");
    return ExitBadArguments;
}

void listTests() {
    for (const TestInfo& t : allTests())
        std::printf("%-22s %-4s %s\n", t.name, t.gpu ? "gpu" : "cpu", t.description);
}

int runCpu(const ProbeOptions& options, const std::string& gpuReason, ProbeOutput& out) {
    JsonObject device = cpuDeviceFields();
    if (!gpuReason.empty())
        device.add("gpu_unavailable", gpuReason);
    out.device(device);
    if (options.deviceOnly) {
        out.done(ExitComplete, "complete");
        return ExitComplete;
    }
    const bool ok = runCpuSuite(options, out);
    out.done(ok ? ExitComplete : ExitTestFailed, ok ? "complete" : "test_failed");
    return ok ? ExitComplete : ExitTestFailed;
}

} // namespace

int main(int argc, char** argv) {
    ProbeOutput out;
    const ParseResult parsed = parseProbeOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.options)
        return badArguments(out, parsed.error);
    const ProbeOptions& options = *parsed.options;
    if (options.help) {
        std::fputs(probeUsage(), stdout);
        return ExitComplete;
    }
    if (options.version) {
        std::printf("serveplan-probe %s\n", SERVEPLAN_VERSION);
        return ExitComplete;
    }
    if (options.listTests) {
        listTests();
        return ExitComplete;
    }
    // --device-only runs no test, so it needs no model shape (and no models.csv).
    std::string shapeError;
    const auto shape =
        options.deviceOnly ? std::optional<ModelShape>(defaultModelShape()) : resolveModelShape(options, shapeError);
    if (!shape)
        return badArguments(out, shapeError);

    if (options.forceCpu)
        return runCpu(options, {}, out);
    const GpuAvailability gpu = checkGpu(options.device);
    if (!gpu.usable) {
        if (!options.cpuFallback) {
            out.error("device", "no usable GPU (" + gpu.reason + ") and --no-cpu-fallback was given");
            out.done(ExitNoDevice, "no_device");
            return ExitNoDevice;
        }
        return runCpu(options, gpu.reason, out);
    }
    out.device(gpuDeviceFields(options.device));
    if (options.deviceOnly) {
        out.done(ExitComplete, "complete");
        return ExitComplete;
    }
    const bool ok = runGpuSuite(options, *shape, options.device, out);
    out.done(ok ? ExitComplete : ExitTestFailed, ok ? "complete" : "test_failed");
    return ok ? ExitComplete : ExitTestFailed;
}
