#pragma once
// Expected cost and capacity of a fleet with a share of its instances on spot capacity.
// Each spot instance alternates between serving (mean 1 ÷ interruption rate hours) and an outage
// after an interruption. Without fallback the outage lasts the replacement time and is not billed;
// with on-demand fallback an on-demand instance is started at once (serving after its cold start)
// and billed until a spot replacement arrives. Fractions of time follow the alternating renewal
// process: busy share = λτ ÷ (1 + λτ).
#include "scenario/Scenario.h"

namespace serveplan {

struct SpotOutcome {
    bool applied = false;
    int spotInstances = 0;
    int onDemandInstances = 0;
    double expectedHourlyCost = 0;
    double expectedMonthlyCost = 0;
    double expectedCapacityLostFraction = 0; ///< of the whole fleet's capacity, averaged over time
    double expectedCapacityLostQps = 0;
};

struct SpotInput {
    int instances = 0;         ///< the fleet, sized for the load
    double onDemandHourly = 0; ///< per instance
    double spotHourly = 0;     ///< per instance
    double fleetCapacityQps = 0;
    double coldStartSeconds = 0;
    double hoursPerMonth = 730;
};

SpotOutcome expectedSpot(const SpotInput& input, const SpotSettings& settings);

} // namespace serveplan
