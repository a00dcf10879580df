#include "charts/LatencyLoadChart.h"

#include "charts/ChartLegend.h"
#include "charts/ChartStyle.h"

#include "charts/Qcp.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace serveplan::ui {

namespace {

QString percentileText(double percentile) {
    return QStringLiteral("p") + QLocale::c().toString(std::round(percentile * 1000) / 10, 'g', 4);
}

/// One panel: the value line and its band; returns the largest value drawn.
double addMetric(QCustomPlot* plot, QCPAxisRect* rect, const std::vector<LatencyLoadPoint>& points,
                 const std::function<Estimate(const LatencyLoadPoint&)>& metric, const QColor& colour,
                 const QString& name) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPGraph* low = plot->addGraph(x, y);
    QCPGraph* high = plot->addGraph(x, y);
    QCPGraph* mid = plot->addGraph(x, y);
    double maxValue = 0;
    for (const LatencyLoadPoint& p : points) {
        const Estimate e = metric(p);
        low->addData(p.qps, e.low);
        high->addData(p.qps, e.high);
        mid->addData(p.qps, e.value);
        maxValue = std::max({maxValue, e.high, e.value});
    }
    ChartStyle::fillBand(low, high, colour);
    mid->setPen(QPen(colour, 2));
    mid->setName(name);
    high->setName(QCoreApplication::translate("Charts", "uncertainty band"));
    return maxValue;
}

} // namespace

void LatencyLoadChart::build(QCustomPlot* plot, const std::vector<LatencyLoadPoint>& points, const Options& options) {
    ChartStyle::reset(plot);
    plot->setAutoAddPlottableToLegend(false);
    QCPAxisRect* top = plot->axisRect();
    auto* bottom = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, 0, bottom);
    ChartStyle::styleAxisRect(bottom);
    // Both panels share the left margin so their value axes line up.
    auto* margins = new QCPMarginGroup(plot);
    top->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    bottom->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    if (options.showTitle)
        ChartStyle::addTitle(plot, QCoreApplication::translate("Charts", "Latency versus load (one replica)"));
    QCPLegend* legend = ChartLegend::addBelow(plot, 3);

    const QString ttftName =
        QCoreApplication::translate("Charts", "TTFT %1").arg(percentileText(options.slo.ttftPercentile));
    const QString tpotName =
        QCoreApplication::translate("Charts", "TPOT %1").arg(percentileText(options.slo.tpotPercentile));
    const double maxTtft = addMetric(
        plot, top, points, [](const LatencyLoadPoint& p) { return p.ttftMs; }, ChartStyle::seriesColor(0), ttftName);
    const double maxTpot = addMetric(
        plot, bottom, points, [](const LatencyLoadPoint& p) { return p.tpotMs; }, ChartStyle::seriesColor(1), tpotName);
    // Legend: the two lines and one band entry (the bands look alike).
    plot->graph(2)->addToLegend(legend);
    plot->graph(5)->addToLegend(legend);
    plot->graph(1)->addToLegend(legend);

    const double maxQps = points.empty() ? 1 : std::max(points.back().qps, options.capacityQps);
    for (QCPAxisRect* rect : {top, bottom}) {
        rect->axis(QCPAxis::atBottom)->setRange(0, maxQps * 1.02);
        if (options.capacityQps > 0)
            ChartStyle::addReferenceLine(plot, rect, Qt::Vertical, options.capacityQps, ChartStyle::frontierColor(),
                                         rect == top ? QCoreApplication::translate("Charts", "capacity at SLO %1 req/s")
                                                           .arg(QLocale::c().toString(options.capacityQps, 'f', 2))
                                                     : QString(),
                                         0.3); // below the SLO label at the top right
    }
    if (options.slo.ttftMs > 0)
        ChartStyle::addReferenceLine(plot, top, Qt::Horizontal, options.slo.ttftMs, ChartStyle::sloColor(),
                                     QCoreApplication::translate("Charts", "SLO %1 ms").arg(options.slo.ttftMs));
    if (options.slo.tpotMs > 0)
        ChartStyle::addReferenceLine(plot, bottom, Qt::Horizontal, options.slo.tpotMs, ChartStyle::sloColor(),
                                     QCoreApplication::translate("Charts", "SLO %1 ms").arg(options.slo.tpotMs));
    top->axis(QCPAxis::atLeft)->setRange(0, std::max(maxTtft, options.slo.ttftMs) * 1.1 + 1e-9);
    bottom->axis(QCPAxis::atLeft)->setRange(0, std::max(maxTpot, options.slo.tpotMs) * 1.1 + 1e-9);
    top->axis(QCPAxis::atLeft)->setLabel(QCoreApplication::translate("Charts", "TTFT (ms)"));
    bottom->axis(QCPAxis::atLeft)->setLabel(QCoreApplication::translate("Charts", "TPOT (ms)"));
    bottom->axis(QCPAxis::atBottom)
        ->setLabel(QCoreApplication::translate("Charts", "Arrival rate per replica (requests/s)"));
}

} // namespace serveplan::ui
