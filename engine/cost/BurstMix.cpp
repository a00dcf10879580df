#include "cost/BurstMix.h"

#include <algorithm>

namespace serveplan {

namespace {
double mixCost(const std::vector<int>& need, int base, double baseHourly, double burstHourly, double hoursPerMonth) {
    double burstSum = 0;
    for (int n : need)
        burstSum += std::max(0, n - base);
    const double meanBurst = burstSum / static_cast<double>(need.size());
    return hoursPerMonth * (base * baseHourly + meanBurst * burstHourly);
}
} // namespace

BurstMixOutcome optimiseBurstMix(const std::vector<int>& need, double baseHourly, double burstHourly,
                                 double hoursPerMonth) {
    BurstMixOutcome out;
    if (need.empty())
        return out;
    const int peak = *std::max_element(need.begin(), need.end());
    out.applied = true;
    out.allBurstMonthlyCost = mixCost(need, 0, baseHourly, burstHourly, hoursPerMonth);
    out.allBaseMonthlyCost = mixCost(need, peak, baseHourly, burstHourly, hoursPerMonth);
    out.monthlyCost = out.allBurstMonthlyCost;
    // The cost is piecewise linear in B with breakpoints at the hourly needs, so its minimum lies on
    // one of them: trying each distinct need (ascending) is exact.
    std::vector<int> breakpoints = need;
    std::sort(breakpoints.begin(), breakpoints.end());
    breakpoints.erase(std::unique(breakpoints.begin(), breakpoints.end()), breakpoints.end());
    for (int b : breakpoints) {
        if (b <= 0)
            continue;
        const double c = mixCost(need, b, baseHourly, burstHourly, hoursPerMonth);
        if (c < out.monthlyCost * (1.0 - 1e-12)) {
            out.monthlyCost = c;
            out.baseInstances = b;
        }
    }
    return out;
}

} // namespace serveplan
