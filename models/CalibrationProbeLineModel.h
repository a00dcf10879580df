#pragma once
// The live table of a probe run: one row per result line of serveplan-probe (DESIGN.md §3.2) with its
// test, parameters, value and unit, and one per error line (stage, message), flagged by ErrorRole so
// a view can show it in red. Rows are appended as the lines arrive.
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace serveplan::models {

class CalibrationProbeLineModel final : public QAbstractTableModel {
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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Line {
        QString test;
        QString parameters;
        double value = 0;
        QString unit;
        bool error = false;
    };
    void append(Line line);
    std::vector<Line> m_lines;
};

} // namespace serveplan::models
