#include "report/ReportFormat.h"

#include "EnumLabels.h"
#include "PlanFormat.h"
#include "PricingPlanLabels.h"
#include "QtText.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace serveplan::ui {

// The digits are models/PlanFormat's (one formatter); the report keeps only its own, untranslated units.

QString ReportFormat::number(double value, int decimals) {
    return format::number(value, decimals);
}

QString ReportFormat::money(double amount, const QString& currency) {
    return format::money(amount, currency);
}

QString ReportFormat::moneyPerMillion(double amount, const QString& currency) {
    return format::moneyPerMillion(amount, currency);
}

QString ReportFormat::milliseconds(double ms) {
    return number(ms, format::millisecondDecimals(ms)) + QStringLiteral(" ms");
}

QString ReportFormat::millisecondsWithBand(const Estimate& e) {
    const int decimals = format::millisecondDecimals(e.value);
    return milliseconds(e.value) + QStringLiteral(" (") + number(e.low, decimals) + QChar(0x2013) +
           number(e.high, decimals) + QStringLiteral(")");
}

QString ReportFormat::requestsPerSecond(double qps) {
    return number(qps, format::decimals::requestsPerSecond) + QStringLiteral(" req/s");
}

QString ReportFormat::gigabytes(double bytes) {
    return number(bytes / 1e9, format::decimals::gigabytes) + QStringLiteral(" GB");
}

QString ReportFormat::percent(double fraction) {
    return number(fraction * 100, format::decimals::percent) + QStringLiteral(" %");
}

QString ReportFormat::instanceText(const PlanRow& row) {
    if (row.instance)
        return qtText(row.instance->provider + ":" + row.instance->instanceType);
    return row.gpu ? qtText(row.gpu->name) : QStringLiteral("—");
}

QString ReportFormat::regionText(const PlanRow& row) {
    return row.instance && !row.instance->region.empty() ? qtText(row.instance->region) : QStringLiteral("—");
}

QString ReportFormat::gpuText(const PlanRow& row) {
    QString name = row.gpu ? qtText(row.gpu->name) : QStringLiteral("?");
    if (!row.migProfile.empty())
        name += QStringLiteral(" MIG ") + qtText(row.migProfile);
    return name + QStringLiteral(" × ") + QLocale::c().toString(row.gpuCount, 'g', 4);
}

QString ReportFormat::layoutText(const PlanRow& row) {
    QString text = models::EnumLabels::label(row.precision) + QStringLiteral(" · ") +
                   models::EnumLabels::label(row.engine) + QStringLiteral(" · TP ") + QString::number(row.tp);
    if (row.pp > 1)
        text += QStringLiteral(" × PP ") + QString::number(row.pp);
    return text;
}

QString ReportFormat::modelText(const PlanRow& row) {
    if (!row.model)
        return QStringLiteral("?");
    return qtText(row.model->name.empty() ? row.model->id : row.model->name);
}

QString ReportFormat::pricingText(PricingPlan plan) {
    return models::PricingPlanLabels::label(plan); // the one table of plan labels
}

} // namespace serveplan::ui
