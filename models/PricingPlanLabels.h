#pragma once
// The one table of user-facing (translated) names of the pricing plans and upfront options. Every
// combo box, table header, dialog and report shows these; the text names for files, the database and
// the command line are the engine's toString()/parsePricingPlan() (engine/catalog/InstanceSpec.h).
#include "catalog/InstanceSpec.h"

#include <QString>

namespace serveplan::models {

class PricingPlanLabels final {
public:
    /// "On demand", "Reserved, 1 year", "Savings plan, 3 years", "Monthly subscription", …
    static QString label(PricingPlan plan);
    /// A table column title with the unit the price is quoted in: "On demand /h", "Monthly subscription /month".
    static QString columnTitle(PricingPlan plan);
    /// "No upfront", "Partial upfront", "All upfront".
    static QString label(Upfront upfront);
    /// The plan with its upfront option where it has one: "Reserved, 1 year (all upfront)".
    static QString label(const Price& price);
};

} // namespace serveplan::models
