#pragma once
// The replica counts and rates a plan row implies for a deployment, shared by the exports.
#include "common/Result.h"
#include "deploy/ExportOptions.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"

namespace serveplan {

struct DeploySizing {
    int replicas = 0;           ///< the Deployment's starting replicas
    int minReplicas = 0;        ///< HPA
    int maxReplicas = 0;        ///< HPA
    double targetQpsPerPod = 0; ///< HPA target: capacity per replica × target utilisation
    double loadQps = 0;         ///< the request rate the fleet serves (peak after cache hits)
    bool autoscaled = false;    ///< the scenario's autoscaling policy is on
};

/// The row of that rank if it can be deployed (it fits and meets its SLO).
Result<const PlanRow*> deployableRow(const PlanResult& result, int rank);

/// Replicas and rates: with autoscaling on, the policy's min and max (max 0 = the instance cap, or
/// the replicas the peak needs); with it off, a fixed fleet of the replicas the peak needs.
DeploySizing deploySizing(const PlanRow& row, const Scenario& scenario);

} // namespace serveplan
