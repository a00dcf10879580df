#pragma once
// The uncertainty band rule of the performance model, written once: an estimate v of a quantity
// whose class has the log-width w (EngineProfile::bands: throughput, TPOT or TTFT) spans
// [v ÷ e^w, v × e^w]. The capacity estimate, the predictor and every chart series call this.
#include "perf/PerfTypes.h"

namespace serveplan {

/// `value` with its band edges: {value, value · e^−logWidth, value · e^logWidth}.
Estimate withBand(double value, double logWidth);

} // namespace serveplan
