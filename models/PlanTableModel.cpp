#include "PlanTableModel.h"

#include "EngineMessageText.h"
#include "EnumLabels.h"
#include "PlanFormat.h"
#include "QtText.h"
#include "cost/Pricing.h"

#include <QLocale>

#include <cmath>

namespace serveplan {

PlanTableModel::PlanTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void PlanTableModel::setSnapshot(PlanSnapshotPtr snapshot) {
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

const PlanRow* PlanTableModel::planAt(int row) const {
    if (!m_snapshot || row < 0 || row >= static_cast<int>(m_snapshot->result.rows.size()))
        return nullptr;
    return &m_snapshot->result.rows[static_cast<std::size_t>(row)];
}

int PlanTableModel::rowOfRank(int rank) const {
    if (!m_snapshot)
        return -1;
    const auto& rows = m_snapshot->result.rows;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].rank == rank)
            return static_cast<int>(i);
    return -1;
}

int PlanTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_snapshot)
        return 0;
    return static_cast<int>(m_snapshot->result.rows.size());
}

int PlanTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PlanTableModel::currency() const {
    return m_snapshot ? qtText(m_snapshot->result.currency) : QString();
}

QVariant PlanTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlanRow* row = planAt(index.row());
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(*row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Message || index.column() == Status)
            return row->message.empty() ? models::EnumLabels::label(row->status) : models::messageText(row->message);
        if (index.column() == MonthlyCost && row->price) {
            QString tip = displayText(*row, index.column()).toString();
            if (priceIsStale(*row->price, m_staleBefore.toStdString()))
                tip += u'\n' + (row->price->effectiveDate.empty()
                                    ? tr("⚠ The price is undated: it may be out of date.")
                                    : tr("⚠ The price is dated %1, before %2: it may be out of date.")
                                          .arg(qtText(row->price->effectiveDate), m_staleBefore));
            if (priceIsSuspect(*row->price))
                tip += u'\n' + tr("⚠ The price's source is flagged SUSPECT: check it before relying on it.");
            return tip;
        }
        return displayText(*row, index.column());
    case PriceStaleRole:
        return row->price && priceIsStale(*row->price, m_staleBefore.toStdString());
    case PriceSuspectRole:
        return row->price && priceIsSuspect(*row->price);
    case Qt::TextAlignmentRole:
        if (index.column() >= Replicas && index.column() <= TpotP)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortValue(*row, index.column());
    case RankRole:
        return row->rank;
    case StatusRole:
        return static_cast<int>(row->status);
    case ParetoRole:
        return row->paretoCostCapacity;
    case BandLowRole:
        return index.column() == TtftP ? row->ttftMs.low : index.column() == TpotP ? row->tpotMs.low : QVariant();
    case BandHighRole:
        return index.column() == TtftP ? row->ttftMs.high : index.column() == TpotP ? row->tpotMs.high : QVariant();
    default:
        return {};
    }
}

QVariant PlanTableModel::displayText(const PlanRow& row, int column) const {
    const QLocale locale;
    const bool priced = row.hasPrice && row.status != PlanStatus::NoFit;
    const bool sized = row.status != PlanStatus::NoFit && row.capacityQpsPerReplica > 0;
    switch (column) {
    case Rank:
        return row.rank;
    case Status:
        return models::EnumLabels::label(row.status);
    case Model:
        return row.model ? qtText(row.model->name) : QString();
    case Provider:
        return row.instance ? qtText(row.instance->provider) : QStringLiteral("—");
    case Instance:
        return row.instance ? qtText(row.instance->instanceType) : QStringLiteral("—");
    case Region:
        return row.instance ? qtText(row.instance->region) : QStringLiteral("—");
    case Gpu:
        return format::gpuText(row);
    case Precision:
        return models::EnumLabels::label(row.precision);
    case Engine:
        return models::EnumLabels::label(row.engine);
    case Parallel:
        return format::parallelText(row);
    case Replicas:
        return sized ? format::replicas(row.replicas) : QStringLiteral("—");
    case CapacityPerReplica:
        return sized ? format::requestsPerSecond(row.capacityQpsPerReplica) : QStringLiteral("—");
    case MonthlyCost:
        return priced && sized ? format::monthly(row.monthlyCost, currency()) : QStringLiteral("—");
    case CostPerMillionTokens:
        return priced && sized
                   ? tr("%1/M output tokens").arg(format::moneyPerMillion(row.costPerMillionOutputTokens, currency()))
                   : QStringLiteral("—");
    case TtftP:
        return sized ? format::millisecondsWithBand(row.ttftMs) : QStringLiteral("—");
    case TpotP:
        return sized ? format::millisecondsWithBand(row.tpotMs) : QStringLiteral("—");
    case Message:
        return models::messageText(row.message);
    default:
        return {};
    }
}

QVariant PlanTableModel::sortValue(const PlanRow& row, int column) const {
    // Rows without a number sort after every real value when ascending.
    constexpr double kMissing = 1e300;
    const bool sized = row.status != PlanStatus::NoFit && row.capacityQpsPerReplica > 0;
    const bool priced = row.hasPrice && sized;
    switch (column) {
    case Rank:
        return row.rank;
    case Status:
        return static_cast<int>(row.status);
    case Replicas:
        return sized ? row.replicas : kMissing;
    case CapacityPerReplica:
        return sized ? row.capacityQpsPerReplica : -1.0;
    case MonthlyCost:
        return priced ? row.monthlyCost : kMissing;
    case CostPerMillionTokens:
        return priced ? row.costPerMillionOutputTokens : kMissing;
    case TtftP:
        return sized ? row.ttftMs.value : kMissing;
    case TpotP:
        return sized ? row.tpotMs.value : kMissing;
    default:
        return displayText(row, column);
    }
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString percentile =
        m_snapshot ? QString::number(std::lround(m_snapshot->scenario.slo.ttftPercentile * 100)) : QStringLiteral("95");
    const QString tpotPercentile =
        m_snapshot ? QString::number(std::lround(m_snapshot->scenario.slo.tpotPercentile * 100)) : QStringLiteral("95");
    switch (section) {
    case Rank:
        return tr("Rank");
    case Status:
        return tr("Status");
    case Model:
        return tr("Model");
    case Provider:
        return tr("Provider");
    case Instance:
        return tr("Instance");
    case Region:
        return tr("Region");
    case Gpu:
        return tr("GPU");
    case Precision:
        return tr("Precision");
    case Engine:
        return tr("Engine");
    case Parallel:
        return tr("Parallel");
    case Replicas:
        return tr("Replicas");
    case CapacityPerReplica:
        return tr("Capacity/replica");
    case MonthlyCost:
        return tr("Monthly cost");
    case CostPerMillionTokens:
        return tr("Cost per M tokens");
    case TtftP:
        return tr("TTFT p%1").arg(percentile);
    case TpotP:
        return tr("TPOT p%1").arg(tpotPercentile);
    case Message:
        return tr("Warnings");
    default:
        return {};
    }
}

} // namespace serveplan
