#include "InstanceTableModel.h"

#include "CatalogRoles.h"
#include "CellFormat.h"

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
    switch (column) {
    case OnDemand:
        return PricingPlan::OnDemand;
    case Spot:
        return PricingPlan::Spot;
    case Reserved1y:
        return PricingPlan::Reserved1y;
    case Reserved3y:
        return PricingPlan::Reserved3y;
    case Monthly:
        return PricingPlan::SubscriptionMonth;
    default:
        return std::nullopt;
    }
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
            return tr("%1 %2 per %3, %4\n%5%6")
                .arg(CellFormat::number(price->amount, 6), QString::fromStdString(price->currency),
                     price->unit == PriceUnit::Month ? tr("month") : tr("hour"),
                     price->effectiveDate.empty() ? tr("no date given") : QString::fromStdString(price->effectiveDate),
                     QString::fromStdString(price->source), price->userEntered ? tr("\n(entered by you)") : QString());
        return QString::fromStdString(s->source);
    case Qt::TextAlignmentRole:
        return (index.column() >= GpuCount && index.column() <= Monthly) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                         : QVariant();
    default:
        return {};
    }
}

QVariant InstanceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const kTitles[ColumnCount] = {
        QT_TR_NOOP("Provider"), QT_TR_NOOP("Instance type"),  QT_TR_NOOP("Region"),
        QT_TR_NOOP("GPU"),      QT_TR_NOOP("GPUs"),           QT_TR_NOOP("GPU memory (GB)"),
        QT_TR_NOOP("vCPUs"),    QT_TR_NOOP("Memory (GiB)"),   QT_TR_NOOP("On-demand /h"),
        QT_TR_NOOP("Spot /h"),  QT_TR_NOOP("Reserved 1y /h"), QT_TR_NOOP("Reserved 3y /h"),
        QT_TR_NOOP("Monthly"),  QT_TR_NOOP("Currency"),       QT_TR_NOOP("Price date")};
    return tr(kTitles[section]);
}

} // namespace serveplan::models
