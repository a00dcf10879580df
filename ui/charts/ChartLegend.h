#pragma once
// A legend in its own row below the axis rects, wrapping into columns, so long plan labels never
// cover the data (screen and report alike).
class QCustomPlot;
class QCPLegend;

namespace serveplan::ui {

class ChartLegend final {
public:
    /// Creates the legend row under the last layout row and makes it `plot->legend`.
    static QCPLegend* addBelow(QCustomPlot* plot, int columns);
};

} // namespace serveplan::ui
