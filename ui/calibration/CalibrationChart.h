#pragma once
// Predicted versus measured on log-log axes: measured on x, predicted on y, the engine's generic
// prediction ("before") and the calibrated one ("after") as two point series, and the y = x line a
// perfect prediction would sit on.
#include <QString>

#include <vector>

class QCustomPlot;

namespace serveplan::ui {

struct CalibrationChartPoint {
    double measured = 0;
    double before = 0;
    double after = 0;
    QString unit;
};

class CalibrationChart final {
public:
    /// Points with a non-positive value cannot sit on a log axis and are left out; the return value
    /// is the number of points drawn.
    static int build(QCustomPlot* plot, const std::vector<CalibrationChartPoint>& points, const QString& title);
};

} // namespace serveplan::ui
