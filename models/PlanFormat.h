#pragma once
// Text of plan values with their units: the one number formatter. The plans table, the chart tooltips,
// the details pane and the report (ui/report/ReportFormat, which keeps only its own unit words) all
// take their digits from here, so one quantity has the same decimals everywhere: money 2, cost per
// million tokens 3, latency 1 below 100 ms and none above, load 2, memory 1, shares 1 (in percent).
// Digits are grouped the English way in every UI language ("12,345.67"), as spreadsheets read them.
#include "perf/PerfTypes.h"
#include "plan/Planner.h"

#include <QString>

namespace serveplan::format {

/// Decimals of each quantity.
namespace decimals {
constexpr int money = 2;
constexpr int moneyPerMillion = 3;
constexpr int requestsPerSecond = 2;
constexpr int gigabytes = 1;
constexpr int percent = 1;
} // namespace decimals
/// Decimals of a latency: 1 below 100 ms, none from 100 ms up.
int millisecondDecimals(double ms);

/// "12,345.67" with `decimals` decimals, English digit grouping in every language.
QString number(double value, int decimals);
/// "12,345.67 USD"
QString money(double amount, const QString& currency);
/// "0.101 USD": a cost per million tokens.
QString moneyPerMillion(double amount, const QString& currency);
/// "12,345 USD/month"
QString monthly(double amount, const QString& currency);
/// "412 ms (380–450 ms)": the value and its uncertainty band, all with the value's decimals.
QString millisecondsWithBand(const Estimate& estimate);
/// "1 replica", "3 replicas"
QString replicas(int count);
/// "3.20 req/s"
QString requestsPerSecond(double qps);
/// "80.0 GB" from bytes (1 GB = 1e9 bytes, as GPU memory is marketed).
QString gigabytes(double bytes);
/// "H100 SXM 80GB × 8", "A100 80GB MIG 3g.40gb"
QString gpuText(const PlanRow& row);
/// "aws:p5.48xlarge@us-east-1", or "—" for a bare-GPU candidate.
QString instanceKey(const PlanRow& row);
/// "TP 4 × PP 2"
QString parallelText(const PlanRow& row);

} // namespace serveplan::format
