#pragma once
// One finished planning pass as the GUI shows it: the result, the scenario it answers and the catalog
// its rows point into. Shared read-only between the item models, the charts and the details pane, so
// a newer pass can replace it without any view holding a dangling row.
#include "plan/Planner.h"
#include "scenario/Scenario.h"
#include "catalog/Catalog.h"

#include <memory>

namespace serveplan {

struct PlanSnapshot {
    std::shared_ptr<const Catalog> catalog; ///< keeps the rows' model/instance/GPU pointers alive
    Scenario scenario;
    PlanResult result;
};

using PlanSnapshotPtr = std::shared_ptr<const PlanSnapshot>;

} // namespace serveplan
