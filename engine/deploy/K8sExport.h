#pragma once
// Kubernetes manifests for one plan: a Deployment of the engine's official image started with the
// plan's layout and settings, a Service, a HorizontalPodAutoscaler (autoscaling/v2) with the plan's
// min/max replicas and per-pod request-rate target, and a PodDisruptionBudget. YAML is written
// with yaml-cpp; every string a Kubernetes field expects as a string is quoted.
#include "catalog/Catalog.h"
#include "common/Result.h"
#include "deploy/ExportOptions.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"

#include <vector>

namespace serveplan {

/// The files, in apply order: deployment.yaml, service.yaml, hpa.yaml, pdb.yaml; for a replica over
/// several instances leaderworkerset.yaml, service.yaml, hpa.yaml; for a disaggregated plan
/// prefill-leaderworkerset.yaml, decode-leaderworkerset.yaml, router.yaml (README.md).
/// Errors: no row of that rank, a row that does not fit or misses its SLO, anything
/// resolveLaunch() cannot export.
Result<std::vector<GeneratedFile>> exportKubernetes(const PlanResult& result, const Scenario& scenario,
                                                    const Catalog& catalog, const ExportOptions& options);

} // namespace serveplan
