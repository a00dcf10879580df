#include "GpuTableModel.h"

#include "CatalogRoles.h"
#include "CellFormat.h"

namespace serveplan::models {

namespace {

Cell cell(const GpuSpec& g, int column) {
    switch (column) {
    case GpuTableModel::Id:
        return CellFormat::textCell(g.id);
    case GpuTableModel::Vendor:
        return CellFormat::textCell(g.vendor);
    case GpuTableModel::Name:
        return CellFormat::textCell(g.name);
    case GpuTableModel::Architecture:
        return CellFormat::textCell(g.architecture);
    case GpuTableModel::MemoryGb:
        return CellFormat::numberCell(g.memoryGb, 1);
    case GpuTableModel::MemoryType:
        return CellFormat::textCell(g.memoryType);
    case GpuTableModel::BandwidthGBps:
        return CellFormat::numberCell(g.memoryBandwidthGBps, 0);
    case GpuTableModel::Bf16Tflops:
        return CellFormat::numberCell(g.bf16Tflops, 1);
    case GpuTableModel::Fp8Tflops:
        return CellFormat::numberCell(g.fp8Tflops, 1);
    case GpuTableModel::Int8Tops:
        return CellFormat::numberCell(g.int8Tops, 1);
    case GpuTableModel::Fp4Tflops:
        return CellFormat::numberCell(g.fp4Tflops, 1);
    case GpuTableModel::TdpW:
        return CellFormat::numberCell(g.tdpW, 0);
    case GpuTableModel::Interconnect:
        return CellFormat::textCell(g.interconnect);
    case GpuTableModel::MigInstances:
        return CellFormat::numberCell(g.migMaxInstances, 0);
    case GpuTableModel::ReleaseYear: {
        Cell c = CellFormat::numberCell(g.releaseYear, 0);
        c.display = g.releaseYear ? QString::number(g.releaseYear) : CellFormat::missing(); // no grouping
        return c;
    }
    default:
        return {};
    }
}

} // namespace

GpuTableModel::GpuTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void GpuTableModel::setCatalog(std::shared_ptr<const Catalog> catalog) {
    beginResetModel();
    m_catalog = std::move(catalog);
    endResetModel();
}

const GpuSpec* GpuTableModel::gpuAt(int row) const {
    if (!m_catalog || row < 0 || row >= rowCount())
        return nullptr;
    return &m_catalog->gpus[static_cast<std::size_t>(row)];
}

int GpuTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_catalog ? 0 : static_cast<int>(m_catalog->gpus.size());
}

int GpuTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GpuTableModel::data(const QModelIndex& index, int role) const {
    const GpuSpec* gpu = checkIndex(index, CheckIndexOption::IndexIsValid) ? gpuAt(index.row()) : nullptr;
    if (!gpu)
        return {};
    return value(*gpu, index.column(), role);
}

QVariant GpuTableModel::value(const GpuSpec& gpu, int column, int role) const {
    switch (role) {
    case Qt::DisplayRole:
        return cell(gpu, column).display;
    case SortRole:
        return cell(gpu, column).sort;
    case MissingRole:
        return cell(gpu, column).missing;
    case IdRole:
        return QString::fromStdString(gpu.id);
    case UserEnteredRole:
        return gpu.userEntered;
    case Qt::ToolTipRole:
        return QString::fromStdString(gpu.source);
    case Qt::TextAlignmentRole:
        return column >= MemoryGb && column != MemoryType && column != Interconnect
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    default:
        return {};
    }
}

QVariant GpuTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const kTitles[ColumnCount] = {QT_TR_NOOP("ID"),
                                                     QT_TR_NOOP("Vendor"),
                                                     QT_TR_NOOP("Name"),
                                                     QT_TR_NOOP("Architecture"),
                                                     QT_TR_NOOP("Memory (GB)"),
                                                     QT_TR_NOOP("Memory type"),
                                                     QT_TR_NOOP("Bandwidth (GB/s)"),
                                                     QT_TR_NOOP("BF16 (TFLOPS)"),
                                                     QT_TR_NOOP("FP8 (TFLOPS)"),
                                                     QT_TR_NOOP("INT8 (TOPS)"),
                                                     QT_TR_NOOP("FP4 (TFLOPS)"),
                                                     QT_TR_NOOP("TDP (W)"),
                                                     QT_TR_NOOP("Interconnect"),
                                                     QT_TR_NOOP("MIG instances"),
                                                     QT_TR_NOOP("Year")};
    return tr(kTitles[section]);
}

} // namespace serveplan::models
