#include "CalibrationProbeLineModel.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <cmath>
#include <limits>

namespace serveplan::models {

namespace {

// The texts keep the calibration window's translation context, where their translations live.
constexpr const char* kContext = "serveplan::ui::CalibrationWindow";
constexpr const char* kHeaders[CalibrationProbeLineModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Test"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Parameters"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Value"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Unit"),
};
constexpr const char* kError = QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "error");

} // namespace

CalibrationProbeLineModel::CalibrationProbeLineModel(QObject* parent)
    : CalibrationTableModel(kHeaders, parent) {}

QString CalibrationProbeLineModel::parameters(const QJsonObject& result) {
    QStringList parts;
    for (auto it = result.begin(); it != result.end(); ++it) {
        const QString key = it.key();
        if (key == u"type" || key == u"test" || key == u"value" || key == u"unit")
            continue;
        const QJsonValue v = it.value();
        QString text;
        if (v.isDouble())
            text = QLocale::c().toString(v.toDouble(), 'g', 6);
        else if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            text = v.toString();
        parts << key + QLatin1Char('=') + text;
    }
    return parts.join(QStringLiteral(", "));
}

void CalibrationProbeLineModel::addResult(const QJsonObject& result) {
    append({result.value(u"test").toString(), parameters(result), result.value(u"value").toDouble(),
            result.value(u"unit").toString(), false});
}

void CalibrationProbeLineModel::addError(const QString& stage, const QString& message) {
    append({stage, message, std::numeric_limits<double>::quiet_NaN(), QString(), true});
}

void CalibrationProbeLineModel::append(CalibrationProbeLine line) {
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back(std::move(line));
    endInsertRows();
}

void CalibrationProbeLineModel::clear() {
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QVariant CalibrationProbeLineModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const CalibrationProbeLine& line = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case ErrorRole:
        return line.error;
    case ValueRole:
        return index.column() == Value ? QVariant(line.value) : QVariant();
    case Qt::TextAlignmentRole:
        return static_cast<int>((index.column() == Value && !line.error ? Qt::AlignRight : Qt::AlignLeft) |
                                Qt::AlignVCenter);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Test:
            return line.test;
        case Parameters:
            return line.parameters;
        case Value:
            if (line.error)
                return QCoreApplication::translate(kContext, kError);
            return std::isfinite(line.value) ? QLocale().toString(line.value, 'g', 6) : QString();
        case Unit:
            return line.unit;
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace serveplan::models
