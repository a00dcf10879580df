#pragma once
// How the report writes numbers: fixed decimals with English digit grouping in every language
// (finance readers compare them with spreadsheets), the unit or currency after the number.
#include "plan/Planner.h"

#include <QString>

namespace serveplan::ui {

class ReportFormat final {
public:
    /// "12,345.67" with `decimals` decimals.
    static QString number(double value, int decimals);
    /// "12,345.67 USD"
    static QString money(double amount, const QString& currency);
    /// "0.123 USD": costs per million tokens keep three decimals.
    static QString moneyPerMillion(double amount, const QString& currency);
    /// "412 ms" (one decimal below 100 ms).
    static QString milliseconds(double ms);
    /// "412 ms (250–680 ms)"
    static QString millisecondsWithBand(const Estimate& estimate);
    /// "12.50 req/s"
    static QString requestsPerSecond(double qps);
    /// "80.0 GB" (1 GB = 1e9 bytes, as GPU memory is marketed).
    static QString gigabytes(double bytes);
    /// "62.5 %"
    static QString percent(double fraction);
    /// "aws:g6.xlarge", or the GPU name for a bare-GPU candidate.
    static QString instanceText(const PlanRow& row);
    /// "us-east-1" or "—".
    static QString regionText(const PlanRow& row);
    /// "NVIDIA L4 × 1", "A100 80GB MIG 3g.40gb × 7".
    static QString gpuText(const PlanRow& row);
    /// "BF16 · vLLM · TP 2" (PP when > 1).
    static QString layoutText(const PlanRow& row);
    /// The model's display name (its id when it has none).
    static QString modelText(const PlanRow& row);
    /// Translated pricing plan: "On demand", "Spot", ...
    static QString pricingText(PricingPlan plan);
};

} // namespace serveplan::ui
