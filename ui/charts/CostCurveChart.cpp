#include "charts/CostCurveChart.h"

#include "charts/ChartLegend.h"
#include "charts/ChartStyle.h"

#include "QtText.h"
#include "charts/Qcp.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace serveplan::ui {

namespace {

/// The cost of a curve at `qps`, or nullopt outside its range.
std::optional<double> costAt(const CostCurve& curve, double qps) {
    for (const CurveStep& step : curve.steps)
        if (qps > step.qpsFrom && qps <= step.qpsTo)
            return step.monthlyCost;
    return std::nullopt;
}

QSharedPointer<QCPGraphDataContainer> stepData(const std::vector<CurveStep>& steps, double scale) {
    auto data = QSharedPointer<QCPGraphDataContainer>::create();
    for (const CurveStep& step : steps)
        data->add(QCPGraphData(step.qpsFrom, step.monthlyCost / scale));
    if (!steps.empty())
        data->add(QCPGraphData(steps.back().qpsTo, steps.back().monthlyCost / scale));
    return data;
}

bool isPareto(const PlanResult& result, int rank) {
    const PlanRow* row = result.byRank(rank);
    return row && row->paretoCostCapacity;
}

} // namespace

QString CostCurveChart::shortLabel(const PlanResult& result, const CostCurve& curve) {
    const PlanRow* row = result.byRank(curve.rank);
    if (!row)
        return qtText(curve.label);
    const QString where = row->instance ? qtText(row->provider() + ":" + row->instanceType())
                                        : qtText(row->gpu ? row->gpu->name : std::string());
    // A disaggregated plan's curve is marked so it reads apart from the aggregated ones beside it.
    return QStringLiteral("#%1 %2").arg(curve.rank).arg(where) +
           (curve.disaggregated ? QCoreApplication::translate("CostCurveChart", " (prefill/decode)") : QString());
}

std::vector<CostCurveChart::FrontierStep> CostCurveChart::frontier(const std::vector<CostCurve>& curves) {
    std::vector<double> edges;
    for (const CostCurve& curve : curves)
        for (const CurveStep& step : curve.steps) {
            edges.push_back(step.qpsFrom);
            edges.push_back(step.qpsTo);
        }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    std::vector<FrontierStep> out;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        const double mid = 0.5 * (edges[i] + edges[i + 1]);
        double best = std::numeric_limits<double>::infinity();
        int bestRank = 0;
        for (const CostCurve& curve : curves) {
            const auto cost = costAt(curve, mid);
            if (cost && *cost < best) { // ties keep the better-ranked curve (curves come in rank order)
                best = *cost;
                bestRank = curve.rank;
            }
        }
        if (bestRank == 0)
            continue;
        if (!out.empty() && out.back().rank == bestRank && out.back().monthlyCost == best &&
            out.back().qpsTo == edges[i])
            out.back().qpsTo = edges[i + 1];
        else
            out.push_back({edges[i], edges[i + 1], best, bestRank});
    }
    return out;
}

void CostCurveChart::build(QCustomPlot* plot, const PlanResult& result, const Options& options) {
    ChartStyle::reset(plot);
    plot->setAutoAddPlottableToLegend(false);
    QCPAxisRect* rect = plot->axisRect();

    double maxCost = 0;
    double maxQps = options.targetQps;
    for (const CostCurve& curve : result.curves)
        for (const CurveStep& step : curve.steps) {
            maxCost = std::max(maxCost, step.monthlyCost);
            maxQps = std::max(maxQps, step.qpsTo);
        }
    QString prefix;
    const double scale = ChartStyle::moneyScale(maxCost, &prefix);
    const QString currency = qtText(result.currency);

    if (options.showTitle)
        ChartStyle::addTitle(plot, QCoreApplication::translate("Charts", "Monthly cost versus peak load"));
    QCPLegend* legend = ChartLegend::addBelow(plot, std::max(1, options.maxLegendColumns));

    // Plans on the Pareto frontier or cheapest somewhere on the load axis get colours; the rest are muted.
    const auto envelope = frontier(result.curves);
    int colourIndex = 0;
    for (const CostCurve& curve : result.curves) {
        const bool pareto = isPareto(result, curve.rank) ||
                            std::any_of(envelope.begin(), envelope.end(),
                                        [&](const FrontierStep& step) { return step.rank == curve.rank; });
        const bool highlighted = curve.rank == options.highlightRank;
        QCPGraph* graph = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        graph->setData(stepData(curve.steps, scale));
        graph->setLineStyle(QCPGraph::lsStepLeft);
        const QColor colour = pareto || highlighted ? ChartStyle::seriesColor(colourIndex++) : ChartStyle::mutedColor();
        // Disaggregated (prefill + decode pool) curves are dashed, aggregated ones solid, side by side.
        graph->setPen(
            QPen(colour, highlighted ? 2.6 : (pareto ? 1.6 : 1.0), curve.disaggregated ? Qt::DashLine : Qt::SolidLine));
        graph->setName(shortLabel(result, curve));
        graph->setProperty(kRankProperty, curve.rank);
        if (pareto || highlighted)
            graph->addToLegend(legend);
    }

    if (!envelope.empty()) {
        QCPGraph* graph = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        auto data = QSharedPointer<QCPGraphDataContainer>::create();
        for (const FrontierStep& step : envelope) {
            data->add(QCPGraphData(step.qpsFrom, step.monthlyCost / scale));
            data->add(QCPGraphData(step.qpsTo, step.monthlyCost / scale));
        }
        graph->setData(data);
        graph->setLineStyle(QCPGraph::lsLine);
        QPen pen(ChartStyle::frontierColor(), 1.2, Qt::DotLine);
        graph->setPen(pen);
        graph->setName(QCoreApplication::translate("Charts", "Cheapest at each load"));
        graph->addToLegend(legend);
    }

    if (options.targetQps > 0)
        ChartStyle::addReferenceLine(plot, rect, Qt::Vertical, options.targetQps, ChartStyle::targetColor(),
                                     QCoreApplication::translate("Charts", "target %1 req/s")
                                         .arg(QLocale::c().toString(options.targetQps, 'g', 6)));

    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setLabel(QCoreApplication::translate("Charts", "Peak load (requests/s)"));
    y->setLabel(QCoreApplication::translate("Charts", "Monthly cost (%1%2)").arg(prefix, currency));
    x->setRange(0, maxQps > 0 ? maxQps * 1.02 : 1);
    y->setRange(0, maxCost > 0 ? maxCost / scale * 1.08 : 1);
    legend->setVisible(legend->itemCount() > 0);
}

} // namespace serveplan::ui
