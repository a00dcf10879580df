#pragma once
// Text of plan values with their units, shared by the plans table, the chart tooltips and the details
// pane so one number reads the same everywhere.
#include "perf/PerfTypes.h"
#include "plan/Planner.h"

#include <QString>

namespace serveplan::format {

QString fromStd(const std::string& text);
/// "12,345 USD" (no decimals above 100, two below).
QString money(double amount, const QString& currency);
/// "12,345 USD/month"
QString monthly(double amount, const QString& currency);
/// "412 ms (380–450 ms)": the value and its uncertainty band.
QString millisecondsWithBand(const Estimate& estimate);
/// "1 replica", "3 replicas"
QString replicas(int count);
/// "3.2 req/s"
QString requestsPerSecond(double qps);
/// "80.0 GB" from bytes (1 GB = 1e9 bytes, as GPU memory is marketed).
QString gigabytes(double bytes);
/// "H100 SXM 80GB × 8", "A100 80GB MIG 3g.40gb"
QString gpuText(const PlanRow& row);
/// "aws:p5.48xlarge@us-east-1", or "—" for a bare-GPU candidate.
QString instanceKey(const PlanRow& row);
/// "TP 4 × PP 2"
QString parallelText(const PlanRow& row);
/// Translated status word: "OK", "Does not fit", "No price", "Misses SLO", "Over budget".
QString statusText(PlanStatus status);
/// "vLLM", "SGLang", ...
QString engineText(ServingEngine engine);

} // namespace serveplan::format
