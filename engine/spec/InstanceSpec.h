#pragma once
// A rentable (or owned) machine: a cloud instance type in a region with its prices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

enum class PricingPlan { OnDemand, Spot, Reserved1y, Reserved3y, SubscriptionMonth };

std::string_view toString(PricingPlan plan);
/// `on_demand | spot | reserved_1y | reserved_3y | subscription_month`
std::optional<PricingPlan> parsePricingPlan(std::string_view text);

enum class PriceUnit { Hour, Month };

struct Price {
    PricingPlan plan = PricingPlan::OnDemand;
    double amount = 0;    ///< per instance, per unit, in `currency`; never a stand-in for "missing"
    std::string currency; ///< ISO 4217 code, e.g. USD, CNY
    PriceUnit unit = PriceUnit::Hour;
    std::string effectiveDate; ///< ISO date, may be empty when the source gives none
    std::string source;
    bool userEntered = false;
};

struct InstanceSpec {
    std::string provider; ///< aws, gcp, azure, lambda, runpod, vast, tencent, alibaba, onprem, ...
    std::string instanceType;
    std::string region;
    std::string gpuName; ///< as the source spells it (SkyPilot naming)
    std::string gpuId;   ///< gpus.csv gpu_id; empty when the GPU is not in the catalog
    double gpuCount = 0; ///< may be fractional (vGPU shares)
    double gpuMemoryGbEach = 0;
    int vcpus = 0;
    double memoryGib = 0;
    std::string interconnect;
    std::string source;
    bool userEntered = false;
    bool onPrem = false;
    std::vector<Price> prices;

    /// The price for a plan, if the database has one (a missing price is absent, never 0).
    const Price* price(PricingPlan plan) const;
    std::string key() const { return provider + ":" + instanceType + "@" + region; }
};

struct FxRate {
    std::string currency;  ///< ISO code
    double usdPerUnit = 0; ///< 1 unit of `currency` = usdPerUnit USD
    std::string date;      ///< ISO date of the rate
    std::string source;
};

} // namespace serveplan
