#include "charts/AutoscalingDayChart.h"

#include "charts/ChartLegend.h"
#include "charts/ChartStyle.h"
#include "cost/CostModel.h"

#include "charts/Qcp.h"

#include <algorithm>

namespace serveplan::ui {

namespace {
constexpr int kMinutesPerHour = 60;

} // namespace

std::vector<double> AutoscalingDayChart::hourlyCost(const PlanRow& row, const AutoscalingOutcome& outcome) {
    const std::vector<int>& minutes = outcome.replicasPerMinute;
    const Packing packing{row.replicasPerInstance, row.instancesPerReplica};
    std::vector<double> out((minutes.size() + kMinutesPerHour - 1) / kMinutesPerHour, 0.0);
    for (std::size_t h = 0; h < out.size(); ++h) {
        const std::size_t begin = h * kMinutesPerHour;
        const std::size_t end = std::min(minutes.size(), begin + kMinutesPerHour);
        double sum = 0;
        for (std::size_t m = begin; m < end; ++m)
            sum += instancesFor(minutes[m], packing) * row.instanceHourly;
        out[h] = sum / double(end - begin);
    }
    return out;
}

void AutoscalingDayChart::build(QCustomPlot* plot, const PlanRow& row, const AutoscalingOutcome& outcome,
                                const Options& options) {
    ChartStyle::reset(plot);
    plot->setAutoAddPlottableToLegend(false);
    if (options.showTitle)
        ChartStyle::addTitle(plot, QCoreApplication::translate("Charts", "Autoscaling over the traffic profile"));
    QCPLegend* legend = ChartLegend::addBelow(plot, 3);
    QCPAxisRect* rect = plot->axisRect();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* replicasAxis = rect->axis(QCPAxis::atLeft);
    QCPAxis* costAxis = rect->axis(QCPAxis::atRight);
    costAxis->setVisible(true);

    const std::vector<double> costs = hourlyCost(row, outcome);
    auto* bars = new QCPBars(x, costAxis);
    double maxCost = 0;
    for (std::size_t h = 0; h < costs.size(); ++h) {
        bars->addData(double(h) + 0.5, costs[h]);
        maxCost = std::max(maxCost, costs[h]);
    }
    bars->setWidth(0.8);
    QColor barColour = ChartStyle::seriesColor(4);
    barColour.setAlpha(150);
    bars->setBrush(barColour);
    bars->setPen(Qt::NoPen);
    bars->setName(QCoreApplication::translate("Charts", "Cost per hour (%1)").arg(options.currency));
    bars->addToLegend(legend);

    QCPGraph* replicas = plot->addGraph(x, replicasAxis);
    const std::vector<int>& minutes = outcome.replicasPerMinute;
    int maxReplicas = 1;
    for (std::size_t m = 0; m < minutes.size(); ++m) {
        replicas->addData(double(m) / kMinutesPerHour, minutes[m]);
        maxReplicas = std::max(maxReplicas, minutes[m]);
    }
    if (!minutes.empty())
        replicas->addData(double(minutes.size()) / kMinutesPerHour, minutes.back());
    replicas->setLineStyle(QCPGraph::lsStepLeft);
    replicas->setPen(QPen(ChartStyle::seriesColor(0), 2));
    replicas->setName(QCoreApplication::translate("Charts", "Ready replicas"));
    replicas->addToLegend(legend);

    const double fixedHourly = options.hoursPerMonth > 0 ? outcome.fixedPeakMonthlyCost / options.hoursPerMonth : 0;
    if (fixedHourly > 0) {
        QCPGraph* fixed = plot->addGraph(x, costAxis);
        fixed->addData(0, fixedHourly);
        fixed->addData(double(costs.size()), fixedHourly);
        fixed->setPen(QPen(ChartStyle::frontierColor(), 1.4, Qt::DashLine));
        fixed->setName(QCoreApplication::translate("Charts", "Fixed fleet for the peak, cost per hour"));
        fixed->addToLegend(legend);
    }

    const double hours = std::max<double>(1, double(costs.size()));
    x->setRange(0, hours);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(hours > 48 ? 24 : 3);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    x->setTicker(ticker);
    x->setLabel(hours > 48 ? QCoreApplication::translate("Charts", "Hour of the week")
                           : QCoreApplication::translate("Charts", "Hour of the day"));
    auto integerTicks = QSharedPointer<QCPAxisTickerFixed>::create();
    integerTicks->setTickStep(1);
    integerTicks->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    replicasAxis->setTicker(integerTicks);
    replicasAxis->setRange(0, maxReplicas * 1.15 + 0.5);
    replicasAxis->setLabel(QCoreApplication::translate("Charts", "Ready replicas"));
    costAxis->setRange(0, std::max(maxCost, fixedHourly) * 1.15 + 1e-9);
    costAxis->setLabel(QCoreApplication::translate("Charts", "Cost per hour (%1)").arg(options.currency));
    costAxis->grid()->setVisible(false);
}

} // namespace serveplan::ui
