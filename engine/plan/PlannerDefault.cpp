// The Planner with the performance engine's capacity. Kept apart from Planner.cpp so tests that
// inject known capacities link without the performance engine.
#include "plan/Planner.h"

namespace serveplan {

Planner::Planner(const Catalog& catalog)
    : Planner(catalog, [](const Deployment& d, const Workload& w, const Slo& s, CapacityMethod m) {
        return estimateCapacity(d, w, s, m);
    }) {
    m_capacityIsThreadSafe = true;
}

} // namespace serveplan
