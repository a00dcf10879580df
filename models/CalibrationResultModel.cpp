#include "CalibrationResultModel.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>
#include <limits>

namespace serveplan::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The headers keep the calibration window's translation context, where their translations live.
constexpr const char* kContext = "serveplan::ui::CalibrationWindow";
constexpr const char* kHeaders[CalibrationResultModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Test or metric"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Configuration"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Unit"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Measured"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Predicted before"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Error before (%)"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Predicted after"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Error after (%)"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Note"),
};

bool numeric(int column) {
    using M = CalibrationResultModel;
    return column == M::Measured || column == M::Before || column == M::ErrorBefore || column == M::After ||
           column == M::ErrorAfter;
}

} // namespace

CalibrationResultModel::CalibrationResultModel(QObject* parent)
    : CalibrationTableModel(kHeaders, parent) {}

void CalibrationResultModel::setRows(std::vector<CalibrationResultRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

double CalibrationResultModel::errorPercent(double predicted, double measured) {
    if (!(measured > 0) || !(predicted > 0) || !std::isfinite(predicted) || !std::isfinite(measured))
        return kNaN;
    return 100 * (predicted - measured) / measured;
}

double CalibrationResultModel::value(const CalibrationResultRow& row, int column) const {
    switch (column) {
    case Measured:
        return row.measured;
    case Before:
        return row.predicted ? row.before : kNaN;
    case After:
        return row.predicted ? row.after : kNaN;
    case ErrorBefore:
        return errorPercent(row.before, row.measured);
    case ErrorAfter:
        return errorPercent(row.after, row.measured);
    default:
        return kNaN;
    }
}

QVariant CalibrationResultModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const CalibrationResultRow& row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    if (role == Qt::TextAlignmentRole)
        return static_cast<int>((numeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == ValueRole)
        return numeric(column) ? QVariant(value(row, column)) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Test:
        return row.test;
    case Config:
        return row.config;
    case Unit:
        return row.unit;
    case Note:
        return row.note;
    case ErrorBefore:
    case ErrorAfter: {
        // A signed percentage with one decimal, empty when there is nothing to compare.
        const double percent = value(row, column);
        if (!std::isfinite(percent))
            return QString();
        return QString((percent > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(percent, 'f', 1));
    }
    default: {
        const double number = value(row, column);
        return std::isfinite(number) ? QLocale().toString(number, 'g', 5) : QString();
    }
    }
}

} // namespace serveplan::models
