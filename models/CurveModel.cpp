#include "CurveModel.h"

namespace serveplan {

CurveModel::CurveModel(QObject* parent)
    : QAbstractListModel(parent) {}

void CurveModel::setSnapshot(PlanSnapshotPtr snapshot) {
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

const CostCurve* CurveModel::curveAt(int row) const {
    if (!m_snapshot || row < 0 || row >= static_cast<int>(m_snapshot->result.curves.size()))
        return nullptr;
    return &m_snapshot->result.curves[static_cast<std::size_t>(row)];
}

int CurveModel::rowOfRank(int rank) const {
    if (!m_snapshot)
        return -1;
    const auto& curves = m_snapshot->result.curves;
    for (std::size_t i = 0; i < curves.size(); ++i)
        if (curves[i].rank == rank)
            return static_cast<int>(i);
    return -1;
}

QList<QPointF> CurveModel::stepPoints(const CostCurve& curve) {
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(curve.steps.size() * 2));
    for (const CurveStep& step : curve.steps) {
        points.append({step.qpsFrom, step.monthlyCost});
        points.append({step.qpsTo, step.monthlyCost});
    }
    return points;
}

int CurveModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_snapshot)
        return 0;
    return static_cast<int>(m_snapshot->result.curves.size());
}

QVariant CurveModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CostCurve* curve = curveAt(index.row());
    if (!curve)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return tr("#%1 %2").arg(curve->rank).arg(QString::fromStdString(curve->label));
    case RankRole:
        return curve->rank;
    case PointsRole:
        return QVariant::fromValue(stepPoints(*curve));
    case StepCountRole:
        return static_cast<int>(curve->steps.size());
    case ParetoRole: {
        for (const PlanRow& row : m_snapshot->result.rows)
            if (row.rank == curve->rank)
                return row.paretoCostCapacity;
        return false;
    }
    default:
        return {};
    }
}

QVariant CurveModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == Label)
        return tr("Plan");
    return QAbstractListModel::headerData(section, orientation, role);
}

} // namespace serveplan
