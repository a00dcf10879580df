#include "PricingPlanLabels.h"

#include "catalog/CatalogCsv.h"

#include <QCoreApplication>

namespace serveplan::models {

// A switch without a default: adding a PricingPlan makes the compiler ask for its label here.
QString PricingPlanLabels::label(PricingPlan plan) {
    switch (plan) {
    case PricingPlan::OnDemand:
        return QCoreApplication::translate("PricingPlan", "On demand");
    case PricingPlan::Spot:
        return QCoreApplication::translate("PricingPlan", "Spot");
    case PricingPlan::Reserved1y:
        return QCoreApplication::translate("PricingPlan", "Reserved, 1 year");
    case PricingPlan::Reserved3y:
        return QCoreApplication::translate("PricingPlan", "Reserved, 3 years");
    case PricingPlan::SavingsPlan1y:
        return QCoreApplication::translate("PricingPlan", "Savings plan, 1 year");
    case PricingPlan::SavingsPlan3y:
        return QCoreApplication::translate("PricingPlan", "Savings plan, 3 years");
    case PricingPlan::CommittedUse1y:
        return QCoreApplication::translate("PricingPlan", "Committed use, 1 year");
    case PricingPlan::CommittedUse3y:
        return QCoreApplication::translate("PricingPlan", "Committed use, 3 years");
    case PricingPlan::SubscriptionMonth:
        return QCoreApplication::translate("PricingPlan", "Monthly subscription");
    case PricingPlan::SubscriptionYear:
        return QCoreApplication::translate("PricingPlan", "Yearly subscription");
    }
    return QString::fromUtf8(toString(plan));
}

QString PricingPlanLabels::columnTitle(PricingPlan plan) {
    return CatalogCsv::unitOf(plan) == PriceUnit::Month
               ? QCoreApplication::translate("PricingPlan", "%1 /month").arg(label(plan))
               : QCoreApplication::translate("PricingPlan", "%1 /h").arg(label(plan));
}

QString PricingPlanLabels::label(Upfront upfront) {
    switch (upfront) {
    case Upfront::None:
        return QCoreApplication::translate("PricingPlan", "No upfront");
    case Upfront::Partial:
        return QCoreApplication::translate("PricingPlan", "Partial upfront");
    case Upfront::All:
        return QCoreApplication::translate("PricingPlan", "All upfront");
    }
    return QString::fromUtf8(toString(upfront));
}

QString PricingPlanLabels::label(const Price& price) {
    if (price.upfront == Upfront::None)
        return label(price.plan);
    return QCoreApplication::translate("PricingPlan", "%1 (%2)").arg(label(price.plan), label(price.upfront).toLower());
}

} // namespace serveplan::models
