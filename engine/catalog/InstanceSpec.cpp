#include "catalog/InstanceSpec.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

namespace serveplan {

namespace {

struct PlanInfo {
    PricingPlan plan;
    std::string_view name;
    int termMonths;
};

// The one table of plan names, in display order.
constexpr std::array<PlanInfo, 10> kPlans{{
    {PricingPlan::OnDemand, "on_demand", 0},
    {PricingPlan::Spot, "spot", 0},
    {PricingPlan::Reserved1y, "reserved_1y", 12},
    {PricingPlan::Reserved3y, "reserved_3y", 36},
    {PricingPlan::SavingsPlan1y, "savings_plan_1y", 12},
    {PricingPlan::SavingsPlan3y, "savings_plan_3y", 36},
    {PricingPlan::CommittedUse1y, "committed_use_1y", 12},
    {PricingPlan::CommittedUse3y, "committed_use_3y", 36},
    {PricingPlan::SubscriptionMonth, "subscription_month", 1},
    {PricingPlan::SubscriptionYear, "subscription_year", 12},
}};

// The names table and the display order must list the same plans in the same order.
constexpr bool sameOrder() {
    if (kPlans.size() != kPricingPlans.size())
        return false;
    for (std::size_t i = 0; i < kPlans.size(); ++i)
        if (kPlans[i].plan != kPricingPlans[i])
            return false;
    return true;
}
static_assert(sameOrder(), "kPlans must follow kPricingPlans (engine/catalog/InstanceSpec.h)");

constexpr std::array<std::pair<Upfront, std::string_view>, 3> kUpfronts{{
    {Upfront::None, "none"},
    {Upfront::Partial, "partial"},
    {Upfront::All, "all"},
}};

constexpr std::array<Upfront, 3> kUpfrontOrder{Upfront::None, Upfront::Partial, Upfront::All};

const PlanInfo& info(PricingPlan plan) {
    for (const PlanInfo& p : kPlans)
        if (p.plan == plan)
            return p;
    return kPlans.front();
}

/// A row counts on `onDate` when it is dated on or before it; undated rows always count.
bool validOn(const Price& p, std::string_view onDate) {
    return onDate.empty() || p.effectiveDate.empty() || std::string_view(p.effectiveDate) <= onDate;
}

/// Is `candidate` a newer row of the same (plan, upfront) than `kept`? Undated rows are the oldest.
bool newer(const Price& candidate, const Price& kept) {
    return candidate.effectiveDate > kept.effectiveDate;
}

/// The lower effective amount; on a tie or different currencies the one found first stays.
const Price* cheaper(const Price* kept, const Price* candidate) {
    if (!kept)
        return candidate;
    if (candidate && candidate->currency == kept->currency && candidate->amount < kept->amount)
        return candidate;
    return kept;
}

std::size_t order(PricingPlan plan) {
    for (std::size_t i = 0; i < kPlans.size(); ++i)
        if (kPlans[i].plan == plan)
            return i;
    return kPlans.size();
}

} // namespace

std::span<const PricingPlan> allPricingPlans() {
    return kPricingPlans;
}

std::string_view toString(PricingPlan plan) {
    return info(plan).name;
}

std::optional<PricingPlan> parsePricingPlan(std::string_view text) {
    for (const PlanInfo& p : kPlans)
        if (text == p.name)
            return p.plan;
    return std::nullopt;
}

std::string pricingPlanNames(std::string_view separator) {
    std::string out;
    for (const PlanInfo& p : kPlans) {
        if (!out.empty())
            out += separator;
        out += p.name;
    }
    return out;
}

int termMonths(PricingPlan plan) {
    return info(plan).termMonths;
}

std::span<const Upfront> allUpfronts() {
    return kUpfrontOrder;
}

std::string_view toString(Upfront upfront) {
    for (const auto& [value, name] : kUpfronts)
        if (value == upfront)
            return name;
    return "none";
}

std::optional<Upfront> parseUpfront(std::string_view text) {
    for (const auto& [value, name] : kUpfronts)
        if (text == name)
            return value;
    return std::nullopt;
}

Price::Price(PricingPlan plan_, double amount_, std::string currency_, PriceUnit unit_, std::string effectiveDate_,
             std::string source_, bool userEntered_, Upfront upfront_, double upfrontAmount_, std::string fetchedAt_)
    : plan(plan_)
    , amount(amount_)
    , currency(std::move(currency_))
    , unit(unit_)
    , effectiveDate(std::move(effectiveDate_))
    , source(std::move(source_))
    , userEntered(userEntered_)
    , upfront(upfront_)
    , upfrontAmount(upfrontAmount_)
    , fetchedAt(std::move(fetchedAt_)) {}

void sortPriceHistory(std::vector<Price>& history) {
    std::stable_sort(history.begin(), history.end(), [](const Price& a, const Price& b) {
        return std::tuple(order(a.plan), static_cast<int>(a.upfront), std::string_view(a.effectiveDate)) <
               std::tuple(order(b.plan), static_cast<int>(b.upfront), std::string_view(b.effectiveDate));
    });
}

std::vector<Price> priceBookOn(const std::vector<Price>& history, std::string_view onDate) {
    std::vector<const Price*> best;
    for (const Price& p : history) {
        if (!validOn(p, onDate))
            continue;
        auto same = std::find_if(best.begin(), best.end(),
                                 [&](const Price* kept) { return kept->plan == p.plan && kept->upfront == p.upfront; });
        if (same == best.end())
            best.push_back(&p);
        else if (newer(p, **same))
            *same = &p;
    }
    std::vector<Price> book;
    book.reserve(best.size());
    for (const Price* p : best)
        book.push_back(*p);
    sortPriceHistory(book);
    return book;
}

const Price* InstanceSpec::price(PricingPlan plan, Upfront upfront, std::string_view onDate) const {
    const bool fromHistory = !onDate.empty() && !priceHistory.empty();
    const Price* best = nullptr;
    for (const Price& p : fromHistory ? priceHistory : prices)
        if (p.plan == plan && p.upfront == upfront && validOn(p, onDate) && (!best || newer(p, *best)))
            best = &p;
    return best;
}

const Price* InstanceSpec::price(PricingPlan plan, std::string_view onDate) const {
    const Price* best = nullptr;
    for (Upfront upfront : kUpfrontOrder)
        best = cheaper(best, price(plan, upfront, onDate));
    return best;
}

} // namespace serveplan
