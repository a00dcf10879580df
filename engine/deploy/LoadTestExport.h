#pragma once
// A load test for one plan: a Locust file that replays the plan's workload (Poisson arrivals at
// the plan's request rate, prompt and output lengths drawn from the scenario's distributions)
// against an OpenAI-compatible endpoint and fails when the SLO percentiles are missed, and a
// `vllm bench serve` command line doing the same with vLLM's benchmark client.
#include "catalog/Catalog.h"
#include "common/Result.h"
#include "deploy/ExportOptions.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"

#include <vector>

namespace serveplan {

/// locustfile.py and vllm_bench.sh (executable). Errors as exportKubernetes().
Result<std::vector<GeneratedFile>> exportLoadTest(const PlanResult& result, const Scenario& scenario,
                                                  const Catalog& catalog, const ExportOptions& options);

} // namespace serveplan
