#pragma once
// A rentable (or owned) machine: a cloud instance type in a region with its prices.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// How an instance is paid for. The numeric values are stable (the first five shipped first); the
/// text names (toString/parsePricingPlan) are the one spelling used by the database, the CSV files,
/// scenario files and the command line. User-facing labels live in models/PricingPlanLabels.
enum class PricingPlan {
    OnDemand,
    Spot,
    Reserved1y,
    Reserved3y,
    SubscriptionMonth,
    SavingsPlan1y,
    SavingsPlan3y,
    CommittedUse1y,
    CommittedUse3y,
    SubscriptionYear,
};

/// Every plan, in the order lists, table columns and combo boxes show them.
inline constexpr std::array<PricingPlan, 10> kPricingPlans{
    PricingPlan::OnDemand,        PricingPlan::Spot,           PricingPlan::Reserved1y,
    PricingPlan::Reserved3y,      PricingPlan::SavingsPlan1y,  PricingPlan::SavingsPlan3y,
    PricingPlan::CommittedUse1y,  PricingPlan::CommittedUse3y, PricingPlan::SubscriptionMonth,
    PricingPlan::SubscriptionYear};
/// The position of `plan` in kPricingPlans.
constexpr int pricingPlanIndex(PricingPlan plan) {
    for (std::size_t i = 0; i < kPricingPlans.size(); ++i)
        if (kPricingPlans[i] == plan)
            return static_cast<int>(i);
    return -1;
}
std::span<const PricingPlan> allPricingPlans();
std::string_view toString(PricingPlan plan);
/// `on_demand | spot | reserved_1y | reserved_3y | savings_plan_1y | savings_plan_3y | committed_use_1y |
/// committed_use_3y | subscription_month | subscription_year`
std::optional<PricingPlan> parsePricingPlan(std::string_view text);
/// Every text name joined by `separator`, in allPricingPlans() order (for help texts and messages).
std::string pricingPlanNames(std::string_view separator = "|");
/// The commitment's term in months: 0 for on-demand and spot, 1 for a monthly subscription, 12 or 36.
int termMonths(PricingPlan plan);

/// How much of a committed plan is paid at the start of its term.
enum class Upfront { None, Partial, All };

std::span<const Upfront> allUpfronts();
std::string_view toString(Upfront upfront);
/// `none | partial | all`
std::optional<Upfront> parseUpfront(std::string_view text);

enum class PriceUnit { Hour, Month };

struct Price {
    Price() = default;
    /// Every field in declaration order; the price-book fields (upfront, fetch time) may be left out.
    Price(PricingPlan plan, double amount, std::string currency, PriceUnit unit, std::string effectiveDate = {},
          std::string source = {}, bool userEntered = false, Upfront upfront = Upfront::None, double upfrontAmount = 0,
          std::string fetchedAt = {});

    PricingPlan plan = PricingPlan::OnDemand;
    /// The EFFECTIVE price per instance and `unit` in `currency`: the recurring part plus the upfront
    /// payment amortised over the term. Never a stand-in for "missing".
    double amount = 0;
    std::string currency; ///< ISO 4217 code, e.g. USD, CNY
    PriceUnit unit = PriceUnit::Hour;
    std::string effectiveDate; ///< ISO date, may be empty when the source gives none
    std::string source;
    bool userEntered = false;
    Upfront upfront = Upfront::None;
    double upfrontAmount = 0; ///< the whole upfront payment in `currency`; 0 when none
    std::string fetchedAt;    ///< ISO 8601 UTC time of the fetch; empty for shipped and typed rows
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
    /// The current price book: per (plan, upfront) the newest price on or before the catalog's price
    /// date (CatalogLoader), at most one each.
    std::vector<Price> prices;
    /// Every dated price the database holds for this instance, sorted by plan, upfront and effective
    /// date (oldest first). Empty when the catalog came from CSV text rather than the database.
    std::vector<Price> priceHistory;

    /// The price for a plan, if the database has one (a missing price is absent, never 0). Where a
    /// plan has several upfront options the lowest effective amount wins. With `onDate` (ISO date)
    /// the price is the newest on or before that date (from priceHistory when loaded; undated rows
    /// count as older than any date).
    const Price* price(PricingPlan plan, std::string_view onDate = {}) const;
    /// The price of one upfront option of a plan (newest on or before `onDate` when given).
    const Price* price(PricingPlan plan, Upfront upfront, std::string_view onDate = {}) const;
    std::string key() const { return provider + ":" + instanceType + "@" + region; }
};

/// The price book on a date: from `history` (any order), per (plan, upfront) the newest row dated on
/// or before `onDate` (empty = the newest of all; undated rows count as older than any date), sorted
/// by allPricingPlans() order, then upfront.
std::vector<Price> priceBookOn(const std::vector<Price>& history, std::string_view onDate = {});
/// Sorts a price history by plan (allPricingPlans() order), upfront and effective date, oldest first.
void sortPriceHistory(std::vector<Price>& history);

struct FxRate {
    std::string currency;  ///< ISO code
    double usdPerUnit = 0; ///< 1 unit of `currency` = usdPerUnit USD
    std::string date;      ///< ISO date of the rate
    std::string source;
};

} // namespace serveplan
