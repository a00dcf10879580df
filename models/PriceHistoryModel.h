#pragma once
// The dated history of one instance's price under one pricing plan (issue 16: "the catalog window
// shows a price's history"): one row per stored price of that instance × plan, every upfront option,
// newest first, with its effective date, price and unit, upfront part, source and fetch time. The row
// the planner takes on the price date (InstanceSpec::price(plan, date): the newest on or before the
// date, the cheapest upfront option when several apply) is marked "in use" (its Planner column, InUseRole; the dialog
// selects it).
#include "catalog/InstanceSpec.h"

#include <QAbstractTableModel>

#include <vector>

namespace serveplan::models {

class PriceHistoryModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int { EffectiveDate, Amount, Upfront, Source, FetchedAt, InUse, ColumnCount };
    Q_ENUM(Column)
    /// True on the row the planner uses on the price date.
    static constexpr int InUseRole = Qt::UserRole + 100;

    explicit PriceHistoryModel(QObject* parent = nullptr);

    /// Shows the history of `instance` (copied) under `plan`; `priceDate` (ISO, empty = the newest)
    /// picks the row in use. A catalog read from CSV text has no history: its current prices stand in.
    void setHistory(const InstanceSpec& instance, PricingPlan plan, const QString& priceDate = {});
    PricingPlan plan() const { return m_plan; }
    QString priceDate() const { return m_priceDate; }
    const Price* priceAt(int row) const;
    /// The row in use on the price date, -1 when no price of the plan applies on that date.
    int inUseRow() const { return m_inUseRow; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString display(const Price& price, int column, bool inUse) const;

    std::vector<Price> m_rows; ///< newest first
    PricingPlan m_plan = PricingPlan::OnDemand;
    QString m_priceDate;
    int m_inUseRow = -1;
};

} // namespace serveplan::models
