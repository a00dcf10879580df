#pragma once
// The autoscaling simulation of one plan over its traffic period (a day, or a week): ready replicas
// minute by minute (left axis) and the hourly cost of the instances holding them (bars, right
// axis), next to the hourly cost of a fleet fixed at the peak (dashed).
#include "plan/Planner.h"

#include <QString>

#include <vector>

class QCustomPlot;

namespace serveplan::ui {

class AutoscalingDayChart final {
public:
    struct Options {
        QString currency;
        double hoursPerMonth = 730; ///< turns the fixed fleet's monthly cost into an hourly one
        bool showTitle = true;
    };

    /// Cost per hour of the period: the mean over its minutes of instances(ready replicas) × instance price.
    static std::vector<double> hourlyCost(const PlanRow& row, const AutoscalingOutcome& outcome);
    /// Draws `outcome` (usually `row.autoscaling`); the row gives the packing and the instance price.
    static void build(QCustomPlot* plot, const PlanRow& row, const AutoscalingOutcome& outcome, const Options& options);
};

} // namespace serveplan::ui
