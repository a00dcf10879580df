#pragma once
// A reserved (or monthly subscription) base of B instances paid every hour plus burst instances
// (on-demand or spot) paid only in the hours they are needed. B is chosen to minimise the month's
// cost over the traffic profile: cost(B) = hours × [B × base + mean over hours of max(0, need − B) × burst].
#include <vector>

namespace serveplan {

struct BurstMixOutcome {
    bool applied = false;
    int baseInstances = 0;
    double monthlyCost = 0;
    double allBurstMonthlyCost = 0; ///< base 0
    double allBaseMonthlyCost = 0;  ///< base = the peak's instances
};

/// `instancesPerHour`: instances needed in each hour of the profile (24 or 168 values).
/// Ties go to the smaller base.
BurstMixOutcome optimiseBurstMix(const std::vector<int>& instancesPerHour, double baseHourly, double burstHourly,
                                 double hoursPerMonth);

} // namespace serveplan
