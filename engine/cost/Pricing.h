#pragma once
// Prices of one instance under a pricing plan, after the user's discount, in the scenario's
// currency. A missing price stays missing ("no price"); it is never read as 0.
#include "catalog/InstanceSpec.h"
#include "common/Message.h"

#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// Converts amounts between currencies with the dated FX table (`FxRate::usdPerUnit`).
class CurrencyConverter final {
public:
    /// `onDate` (ISO) picks, per currency, the newest rate on or before it; empty = the newest of all.
    CurrencyConverter(const std::vector<FxRate>& rates, std::string onDate = {});

    /// How many units of `to` one unit of `from` is worth; false when a rate is missing.
    bool factor(std::string_view from, std::string_view to, double& out) const;
    bool knows(std::string_view currency) const;
    /// The rates used so far, e.g. "1 CNY = 0.1381122 USD (2025-05-09)"; empty when only USD was involved.
    std::string note() const;

private:
    const FxRate* rate(std::string_view currency) const;

    std::vector<FxRate> m_rates; ///< one per currency: the chosen date's
    mutable std::vector<std::string> m_used;
};

/// A resolved price: per instance-hour and per month in the target currency.
struct ResolvedPrice {
    bool available = false;
    double perHour = 0;
    double perMonth = 0;
    Message message; ///< why not available
    const Price* source = nullptr;
};

/// Resolves `plan`'s price of `instance`: hourly prices × hours per month; monthly subscriptions
/// ÷ hours per month; then × (1 − discount) and converted to `currency`. The price is the
/// instance's effective one (upfront payment amortised; of several upfront options the lowest), the
/// newest on or before `priceDate` (ISO date; empty = the newest in the catalog).
ResolvedPrice resolvePrice(const InstanceSpec& instance, PricingPlan plan, double discount, double hoursPerMonth,
                           std::string_view currency, const CurrencyConverter& fx, std::string_view priceDate = {});

/// A price whose source flags it "SUSPECT" (checked against another source and found off).
bool priceIsSuspect(const Price& price);
/// A price dated before `staleBefore` (ISO date), or undated; never stale when `staleBefore` is empty.
bool priceIsStale(const Price& price, std::string_view staleBefore);

} // namespace serveplan
