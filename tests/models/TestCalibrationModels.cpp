// The calibration window's item models, each under QAbstractItemModelTester: the runs of a real
// calibration store (SQLite in a temporary directory) newest first with their ids and applied mark;
// the live probe lines of a recorded H200 run with an error line flagged; the fitted factors; and
// predicted versus measured with signed errors, empty where nothing was predicted.
#include "CalibrationFactorModel.h"
#include "CalibrationProbeLineModel.h"
#include "CalibrationResultModel.h"
#include "CalibrationRunModel.h"
#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace serveplan;
using namespace serveplan::models;

namespace {

QString cell(const QAbstractItemModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

} // namespace

class TestCalibrationModels final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void runsOfTheStoreNewestFirst();
    void probeLinesOfARecordedRun();
    void factorsAreListed();
    void resultsShowSignedErrors_data();
    void resultsShowSignedErrors();
    void missingPredictionsStayEmpty();
};

void TestCalibrationModels::initTestCase() {
    QLocale::setDefault(QLocale::c());
}

void TestCalibrationModels::runsOfTheStoreNewestFirst() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = CatalogDb::open(dir.filePath(QStringLiteral("catalog.sqlite")));
    QVERIFY2(db, db ? "" : db.error().c_str());
    CalibrationStore store((*db)->database());
    auto first = store.addRun(QStringLiteral("h200-sxm"), QStringLiteral("probe"), "{}\n",
                              QStringLiteral("copy 4.0 TB/s"), QStringLiteral("2026-11-01T10:00:00Z"));
    auto second = store.addRun(QStringLiteral("l4"), QStringLiteral("vllm_bench"), "{}\n", QStringLiteral("3.8 req/s"),
                               QStringLiteral("2026-11-02T11:30:00Z"));
    QVERIFY(first && second);
    QVERIFY(store.apply(*first, {{"weight_bandwidth_eff", 0.9, Message::text("copy_bandwidth")}}));

    CalibrationRunModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), int(CalibrationRunModel::ColumnCount));
    auto runs = store.runs();
    QVERIFY(runs);
    model.setRuns(*runs);
    QCOMPARE(model.rowCount(), 2);
    // Newest first, the date without ISO's T and Z, the id and kind on every cell.
    QCOMPARE(cell(model, 0, CalibrationRunModel::Date), QStringLiteral("2026-11-02 11:30:00"));
    QCOMPARE(model.index(0, CalibrationRunModel::Summary).data(CalibrationRunModel::RunIdRole).toLongLong(), *second);
    QCOMPARE(model.index(0, CalibrationRunModel::Gpu).data(CalibrationRunModel::KindRole).toString(),
             QStringLiteral("vllm_bench"));
    QCOMPARE(cell(model, 1, CalibrationRunModel::Gpu), QStringLiteral("h200-sxm"));
    QCOMPARE(cell(model, 1, CalibrationRunModel::Summary), QStringLiteral("copy 4.0 TB/s"));
    // The applied run is marked, and only its GPU counts as calibrated.
    QCOMPARE(cell(model, 1, CalibrationRunModel::Applied), QStringLiteral("✓"));
    QVERIFY(model.index(1, CalibrationRunModel::Applied).data(CalibrationRunModel::AppliedRole).toBool());
    QCOMPARE(cell(model, 0, CalibrationRunModel::Applied), QString());
    QVERIFY(model.gpuCalibrated(QStringLiteral("h200-sxm")));
    QVERIFY(!model.gpuCalibrated(QStringLiteral("l4")));
    QCOMPARE(model.rowOf(*first), 1);
    QCOMPARE(model.rowOf(999), -1);
    QVERIFY(!model.runAt(2));
    QCOMPARE(model.headerData(CalibrationRunModel::Date, Qt::Horizontal).toString(), QStringLiteral("Date (UTC)"));

    // Deleting a run and reading again resets the rows.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(store.remove(*second));
    model.setRuns(*store.runs());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.runAt(0)->id, *first);
}

void TestCalibrationModels::probeLinesOfARecordedRun() {
    QFile file(test::testDataPath(QStringLiteral("probe/h200_quick.jsonl")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    CalibrationProbeLineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int results = 0;
    QJsonObject copy;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        if (line.value(u"type").toString() != u"result")
            continue;
        if (results == 0)
            copy = line;
        model.addResult(line);
        ++results;
    }
    QVERIFY(results > 0);
    QCOMPARE(model.rowCount(), results);
    QCOMPARE(inserted.count(), results); // one row at a time, as the lines arrive
    // The first result: {"test":"copy_bandwidth","value":3937.08,"unit":"GB/s","bytes":1006632960,...}
    QCOMPARE(copy.value(u"test").toString(), QStringLiteral("copy_bandwidth"));
    QCOMPARE(cell(model, 0, CalibrationProbeLineModel::Test), QStringLiteral("copy_bandwidth"));
    QCOMPARE(cell(model, 0, CalibrationProbeLineModel::Value), QStringLiteral("3937.08"));
    QCOMPARE(cell(model, 0, CalibrationProbeLineModel::Unit), QStringLiteral("GB/s"));
    const QString parameters = cell(model, 0, CalibrationProbeLineModel::Parameters);
    QVERIFY2(parameters.contains(QStringLiteral("bytes=1.00663e+09")) &&
                 parameters.contains(QStringLiteral("counted=read+write")) && !parameters.contains(u"test=") &&
                 !parameters.contains(u"unit="),
             qPrintable(parameters));
    QVERIFY(!model.index(0, 0).data(CalibrationProbeLineModel::ErrorRole).toBool());

    // An error line: stage and message, "error" for the value, flagged.
    model.addError(QStringLiteral("gpu_gemm"), QStringLiteral("CUBLAS_STATUS_EXECUTION_FAILED"));
    const int last = model.rowCount() - 1;
    QCOMPARE(cell(model, last, CalibrationProbeLineModel::Test), QStringLiteral("gpu_gemm"));
    QCOMPARE(cell(model, last, CalibrationProbeLineModel::Parameters),
             QStringLiteral("CUBLAS_STATUS_EXECUTION_FAILED"));
    QCOMPARE(cell(model, last, CalibrationProbeLineModel::Value), QStringLiteral("error"));
    QVERIFY(model.index(last, CalibrationProbeLineModel::Unit).data(CalibrationProbeLineModel::ErrorRole).toBool());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestCalibrationModels::factorsAreListed() {
    CalibrationFactorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFactors({{"weight_bandwidth_eff", 0.8734567, Message::text("copy_bandwidth")},
                      {"gemm_eff_bf16", 0.71, Message::text("gpu_gemm")}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, CalibrationFactorModel::Name), QStringLiteral("weight_bandwidth_eff"));
    QCOMPARE(cell(model, 0, CalibrationFactorModel::Value), QStringLiteral("0.87346")); // five significant digits
    QCOMPARE(model.index(0, CalibrationFactorModel::Value).data(CalibrationFactorModel::ValueRole).toDouble(),
             0.8734567);
    QCOMPARE(cell(model, 1, CalibrationFactorModel::Basis), QStringLiteral("gpu_gemm"));
    QCOMPARE(cell(model, 0, CalibrationFactorModel::Unit), QStringLiteral("fraction of the catalog's peak"));
    QVERIFY(!model.index(0, CalibrationFactorModel::Name).data(Qt::ToolTipRole).isValid());
    // The collective factors (issue 17) say their unit and, as a tooltip, what they mean.
    model.setFactors({{"allreduce_bus_eff", 0.558, Message::text("nccl")},
                      {"allreduce_latency_us", 55.5, Message::text("nccl")},
                      {"collective_gpus_nvlink", 8, Message::text("nccl")},
                      {"step_overhead_s", 1e-4, Message::text("load test")}});
    QCOMPARE(cell(model, 0, CalibrationFactorModel::Unit), QStringLiteral("fraction of the link's one-way peak"));
    QCOMPARE(cell(model, 1, CalibrationFactorModel::Unit), QStringLiteral("µs"));
    QCOMPARE(cell(model, 2, CalibrationFactorModel::Unit), QStringLiteral("GPUs"));
    QCOMPARE(cell(model, 3, CalibrationFactorModel::Unit), QStringLiteral("s"));
    QVERIFY(model.index(0, CalibrationFactorModel::Name)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("tensor-parallel all-reduce")));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestCalibrationModels::resultsShowSignedErrors_data() {
    QTest::addColumn<double>("measured");
    QTest::addColumn<double>("predicted");
    QTest::addColumn<QString>("error");
    // 100 × (predicted − measured) / measured, one decimal, a sign when above.
    QTest::addRow("20 percent too slow") << 10.0 << 12.0 << QStringLiteral("+20.0");
    QTest::addRow("10 percent too fast") << 10.0 << 9.0 << QStringLiteral("-10.0");
    QTest::addRow("exact") << 3.5 << 3.5 << QStringLiteral("0.0");
    QTest::addRow("nothing measured") << 0.0 << 9.0 << QString();
    QTest::addRow("nothing predicted") << 10.0 << 0.0 << QString();
    QTest::addRow("not a number") << 10.0 << std::nan("") << QString();
}

void TestCalibrationModels::resultsShowSignedErrors() {
    QFETCH(double, measured);
    QFETCH(double, predicted);
    QFETCH(QString, error);
    CalibrationResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({{QStringLiteral("decode_step"), QStringLiteral("batch 1, context 128"), QStringLiteral("ms"),
                    measured, predicted, predicted, true, QString()}});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, CalibrationResultModel::ErrorBefore), error);
    QCOMPARE(cell(model, 0, CalibrationResultModel::ErrorAfter), error);
    QCOMPARE(cell(model, 0, CalibrationResultModel::Config), QStringLiteral("batch 1, context 128"));
    QCOMPARE(cell(model, 0, CalibrationResultModel::Measured), QLocale::c().toString(measured, 'g', 5));
    const double percent =
        model.index(0, CalibrationResultModel::ErrorBefore).data(CalibrationResultModel::ValueRole).toDouble();
    QCOMPARE(std::isfinite(percent), !error.isEmpty());
}

void TestCalibrationModels::missingPredictionsStayEmpty() {
    CalibrationResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A load-test metric the engine cannot predict: the measured value and the reason, nothing else.
    model.setRows({{QStringLiteral("requests_per_s"), QString(), QStringLiteral("req/s"), 3.82, 0, 0, false,
                    QStringLiteral("no prediction for this metric")},
                   {QStringLiteral("ttft_ms"), QString(), QStringLiteral("ms"), 120.5, 100.25, 118, true, QString()}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, CalibrationResultModel::Measured), QStringLiteral("3.82"));
    QCOMPARE(cell(model, 0, CalibrationResultModel::Before), QString());
    QCOMPARE(cell(model, 0, CalibrationResultModel::After), QString());
    QCOMPARE(cell(model, 0, CalibrationResultModel::Note), QStringLiteral("no prediction for this metric"));
    QCOMPARE(cell(model, 1, CalibrationResultModel::Before), QStringLiteral("100.25"));
    QCOMPARE(cell(model, 1, CalibrationResultModel::ErrorBefore), QStringLiteral("-16.8")); // (100.25-120.5)/120.5
    QCOMPARE(cell(model, 1, CalibrationResultModel::ErrorAfter), QStringLiteral("-2.1"));   // (118-120.5)/120.5
    QCOMPARE(model.headerData(CalibrationResultModel::ErrorBefore, Qt::Horizontal).toString(),
             QStringLiteral("Error before (%)"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestCalibrationModels)
#include "TestCalibrationModels.moc"
