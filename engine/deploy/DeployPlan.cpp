#include "deploy/DeployPlan.h"

#include "deploy/ServingLaunch.h"

#include <algorithm>

namespace serveplan {

Result<const PlanRow*> deployableRow(const PlanResult& result, int rank) {
    const PlanRow* row = result.byRank(rank);
    if (!row)
        return Error{"plan " + std::to_string(rank) + ": no such rank (the result has " +
                     std::to_string(result.rows.size()) + " rows)"};
    if (row->status == PlanStatus::NoFit || row->status == PlanStatus::SloMiss || row->capacityQpsPerReplica <= 0)
        return Error{"plan " + std::to_string(rank) + ": not deployable (" +
                     (row->message.empty() ? std::string("no capacity within the SLO") : toEnglish(row->message)) +
                     ")"};
    return row;
}

DeploySizing deploySizing(const PlanRow& row, const Scenario& scenario) {
    DeploySizing s;
    const AutoscalingPolicy& policy = scenario.autoscaling;
    s.autoscaled = policy.enabled;
    s.loadQps = row.loadQps > 0 ? row.loadQps : scenario.qps * (1 - scenario.cacheHitRate);
    const int peak = std::max(1, row.replicas);
    const double target = policy.targetUtilization > 0 && policy.targetUtilization <= 1 ? policy.targetUtilization : 1;
    s.targetQpsPerPod = row.capacityQpsPerReplica * target;
    if (!policy.enabled) {
        s.replicas = s.minReplicas = s.maxReplicas = peak;
        return s;
    }
    s.minReplicas = std::max(1, policy.minReplicas);
    if (policy.maxReplicas > 0)
        s.maxReplicas = policy.maxReplicas;
    else if (scenario.maxInstances > 0)
        s.maxReplicas = scenario.maxInstances * std::max(1, row.replicasPerInstance);
    else
        s.maxReplicas = std::max(peak, row.autoscaling().peakReplicas);
    s.maxReplicas = std::max(s.maxReplicas, s.minReplicas);
    s.replicas = s.minReplicas;
    return s;
}

} // namespace serveplan
