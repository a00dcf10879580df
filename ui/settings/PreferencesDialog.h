#pragma once
// Edit ▸ Preferences: language (English / 简体中文), theme, display currency, hours per month, the
// age after which a price is marked stale, and hand-set exchange rates. OK saves them to QSettings and applies language
// and theme at once. New scenarios take the currency and hours per month (workspace/DemoScenario); planning takes the
// rates.
#include <QDialog>

class QComboBox;
class QSpinBox;
class QTableWidget;

namespace serveplan::ui {

class PreferencesDialog final : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    QComboBox* languageBox() const { return m_language; }
    QComboBox* themeBox() const { return m_theme; }
    QComboBox* currencyBox() const { return m_currency; }
    QComboBox* hoursBox() const { return m_hours; }
    QSpinBox* staleMonthsBox() const { return m_staleMonths; }
    QTableWidget* fxTable() const { return m_fx; }

    /// Saves the choices and applies them (what OK does).
    void save();

signals:
    void languageChanged(const QString& language);
    /// The hand-set exchange rates changed: plans shown now used the old ones (PlanningController reads
    /// the new ones on its next pass).
    void fxOverridesChanged();
    /// The stale-price age changed: tables and details re-mark their prices.
    void stalePriceMonthsChanged(int months);

private:
    QWidget* buildFxEditor();
    void load();
    void addFxRow(const QString& currency, double usdPerUnit);

    QComboBox* m_language = nullptr;
    QComboBox* m_theme = nullptr;
    QComboBox* m_currency = nullptr;
    QComboBox* m_hours = nullptr;
    QSpinBox* m_staleMonths = nullptr;
    QTableWidget* m_fx = nullptr;
};

} // namespace serveplan::ui
