#pragma once
// The CPU fallback: what a CPU-only deployment's speed depends on — host memory bandwidth
// (decode is bandwidth-bound) and a matrix-product rate (prefill). Plain C++ threads, no BLAS.
#include "Json.h"
#include "ProbeOptions.h"
#include "ProbeOutput.h"

namespace serveplan::probe {

/// Name, logical cores and memory of this host, for the `device` line.
JsonObject cpuDeviceFields();

/// Runs the selected CPU tests; returns false when one failed (reported as an error line).
bool runCpuSuite(const ProbeOptions& options, ProbeOutput& out);

struct StreamFigures {
    double copyGBps = 0;  ///< (read + write bytes) / time, as STREAM counts
    double triadGBps = 0; ///< a[i] = b[i] + s*c[i]: 3 arrays
};
StreamFigures measureStream(std::size_t elementsPerArray, int threads, int repeats);

/// FP32 GFLOP/s of a blocked n×n×n product on `threads` threads. `maxError` receives the largest
/// absolute error against a double-precision check of a few entries.
double measureCpuGemm(int n, int threads, double& maxError);

} // namespace serveplan::probe
