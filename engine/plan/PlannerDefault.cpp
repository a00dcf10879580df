// The Planner with the performance engine's capacity and disaggregated-pool model. Kept apart from
// Planner.cpp so tests that inject known capacities link without the performance engine.
#include "plan/Planner.h"

namespace serveplan {

Planner::Planner(const Catalog& catalog)
    : Planner(
          catalog,
          [](const Deployment& d, const Workload& w, const Slo& s, CapacityMethod m) {
              return estimateCapacity(d, w, s, m);
          },
          [](const Deployment& prefill, const Deployment& decode, const NetworkLink& link, const Workload& w,
             const Slo& s) { return estimateDisaggregatedCapacity(prefill, decode, link, w, s); }) {
    m_capacityIsThreadSafe = true;
}

} // namespace serveplan
