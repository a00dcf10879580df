// The chart builders shared by the screen and the report: the cheapest-plan frontier, what each chart
// draws, the memory segments, the autoscaling day's hourly cost, and the per-plan series agreeing with
// the planner. Plots are filled but never shown, as the report uses them.
#include "TestReportFixture.h"
#include "charts/AutoscalingDayChart.h"
#include "charts/CostCurveChart.h"
#include "charts/LatencyLoadChart.h"
#include "charts/MemoryChart.h"
#include "charts/PlanSeries.h"
#include "charts/Qcp.h"
#include "charts/ThroughputBatchChart.h"

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;

namespace {
CostCurve curve(int rank, std::vector<std::tuple<double, double, double>> steps) {
    CostCurve c;
    c.rank = rank;
    c.label = "plan " + std::to_string(rank);
    for (const auto& [from, to, cost] : steps) {
        CurveStep s;
        s.qpsFrom = from;
        s.qpsTo = to;
        s.monthlyCost = cost;
        c.steps.push_back(s);
    }
    return c;
}
} // namespace

class TestCharts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void frontierFollowsTheCheapestCurve();
    void costChartDrawsEveryCurveAndTheFrontier();
    void memorySegmentsFillTheGpu();
    void autoscalingHourlyCost();
    void planSeriesAgreesWithThePlanner();
    void perPlanChartsRenderOffscreen();

private:
    std::optional<ReportData> m_data;
};

void TestCharts::initTestCase() {
    auto data = ReportData::plan(seedCatalog(), reportScenario(), {reportDate(), {}});
    QVERIFY(data.ok());
    m_data = std::move(data).value();
    QVERIFY(m_data->recommended());
}

void TestCharts::frontierFollowsTheCheapestCurve() {
    // Worked by hand: (0,5] B at 50; (5,10] A at 100; (10,20] B at 150.
    const std::vector<CostCurve> curves{curve(1, {{0, 10, 100}, {10, 20, 200}}), curve(2, {{0, 5, 50}, {5, 20, 150}})};
    const auto f = CostCurveChart::frontier(curves);
    QCOMPARE(f.size(), std::size_t(3));
    QCOMPARE(f[0].rank, 2);
    QCOMPARE(f[0].qpsTo, 5.0);
    QCOMPARE(f[0].monthlyCost, 50.0);
    QCOMPARE(f[1].rank, 1);
    QCOMPARE(f[1].qpsFrom, 5.0);
    QCOMPARE(f[1].qpsTo, 10.0);
    QCOMPARE(f[2].rank, 2);
    QCOMPARE(f[2].monthlyCost, 150.0);
    QCOMPARE(f[2].qpsTo, 20.0);
    // Equal costs keep the better-ranked plan and merge into one step.
    const auto tie = CostCurveChart::frontier({curve(1, {{0, 10, 100}}), curve(2, {{0, 5, 100}, {5, 10, 100}})});
    QCOMPARE(tie.size(), std::size_t(1));
    QCOMPARE(tie[0].rank, 1);
    QCOMPARE(tie[0].qpsTo, 10.0);
}

void TestCharts::costChartDrawsEveryCurveAndTheFrontier() {
    QCustomPlot plot;
    CostCurveChart::build(&plot, m_data->result, {40, 1, 2, true});
    const auto& curves = m_data->result.curves;
    QCOMPARE(plot.graphCount(), int(curves.size()) + 1); // one per plan + the frontier
    for (int i = 0; i < int(curves.size()); ++i) {
        QCOMPARE(plot.graph(i)->property(CostCurveChart::kRankProperty).toInt(), curves[std::size_t(i)].rank);
        // The step graph ends where the curve ends, at the curve's last cost.
        const auto last = plot.graph(i)->data()->constEnd() - 1;
        QCOMPARE(last->key, curves[std::size_t(i)].steps.back().qpsTo);
    }
    QCOMPARE(plot.itemCount(), 2); // the target line and its label
    QVERIFY(plot.legend && plot.legend->itemCount() >= 2);
    // Building again replaces everything (the workspace rebuilds on every planning pass).
    CostCurveChart::build(&plot, m_data->result, {0, 0, 2, false});
    QCOMPARE(plot.graphCount(), int(curves.size()) + 1);
    QCOMPARE(plot.itemCount(), 0);
}

void TestCharts::memorySegmentsFillTheGpu() {
    MemoryFit fit;
    fit.fits = true;
    fit.gpuMemoryBytes = 40e9;
    fit.usableBytes = 36e9;
    fit.weightBytes = 10e9;
    fit.activationBytes = 1e9;
    fit.runtimeBytes = 1.5e9;
    fit.kvCacheBytes = 20e9;
    auto parts = MemoryChart::segments(fit);
    QCOMPARE(parts.size(), std::size_t(5));
    QCOMPARE(parts[4].bytes, 7.5e9); // 40 − (10 + 1 + 1.5 + 20)
    double sum = 0;
    for (const auto& p : parts)
        sum += p.bytes;
    QCOMPARE(sum, fit.gpuMemoryBytes);
    // Not fitting: a negative KV remainder draws as nothing, and there is no unused memory.
    fit.weightBytes = 45e9;
    fit.kvCacheBytes = -9e9;
    parts = MemoryChart::segments(fit);
    QCOMPARE(parts[3].bytes, 0.0);
    QCOMPARE(parts[4].bytes, 0.0);
}

void TestCharts::autoscalingHourlyCost() {
    PlanRow row;
    row.instanceHourly = 3;
    row.replicasPerInstance = 2;
    AutoscalingOutcome a;
    a.simulated = true;
    // Hour 0: 2 replicas → 1 instance → 3/h. Hour 1: 4 replicas → 2 instances → 6/h.
    // Hour 2: 30 min of 1 replica (1 instance) and 30 min of 3 (2 instances) → 1.5 × 3 = 4.5/h.
    a.replicasPerMinute.assign(60, 2);
    a.replicasPerMinute.insert(a.replicasPerMinute.end(), 60, 4);
    a.replicasPerMinute.insert(a.replicasPerMinute.end(), 30, 1);
    a.replicasPerMinute.insert(a.replicasPerMinute.end(), 30, 3);
    const auto cost = AutoscalingDayChart::hourlyCost(row, a);
    QCOMPARE(cost.size(), std::size_t(3));
    QCOMPARE(cost[0], 3.0);
    QCOMPARE(cost[1], 6.0);
    QCOMPARE(cost[2], 4.5);
}

void TestCharts::planSeriesAgreesWithThePlanner() {
    const PlanRow& row = *m_data->recommended();
    const PlanSeries& s = m_data->series;
    QVERIFY(s.valid);
    // The memory the chart shows is the engine's fit for the planned deployment.
    const MemoryFit fit = computeMemoryFit(s.deployment, PlanSeries::workloadOf(m_data->scenario));
    QCOMPARE(s.memory.weightBytes, fit.weightBytes);
    QCOMPARE(s.memory.kvCacheBytes, fit.kvCacheBytes);
    QVERIFY(s.memory.fits);
    // Load rises with the batch, and below the planner's SLO capacity both latencies meet the SLO
    // (the chart's capacity line sits where the curves cross the targets).
    QVERIFY(s.latency.size() >= 2);
    const Slo& slo = m_data->scenario.slo;
    int below = 0;
    for (std::size_t i = 0; i < s.latency.size(); ++i) {
        const LatencyLoadPoint& p = s.latency[i];
        if (i > 0)
            QVERIFY(p.qps > s.latency[i - 1].qps);
        QVERIFY(p.ttftMs.low <= p.ttftMs.value && p.ttftMs.value <= p.ttftMs.high);
        if (p.qps < row.capacityQpsPerReplica * 0.999) {
            ++below;
            QVERIFY2(p.ttftMs.value <= slo.ttftMs * (1 + 1e-9), qPrintable(QString::number(p.ttftMs.value)));
            QVERIFY2(p.tpotMs.value <= slo.tpotMs * (1 + 1e-9), qPrintable(QString::number(p.tpotMs.value)));
        }
    }
    QVERIFY(below > 0);
    // Throughput: batch 1, 2, 4, … up to the largest batch, never falling.
    QCOMPARE(s.throughput.front().batch, 1.0);
    QCOMPARE(s.throughput.back().batch, s.maxBatch);
    for (std::size_t i = 1; i < s.throughput.size(); ++i)
        QVERIFY(s.throughput[i].outputTokensPerS.value >= s.throughput[i - 1].outputTokensPerS.value);
}

void TestCharts::perPlanChartsRenderOffscreen() {
    const PlanSeries& s = m_data->series;
    const PlanRow& row = *m_data->recommended();
    QCustomPlot plot;
    auto inked = [&plot] {
        const QImage image = plot.toPixmap(600, 300).toImage();
        int count = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                count += qGray(image.pixel(x, y)) < 200;
        return count;
    };
    MemoryChart::build(&plot, s.memory, {QStringLiteral("L40S"), true});
    QCOMPARE(plot.plottableCount(), 5); // one bar per segment
    QVERIFY(inked() > 500);
    LatencyLoadChart::build(&plot, s.latency, {m_data->scenario.slo, row.capacityQpsPerReplica, true});
    QCOMPARE(plot.axisRectCount(), 2); // TTFT above TPOT
    QCOMPARE(plot.graphCount(), 6);    // band low/high + value, twice
    QVERIFY(inked() > 500);
    ThroughputBatchChart::build(&plot, s.throughput, {0, true});
    QCOMPARE(plot.graph(2)->dataCount(), int(s.throughput.size()));
    AutoscalingDayChart::build(&plot, row, m_data->autoscaling, {QStringLiteral("USD"), 730, true});
    QVERIFY(m_data->autoscaling.simulated);
    QCOMPARE(plot.graph(0)->dataCount(), int(m_data->autoscaling.replicasPerMinute.size()) + 1);
    QVERIFY(inked() > 500);
}

QTEST_MAIN(TestCharts)
#include "TestCharts.moc"
