#include "cost/OnPrem.h"

namespace serveplan {

OnPremCost onPremCost(const OnPremServer& s, double hoursPerMonth) {
    OnPremCost c;
    c.amortisationPerMonth = s.purchasePrice / (s.amortisationYears * 12.0);
    c.hostingPerMonth = s.hostingPerMonth;
    c.electricityPerHour = s.powerKw * s.utilisation * s.pue * s.electricityPerKwh;
    c.perHour = (c.amortisationPerMonth + c.hostingPerMonth) / hoursPerMonth + c.electricityPerHour;
    c.perMonth = c.perHour * hoursPerMonth;
    return c;
}

InstanceSpec onPremInstance(const OnPremServer& s, double hoursPerMonth) {
    InstanceSpec i;
    i.provider = "onprem";
    i.instanceType = s.name;
    i.region = "on-premises";
    i.gpuName = s.gpuId;
    i.gpuId = s.gpuId;
    i.gpuCount = s.gpuCount;
    i.source = "user-defined on-premises server";
    i.userEntered = true;
    i.onPrem = true;
    Price p;
    p.plan = PricingPlan::OnDemand;
    p.amount = onPremCost(s, hoursPerMonth).perHour;
    p.currency = s.currency;
    p.unit = PriceUnit::Hour;
    p.source = "amortised purchase + hosting + electricity";
    p.userEntered = true;
    i.prices.push_back(p);
    return i;
}

} // namespace serveplan
