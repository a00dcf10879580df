#include "PriceHistoryModel.h"

#include "CellFormat.h"
#include "PricingPlanLabels.h"

#include <algorithm>

namespace serveplan::models {

namespace {

bool samePrice(const Price& a, const Price& b) {
    return a.plan == b.plan && a.upfront == b.upfront && a.amount == b.amount && a.currency == b.currency &&
           a.unit == b.unit && a.effectiveDate == b.effectiveDate && a.source == b.source && a.fetchedAt == b.fetchedAt;
}

/// Newest first; undated rows last (they count as older than any date), then by upfront option.
bool newerFirst(const Price& a, const Price& b) {
    if (a.effectiveDate != b.effectiveDate)
        return a.effectiveDate > b.effectiveDate;
    if (a.fetchedAt != b.fetchedAt)
        return a.fetchedAt > b.fetchedAt;
    return a.upfront < b.upfront;
}

} // namespace

PriceHistoryModel::PriceHistoryModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void PriceHistoryModel::setHistory(const InstanceSpec& instance, PricingPlan plan, const QString& priceDate) {
    beginResetModel();
    m_plan = plan;
    m_priceDate = priceDate;
    m_rows.clear();
    const auto& source = instance.priceHistory.empty() ? instance.prices : instance.priceHistory;
    std::copy_if(source.begin(), source.end(), std::back_inserter(m_rows),
                 [plan](const Price& p) { return p.plan == plan; });
    std::stable_sort(m_rows.begin(), m_rows.end(), newerFirst);
    m_inUseRow = -1;
    if (const Price* used = instance.price(plan, priceDate.toStdString()))
        for (std::size_t i = 0; i < m_rows.size() && m_inUseRow < 0; ++i)
            if (samePrice(m_rows[i], *used))
                m_inUseRow = static_cast<int>(i);
    endResetModel();
}

const Price* PriceHistoryModel::priceAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int PriceHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PriceHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PriceHistoryModel::display(const Price& price, int column, bool inUse) const {
    const auto text = [](const std::string& value) {
        return value.empty() ? CellFormat::missing() : QString::fromStdString(value);
    };
    switch (column) {
    case EffectiveDate:
        return price.effectiveDate.empty() ? tr("undated") : QString::fromStdString(price.effectiveDate);
    case Amount:
        return tr("%1 %2 per %3")
            .arg(CellFormat::number(price.amount, 6), QString::fromStdString(price.currency),
                 price.unit == PriceUnit::Month ? tr("month") : tr("hour"));
    case Upfront:
        if (price.upfront == serveplan::Upfront::None)
            return PricingPlanLabels::label(price.upfront);
        return tr("%1: %2 %3 paid once")
            .arg(PricingPlanLabels::label(price.upfront), CellFormat::number(price.upfrontAmount, 2),
                 QString::fromStdString(price.currency));
    case Source:
        return text(price.source) + (price.userEntered ? tr(" (entered by you)") : QString());
    case FetchedAt:
        return text(price.fetchedAt);
    case InUse:
        return inUse ? (m_priceDate.isEmpty() ? tr("in use (newest)") : tr("in use on %1").arg(m_priceDate))
                     : QString();
    default:
        return {};
    }
}

QVariant PriceHistoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Price& price = m_rows[static_cast<std::size_t>(index.row())];
    const bool inUse = index.row() == m_inUseRow;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(price, index.column(), inUse);
    case Qt::ToolTipRole:
        return index.column() == InUse && !inUse
                   ? tr("Not used: the planner takes the newest price on or before the price date, the cheapest "
                        "upfront option when several apply")
                   : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case InUseRole:
        return inUse;
    default:
        return {};
    }
}

QVariant PriceHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EffectiveDate:
        return tr("Effective date");
    case Amount:
        return tr("Price");
    case Upfront:
        return tr("Upfront");
    case Source:
        return tr("Source");
    case FetchedAt:
        return tr("Fetched at");
    default:
        return tr("Planner");
    }
}

} // namespace serveplan::models
