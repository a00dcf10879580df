#include "PlanFormat.h"

#include "QtText.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace serveplan::format {

int millisecondDecimals(double ms) {
    return std::abs(ms) < 100 ? 1 : 0;
}

QString number(double value, int decimals) {
    // English grouping in every UI language: the numbers must read the same as in the CSV tools.
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(value, 'f', decimals);
}

QString money(double amount, const QString& currency) {
    return number(amount, decimals::money) + QLatin1Char(' ') + currency;
}

QString moneyPerMillion(double amount, const QString& currency) {
    return number(amount, decimals::moneyPerMillion) + QLatin1Char(' ') + currency;
}

QString monthly(double amount, const QString& currency) {
    return QCoreApplication::translate("PlanFormat", "%1/month").arg(money(amount, currency));
}

QString millisecondsWithBand(const Estimate& estimate) {
    const int places = millisecondDecimals(estimate.value);
    const auto ms = [&](double v) { return number(v, places); };
    if (estimate.high <= estimate.low)
        return QCoreApplication::translate("PlanFormat", "%1 ms").arg(ms(estimate.value));
    return QCoreApplication::translate("PlanFormat", "%1 ms (%2–%3 ms)")
        .arg(ms(estimate.value), ms(estimate.low), ms(estimate.high));
}

QString replicas(int count) {
    return count == 1 ? QCoreApplication::translate("PlanFormat", "1 replica")
                      : QCoreApplication::translate("PlanFormat", "%1 replicas").arg(count);
}

QString requestsPerSecond(double qps) {
    return QCoreApplication::translate("PlanFormat", "%1 req/s").arg(number(qps, decimals::requestsPerSecond));
}

QString gigabytes(double bytes) {
    return QCoreApplication::translate("PlanFormat", "%1 GB").arg(number(bytes / 1e9, decimals::gigabytes));
}

QString gpuText(const PlanRow& row) {
    QString name = row.gpu ? qtText(row.gpu->name) : QCoreApplication::translate("PlanFormat", "unknown GPU");
    if (!row.migProfile.empty())
        return QCoreApplication::translate("PlanFormat", "%1 MIG %2").arg(name, qtText(row.migProfile));
    if (row.gpuCount != 1)
        name += QStringLiteral(" × ") + QLocale().toString(row.gpuCount, 'g', 3);
    return name;
}

QString instanceKey(const PlanRow& row) {
    if (!row.instance)
        return QStringLiteral("—");
    return qtText(row.instance->provider) + QLatin1Char(':') + qtText(row.instance->instanceType) + QLatin1Char('@') +
           qtText(row.instance->region);
}

QString parallelText(const PlanRow& row) {
    // Serving layouts (DP-attention, expert parallel, MTP, prefill/decode pools) read as the engine
    // spells them, e.g. "DP8·EP8 MTP 1" or "P: 2×(DP8 EP8) / D: 4×(DP8 EP8)": the same text as the CLI.
    if (row.attentionDp > 1 || row.ep > 1 || row.mtpDraftTokens > 0 || row.disaggregated)
        return qtText(row.layoutText());
    if (row.pp > 1)
        return QCoreApplication::translate("PlanFormat", "TP %1 × PP %2").arg(row.tp).arg(row.pp);
    return QCoreApplication::translate("PlanFormat", "TP %1").arg(row.tp);
}

} // namespace serveplan::format
