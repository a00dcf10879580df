#include "charts/ThroughputBatchChart.h"

#include "charts/ChartLegend.h"
#include "charts/ChartStyle.h"

#include "charts/Qcp.h"

#include <algorithm>

namespace serveplan::ui {

void ThroughputBatchChart::build(QCustomPlot* plot, const std::vector<ThroughputBatchPoint>& points,
                                 const Options& options) {
    ChartStyle::reset(plot);
    plot->setAutoAddPlottableToLegend(false);
    if (options.showTitle)
        ChartStyle::addTitle(plot, QCoreApplication::translate("Charts", "Throughput versus batch size (one replica)"));
    QCPLegend* legend = ChartLegend::addBelow(plot, 3);
    QCPAxisRect* rect = plot->axisRect();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);

    QCPGraph* low = plot->addGraph(x, y);
    QCPGraph* high = plot->addGraph(x, y);
    QCPGraph* mid = plot->addGraph(x, y);
    double maxValue = 0;
    double minBatch = points.empty() ? 1 : points.front().batch;
    double maxBatch = points.empty() ? 2 : points.back().batch;
    for (const ThroughputBatchPoint& p : points) {
        low->addData(p.batch, p.outputTokensPerS.low);
        high->addData(p.batch, p.outputTokensPerS.high);
        mid->addData(p.batch, p.outputTokensPerS.value);
        maxValue = std::max({maxValue, p.outputTokensPerS.high, p.outputTokensPerS.value});
    }
    const QColor colour = ChartStyle::seriesColor(2);
    ChartStyle::fillBand(low, high, colour);
    mid->setPen(QPen(colour, 2));
    mid->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 5));
    mid->setName(QCoreApplication::translate("Charts", "Output tokens/s"));
    high->setName(QCoreApplication::translate("Charts", "uncertainty band"));
    mid->addToLegend(legend);
    high->addToLegend(legend);

    if (options.markBatch > 0)
        ChartStyle::addReferenceLine(plot, rect, Qt::Vertical, options.markBatch, ChartStyle::frontierColor(),
                                     QCoreApplication::translate("Charts", "batch at planned load %1")
                                         .arg(QLocale::c().toString(options.markBatch, 'f', 1)));

    x->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(2);
    ticker->setSubTickCount(0);
    x->setTicker(ticker);
    x->setNumberFormat(QStringLiteral("f"));
    x->setNumberPrecision(0);
    x->setRange(std::max(0.5, minBatch / 1.2), maxBatch * 1.2);
    y->setRange(0, maxValue * 1.1 + 1e-9);
    x->setLabel(QCoreApplication::translate("Charts", "Concurrent sequences (batch size)"));
    y->setLabel(QCoreApplication::translate("Charts", "Output tokens/s"));
}

} // namespace serveplan::ui
