#include "perf/Bands.h"

#include <cmath>

namespace serveplan {

Estimate withBand(double value, double logWidth) {
    return {value, value * std::exp(-logWidth), value * std::exp(logWidth)};
}

} // namespace serveplan
