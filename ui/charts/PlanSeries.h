#pragma once
// The per-plan series behind the memory, latency-versus-load and throughput-versus-batch charts, in
// the chart builders' types. The numbers come from the engine's PlanDetail (engine/plan/PlanDetail.h),
// which the screen, the report and the CLI all read, so they always show the same numbers.
#include "charts/ChartData.h"
#include "plan/PlanDetail.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"
#include "catalog/Catalog.h"

#include <string>
#include <vector>

namespace serveplan::ui {

struct PlanSeries {
    bool valid = false;
    Message message; ///< why not valid (no model/GPU, MIG profile missing from the catalog)
    Deployment deployment;
    MemoryFit memory;
    std::vector<LatencyLoadPoint> latency;        ///< rising load up to the engine's largest batch
    std::vector<ThroughputBatchPoint> throughput; ///< batch 1, 2, 4, ... up to the largest batch
    double maxBatch = 0;                          ///< the largest batch memory and the engine allow

    /// The workload the planner plans for (serveplan::plannedWorkload).
    static Workload workloadOf(const Scenario& scenario);
    /// The chart series of a computed PlanDetail.
    static PlanSeries from(const PlanDetail& detail);
    /// planDetail(row, scenario, catalog) without the autoscaling run, as chart series.
    static PlanSeries compute(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                              int latencyPoints = 24);
};

} // namespace serveplan::ui
