#include "calib/LoadTestFit.h"

namespace serveplan {

Result<CalibrationFit> fitLoadTest(const std::vector<LoadTestPoint>&, const LoadTestSetup&, const Catalog&) {
    return Error{"fitting the engine profile from load tests is not built yet"};
}

} // namespace serveplan
