#pragma once
// Monthly cost versus peak QPS: one step curve per plan (integer replicas), the cheapest-at-each-QPS
// frontier drawn on top, Pareto plans (cost vs capacity) in colour, the others muted, and the target
// QPS as a vertical line. Disaggregated (prefill/decode pool) plans are dashed next to the solid
// aggregated ones. No interaction here: the workspace adds hover, selection and zoom.
//
// Every plan graph carries the dynamic property `kRankProperty` (int, the PlanRow rank), so an
// interactive view can map a clicked graph back to its table row.
#include "plan/Planner.h"

#include <QString>

#include <vector>

class QCustomPlot;

namespace serveplan::ui {

class CostCurveChart final {
public:
    static constexpr const char* kRankProperty = "serveplanRank";

    struct Options {
        double targetQps = 0;  ///< 0 = no target line
        int highlightRank = 0; ///< drawn thicker (the recommended plan); 0 = none
        int maxLegendColumns = 2;
        bool showTitle = true;
    };

    /// One point of the lower envelope: every QPS in (qpsFrom, qpsTo] is served cheapest by `rank`.
    struct FrontierStep {
        double qpsFrom = 0;
        double qpsTo = 0;
        double monthlyCost = 0;
        int rank = 0;
    };

    /// Fills `plot` (cleared first). The currency is `result.currency`.
    static void build(QCustomPlot* plot, const PlanResult& result, const Options& options);
    /// The cheapest curve at each QPS (the frontier drawn by build()).
    static std::vector<FrontierStep> frontier(const std::vector<CostCurve>& curves);
    /// The legend text of a curve: "#rank provider:type" (or the curve label when the row is missing).
    static QString shortLabel(const PlanResult& result, const CostCurve& curve);
};

} // namespace serveplan::ui
