#pragma once
// The per-plan series behind the memory, latency-versus-load and throughput-versus-batch charts,
// computed from the performance engine for one planned row. The screen and the report both use
// this, so the two always show the same numbers.
#include "charts/ChartData.h"
#include "plan/Planner.h"
#include "plan/Scenario.h"
#include "spec/Catalog.h"

#include <string>
#include <vector>

namespace serveplan::ui {

struct PlanSeries {
    bool valid = false;
    std::string message; ///< why not valid (no model/GPU, MIG profile missing from the catalog)
    Deployment deployment;
    MemoryFit memory;
    std::vector<LatencyLoadPoint> latency;        ///< rising load up to the engine's largest batch
    std::vector<ThroughputBatchPoint> throughput; ///< batch 1, 2, 4, ... up to the largest batch
    double maxBatch = 0;                          ///< the largest batch memory and the engine allow

    /// The workload the planner plans for (a preset replaces the scenario's lengths).
    static Workload workloadOf(const Scenario& scenario);
    /// The replica layout the planner evaluated for `row` (same fields as engine/plan's candidates).
    static Deployment deploymentOf(const PlanRow& row, const Scenario& scenario, const Catalog& catalog);
    /// Analytic steady-state points (perf/AnalyticCapacity) at the scenario's SLO percentiles, with the
    /// engine profile's uncertainty bands.
    static PlanSeries compute(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                              int latencyPoints = 24);
};

} // namespace serveplan::ui
