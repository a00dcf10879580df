#pragma once
// The cost-versus-QPS step curves of one planning pass, one row per plan that has a curve. The chart
// draws from it and the legend names come from it; the plans table and this model share the snapshot
// and are joined by rank.
#include "PlanSnapshot.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointF>

namespace serveplan {

class CurveModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Column { Label, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RankRole = Qt::UserRole + 1, ///< int: the plan's rank (PlanTableModel::RankRole)
        PointsRole,                  ///< QList<QPointF>: the step polyline (QPS, monthly cost)
        ParetoRole,                  ///< bool: the plan is on the cost/capacity Pareto frontier
        StepCountRole,               ///< int: number of steps (replica counts)
    };

    explicit CurveModel(QObject* parent = nullptr);

    void setSnapshot(PlanSnapshotPtr snapshot);
    const PlanSnapshotPtr& snapshot() const { return m_snapshot; }
    const CostCurve* curveAt(int row) const;
    int rowOfRank(int rank) const;
    /// A step curve as a polyline: for each step a point at its start and one at its end, same cost.
    static QList<QPointF> stepPoints(const CostCurve& curve);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PlanSnapshotPtr m_snapshot;
};

} // namespace serveplan
