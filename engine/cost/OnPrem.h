#pragma once
// An owned server as an hourly-equivalent "instance": amortised purchase + hosting spread over
// the month's hours, plus electricity = power × utilisation × PUE × price per kWh.
#include "catalog/InstanceSpec.h"
#include "scenario/Scenario.h"

namespace serveplan {

struct OnPremCost {
    double amortisationPerMonth = 0; ///< purchase ÷ (years × 12)
    double hostingPerMonth = 0;
    double electricityPerHour = 0; ///< kW × utilisation × PUE × price/kWh
    double perHour = 0;            ///< (amortisation + hosting) ÷ hours per month + electricity
    double perMonth = 0;           ///< perHour × hours per month
};

OnPremCost onPremCost(const OnPremServer& server, double hoursPerMonth);

/// The server as a catalog instance (provider "onprem", region "on-premises") with an hourly
/// on-demand price in the server's currency; the planner uses it whatever the pricing plan.
InstanceSpec onPremInstance(const OnPremServer& server, double hoursPerMonth);

} // namespace serveplan
