// The plans table and curve models: every number with its unit, sort values, roles, and the
// QAbstractItemModelTester contract. The rows are built by hand, so the expected text is exact.
#include "CurveModel.h"
#include "PlanTableModel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace serveplan;

class TestPlanTableModel final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void emptyModel();
    void columnsAndUnits();
    void notFittingRowShowsReason();
    void sortValuesOrderRows();
    void rolesAndLookups();
    void curvePoints();
    void modelTesters();

private:
    PlanSnapshotPtr makeSnapshot() const;

    std::shared_ptr<Catalog> m_catalog;
};

void TestPlanTableModel::initTestCase() {
    // Fixed locale: group separators and decimal points are part of the expected text.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_catalog = std::make_shared<Catalog>();
    GpuSpec h100;
    h100.id = "h100-sxm";
    h100.name = "H100 SXM";
    h100.memoryGb = 80;
    m_catalog->gpus.push_back(h100);
    ModelSpec llama;
    llama.id = "llama-3.1-70b";
    llama.name = "Llama 3.1 70B";
    m_catalog->models.push_back(llama);
    InstanceSpec p5;
    p5.provider = "aws";
    p5.instanceType = "p5.48xlarge";
    p5.region = "us-east-1";
    p5.gpuCount = 8;
    m_catalog->instances.push_back(p5);
}

PlanSnapshotPtr TestPlanTableModel::makeSnapshot() const {
    auto snapshot = std::make_shared<PlanSnapshot>();
    snapshot->catalog = m_catalog;
    snapshot->scenario.qps = 10;
    snapshot->scenario.slo.ttftPercentile = 0.95;
    snapshot->scenario.slo.tpotPercentile = 0.99;
    PlanResult& result = snapshot->result;
    result.currency = "USD";

    PlanRow ok;
    ok.rank = 1;
    ok.model = &m_catalog->models[0];
    ok.instance = &m_catalog->instances[0];
    ok.gpu = &m_catalog->gpus[0];
    ok.gpuCount = 8;
    ok.tp = 4;
    ok.replicas = 3;
    ok.capacityQpsPerReplica = 4.25;
    ok.hasPrice = true;
    ok.monthlyCost = 12345.4;
    ok.costPerMillionOutputTokens = 1.5;
    ok.ttftMs = {412, 380, 450};
    ok.tpotMs = {21.5, 20, 24};
    ok.paretoCostCapacity = true;
    result.rows.push_back(ok);

    PlanRow cheaper = ok;
    cheaper.rank = 2;
    cheaper.replicas = 12;
    cheaper.monthlyCost = 99000;
    cheaper.ttftMs = {150, 150, 150};
    cheaper.paretoCostCapacity = false;
    result.rows.push_back(cheaper);

    PlanRow noFit;
    noFit.rank = 3;
    noFit.status = PlanStatus::NoFit;
    noFit.message = Message::text("does not fit: needs 152 GB, has 80 GB");
    noFit.model = &m_catalog->models[0];
    noFit.gpu = &m_catalog->gpus[0];
    noFit.gpuCount = 1;
    result.rows.push_back(noFit);

    CostCurve curve;
    curve.rank = 1;
    curve.label = "llama | aws:p5";
    curve.steps = {{0, 4.25, 1, 1, 4000}, {4.25, 8.5, 2, 1, 8000}};
    result.curves.push_back(curve);
    return snapshot;
}

void TestPlanTableModel::emptyModel() {
    PlanTableModel model;
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(PlanTableModel::ColumnCount));
    QCOMPARE(model.planAt(0), nullptr);
    QCOMPARE(model.rowOfRank(1), -1);
}

void TestPlanTableModel::columnsAndUnits() {
    PlanTableModel model;
    model.setSnapshot(makeSnapshot());
    QCOMPARE(model.rowCount(), 3);
    const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, PlanTableModel::Model), QStringLiteral("Llama 3.1 70B"));
    QCOMPARE(text(0, PlanTableModel::Provider), QStringLiteral("aws"));
    QCOMPARE(text(0, PlanTableModel::Gpu), QStringLiteral("H100 SXM × 8"));
    QCOMPARE(text(0, PlanTableModel::Precision), QStringLiteral("BF16"));
    QCOMPARE(text(0, PlanTableModel::Engine), QStringLiteral("vLLM"));
    QCOMPARE(text(0, PlanTableModel::Parallel), QStringLiteral("TP 4"));
    QCOMPARE(text(0, PlanTableModel::Replicas), QStringLiteral("3 replicas"));
    QCOMPARE(text(0, PlanTableModel::CapacityPerReplica), QStringLiteral("4.25 req/s"));
    // The report's decimals (models/PlanFormat): money 2, cost per million tokens 3.
    QCOMPARE(text(0, PlanTableModel::MonthlyCost), QStringLiteral("12,345.40 USD/month"));
    QCOMPARE(text(0, PlanTableModel::CostPerMillionTokens), QStringLiteral("1.500 USD/M output tokens"));
    QCOMPARE(text(0, PlanTableModel::TtftP), QStringLiteral("412 ms (380–450 ms)"));
    QCOMPARE(text(0, PlanTableModel::TpotP), QStringLiteral("21.5 ms (20.0–24.0 ms)"));
    // A band of zero width is shown as the value alone.
    QCOMPARE(text(1, PlanTableModel::TtftP), QStringLiteral("150 ms"));
    // The header names the SLO percentile of the scenario.
    QCOMPARE(model.headerData(PlanTableModel::TtftP, Qt::Horizontal).toString(), QStringLiteral("TTFT p95"));
    QCOMPARE(model.headerData(PlanTableModel::TpotP, Qt::Horizontal).toString(), QStringLiteral("TPOT p99"));
}

void TestPlanTableModel::notFittingRowShowsReason() {
    PlanTableModel model;
    model.setSnapshot(makeSnapshot());
    QCOMPARE(model.index(2, PlanTableModel::Status).data().toString(), QStringLiteral("Does not fit"));
    QCOMPARE(model.index(2, PlanTableModel::Message).data().toString(),
             QStringLiteral("does not fit: needs 152 GB, has 80 GB"));
    QCOMPARE(model.index(2, PlanTableModel::Status).data(Qt::ToolTipRole).toString(),
             QStringLiteral("does not fit: needs 152 GB, has 80 GB"));
    // No instance, no capacity: dashes, never a made-up number.
    QCOMPARE(model.index(2, PlanTableModel::Provider).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(2, PlanTableModel::MonthlyCost).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(2, PlanTableModel::Replicas).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(2, PlanTableModel::Gpu).data().toString(), QStringLiteral("H100 SXM"));
}

void TestPlanTableModel::sortValuesOrderRows() {
    PlanTableModel model;
    model.setSnapshot(makeSnapshot());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(PlanTableModel::SortRole);
    // By TTFT ascending: 150 ms (rank 2), 412 ms (rank 1), then the row without a value (rank 3).
    proxy.sort(PlanTableModel::TtftP, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(PlanTableModel::RankRole).toInt(), 2);
    QCOMPARE(proxy.index(1, 0).data(PlanTableModel::RankRole).toInt(), 1);
    QCOMPARE(proxy.index(2, 0).data(PlanTableModel::RankRole).toInt(), 3);
    // By monthly cost descending the missing value comes first, then 99,000 and 12,345.
    proxy.sort(PlanTableModel::MonthlyCost, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(PlanTableModel::RankRole).toInt(), 3);
    QCOMPARE(proxy.index(1, 0).data(PlanTableModel::RankRole).toInt(), 2);
    QCOMPARE(proxy.index(2, 0).data(PlanTableModel::RankRole).toInt(), 1);
}

void TestPlanTableModel::rolesAndLookups() {
    PlanTableModel model;
    model.setSnapshot(makeSnapshot());
    QCOMPARE(model.index(0, 0).data(PlanTableModel::ParetoRole).toBool(), true);
    QCOMPARE(model.index(1, 0).data(PlanTableModel::ParetoRole).toBool(), false);
    QCOMPARE(model.index(2, 0).data(PlanTableModel::StatusRole).toInt(), int(PlanStatus::NoFit));
    QCOMPARE(model.index(0, PlanTableModel::TtftP).data(PlanTableModel::BandLowRole).toDouble(), 380.0);
    QCOMPARE(model.index(0, PlanTableModel::TpotP).data(PlanTableModel::BandHighRole).toDouble(), 24.0);
    QVERIFY(!model.index(0, PlanTableModel::Model).data(PlanTableModel::BandLowRole).isValid());
    QCOMPARE(model.rowOfRank(3), 2);
    QCOMPARE(model.planAt(1)->rank, 2);
}

void TestPlanTableModel::curvePoints() {
    CurveModel curves;
    curves.setSnapshot(makeSnapshot());
    QCOMPARE(curves.rowCount(), 1);
    QCOMPARE(curves.rowOfRank(1), 0);
    QCOMPARE(curves.rowOfRank(2), -1);
    QCOMPARE(curves.index(0).data().toString(), QStringLiteral("#1 llama | aws:p5"));
    QCOMPARE(curves.index(0).data(CurveModel::ParetoRole).toBool(), true);
    const auto points = curves.index(0).data(CurveModel::PointsRole).value<QList<QPointF>>();
    // Two steps → four points: (0, 4000) (4.25, 4000) (4.25, 8000) (8.5, 8000).
    const QList<QPointF> expected{{0, 4000}, {4.25, 4000}, {4.25, 8000}, {8.5, 8000}};
    QCOMPARE(points, expected);
}

void TestPlanTableModel::modelTesters() {
    PlanTableModel table;
    CurveModel curves;
    QAbstractItemModelTester tableTester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester curveTester(&curves, QAbstractItemModelTester::FailureReportingMode::QtTest);
    table.setSnapshot(makeSnapshot());
    curves.setSnapshot(makeSnapshot());
    table.setSnapshot(nullptr);
    curves.setSnapshot(nullptr);
    QCOMPARE(table.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestPlanTableModel)
#include "TestPlanTableModel.moc"
