#pragma once
// The catalog's instances with their prices: one row per instance, one column per pricing plan.
// A plan without a price shows "—" (MissingRole true), never 0.
#include "spec/Catalog.h"

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
        OnDemand,
        Spot,
        Reserved1y,
        Reserved3y,
        Monthly,
        Currency,
        PriceDate,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit InstanceTableModel(QObject* parent = nullptr);
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    const InstanceSpec* instanceAt(int row) const;
    /// The pricing plan a price column shows (nullopt for other columns).
    static std::optional<PricingPlan> planOf(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Catalog> m_catalog;
};

} // namespace serveplan::models
