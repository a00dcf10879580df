#pragma once
// Plain series the per-plan charts draw. The report and the workspace fill them from the
// performance engine (see ui/report/PlanSeries.h); the chart builders only draw them.
#include "perf/PerfTypes.h"

#include <vector>

namespace serveplan::ui {

/// Latency of one replica at an arrival rate, at the SLO percentiles, with uncertainty bands.
struct LatencyLoadPoint {
    double qps = 0; ///< requests/s arriving at one replica
    Estimate ttftMs;
    Estimate tpotMs;
};

/// Output throughput of one replica at a fixed number of concurrent sequences.
struct ThroughputBatchPoint {
    double batch = 0; ///< concurrent sequences
    Estimate outputTokensPerS;
};

} // namespace serveplan::ui
