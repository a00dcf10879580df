#include "spec/InstanceSpec.h"

#include <array>
#include <utility>

namespace serveplan {

namespace {
constexpr std::array<std::pair<PricingPlan, std::string_view>, 5> kPlanNames{{
    {PricingPlan::OnDemand, "on_demand"},
    {PricingPlan::Spot, "spot"},
    {PricingPlan::Reserved1y, "reserved_1y"},
    {PricingPlan::Reserved3y, "reserved_3y"},
    {PricingPlan::SubscriptionMonth, "subscription_month"},
}};
} // namespace

std::string_view toString(PricingPlan plan) {
    for (const auto& [value, name] : kPlanNames)
        if (value == plan)
            return name;
    return "on_demand";
}

std::optional<PricingPlan> parsePricingPlan(std::string_view text) {
    for (const auto& [value, name] : kPlanNames)
        if (text == name)
            return value;
    return std::nullopt;
}

const Price* InstanceSpec::price(PricingPlan plan) const {
    for (const Price& p : prices)
        if (p.plan == plan)
            return &p;
    return nullptr;
}

} // namespace serveplan
