#include "charts/MemoryChart.h"

#include "charts/ChartLegend.h"
#include "charts/ChartStyle.h"

#include "charts/Qcp.h"

#include <algorithm>
#include <array>

namespace serveplan::ui {

namespace {
constexpr double kGb = 1e9; // GPU memory is marketed in GB (1e9 bytes)

QString gb(double bytes) {
    return QLocale::c().toString(bytes / kGb, 'f', 1) + QStringLiteral(" GB");
}
} // namespace

std::vector<MemoryChart::Segment> MemoryChart::segments(const MemoryFit& fit) {
    const double used = fit.weightBytes + fit.activationBytes + fit.runtimeBytes + std::max(0.0, fit.kvCacheBytes);
    return {
        {QCoreApplication::translate("Charts", "Weights"), std::max(0.0, fit.weightBytes)},
        {QCoreApplication::translate("Charts", "Activations"), std::max(0.0, fit.activationBytes)},
        {QCoreApplication::translate("Charts", "Runtime overhead"), std::max(0.0, fit.runtimeBytes)},
        {QCoreApplication::translate("Charts", "KV cache"), std::max(0.0, fit.kvCacheBytes)},
        {QCoreApplication::translate("Charts", "Unused (engine reserve)"), std::max(0.0, fit.gpuMemoryBytes - used)},
    };
}

void MemoryChart::build(QCustomPlot* plot, const MemoryFit& fit, const Options& options) {
    ChartStyle::reset(plot);
    plot->setAutoAddPlottableToLegend(false);
    if (options.showTitle)
        ChartStyle::addTitle(plot,
                             options.subject.isEmpty()
                                 ? QCoreApplication::translate("Charts", "Memory per GPU")
                                 : QCoreApplication::translate("Charts", "Memory per GPU: %1").arg(options.subject));
    QCPLegend* legend = ChartLegend::addBelow(plot, 3);
    QCPAxisRect* rect = plot->axisRect();
    QCPAxis* key = rect->axis(QCPAxis::atLeft);
    QCPAxis* value = rect->axis(QCPAxis::atBottom);

    static const std::array<QColor, 5> kColours{ChartStyle::seriesColor(0), ChartStyle::seriesColor(4),
                                                ChartStyle::seriesColor(9), ChartStyle::seriesColor(1),
                                                QColor(0xe9, 0xec, 0xef)};
    QCPBars* below = nullptr;
    double total = 0;
    const auto parts = segments(fit);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto* bars = new QCPBars(key, value);
        bars->setWidth(0.55);
        bars->setStackingGap(0);
        bars->addData(1, parts[i].bytes / kGb);
        bars->setBrush(kColours[i]);
        bars->setPen(QPen(Qt::white, 1));
        bars->setName(parts[i].name + QStringLiteral("  ") + gb(parts[i].bytes));
        if (below)
            bars->moveAbove(below);
        below = bars;
        total += parts[i].bytes;
        if (parts[i].bytes > 0)
            bars->addToLegend(legend);
    }

    ChartStyle::addReferenceLine(plot, rect, Qt::Vertical, fit.gpuMemoryBytes / kGb, ChartStyle::frontierColor(),
                                 QCoreApplication::translate("Charts", "GPU memory %1").arg(gb(fit.gpuMemoryBytes)));
    if (fit.usableBytes > 0 && fit.usableBytes < fit.gpuMemoryBytes)
        ChartStyle::addReferenceLine(plot, rect, Qt::Vertical, fit.usableBytes / kGb, ChartStyle::textColor(),
                                     QCoreApplication::translate("Charts", "usable %1").arg(gb(fit.usableBytes)), 0.55)
            ->setPen(QPen(ChartStyle::textColor(), 1, Qt::DotLine));

    key->setRange(0.4, 1.6);
    key->grid()->setVisible(false);
    key->setTicks(false);
    key->setTickLabels(false);
    value->setLabel(QCoreApplication::translate("Charts", "Memory (GB)"));
    value->setRange(0, std::max(total, std::max(fit.gpuMemoryBytes, fit.requiredBytes)) / kGb * 1.05);
}

} // namespace serveplan::ui
