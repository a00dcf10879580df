#pragma once
// The GPU side of serveplan-probe behind one plain header. CMake compiles either the CUDA
// implementation (cuda/) or the "built without CUDA" one (nocuda/), so no #ifdef spreads
// through the code.
#include "Json.h"
#include "ModelShape.h"
#include "ProbeOptions.h"
#include "ProbeOutput.h"

#include <string>

namespace serveplan::probe {

struct GpuAvailability {
    bool usable = false;
    std::string reason; ///< why not, when !usable ("no CUDA driver", "built without CUDA", ...)
};

/// Whether device `index` can run the GPU tests. A missing or too old driver means "no GPU".
GpuAvailability checkGpu(int index);

/// The `device` line's fields for device `index`.
JsonObject gpuDeviceFields(int index);

/// Runs the selected GPU tests on device `index`; returns false when one failed (each failure is
/// reported as an error line and the other tests go on).
bool runGpuSuite(const ProbeOptions& options, const ModelShape& model, int index, ProbeOutput& out);

} // namespace serveplan::probe
