#pragma once
// Refines the engine profile of one GPU and serving engine from load tests the user ran against
// their own endpoint (issue 7, item 7): from one or more measured points of the same deployment
// (GPU, engine, model, GPU count, TP), a few parameters of the profile are moved, within physical
// bounds, so that the predictor's metrics come closer to the measured ones (least mean squared log
// error, starting from the profile in use for that GPU and engine).
#include "calib/CalibrationFit.h"
#include "calib/LoadTestImport.h"
#include "catalog/Catalog.h"
#include "common/Result.h"

#include <vector>

namespace serveplan {

/// Fits `weight_bandwidth_eff`, `step_overhead_s` and (when a point measured TTFT) `request_overhead_s`
/// for `setup.gpuId` and `setup.engine` from `points` (all of that setup), starting from the engine's
/// profile with the calibration the catalog holds for that GPU and engine (if any).
///
/// The result's factors are what to store for (setup.gpuId, setup.engine): the starting
/// calibration's factors with the fitted ones replaced or added, so that applying them keeps what
/// a probe run measured. `rmsLogErrorBefore/After` are the root-mean-square log errors of every
/// measured metric before and after the fit; `notes` say what was fitted and what was skipped.
/// An error when the setup names no catalog GPU or model, or no point has a metric the predictor knows.
Result<CalibrationFit> fitLoadTest(const std::vector<LoadTestPoint>& points, const LoadTestSetup& setup,
                                   const Catalog& catalog);

} // namespace serveplan
