#include "CalibrationFactorModel.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace serveplan::models {

namespace {

// The headers keep the calibration window's translation context, where their translations live.
constexpr const char* kContext = "serveplan::ui::CalibrationWindow";
constexpr const char* kHeaders[CalibrationFactorModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Factor"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Value"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Basis"),
};

} // namespace

CalibrationFactorModel::CalibrationFactorModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void CalibrationFactorModel::setFactors(std::vector<CalibrationFactor> factors) {
    beginResetModel();
    m_factors = std::move(factors);
    endResetModel();
}

int CalibrationFactorModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_factors.size());
}

int CalibrationFactorModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CalibrationFactorModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const CalibrationFactor& factor = m_factors[static_cast<std::size_t>(index.row())];
    switch (role) {
    case ValueRole:
        return index.column() == Value ? QVariant(factor.value) : QVariant();
    case Qt::TextAlignmentRole:
        return static_cast<int>((index.column() == Value ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return QString::fromStdString(factor.name);
        case Value:
            return std::isfinite(factor.value) ? QLocale().toString(factor.value, 'g', 5) : QString();
        case Basis:
            return QString::fromStdString(factor.basis);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CalibrationFactorModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < 0 || section >= ColumnCount)
        return {};
    return QCoreApplication::translate(kContext, kHeaders[section]);
}

} // namespace serveplan::models
