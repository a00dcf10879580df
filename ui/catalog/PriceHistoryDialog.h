#pragma once
// A price's history (issue 16): every dated row the price book holds for one instance under one
// pricing plan — effective date, price and unit, upfront part, source, fetch time — newest first,
// with the row the planner uses on the price date marked and selected. A plan combo switches to the
// instance's other plans. Opened from the catalog's price table (context menu, Ctrl+Shift+H, Enter).
#include "catalog/InstanceSpec.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableView;

namespace serveplan::models {
class PriceHistoryModel;
} // namespace serveplan::models

namespace serveplan::ui {

class PriceHistoryDialog final : public QDialog {
    Q_OBJECT
public:
    /// `priceDate` (ISO; empty = the newest) is the date whose price the planner uses.
    PriceHistoryDialog(const InstanceSpec& instance, PricingPlan plan, const QString& priceDate,
                       QWidget* parent = nullptr);

    void setPlan(PricingPlan plan);
    PricingPlan plan() const;
    models::PriceHistoryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QComboBox* planCombo() const { return m_plans; }
    QLabel* summaryLabel() const { return m_summary; }

private:
    void showPlan();

    InstanceSpec m_instance;
    QString m_priceDate;
    models::PriceHistoryModel* m_model;
    QComboBox* m_plans;
    QTableView* m_view;
    QLabel* m_summary;
};

} // namespace serveplan::ui
