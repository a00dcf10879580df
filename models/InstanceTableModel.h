#pragma once
// The catalog's instances with their prices: one row per instance, one column per pricing plan (in
// the engine's kPricingPlans order, titled from PricingPlanLabels). A plan without a price shows "—"
// (MissingRole true), never 0. A price older than the staleness threshold, or whose source is flagged
// SUSPECT, is marked (StaleRole / SuspectRole, which the catalog's delegate draws as a "⚠", and a tooltip line); the
// tooltip also gives the upfront part of a committed plan, the price date, the source and the price's dated history
// (PriceHistoryRole gives the rows).
#include "catalog/Catalog.h"

#include <QAbstractTableModel>

#include <memory>

namespace serveplan::models {

class InstanceTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int {
        Provider,
        InstanceType,
        Region,
        Gpu,
        GpuCount,
        GpuMemoryGb,
        Vcpus,
        MemoryGib,
        OnDemand, ///< the first plan column; one per kPricingPlans entry, in that order
        Spot,
        Reserved1y,
        Reserved3y,
        Monthly = OnDemand + pricingPlanIndex(PricingPlan::SubscriptionMonth),
        Currency = OnDemand + static_cast<int>(kPricingPlans.size()),
        PriceDate,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit InstanceTableModel(QObject* parent = nullptr);
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    const InstanceSpec* instanceAt(int row) const;
    /// The pricing plan a price column shows (nullopt for other columns).
    static std::optional<PricingPlan> planOf(int column);
    /// The column that shows `plan`.
    static int columnOf(PricingPlan plan);
    /// Prices dated before `date` (ISO; empty = none) are marked stale. Default: 6 months before today.
    void setStaleBefore(const QString& date);
    QString staleBefore() const { return m_staleBefore; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString priceNotes(const InstanceSpec& s, const Price& price) const;

    std::shared_ptr<const Catalog> m_catalog;
    QString m_staleBefore;
};

} // namespace serveplan::models
