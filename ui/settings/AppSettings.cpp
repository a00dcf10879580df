#include "settings/AppSettings.h"

#include <QDir>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QVariantMap>

namespace serveplan::ui {

namespace {

QString key(const char* name) {
    return QString::fromLatin1(name);
}

QString oneOf(const QString& value, const QStringList& allowed) {
    return allowed.contains(value) ? value : allowed.constFirst();
}

} // namespace

QString AppSettings::language() {
    return oneOf(QSettings().value(key(SettingsKey::kLanguage)).toString(), languages());
}

void AppSettings::setLanguage(const QString& language) {
    QSettings().setValue(key(SettingsKey::kLanguage), oneOf(language, languages()));
}

QString AppSettings::theme() {
    return oneOf(QSettings().value(key(SettingsKey::kTheme)).toString(), themes());
}

void AppSettings::setTheme(const QString& theme) {
    QSettings().setValue(key(SettingsKey::kTheme), oneOf(theme, themes()));
}

QString AppSettings::currency() {
    const QString value = QSettings().value(key(SettingsKey::kCurrency)).toString();
    return value.size() == 3 ? value.toUpper() : QStringLiteral("USD");
}

void AppSettings::setCurrency(const QString& currency) {
    QSettings().setValue(key(SettingsKey::kCurrency), currency.toUpper());
}

int AppSettings::stalePriceMonths() {
    const int months = QSettings().value(key(SettingsKey::kStalePriceMonths), 6).toInt();
    return qBound(0, months, 120);
}

void AppSettings::setStalePriceMonths(int months) {
    QSettings().setValue(key(SettingsKey::kStalePriceMonths), qBound(0, months, 120));
}

QString AppSettings::staleBefore(const QDate& today) {
    const int months = stalePriceMonths();
    return months == 0 || !today.isValid() ? QString() : today.addMonths(-months).toString(Qt::ISODate);
}

int AppSettings::hoursPerMonth() {
    // 730 = 8760 h / 12, the cloud providers' convention; 720 = a 30-day month.
    return QSettings().value(key(SettingsKey::kHoursPerMonth), 730).toInt() == 720 ? 720 : 730;
}

void AppSettings::setHoursPerMonth(int hours) {
    QSettings().setValue(key(SettingsKey::kHoursPerMonth), hours == 720 ? 720 : 730);
}

QMap<QString, double> AppSettings::fxOverrides() {
    QMap<QString, double> rates;
    const QVariantMap stored = QSettings().value(key(SettingsKey::kFxOverrides)).toMap();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        bool ok = false;
        const double rate = it.value().toDouble(&ok);
        if (ok && rate > 0)
            rates.insert(it.key().toUpper(), rate);
    }
    return rates;
}

void AppSettings::setFxOverrides(const QMap<QString, double>& rates) {
    QVariantMap stored;
    for (auto it = rates.cbegin(); it != rates.cend(); ++it)
        if (it.value() > 0)
            stored.insert(it.key().toUpper(), it.value());
    QSettings().setValue(key(SettingsKey::kFxOverrides), stored);
}

QString AppSettings::reportPaper() {
    const QString saved = QSettings().value(key(SettingsKey::kReportPaper)).toString();
    if (saved == QLatin1String("a4") || saved == QLatin1String("letter"))
        return saved;
    const QLocale::Territory territory = QLocale().territory();
    return territory == QLocale::UnitedStates || territory == QLocale::Canada ? QStringLiteral("letter")
                                                                              : QStringLiteral("a4");
}

void AppSettings::setReportPaper(const QString& paper) {
    QSettings().setValue(key(SettingsKey::kReportPaper),
                         paper == QLatin1String("letter") ? QStringLiteral("letter") : QStringLiteral("a4"));
}

bool AppSettings::csvBom() {
    return QSettings().value(key(SettingsKey::kCsvBom), language() == QLatin1String("zh_CN")).toBool();
}

void AppSettings::setCsvBom(bool bom) {
    QSettings().setValue(key(SettingsKey::kCsvBom), bom);
}

QString AppSettings::exportFolder() {
    const QString saved = QSettings().value(key(SettingsKey::kExportFolder)).toString();
    if (!saved.isEmpty() && QDir(saved).exists())
        return saved;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

void AppSettings::setExportFolder(const QString& folder) {
    QSettings().setValue(key(SettingsKey::kExportFolder), folder);
}

} // namespace serveplan::ui
