#include "calibration/CalibrationChart.h"

#include "charts/ChartLegend.h"
#include "charts/ChartStyle.h"

#include "charts/Qcp.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace serveplan::ui {

namespace {

bool drawable(double value) {
    return std::isfinite(value) && value > 0;
}

} // namespace

int CalibrationChart::build(QCustomPlot* plot, const std::vector<CalibrationChartPoint>& points, const QString& title) {
    ChartStyle::reset(plot);
    plot->setAutoAddPlottableToLegend(false);
    if (!title.isEmpty())
        ChartStyle::addTitle(plot, title);
    QCPLegend* legend = ChartLegend::addBelow(plot, 3);
    QCPAxisRect* rect = plot->axisRect();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);

    QCPGraph* before = plot->addGraph(x, y);
    QCPGraph* after = plot->addGraph(x, y);
    QCPGraph* identity = plot->addGraph(x, y);
    double low = std::numeric_limits<double>::infinity();
    double high = 0;
    QString unit;
    bool oneUnit = true;
    int drawn = 0;
    for (const CalibrationChartPoint& p : points) {
        if (!drawable(p.measured))
            continue;
        bool used = false;
        for (const auto& [graph, value] : {std::pair{before, p.before}, std::pair{after, p.after}})
            if (drawable(value)) {
                graph->addData(p.measured, value);
                low = std::min({low, p.measured, value});
                high = std::max({high, p.measured, value});
                used = true;
            }
        if (!used)
            continue;
        ++drawn;
        if (drawn == 1)
            unit = p.unit;
        else if (p.unit != unit)
            oneUnit = false;
    }
    if (drawn == 0) {
        low = 1;
        high = 10;
    }
    const double from = low / 1.5, to = high * 1.5;
    identity->addData(from, from);
    identity->addData(to, to);

    before->setLineStyle(QCPGraph::lsNone);
    before->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, ChartStyle::seriesColor(0), Qt::white, 7));
    before->setName(QCoreApplication::translate("serveplan::ui::CalibrationChart", "before calibration"));
    after->setLineStyle(QCPGraph::lsNone);
    after->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, ChartStyle::seriesColor(1), ChartStyle::seriesColor(1), 6));
    after->setName(QCoreApplication::translate("serveplan::ui::CalibrationChart", "after calibration"));
    identity->setPen(QPen(ChartStyle::mutedColor(), 1.2, Qt::DashLine));
    identity->setName(QCoreApplication::translate("serveplan::ui::CalibrationChart", "predicted = measured"));
    for (QCPGraph* graph : {before, after, identity})
        graph->addToLegend(legend);

    for (QCPAxis* axis : {x, y}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setRange(from, to);
    }
    const bool withUnit = oneUnit && !unit.isEmpty();
    x->setLabel(withUnit ? QCoreApplication::translate("serveplan::ui::CalibrationChart", "Measured (%1)").arg(unit)
                         : QCoreApplication::translate("serveplan::ui::CalibrationChart",
                                                       "Measured (each metric in its unit)"));
    y->setLabel(withUnit ? QCoreApplication::translate("serveplan::ui::CalibrationChart", "Predicted (%1)").arg(unit)
                         : QCoreApplication::translate("serveplan::ui::CalibrationChart",
                                                       "Predicted (each metric in its unit)"));
    return drawn;
}

} // namespace serveplan::ui
