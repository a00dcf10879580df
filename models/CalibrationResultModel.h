#pragma once
// Predicted versus measured for one calibration run: a row per probe step (decode, prefill) or
// load-test metric, with what was measured, the engine's prediction before and after calibration
// and their signed errors in percent. The calibration window's results page shows it beside the chart.
#include "CalibrationTableModel.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace serveplan::models {

struct CalibrationResultRow {
    QString test;   ///< probe step (decode_step) or load-test metric (requests_per_s)
    QString config; ///< "batch 1, context 128"; empty for a load test
    QString unit;
    double measured = 0;
    double before = 0;     ///< the engine's prediction before calibration
    double after = 0;      ///< and with the run's factors
    bool predicted = true; ///< false: the prediction cells stay empty (see note)
    QString note;          ///< why a prediction is missing
};

class CalibrationResultModel final : public CalibrationTableModel<CalibrationResultRow> {
    Q_OBJECT
public:
    enum Column : int { Test, Config, Unit, Measured, Before, ErrorBefore, After, ErrorAfter, Note, ColumnCount };
    Q_ENUM(Column)
    /// The number behind a cell (Measured, Before, After: the value; the error columns: the percentage),
    /// NaN when the cell is empty.
    static constexpr int ValueRole = Qt::UserRole;

    explicit CalibrationResultModel(QObject* parent = nullptr);

    void setRows(std::vector<CalibrationResultRow> rows);
    void clear() { setRows({}); }
    const std::vector<CalibrationResultRow>& rows() const { return m_rows; }

    /// 100 × (predicted − measured) / measured; NaN when either is not a positive finite number.
    static double errorPercent(double predicted, double measured);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    double value(const CalibrationResultRow& row, int column) const;
};

} // namespace serveplan::models
