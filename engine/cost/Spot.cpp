#include "cost/Spot.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

SpotOutcome expectedSpot(const SpotInput& in, const SpotSettings& s) {
    SpotOutcome out;
    if (in.instances <= 0)
        return out;
    out.applied = true;
    // Floor: a share that does not make a whole instance stays on demand (the safer side).
    out.spotInstances = static_cast<int>(std::floor(s.share * in.instances + 1e-9));
    out.onDemandInstances = in.instances - out.spotInstances;

    const double lambda = s.interruptionsPerHour;
    const double replacementH = s.replacementMinutes / 60.0;
    const double coldH = in.coldStartSeconds / 3600.0;
    const double cycle = 1.0 + lambda * replacementH; // in units of the mean time between interruptions
    const double replacingShare = lambda * replacementH / cycle;
    double spotBilled = 1.0 - replacingShare;
    double onDemandBilled = 0;
    double outageShare = replacingShare;
    if (s.onDemandFallback) {
        onDemandBilled = replacingShare;
        outageShare = lambda * std::min(coldH, replacementH) / cycle;
    }
    const double perSpotSlot = spotBilled * in.spotHourly + onDemandBilled * in.onDemandHourly;
    out.expectedHourlyCost = out.onDemandInstances * in.onDemandHourly + out.spotInstances * perSpotSlot;
    out.expectedMonthlyCost = out.expectedHourlyCost * in.hoursPerMonth;
    out.expectedCapacityLostFraction = out.spotInstances * outageShare / in.instances;
    out.expectedCapacityLostQps = out.expectedCapacityLostFraction * in.fleetCapacityQps;
    return out;
}

} // namespace serveplan
