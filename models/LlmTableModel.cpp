#include "LlmTableModel.h"

#include "CatalogRoles.h"
#include "CellFormat.h"
#include "EnumLabels.h"

namespace serveplan::models {

namespace {

Cell expertsCell(const ModelSpec& m) {
    if (!m.isMoe())
        return Cell{CellFormat::missing(), 0.0, true};
    return Cell{QStringLiteral("%1 (top %2)").arg(m.numExperts).arg(m.numExpertsPerTok), double(m.numExperts), false};
}

Cell cell(const ModelSpec& m, int column) {
    switch (column) {
    case LlmTableModel::Id:
        return CellFormat::textCell(m.id);
    case LlmTableModel::Family:
        return CellFormat::textCell(m.family);
    case LlmTableModel::Name:
        return CellFormat::textCell(m.name);
    case LlmTableModel::ParamsB:
        return CellFormat::numberCell(m.paramsB, 2);
    case LlmTableModel::ActiveParamsB:
        return CellFormat::numberCell(m.activeParamsB, 2);
    case LlmTableModel::Attention: {
        const QString name = EnumLabels::label(m.attention);
        return Cell{name, name, false};
    }
    case LlmTableModel::Layers:
        return CellFormat::numberCell(m.numLayers, 0);
    case LlmTableModel::HiddenSize:
        return CellFormat::numberCell(m.hiddenSize, 0);
    case LlmTableModel::Heads:
        return CellFormat::numberCell(m.numAttentionHeads, 0);
    case LlmTableModel::KvHeads:
        return CellFormat::numberCell(m.numKvHeads, 0);
    case LlmTableModel::Experts:
        return expertsCell(m);
    case LlmTableModel::MaxContext:
        return CellFormat::numberCell(m.maxPositionEmbeddings, 0);
    case LlmTableModel::NativeDtype:
        return CellFormat::textCell(m.nativeDtype);
    case LlmTableModel::HfRepo:
        return CellFormat::textCell(m.hfRepo);
    default:
        return {};
    }
}

} // namespace

LlmTableModel::LlmTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void LlmTableModel::setCatalog(std::shared_ptr<const Catalog> catalog) {
    beginResetModel();
    m_catalog = std::move(catalog);
    endResetModel();
}

const ModelSpec* LlmTableModel::modelAt(int row) const {
    if (!m_catalog || row < 0 || row >= rowCount())
        return nullptr;
    return &m_catalog->models[static_cast<std::size_t>(row)];
}

int LlmTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_catalog ? 0 : static_cast<int>(m_catalog->models.size());
}

int LlmTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LlmTableModel::data(const QModelIndex& index, int role) const {
    const ModelSpec* m = checkIndex(index, CheckIndexOption::IndexIsValid) ? modelAt(index.row()) : nullptr;
    if (!m)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return cell(*m, index.column()).display;
    case SortRole:
        return cell(*m, index.column()).sort;
    case MissingRole:
        return cell(*m, index.column()).missing;
    case IdRole:
        return QString::fromStdString(m->id);
    case UserEnteredRole:
        return m->userEntered;
    case Qt::ToolTipRole:
        return QString::fromStdString(m->source);
    case Qt::TextAlignmentRole:
        return index.column() >= ParamsB && index.column() != Attention && index.column() < NativeDtype
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    default:
        return {};
    }
}

QVariant LlmTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const kTitles[ColumnCount] = {
        QT_TR_NOOP("ID"),           QT_TR_NOOP("Family"),           QT_TR_NOOP("Name"),    QT_TR_NOOP("Params (B)"),
        QT_TR_NOOP("Active (B)"),   QT_TR_NOOP("Attention"),        QT_TR_NOOP("Layers"),  QT_TR_NOOP("Hidden"),
        QT_TR_NOOP("Heads"),        QT_TR_NOOP("KV heads"),         QT_TR_NOOP("Experts"), QT_TR_NOOP("Max context"),
        QT_TR_NOOP("Native dtype"), QT_TR_NOOP("Hugging Face repo")};
    return tr(kTitles[section]);
}

} // namespace serveplan::models
