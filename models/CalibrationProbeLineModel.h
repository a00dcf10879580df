#pragma once
// The live table of a probe run: one row per result line of serveplan-probe (DESIGN.md §3.2) with its
// test, parameters, value and unit, and one per error line (stage, message), flagged by ErrorRole so
// a view can show it in red. Rows are appended as the lines arrive.
#include "CalibrationTableModel.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace serveplan::models {

/// One row of the probe table: a result line, or an error line (stage as the test, message as the unit).
struct CalibrationProbeLine {
    QString test;
    QString parameters;
    double value = 0;
    QString unit;
    bool error = false;
};

class CalibrationProbeLineModel final : public CalibrationTableModel<CalibrationProbeLine> {
    Q_OBJECT
public:
    enum Column : int { Test, Parameters, Value, Unit, ColumnCount };
    Q_ENUM(Column)
    enum Role : int {
        ErrorRole = Qt::UserRole, ///< true on an error line
        ValueRole,                ///< the result's value as a number (NaN on an error line)
    };

    explicit CalibrationProbeLineModel(QObject* parent = nullptr);

    /// Appends a `result` line: its test, value and unit, and every other field as "key=value".
    void addResult(const QJsonObject& result);
    /// Appends an `error` line: the stage in the Test column, the message in Parameters.
    void addError(const QString& stage, const QString& message);
    void clear();

    /// "key=value, …" for every field of a result line but type, test, value and unit.
    static QString parameters(const QJsonObject& result);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void append(CalibrationProbeLine line);
};

} // namespace serveplan::models
