#pragma once
// Every persisted preference, declared once with its QSettings key and default. Widgets read and
// write preferences only through these functions, so a key is never spelled twice.
#include <QDate>
#include <QMap>
#include <QString>
#include <QStringList>

namespace serveplan::ui {

namespace SettingsKey {
inline constexpr const char* kLanguage = "ui/language";                   ///< "en" or "zh_CN"
inline constexpr const char* kTheme = "ui/theme";                         ///< "system", "light" or "dark"
inline constexpr const char* kCurrency = "cost/currency";                 ///< ISO 4217 code shown in costs
inline constexpr const char* kHoursPerMonth = "cost/hoursPerMonth";       ///< 730 (8760 / 12) or 720 (30 days)
inline constexpr const char* kFxOverrides = "cost/fxOverrides";           ///< currency -> USD per unit
inline constexpr const char* kStalePriceMonths = "cost/stalePriceMonths"; ///< prices older are marked; 0 = never
inline constexpr const char* kReportPaper = "export/reportPaper";         ///< "a4" or "letter"
inline constexpr const char* kCsvBom = "export/csvBom";                   ///< CSV exports start with a UTF-8 BOM
inline constexpr const char* kExportFolder = "export/folder";             ///< where the last export went
} // namespace SettingsKey

class AppSettings final {
public:
    static QStringList languages() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }
    static QStringList themes() { return {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")}; }

    static QString language();
    static void setLanguage(const QString& language);
    static QString theme();
    static void setTheme(const QString& theme);
    static QString currency();
    static void setCurrency(const QString& currency);
    static int hoursPerMonth();
    static void setHoursPerMonth(int hours);
    /// Exchange rates the user set by hand (USD per unit), overriding the catalog's fx_rates.
    static QMap<QString, double> fxOverrides();
    static void setFxOverrides(const QMap<QString, double>& rates);
    /// Prices older than this many months are marked stale in the tables, details and report (default 6;
    /// 0 = never).
    static int stalePriceMonths();
    static void setStalePriceMonths(int months);
    /// The ISO date before which a price counts as stale, `today` minus stalePriceMonths(); empty for never.
    static QString staleBefore(const QDate& today);
    /// Paper of the PDF report, "a4" or "letter"; until chosen, letter where the locale's territory
    /// uses it (United States, Canada), else A4.
    static QString reportPaper();
    static void setReportPaper(const QString& paper);
    /// Whether CSV exports start with a byte-order mark; until chosen, on when the language is Chinese
    /// (spreadsheet programs there read a CSV without one in the local code page).
    static bool csvBom();
    static void setCsvBom(bool bom);
    /// The folder of the last export; until then the user's documents folder.
    static QString exportFolder();
    static void setExportFolder(const QString& folder);
};

} // namespace serveplan::ui
