#include "charts/PlanSeries.h"

namespace serveplan::ui {

Workload PlanSeries::workloadOf(const Scenario& scenario) {
    return plannedWorkload(scenario);
}

PlanSeries PlanSeries::from(const PlanDetail& detail) {
    PlanSeries out;
    out.valid = detail.valid;
    out.message = detail.message;
    out.deployment = detail.deployment;
    out.memory = detail.memory;
    out.maxBatch = detail.maxBatch;
    out.latency.reserve(detail.latency.size());
    for (const serveplan::PlanLatencyPoint& p : detail.latency)
        out.latency.push_back({p.qps, p.ttftMs, p.tpotMs});
    out.throughput.reserve(detail.throughput.size());
    for (const serveplan::PlanThroughputPoint& p : detail.throughput)
        out.throughput.push_back({p.batch, p.outputTokensPerS});
    return out;
}

PlanSeries PlanSeries::compute(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                               int latencyPoints) {
    PlanDetailOptions options;
    options.latencyPoints = latencyPoints;
    options.autoscaling = false;
    return from(planDetail(row, scenario, catalog, options));
}

} // namespace serveplan::ui
