// The calibration window offscreen, on a real catalog database in a temporary directory: a probe run
// (the H200 fixture replayed by a script, and the real probe's CPU fallback when the build has it)
// is shown live and stored; probes that crash, hang past the timeout or print garbage end with a
// clear message and leave the window usable; cancel stops a run; a failed test keeps the results
// before it; the history lists stored runs, applies and removes a calibration, deletes after asking,
// exports and imports runs; the device (serveplan-probe --device-only) and the catalog GPU it maps to
// are shown when the window opens, before any run; vllm bench and Locust results are imported with their deployment and
// shown against the engine's predictions; Tools ▸ Calibration opens the window and applying re-plans.
#include "CalibrationImport.h"
#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "MainWindow.h"
#include "PresetPrompts.h"
#include "TestSupport.h"
#include "calibration/CalibrationWindow.h"
#include "calibration/LoadTestSetupDialog.h"
#include "dialogs/DialogActions.h"
#include "document/ScenarioDocument.h"
#include "workspace/DemoScenario.h"
#include "workspace/PlanningController.h"

#include "charts/Qcp.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QBrush>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::ui;
using serveplan::models::CalibrationStore;
using serveplan::models::CatalogDb;
using Outcome = serveplan::models::ProbeRunner::Outcome;

namespace {

constexpr int kProbeWaitMs = 60'000;

QString fixture(const char* name) {
    return test::testDataPath(QStringLiteral("probe/") + QLatin1String(name));
}

/// Runs `quick` or full and waits for the end; the outcome, or NotStarted when it never ended.
Outcome runAndWait(CalibrationWindow& window, QPushButton* button, int waitMs = kProbeWaitMs) {
    QSignalSpy finished(&window, &CalibrationWindow::probeFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    if (finished.isEmpty() && !finished.wait(waitMs))
        return Outcome::NotStarted;
    return finished.first().at(0).value<Outcome>();
}

// The window's tables are views over item models: these read a cell as the user sees it.
int rowsOf(const QTableView* table) {
    return table->model()->rowCount();
}

QVariant cellData(const QTableView* table, int row, int column, int role) {
    return table->model()->index(row, column).data(role);
}

QString cellText(const QTableView* table, int row, int column) {
    return cellData(table, row, column, Qt::DisplayRole).toString();
}

QBrush foreground(const QTableView* table, int row, int column) {
    return qvariant_cast<QBrush>(cellData(table, row, column, Qt::ForegroundRole));
}

QStringList column(const QTableView* table, int column) {
    QStringList out;
    for (int row = 0; row < rowsOf(table); ++row)
        out << cellText(table, row, column);
    return out;
}

int resultLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return static_cast<int>(file.readAll().count("\"type\":\"result\""));
}

} // namespace

class TestCalibrationWindow final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void missingProbeIsNamedAndRunsAreOff();
    void deviceIsShownWhenTheWindowOpens();
    void replayedRunIsShownStoredAppliedAndRemoved();
    void realProbeRunIsStored();
    void crashingProbeGivesMessage();
    void hangingProbeTimesOut();
    void garbageIsSkippedAndCounted();
    void cancelStopsTheRun();
    void failedTestKeepsEarlierResults();
    void gpuOverrideNamesTheStoredGpu();
    void historyListsStoredRunsNewestFirst();
    void deleteAsksFirst();
    void exportThenImportRoundTrips();
    void vllmResultShowsComparison();
    void locustResultNeedsLengths();
    void cancelledLoadTestImportStoresNothing();
    void garbageFileIsRefused();
    void toolsMenuOpensWindowAndApplyReplans();

private:
    QString writeScript(const QString& name, const QByteArray& body);
    QString replayProbe(const char* fixtureName);
    QString fakeProbe(const char* mode);
    std::unique_ptr<CalibrationWindow> makeWindow(const QString& program);

    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDb> m_db;
    std::unique_ptr<PresetPrompts> m_prompts;
};

void TestCalibrationWindow::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan-tests"));
    QLocale::setDefault(QLocale::c());
}

void TestCalibrationWindow::init() {
    m_prompts = std::make_unique<PresetPrompts>();
    QFile::remove(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    auto db = CatalogDb::open(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    QVERIFY2(db, db ? "" : db.error().c_str());
    m_db = std::move(db).value();
}

void TestCalibrationWindow::cleanup() {
    QCOMPARE(m_prompts->unexpectedQuestions(), 0);
    m_db.reset();
}

QString TestCalibrationWindow::writeScript(const QString& name, const QByteArray& body) {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\n" + body + '\n');
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

QString TestCalibrationWindow::replayProbe(const char* fixtureName) {
    // A stand-in probe that prints a recorded run, as serveplan-probe would on that card.
    return writeScript(QStringLiteral("replay.sh"), "cat '" + fixture(fixtureName).toUtf8() + "'");
}

QString TestCalibrationWindow::fakeProbe(const char* mode) {
    // tests/data/probe/fake_probe.sh misbehaves as FAKE_PROBE_MODE says (it inherits the environment).
    qputenv("FAKE_PROBE_MODE", mode);
    return fixture("fake_probe.sh");
}

std::unique_ptr<CalibrationWindow> TestCalibrationWindow::makeWindow(const QString& program) {
    auto window = std::make_unique<CalibrationWindow>(*m_db, m_prompts.get());
    window->setProbeProgram(program);
    window->show();
    return window;
}

void TestCalibrationWindow::missingProbeIsNamedAndRunsAreOff() {
    auto window = makeWindow(QString());
    QVERIFY2(window->probeLabel()->text().contains(QStringLiteral("SERVEPLAN_PROBE")),
             qPrintable(window->probeLabel()->text()));
    QVERIFY(!window->quickButton()->isEnabled());
    QVERIFY(!window->fullButton()->isEnabled());
    QVERIFY(!window->runProbe(true));
    QVERIFY(window->runStatusLabel()->text().contains(QStringLiteral("not found")));
    // A program that cannot be started is reported, and the window can try again.
    window->setProbeProgram(m_dir.filePath(QStringLiteral("no-such-probe")));
    QVERIFY(window->quickButton()->isEnabled());
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::FailedToStart);
    QVERIFY2(window->runStatusLabel()->text().contains(QStringLiteral("no-such-probe")),
             qPrintable(window->runStatusLabel()->text()));
    QVERIFY(window->quickButton()->isEnabled());
    QCOMPARE(rowsOf(window->historyTable()), 0);
}

void TestCalibrationWindow::deviceIsShownWhenTheWindowOpens() {
    // The real probe, built with the tests (CPU-only in CI): found, and asked for the device alone
    // when the window opens.
    const QString probe = qEnvironmentVariable("SERVEPLAN_PROBE");
    QVERIFY2(!probe.isEmpty() && QFileInfo(probe).isExecutable(), "serveplan-probe is built with the tests");
    {
        CalibrationWindow window(*m_db, m_prompts.get());
        QCOMPARE(window.probeProgram(), probe); // ProbeRunner::locateProbe()
        QVERIFY(!window.isDetectingDevice());   // not before it opens
        QSignalSpy detected(&window, &CalibrationWindow::deviceDetected);
        window.show();
        QVERIFY(window.isDetectingDevice());
        QVERIFY(detected.wait(kProbeWaitMs));
        QCOMPARE(detected.first().at(0).value<Outcome>(), Outcome::Complete);
        QVERIFY(!window.isDetectingDevice());
        // Without a GPU the probe reports the CPU, as its fallback does.
        const QString device = window.deviceLabel()->text();
        QVERIFY2(device.contains(QStringLiteral("CPU fallback")) || device.contains(QStringLiteral(" SM")),
                 qPrintable(device));
        QVERIFY2(!window.matchLabel()->text().contains(QStringLiteral("when a run starts")),
                 qPrintable(window.matchLabel()->text()));
        QCOMPARE(rowsOf(window.resultsTable()), 0); // no test ran and nothing was stored
        QCOMPARE(rowsOf(window.historyTable()), 0);
    }

    // A recorded H200 device line, printed only for --device-only: the device and its catalog GPU.
    const QString h200 =
        writeScript(QStringLiteral("device-only.sh"),
                    "[ \"$1\" = --device-only ] || exit 2\nhead -n 1 '" + fixture("h200_quick.jsonl").toUtf8() +
                        "'\necho '{\"type\":\"done\",\"status\":\"complete\",\"exit_code\":0}'");
    auto window = makeWindow(h200);
    QSignalSpy detected(window.get(), &CalibrationWindow::deviceDetected);
    QVERIFY(detected.wait(kProbeWaitMs));
    QCOMPARE(detected.first().at(0).value<Outcome>(), Outcome::Complete);
    QVERIFY2(window->deviceLabel()->text().contains(QStringLiteral("NVIDIA H200")),
             qPrintable(window->deviceLabel()->text()));
    QVERIFY2(window->deviceLabel()->text().contains(QStringLiteral("132 SM")),
             qPrintable(window->deviceLabel()->text()));
    QVERIFY2(window->matchLabel()->text().contains(QStringLiteral("matches H200 SXM 141GB (h200-sxm)")),
             qPrintable(window->matchLabel()->text()));
    QCOMPARE(rowsOf(window->historyTable()), 0);

    // Failures show the reason: a probe that crashes after its device line, one that cannot start.
    detected.clear();
    window->setProbeProgram(fakeProbe("crash"));
    QVERIFY(detected.wait(kProbeWaitMs));
    QCOMPARE(detected.first().at(0).value<Outcome>(), Outcome::Crashed);
    QVERIFY2(
        window->deviceLabel()->text().contains(QStringLiteral("Fake CPU")) &&
            window->deviceLabel()->text().contains(QStringLiteral("the device check then failed: the probe crashed")),
        qPrintable(window->deviceLabel()->text()));
    detected.clear();
    window->setProbeProgram(m_dir.filePath(QStringLiteral("no-such-probe")));
    QVERIFY(!detected.isEmpty() || detected.wait(kProbeWaitMs));
    QCOMPARE(detected.first().at(0).value<Outcome>(), Outcome::FailedToStart);
    QVERIFY2(window->deviceLabel()->text().startsWith(QStringLiteral("not detected (could not start the probe")),
             qPrintable(window->deviceLabel()->text()));

    // A run replaces a check that is still going (this one would hang).
    window->setProbeProgram(fakeProbe("hang"));
    QVERIFY(window->isDetectingDevice());
    detected.clear();
    QVERIFY(window->runProbe(true));
    QVERIFY(!window->isDetectingDevice());
    window->cancelProbe();
    QSignalSpy finished(window.get(), &CalibrationWindow::probeFinished);
    QVERIFY(finished.wait(kProbeWaitMs));
    QCOMPARE(detected.count(), 0);
}

void TestCalibrationWindow::replayedRunIsShownStoredAppliedAndRemoved() {
    auto window = makeWindow(replayProbe("h200_quick.jsonl"));
    QSignalSpy stored(window.get(), &CalibrationWindow::runStored);
    QSignalSpy changed(window.get(), &CalibrationWindow::calibrationChanged);
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::Complete);

    // Live view: the device, the catalog GPU it maps to, the full progress bar, one row per result.
    QVERIFY2(window->deviceLabel()->text().contains(QStringLiteral("NVIDIA H200")),
             qPrintable(window->deviceLabel()->text()));
    QVERIFY2(window->deviceLabel()->text().contains(QStringLiteral("132 SM")),
             qPrintable(window->deviceLabel()->text()));
    QVERIFY2(window->matchLabel()->text().contains(QStringLiteral("h200-sxm")),
             qPrintable(window->matchLabel()->text()));
    QCOMPARE(window->progressBar()->value(), window->progressBar()->maximum());
    QCOMPARE(rowsOf(window->resultsTable()), resultLines(fixture("h200_quick.jsonl")));
    QVERIFY(column(window->resultsTable(), CalibrationWindow::ResultTest).contains(QStringLiteral("copy_bandwidth")));
    QVERIFY(window->quickButton()->isEnabled());
    QVERIFY(!window->cancelButton()->isEnabled());

    // Stored as CmdProbe stores it: a probe_quick run of h200-sxm.
    QCOMPARE(stored.count(), 1);
    const qint64 id = stored.first().at(0).toLongLong();
    QVERIFY2(window->runStatusLabel()->text().contains(QStringLiteral("Stored as run %1 for GPU h200-sxm").arg(id)),
             qPrintable(window->runStatusLabel()->text()));
    CalibrationStore store(m_db->database());
    auto info = store.run(id);
    QVERIFY(info);
    QCOMPARE(info->kind, QStringLiteral("probe_quick"));
    QCOMPARE(info->gpu, QStringLiteral("h200-sxm"));
    QCOMPARE(rowsOf(window->historyTable()), 1);
    QCOMPARE(window->selectedRunId(), id);

    // The detail: the fitted factors, the step comparison and its chart.
    auto catalog = m_db->loadCatalog();
    QVERIFY(catalog);
    auto fitted = models::fitStoredRun(store, *catalog, id);
    QVERIFY(fitted && fitted->fit);
    QCOMPARE(rowsOf(window->factorTable()), static_cast<int>(fitted->fit->factors.size()));
    QVERIFY(
        column(window->factorTable(), CalibrationWindow::FactorName).contains(QStringLiteral("weight_bandwidth_eff")));
    const auto rows = fitted->comparison();
    QVERIFY(!rows.empty());
    QCOMPARE(rowsOf(window->comparisonTable()), static_cast<int>(rows.size()));
    QCOMPARE(cellText(window->comparisonTable(), 0, CalibrationWindow::CompareMeasured),
             QLocale::c().toString(rows.front().measuredMs, 'g', 5));
    QCOMPARE(window->chart()->graphCount(), 3); // before, after, y = x
    QCOMPARE(window->chart()->graph(0)->dataCount(), static_cast<int>(rows.size()));
    QCOMPARE(window->chart()->graph(1)->dataCount(), static_cast<int>(rows.size()));
    QCOMPARE(window->chart()->xAxis->scaleType(), QCPAxis::stLogarithmic);

    // Apply puts the factors in use for h200-sxm; Remove Calibration takes them out again.
    QVERIFY(store.appliedFactors(QStringLiteral("h200-sxm"))->empty());
    QVERIFY(window->applyButton()->isEnabled());
    QVERIFY(!window->unapplyButton()->isEnabled());
    QTest::mouseClick(window->applyButton(), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.appliedFactors(QStringLiteral("h200-sxm"))->size(), fitted->fit->factors.size());
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryApplied), QStringLiteral("✓"));
    QVERIFY(!window->applyButton()->isEnabled());
    QVERIFY(window->unapplyButton()->isEnabled());
    QTest::mouseClick(window->unapplyButton(), Qt::LeftButton);
    QCOMPARE(changed.count(), 2);
    QVERIFY(store.appliedFactors(QStringLiteral("h200-sxm"))->empty());
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryApplied), QString());
}

void TestCalibrationWindow::realProbeRunIsStored() {
    const QString probe = qEnvironmentVariable("SERVEPLAN_PROBE");
    if (probe.isEmpty() || !QFileInfo(probe).isExecutable())
        QSKIP("serveplan-probe is not built in this tree");
    auto window = makeWindow(probe);
    // Without a GPU the probe measures the CPU; either way the run is stored.
    const Outcome outcome = runAndWait(*window, window->quickButton(), 300'000);
    QVERIFY2(outcome == Outcome::Complete, qPrintable(window->runStatusLabel()->text()));
    QVERIFY(rowsOf(window->resultsTable()) > 0);
    QVERIFY(window->deviceLabel()->text() != QStringLiteral("waiting for the probe…"));
    QCOMPARE(rowsOf(window->historyTable()), 1);
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryKind), QStringLiteral("probe_quick"));
}

void TestCalibrationWindow::crashingProbeGivesMessage() {
    auto window = makeWindow(fakeProbe("crash"));
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::Crashed);
    const QString text = window->runStatusLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("the probe crashed")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("about to crash")), qPrintable(text)); // its stderr
    QVERIFY2(text.contains(QStringLiteral("Nothing was stored")), qPrintable(text));
    QCOMPARE(rowsOf(window->resultsTable()), 1); // the result before the crash stays on screen
    QCOMPARE(rowsOf(window->historyTable()), 0);
    QVERIFY(window->quickButton()->isEnabled());
    // Still usable: the next run works.
    window->setProbeProgram(replayProbe("h200_quick.jsonl"));
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::Complete);
    QCOMPARE(rowsOf(window->historyTable()), 1);
}

void TestCalibrationWindow::hangingProbeTimesOut() {
    auto window = makeWindow(fakeProbe("hang"));
    window->setTimeoutMs(500);
    QCOMPARE(runAndWait(*window, window->fullButton()), Outcome::TimedOut);
    const QString text = window->runStatusLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("did not finish within 0.5 s")), qPrintable(text));
    QCOMPARE(rowsOf(window->historyTable()), 0);
    QVERIFY(window->fullButton()->isEnabled());
    QVERIFY(!window->cancelButton()->isEnabled());
}

void TestCalibrationWindow::garbageIsSkippedAndCounted() {
    auto window = makeWindow(fakeProbe("garbage"));
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::Complete);
    const QString text = window->runStatusLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("6 line(s) of the probe's output were not protocol lines")),
             qPrintable(text));
    QCOMPARE(rowsOf(window->resultsTable()), 1);
    QCOMPARE(rowsOf(window->historyTable()), 1); // the one good result is stored
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryGpu), QStringLiteral("Fake CPU"));
}

void TestCalibrationWindow::cancelStopsTheRun() {
    auto window = makeWindow(fakeProbe("hang"));
    QSignalSpy progress(window->runner(), &models::ProbeRunner::progressed);
    QSignalSpy finished(window.get(), &CalibrationWindow::probeFinished);
    QTest::mouseClick(window->quickButton(), Qt::LeftButton);
    QVERIFY(window->isRunning());
    QVERIFY(!window->quickButton()->isEnabled());
    QVERIFY(progress.wait(kProbeWaitMs)); // it is running and has said something
    QCOMPARE(window->stageLabel()->text(), QStringLiteral("cpu_gemm: stuck"));
    QCOMPARE(window->progressBar()->value(), window->progressBar()->maximum() / 10);
    QVERIFY(window->cancelButton()->isEnabled());
    QTest::mouseClick(window->cancelButton(), Qt::LeftButton);
    QVERIFY(!finished.isEmpty() || finished.wait(kProbeWaitMs));
    QCOMPARE(finished.first().at(0).value<Outcome>(), Outcome::Cancelled);
    QVERIFY(window->runStatusLabel()->text().contains(QStringLiteral("cancelled")));
    QCOMPARE(rowsOf(window->historyTable()), 0);
    QVERIFY(window->quickButton()->isEnabled());
}

void TestCalibrationWindow::failedTestKeepsEarlierResults() {
    auto window = makeWindow(fakeProbe("failed"));
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::TestFailed);
    // The result and the error line, in red, in the live table.
    QCOMPARE(rowsOf(window->resultsTable()), 2);
    QCOMPARE(cellText(window->resultsTable(), 1, CalibrationWindow::ResultTest), QStringLiteral("gpu_gemm"));
    QCOMPARE(cellText(window->resultsTable(), 1, CalibrationWindow::ResultParameters),
             QStringLiteral("CUBLAS_STATUS_EXECUTION_FAILED"));
    QVERIFY(foreground(window->resultsTable(), 1, CalibrationWindow::ResultTest).color() != Qt::black);
    const QString text = window->runStatusLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("some tests failed")) && text.contains(QStringLiteral("Stored as run")),
             qPrintable(text));
    QCOMPARE(rowsOf(window->historyTable()), 1);
}

void TestCalibrationWindow::gpuOverrideNamesTheStoredGpu() {
    auto window = makeWindow(fakeProbe("ok"));
    const int index = window->gpuBox()->findData(QStringLiteral("l4"));
    QVERIFY(index > 0);
    window->gpuBox()->setCurrentIndex(index);
    QVERIFY(window->matchLabel()->text().contains(QStringLiteral("your choice")));
    QCOMPARE(runAndWait(*window, window->quickButton()), Outcome::Complete);
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryGpu), QStringLiteral("l4"));
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryKind), QStringLiteral("probe_quick"));
}

void TestCalibrationWindow::historyListsStoredRunsNewestFirst() {
    CalibrationStore store(m_db->database());
    auto catalog = m_db->loadCatalog();
    QVERIFY(catalog);
    auto first = models::importRunFile(store, *catalog, fixture("h200_full.jsonl"));
    auto second = models::importRunFile(store, *catalog, fixture("h200_quick.jsonl"));
    QVERIFY(first && second);
    auto window = makeWindow(QString());
    QCOMPARE(rowsOf(window->historyTable()), 2);
    QCOMPARE(cellData(window->historyTable(), 0, CalibrationWindow::HistoryDate, Qt::UserRole).toLongLong(),
             second->id);
    QCOMPARE(cellText(window->historyTable(), 1, CalibrationWindow::HistoryGpu), QStringLiteral("h200-sxm"));
    QVERIFY(cellText(window->historyTable(), 1, CalibrationWindow::HistorySummary).contains(QStringLiteral("copy")));
    window->selectRun(first->id);
    QCOMPARE(window->selectedRunId(), first->id);
    // The full run's FP8 GEMM gives an FP8 factor; the comparison has its decode and prefill points.
    QVERIFY(column(window->factorTable(), CalibrationWindow::FactorName).contains(QStringLiteral("gemm_eff_fp8")));
    const QStringList configs = column(window->comparisonTable(), CalibrationWindow::CompareConfig);
    QVERIFY2(configs.contains(QStringLiteral("batch 1, context 128")), qPrintable(configs.join(u'|')));
    const int row = static_cast<int>(configs.indexOf(QStringLiteral("batch 1, context 128")));
    QCOMPARE(cellText(window->comparisonTable(), row, CalibrationWindow::CompareMeasured),
             QStringLiteral("3.9747")); // 3.97475 ms in the file
}

void TestCalibrationWindow::deleteAsksFirst() {
    CalibrationStore store(m_db->database());
    auto catalog = m_db->loadCatalog();
    auto imported = models::importRunFile(store, *catalog, fixture("h200_quick.jsonl"));
    QVERIFY(imported);
    auto window = makeWindow(QString());
    QVERIFY(window->applyRun(imported->id));
    QSignalSpy changed(window.get(), &CalibrationWindow::calibrationChanged);
    m_prompts->queueConfirm(false);
    QTest::mouseClick(window->deleteButton(), Qt::LeftButton);
    QCOMPARE(m_prompts->confirmQuestionsAsked(), 1);
    QCOMPARE(rowsOf(window->historyTable()), 1); // "no" keeps it
    QVERIFY(store.run(imported->id));
    m_prompts->queueConfirm(true);
    QTest::mouseClick(window->deleteButton(), Qt::LeftButton);
    QCOMPARE(rowsOf(window->historyTable()), 0);
    QVERIFY(!store.run(imported->id));
    // It was the applied run: its factors went with it and the plans must change.
    QVERIFY(store.appliedFactors(QStringLiteral("h200-sxm"))->empty());
    QCOMPARE(changed.count(), 1);
}

void TestCalibrationWindow::exportThenImportRoundTrips() {
    auto window = makeWindow(QString());
    m_prompts->queueOpenFile(fixture("h200_full.jsonl")); // bare probe output
    QTest::mouseClick(window->importButton(), Qt::LeftButton);
    QCOMPARE(rowsOf(window->historyTable()), 1);
    const qint64 original = window->selectedRunId();
    const QStringList factors = column(window->factorTable(), CalibrationWindow::FactorValue);
    QVERIFY(!factors.isEmpty());

    const QString path = m_dir.filePath(QStringLiteral("run.json"));
    QFile::remove(path);
    m_prompts->queueSaveFile(path);
    QTest::mouseClick(window->exportButton(), Qt::LeftButton);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"format\": \"serveplan-calibration\""));
    file.close();

    m_prompts->queueOpenFile(path);
    QTest::mouseClick(window->importButton(), Qt::LeftButton);
    QCOMPARE(rowsOf(window->historyTable()), 2);
    const qint64 copy = window->selectedRunId();
    QVERIFY(copy != original);
    CalibrationStore store(m_db->database());
    auto a = store.run(original);
    auto b = store.run(copy);
    QVERIFY(a && b);
    QCOMPARE(b->gpu, a->gpu);
    QCOMPARE(b->kind, a->kind);
    QCOMPARE(b->summary, a->summary);
    QCOMPARE(b->created, a->created);
    QCOMPARE(column(window->factorTable(), CalibrationWindow::FactorValue), factors);
}

void TestCalibrationWindow::vllmResultShowsComparison() {
    auto window = makeWindow(QString());
    LoadTestSetup asked;
    QString askedSource;
    window->setLoadTestSetupPrompt([&](const QString& source, const LoadTestPoint& point) {
        askedSource = source;
        // What the form would offer: the catalog model the file names, vLLM, the file's lengths.
        LoadTestSetupDialog dialog(*m_db->loadCatalog(), source, point, QStringLiteral("h100-sxm"));
        asked = dialog.setup();
        return std::optional<LoadTestSetup>(asked);
    });
    QVERIFY(window->importFile(fixture("vllm_bench_result.json")));
    QCOMPARE(askedSource, QStringLiteral("vllm_bench"));
    QCOMPARE(asked.modelId, std::string("llama-3.1-8b-instruct"));
    QCOMPARE(asked.engine, std::string("vllm"));
    QCOMPARE(asked.gpuId, std::string("h100-sxm"));
    QCOMPARE(asked.inputTokens, 1024.0);
    QCOMPARE(asked.outputTokens, 128.0);

    QCOMPARE(rowsOf(window->historyTable()), 1);
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryKind), QStringLiteral("vllm_bench"));
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryGpu), QStringLiteral("h100-sxm"));
    QFile file(fixture("vllm_bench_result.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto point = parseVllmBenchResult(file.readAll().toStdString());
    QVERIFY(point);
    const QTableView* table = window->comparisonTable();
    QCOMPARE(rowsOf(table), static_cast<int>(point->metrics.size()));
    const int rps =
        static_cast<int>(column(table, CalibrationWindow::CompareTest).indexOf(QStringLiteral("requests_per_s")));
    QVERIFY(rps >= 0);
    QCOMPARE(cellText(table, rps, CalibrationWindow::CompareMeasured), QStringLiteral("3.82"));
    QVERIFY(!cellText(table, rps, CalibrationWindow::CompareBefore).isEmpty()); // the engine's prediction
    QVERIFY(!cellText(table, rps, CalibrationWindow::CompareErrorBefore).isEmpty());
    QVERIFY(window->chart()->graph(0)->dataCount() > 0);

    // A second load test of the same deployment is fitted together with the first, as the CLI does.
    const qint64 first = window->selectedRunId();
    QVERIFY(window->importFile(fixture("vllm_bench_result.json")));
    const qint64 second = window->selectedRunId();
    CalibrationStore store(m_db->database());
    auto catalog = m_db->loadCatalog();
    auto group = models::fitLoadTestGroup(store, *catalog, second);
    QVERIFY(group);
    QCOMPARE(group->runIds, (std::vector<qint64>{first, second}));
    QCOMPARE(group->points.size(), std::size_t(2));

    // Apply stores the factors fitted to the load tests for their GPU and engine, when they can be fitted.
    const bool fits = group->fit.ok();
    if (fits)
        QVERIFY2(window->detailLabel()->text().contains(QStringLiteral("runs %1, %2").arg(first).arg(second)),
                 qPrintable(window->detailLabel()->text()));
    QCOMPARE(window->applyRun(second), fits);
    QCOMPARE(store.appliedFactors(QStringLiteral("h100-sxm"), QStringLiteral("vllm"))->size(),
             fits ? group->fit->factors.size() : std::size_t(0));
    if (!fits) {
        QVERIFY(!window->historyStatusLabel()->text().isEmpty());
        return;
    }
    // Remove Calibration takes it off the GPU again.
    QVERIFY(window->unapplyButton()->isEnabled());
    QTest::mouseClick(window->unapplyButton(), Qt::LeftButton);
    QVERIFY(store.appliedFactors(QStringLiteral("h100-sxm"), QStringLiteral("vllm"))->empty());
}

void TestCalibrationWindow::locustResultNeedsLengths() {
    QFile file(fixture("locust_stats.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto point = parseLocustStats(file.readAll().toStdString());
    QVERIFY(point);
    auto catalog = m_db->loadCatalog();
    LoadTestSetupDialog dialog(*catalog, QStringLiteral("locust"), *point, QStringLiteral("l4"));
    QCOMPARE(dialog.engineBox()->currentData().toString(), QStringLiteral("generic"));
    QCOMPARE(dialog.gpuBox()->currentData().toString(), QStringLiteral("l4"));
    QCOMPARE(dialog.inputTokensBox()->value(), 0.0); // Locust has no token counts
    QCOMPARE(dialog.inputTokensBox()->text(), QStringLiteral("not given"));
    QVERIFY(dialog.fileLabel()->text().contains(QStringLiteral("1194 completed request")));
    dialog.modelBox()->setCurrentIndex(dialog.modelBox()->findData(QStringLiteral("llama-3.1-8b-instruct")));
    dialog.inputTokensBox()->setValue(1024);
    dialog.outputTokensBox()->setValue(128);
    const LoadTestSetup setup = dialog.setup();

    auto window = makeWindow(QString());
    window->setLoadTestSetupPrompt([&](const QString&, const LoadTestPoint&) { return std::optional(setup); });
    m_prompts->queueOpenFile(fixture("locust_stats.csv"));
    QTest::mouseClick(window->importButton(), Qt::LeftButton);
    QCOMPARE(rowsOf(window->historyTable()), 1);
    QCOMPARE(cellText(window->historyTable(), 0, CalibrationWindow::HistoryKind), QStringLiteral("locust"));
    const QStringList metrics = column(window->comparisonTable(), CalibrationWindow::CompareTest);
    QVERIFY2(metrics.contains(QStringLiteral("e2e_latency_ms")), qPrintable(metrics.join(u'|')));
    const int row = static_cast<int>(metrics.indexOf(QStringLiteral("e2e_latency_ms")));
    QCOMPARE(cellText(window->comparisonTable(), row, CalibrationWindow::CompareMeasured), QStringLiteral("1342.5"));
    QCOMPARE(cellText(window->comparisonTable(), row, CalibrationWindow::CompareUnit), QStringLiteral("ms"));
}

void TestCalibrationWindow::cancelledLoadTestImportStoresNothing() {
    auto window = makeWindow(QString());
    int asked = 0;
    window->setLoadTestSetupPrompt([&](const QString&, const LoadTestPoint&) {
        ++asked;
        return std::optional<LoadTestSetup>();
    });
    QVERIFY(!window->importFile(fixture("vllm_bench_result.json")));
    QCOMPARE(asked, 1);
    QCOMPARE(rowsOf(window->historyTable()), 0);
    // A deployment the catalog does not know is refused with the reason.
    window->setLoadTestSetupPrompt([](const QString&, const LoadTestPoint&) {
        LoadTestSetup setup;
        setup.modelId = "llama-3.1-8b-instruct";
        setup.gpuId = "no-such-gpu";
        return std::optional(setup);
    });
    QVERIFY(!window->importFile(fixture("vllm_bench_result.json")));
    QVERIFY2(window->historyStatusLabel()->text().contains(QStringLiteral("no-such-gpu")),
             qPrintable(window->historyStatusLabel()->text()));
    QCOMPARE(rowsOf(window->historyTable()), 0);
}

void TestCalibrationWindow::garbageFileIsRefused() {
    auto window = makeWindow(QString());
    const QString path = writeScript(QStringLiteral("garbage.json"), "this is not a calibration run");
    QVERIFY(!window->importFile(path));
    QVERIFY2(window->historyStatusLabel()->text().contains(QStringLiteral("garbage.json")),
             qPrintable(window->historyStatusLabel()->text()));
    QCOMPARE(rowsOf(window->historyTable()), 0);
}

void TestCalibrationWindow::toolsMenuOpensWindowAndApplyReplans() {
    auto catalog = m_db->loadCatalog();
    QVERIFY(catalog);
    MainWindow main(std::make_shared<const Catalog>(std::move(catalog).value()), m_prompts.get());
    connectDialogActions(&main, m_db->path());
    main.show();
    QAction* action = main.calibrationAction();
    QVERIFY(action->isEnabled());
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+K")));
    action->trigger();
    auto* window = main.findChild<CalibrationWindow*>();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    action->trigger(); // the same window comes back, not a second one
    QCOMPARE(main.findChildren<CalibrationWindow*>().size(), 1);

    main.document()->reset(demoScenario());
    QSignalSpy started(main.planning(), &PlanningController::started);
    QVERIFY(started.wait(kProbeWaitMs));
    while (main.planning()->isBusy())
        QTest::qWait(20);
    started.clear();
    m_prompts->queueOpenFile(fixture("h200_quick.jsonl"));
    QTest::mouseClick(window->importButton(), Qt::LeftButton);
    QCOMPARE(started.count(), 0); // storing a run changes no plan
    QTest::mouseClick(window->applyButton(), Qt::LeftButton);
    QVERIFY(started.count() > 0 || started.wait(kProbeWaitMs)); // the reloaded catalog is planned again
    window->close();
    while (main.planning()->isBusy())
        QTest::qWait(20);
}

QTEST_MAIN(TestCalibrationWindow)
#include "TestCalibrationWindow.moc"
