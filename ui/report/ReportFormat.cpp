#include "report/ReportFormat.h"

#include "PlanFormat.h"
#include "PricingPlanLabels.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace serveplan::ui {

namespace {
QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

QString ReportFormat::fromStd(const std::string& text) {
    return format::fromStd(text);
}

QString ReportFormat::number(double value, int decimals) {
    // English grouping in every UI language: the numbers must read the same as in the CSV tools.
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(value, 'f', decimals);
}

QString ReportFormat::money(double amount, const QString& currency) {
    return number(amount, 2) + QLatin1Char(' ') + currency;
}

QString ReportFormat::moneyPerMillion(double amount, const QString& currency) {
    return number(amount, 3) + QLatin1Char(' ') + currency;
}

QString ReportFormat::milliseconds(double ms) {
    return number(ms, std::abs(ms) < 100 ? 1 : 0) + QStringLiteral(" ms");
}

QString ReportFormat::millisecondsWithBand(const Estimate& e) {
    const int decimals = std::abs(e.value) < 100 ? 1 : 0;
    return milliseconds(e.value) + QStringLiteral(" (") + number(e.low, decimals) + QChar(0x2013) +
           number(e.high, decimals) + QStringLiteral(")");
}

QString ReportFormat::requestsPerSecond(double qps) {
    return number(qps, 2) + QStringLiteral(" req/s");
}

QString ReportFormat::gigabytes(double bytes) {
    return number(bytes / 1e9, 1) + QStringLiteral(" GB");
}

QString ReportFormat::percent(double fraction) {
    return number(fraction * 100, 1) + QStringLiteral(" %");
}

QString ReportFormat::instanceText(const PlanRow& row) {
    if (row.instance)
        return fromStd(row.instance->provider + ":" + row.instance->instanceType);
    return row.gpu ? fromStd(row.gpu->name) : QStringLiteral("—");
}

QString ReportFormat::regionText(const PlanRow& row) {
    return row.instance && !row.instance->region.empty() ? fromStd(row.instance->region) : QStringLiteral("—");
}

QString ReportFormat::gpuText(const PlanRow& row) {
    QString name = row.gpu ? fromStd(row.gpu->name) : QStringLiteral("?");
    if (!row.migProfile.empty())
        name += QStringLiteral(" MIG ") + fromStd(row.migProfile);
    return name + QStringLiteral(" × ") + QLocale::c().toString(row.gpuCount, 'g', 4);
}

QString ReportFormat::layoutText(const PlanRow& row) {
    QString text = fromView(toString(row.precision)).toUpper() + QStringLiteral(" · ") + engineText(row.engine) +
                   QStringLiteral(" · TP ") + QString::number(row.tp);
    if (row.pp > 1)
        text += QStringLiteral(" × PP ") + QString::number(row.pp);
    return text;
}

QString ReportFormat::modelText(const PlanRow& row) {
    if (!row.model)
        return QStringLiteral("?");
    return fromStd(row.model->name.empty() ? row.model->id : row.model->name);
}

QString ReportFormat::engineText(ServingEngine engine) {
    // The screen's names (models/PlanFormat), except that the report spells out "generic engine".
    if (engine == ServingEngine::Generic)
        return QCoreApplication::translate("Report", "generic engine");
    return format::engineText(engine);
}

QString ReportFormat::statusText(PlanStatus status) {
    // The screen's words (models/PlanFormat), except that a feasible plan reads "OK" in the report's own
    // translation (in Chinese "feasible", where the table says "normal").
    if (status == PlanStatus::Ok)
        return QCoreApplication::translate("Report", "OK");
    return format::statusText(status);
}

QString ReportFormat::pricingText(PricingPlan plan) {
    return models::PricingPlanLabels::label(plan); // the one table of plan labels
}

} // namespace serveplan::ui
