// The GPU backend of a serveplan-probe built without nvcc: there is never a usable GPU, so the
// probe runs its CPU tests (or exits 3 with --no-cpu-fallback).
#include "GpuBackend.h"

namespace serveplan::probe {

GpuAvailability checkGpu(int) {
    return {false, "this serveplan-probe was built without CUDA"};
}

JsonObject gpuDeviceFields(int) {
    return {};
}

bool runGpuSuite(const ProbeOptions&, const ModelShape&, int, ProbeOutput& out) {
    out.error("device", "this serveplan-probe was built without CUDA");
    return false;
}

} // namespace serveplan::probe
