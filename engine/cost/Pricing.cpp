#include "cost/Pricing.h"

#include <algorithm>
#include <cstdio>

namespace serveplan {

namespace {
bool isUsd(std::string_view c) {
    return c == "USD";
}

std::string describe(const FxRate& r) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", r.usdPerUnit);
    return "1 " + r.currency + " = " + buf + " USD (" + (r.date.empty() ? std::string("undated") : r.date) + ")";
}
} // namespace

CurrencyConverter::CurrencyConverter(const std::vector<FxRate>& rates, std::string onDate) {
    for (const FxRate& r : rates) {
        if (r.usdPerUnit <= 0 || isUsd(r.currency))
            continue;
        if (!onDate.empty() && !r.date.empty() && r.date > onDate)
            continue;
        auto same = std::find_if(m_rates.begin(), m_rates.end(),
                                 [&](const FxRate& kept) { return kept.currency == r.currency; });
        if (same == m_rates.end())
            m_rates.push_back(r);
        else if (r.date > same->date)
            *same = r;
    }
}

const FxRate* CurrencyConverter::rate(std::string_view currency) const {
    for (const FxRate& r : m_rates)
        if (r.currency == currency)
            return &r;
    return nullptr;
}

bool CurrencyConverter::knows(std::string_view currency) const {
    return isUsd(currency) || rate(currency);
}

bool CurrencyConverter::factor(std::string_view from, std::string_view to, double& out) const {
    if (from == to) {
        out = 1;
        return true;
    }
    const FxRate* f = isUsd(from) ? nullptr : rate(from);
    const FxRate* t = isUsd(to) ? nullptr : rate(to);
    if ((!isUsd(from) && !f) || (!isUsd(to) && !t))
        return false;
    const double usdPerFrom = f ? f->usdPerUnit : 1.0;
    const double usdPerTo = t ? t->usdPerUnit : 1.0;
    out = usdPerFrom / usdPerTo;
    for (const FxRate* r : {f, t}) {
        if (!r)
            continue;
        std::string d = describe(*r);
        if (std::find(m_used.begin(), m_used.end(), d) == m_used.end())
            m_used.push_back(std::move(d));
    }
    return true;
}

std::string CurrencyConverter::note() const {
    std::vector<std::string> sorted = m_used;
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    for (const std::string& s : sorted)
        out += (out.empty() ? "" : "; ") + s;
    return out;
}

ResolvedPrice resolvePrice(const InstanceSpec& instance, PricingPlan plan, double discount, double hoursPerMonth,
                           std::string_view currency, const CurrencyConverter& fx, std::string_view priceDate) {
    ResolvedPrice out;
    const Price* p = instance.price(plan, priceDate);
    if (!p) {
        std::vector<MessageArg> args = {MessageArg::name(std::string(toString(plan))),
                                        MessageArg::name(instance.key())};
        if (!priceDate.empty())
            args.push_back(MessageArg::name(std::string(priceDate)));
        out.message =
            Message(priceDate.empty() ? MessageCode::NoPrice : MessageCode::NoPriceOnOrBefore, std::move(args));
        return out;
    }
    double factor = 1;
    if (!fx.factor(p->currency, currency, factor)) {
        out.message =
            Message(MessageCode::NoFxRate, {MessageArg::name(p->currency), MessageArg::name(std::string(currency))});
        return out;
    }
    const double amount = p->amount * (1.0 - discount) * factor;
    out.available = true;
    out.source = p;
    if (p->unit == PriceUnit::Month) {
        out.perMonth = amount;
        out.perHour = amount / hoursPerMonth;
    } else {
        out.perHour = amount;
        out.perMonth = amount * hoursPerMonth;
    }
    return out;
}

bool priceIsSuspect(const Price& price) {
    return price.source.find("SUSPECT") != std::string::npos;
}

bool priceIsStale(const Price& price, std::string_view staleBefore) {
    return !staleBefore.empty() && (price.effectiveDate.empty() || std::string_view(price.effectiveDate) < staleBefore);
}

} // namespace serveplan
