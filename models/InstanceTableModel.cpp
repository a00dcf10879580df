#include "InstanceTableModel.h"

#include "CatalogRoles.h"
#include "CellFormat.h"
#include "PricingPlanLabels.h"
#include "cost/Pricing.h"

#include <iterator>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

std::string newestDate(const InstanceSpec& s) {
    std::string date;
    for (const Price& p : s.prices)
        date = std::max(date, p.effectiveDate);
    return date;
}

Cell priceCell(const InstanceSpec& s, PricingPlan plan) {
    const Price* price = s.price(plan);
    if (!price)
        return Cell{CellFormat::missing(), CellFormat::sortKey(0, false), true};
    return Cell{CellFormat::number(price->amount, 4), price->amount, false};
}

Cell cell(const InstanceSpec& s, int column) {
    if (const auto plan = InstanceTableModel::planOf(column))
        return priceCell(s, *plan);
    switch (column) {
    case InstanceTableModel::Provider:
        return CellFormat::textCell(s.provider);
    case InstanceTableModel::InstanceType:
        return CellFormat::textCell(s.instanceType);
    case InstanceTableModel::Region:
        return CellFormat::textCell(s.region);
    case InstanceTableModel::Gpu:
        return CellFormat::textCell(s.gpuName.empty() ? s.gpuId : s.gpuName);
    case InstanceTableModel::GpuCount:
        return CellFormat::numberCell(s.gpuCount, 3);
    case InstanceTableModel::GpuMemoryGb:
        return CellFormat::numberCell(s.gpuMemoryGbEach, 2);
    case InstanceTableModel::Vcpus:
        return CellFormat::numberCell(s.vcpus, 0);
    case InstanceTableModel::MemoryGib:
        return CellFormat::numberCell(s.memoryGib, 2);
    case InstanceTableModel::Currency:
        return CellFormat::textCell(s.prices.empty() ? std::string() : s.prices.front().currency);
    case InstanceTableModel::PriceDate:
        return CellFormat::textCell(newestDate(s));
    default:
        return {};
    }
}

} // namespace

InstanceTableModel::InstanceTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

std::optional<PricingPlan> InstanceTableModel::planOf(int column) {
    if (column < OnDemand || column >= Currency)
        return std::nullopt;
    return kPricingPlans[static_cast<std::size_t>(column - OnDemand)];
}

int InstanceTableModel::columnOf(PricingPlan plan) {
    return OnDemand + pricingPlanIndex(plan);
}

void InstanceTableModel::setStaleBefore(const QString& date) {
    if (date == m_staleBefore)
        return;
    m_staleBefore = date;
    if (rowCount() > 0)
        emit dataChanged(index(0, OnDemand), index(rowCount() - 1, Currency - 1));
}

QString InstanceTableModel::priceNotes(const InstanceSpec& s, const Price& price) const {
    QString notes;
    if (price.upfront != Upfront::None)
        notes += u'\n' + tr("%1: %2 %3 paid once, included in the effective price")
                             .arg(PricingPlanLabels::label(price.upfront), CellFormat::number(price.upfrontAmount, 2),
                                  QString::fromStdString(price.currency));
    if (!price.fetchedAt.empty())
        notes += u'\n' + tr("fetched %1").arg(QString::fromStdString(price.fetchedAt));
    if (priceIsStale(price, m_staleBefore.toStdString()))
        notes += u'\n' + (price.effectiveDate.empty() ? tr("⚠ undated: its age is unknown")
                                                      : tr("⚠ older than %1: may be out of date").arg(m_staleBefore));
    if (priceIsSuspect(price))
        notes += u'\n' + tr("⚠ flagged SUSPECT by its source: check it before relying on it");
    // The price's history: every dated row of this plan and upfront option, newest first.
    QStringList history;
    for (auto it = s.priceHistory.rbegin(); it != s.priceHistory.rend(); ++it)
        if (it->plan == price.plan && it->upfront == price.upfront)
            history << tr("%1: %2 %3")
                           .arg(it->effectiveDate.empty() ? tr("undated") : QString::fromStdString(it->effectiveDate),
                                CellFormat::number(it->amount, 6), QString::fromStdString(it->currency));
    if (history.size() > 1)
        notes += u'\n' + tr("History:") + u"\n  "_s + history.join(u"\n  "_s);
    return notes;
}

void InstanceTableModel::setCatalog(std::shared_ptr<const Catalog> catalog) {
    beginResetModel();
    m_catalog = std::move(catalog);
    endResetModel();
}

const InstanceSpec* InstanceTableModel::instanceAt(int row) const {
    if (!m_catalog || row < 0 || row >= rowCount())
        return nullptr;
    return &m_catalog->instances[static_cast<std::size_t>(row)];
}

int InstanceTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_catalog ? 0 : static_cast<int>(m_catalog->instances.size());
}

int InstanceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InstanceTableModel::data(const QModelIndex& index, int role) const {
    const InstanceSpec* s = checkIndex(index, CheckIndexOption::IndexIsValid) ? instanceAt(index.row()) : nullptr;
    if (!s)
        return {};
    const auto plan = planOf(index.column());
    const Price* price = plan ? s->price(*plan) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        return cell(*s, index.column()).display;
    case StaleRole:
        return price && priceIsStale(*price, m_staleBefore.toStdString());
    case SuspectRole:
        return price && priceIsSuspect(*price);
    case PriceHistoryRole: {
        QVariantList rows; // [date, amount, currency, source] of this plan, oldest first
        if (price)
            for (const Price& p : s->priceHistory)
                if (p.plan == price->plan && p.upfront == price->upfront)
                    rows.append(
                        QVariant(QVariantList{QString::fromStdString(p.effectiveDate), p.amount,
                                              QString::fromStdString(p.currency), QString::fromStdString(p.source)}));
        return rows;
    }
    case SortRole:
        return cell(*s, index.column()).sort;
    case MissingRole:
        return cell(*s, index.column()).missing;
    case IdRole:
        return QString::fromStdString(s->key());
    case UserEnteredRole:
        return price ? price->userEntered : s->userEntered;
    case Qt::ToolTipRole:
        if (price)
            return QString(PricingPlanLabels::label(*price) + u'\n' +
                           tr("%1 %2 per %3, %4\n%5%6")
                               .arg(CellFormat::number(price->amount, 6), QString::fromStdString(price->currency),
                                    price->unit == PriceUnit::Month ? tr("month") : tr("hour"),
                                    price->effectiveDate.empty() ? tr("no date given")
                                                                 : QString::fromStdString(price->effectiveDate),
                                    QString::fromStdString(price->source),
                                    price->userEntered ? tr("\n(entered by you)") : QString()) +
                           priceNotes(*s, *price));
        return QString::fromStdString(s->source);
    case Qt::TextAlignmentRole:
        return (index.column() >= GpuCount && index.column() < Currency) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                         : QVariant();
    default:
        return {};
    }
}

QVariant InstanceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (const auto plan = planOf(section))
        return PricingPlanLabels::columnTitle(*plan);
    static const char* const kTitles[] = {
        QT_TR_NOOP("Provider"), QT_TR_NOOP("Instance type"),   QT_TR_NOOP("Region"), QT_TR_NOOP("GPU"),
        QT_TR_NOOP("GPUs"),     QT_TR_NOOP("GPU memory (GB)"), QT_TR_NOOP("vCPUs"),  QT_TR_NOOP("Memory (GiB)")};
    static_assert(std::size(kTitles) == OnDemand);
    if (section == Currency)
        return tr("Currency");
    if (section == PriceDate)
        return tr("Price date");
    return tr(kTitles[section]);
}

} // namespace serveplan::models
