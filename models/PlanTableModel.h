#pragma once
// The ranked plans of one planning pass as a table. The plans table, the cost chart (Pareto marks,
// status, selection) and the details pane all read this one model.
#include "PlanSnapshot.h"

#include <QAbstractTableModel>

namespace serveplan {

class PlanTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Rank,
        Status,
        Model,
        Provider,
        Instance,
        Region,
        Gpu,
        Precision,
        Engine,
        Parallel,
        Replicas,
        CapacityPerReplica,
        MonthlyCost,
        CostPerMillionTokens,
        TtftP,
        TpotP,
        Message,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, ///< the raw number (or text) a column sorts by
        RankRole,                    ///< int: the plan's rank
        StatusRole,                  ///< int: serveplan::PlanStatus
        ParetoRole,                  ///< bool: on the cost/capacity Pareto frontier
        BandLowRole,                 ///< double: lower edge of a latency column's band, ms
        BandHighRole,                ///< double: upper edge of a latency column's band, ms
        PriceStaleRole,              ///< bool: the plan's price is dated before setStaleBefore()'s date, or undated
        PriceSuspectRole,            ///< bool: the plan's price comes from a source flagged SUSPECT
    };

    explicit PlanTableModel(QObject* parent = nullptr);

    void setSnapshot(PlanSnapshotPtr snapshot);
    /// Prices dated before `date` (ISO; empty = none) are marked stale: PriceStaleRole and a "⚠" line in
    /// the monthly cost's tooltip (as are SUSPECT sources). Takes effect at the next setSnapshot().
    void setStaleBefore(const QString& date) { m_staleBefore = date; }
    const PlanSnapshotPtr& snapshot() const { return m_snapshot; }
    /// The row of a plan, or null when out of range.
    const PlanRow* planAt(int row) const;
    /// The model row holding a rank, or -1.
    int rowOfRank(int rank) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayText(const PlanRow& row, int column) const;
    QVariant sortValue(const PlanRow& row, int column) const;
    QString currency() const;

    PlanSnapshotPtr m_snapshot;
    QString m_staleBefore;
};

} // namespace serveplan
