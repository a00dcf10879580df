// Whole flows through the planning workspace, offscreen, with the real planner on the seed catalog
// (resources/data): pick a model and two GPUs and see curves and plans; select a plan in the table
// and see the chart and details follow, and the other way round; edit, undo, redo and see the plans
// follow; save, reopen, same plans; a bad file changes nothing; a price change re-plans; the
// "Use applied calibrations" switch re-plans, undoes and round-trips through a file; and the
// background controller's debounce, restart and cancel.
#include "CurveModel.h"
#include "MainWindow.h"
#include "PlanTableModel.h"
#include "PresetPrompts.h"
#include "TestSupport.h"
#include "catalog/CatalogCsv.h"
#include "document/DocumentActions.h"
#include "document/ScenarioDocument.h"
#include "workspace/CheckListPicker.h"
#include "workspace/CostChartView.h"
#include "workspace/DemoScenario.h"
#include "workspace/DetailsPane.h"
#include "workspace/PlanningController.h"
#include "workspace/PlansView.h"
#include "workspace/ScenarioPanel.h"
#include "workspace/TrafficEditor.h"

#include "charts/CostCurveChart.h"
#include "charts/Qcp.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <algorithm>
#include <set>
#include <thread>

using namespace serveplan;
using namespace serveplan::ui;

namespace {
constexpr int kPlanTimeoutMs = 60'000;
}

class TestWorkspace final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void startsEmptyAndAsksForAModel();
    void aboutBoxGoesThroughThePromptSeam();
    void pickModelAndTwoGpusFillsChartAndTable();
    void tableSelectionDrivesChartAndDetails();
    void chartClickSelectsTableRow();
    void editUndoRedoReplans();
    void saveReopenGivesSamePlans();
    void calibrationSwitchReplansUndoesAndRoundTrips();
    void badFileKeepsScenarioAndPlans();
    void priceChangeReplans();
    void pickerFilterNarrowsList();
    void presetsAndTrafficEditsAreUndoable();
    void keyboardAccess();
    void exportChartFiles();
    void debounceCoalescesEdits();
    void newerRequestCancelsRunningPass();
    void cancelKeepsLastResult();

private:
    std::unique_ptr<MainWindow> makeWindow(PresetPrompts* prompts) const;
    static bool waitForPlans(MainWindow& window);
    static QStringList tableText(const PlanTableModel& model);

    std::shared_ptr<const Catalog> m_catalog;
    QTemporaryDir m_dir;
};

void TestWorkspace::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan-tests"));
    QLocale::setDefault(QLocale::c());
    auto catalog = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
    QVERIFY2(catalog.ok(), catalog.ok() ? "" : catalog.error().c_str());
    m_catalog = std::make_shared<const Catalog>(std::move(catalog).value());
}

std::unique_ptr<MainWindow> TestWorkspace::makeWindow(PresetPrompts* prompts) const {
    auto window = std::make_unique<MainWindow>(m_catalog, prompts);
    window->show();
    return window;
}

bool TestWorkspace::waitForPlans(MainWindow& window) {
    QSignalSpy finished(window.planning(), &PlanningController::finished);
    if (!finished.wait(kPlanTimeoutMs))
        return false;
    // Edits made within the debounce window start a second pass; wait until the controller is idle.
    while (window.planning()->isBusy())
        if (!finished.wait(kPlanTimeoutMs))
            return false;
    QCoreApplication::processEvents();
    return true;
}

QStringList TestWorkspace::tableText(const PlanTableModel& model) {
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c)
            cells.append(model.index(r, c).data().toString());
        rows.append(cells.join(QLatin1Char('|')));
    }
    return rows;
}

void TestWorkspace::startsEmptyAndAsksForAModel() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    QVERIFY(window->document()->scenario().models.empty());
    QCOMPARE(window->planModel()->rowCount(), 0);
    QCOMPARE(window->statusLabel()->text(), QStringLiteral("Pick at least one model to plan."));
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("Untitled")));
    // Every model of the catalog is offered, grouped by family.
    QCOMPARE(window->scenarioPanel()->modelPicker()->entryCount(), int(m_catalog->models.size()));
    QCOMPARE(window->scenarioPanel()->gpuPicker()->entryCount(), int(m_catalog->gpus.size()));
}

void TestWorkspace::aboutBoxGoesThroughThePromptSeam() {
    // Help → About asks the seam (no real QMessageBox to block a test), with the program's version.
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    QAction* about = nullptr;
    for (QAction* action : window->findChildren<QAction*>())
        if (action->text() == QStringLiteral("&About ServePlan"))
            about = action;
    QVERIFY(about);
    about->trigger();
    QCOMPARE(prompts.aboutShown().size(), 1);
    QVERIFY(prompts.aboutShown().constFirst().startsWith(QStringLiteral("About ServePlan: <b>ServePlan ")));
    QCOMPARE(prompts.unexpectedQuestions(), 0);
}

void TestWorkspace::pickModelAndTwoGpusFillsChartAndTable() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    ScenarioPanel* panel = window->scenarioPanel();
    QSignalSpy finished(window->planning(), &PlanningController::finished);
    QVERIFY(panel->modelPicker()->toggleId(QStringLiteral("llama-3.1-8b-instruct"), true));
    QVERIFY(panel->gpuPicker()->toggleId(QStringLiteral("h100-sxm"), true));
    QVERIFY(panel->gpuPicker()->toggleId(QStringLiteral("a100-80gb-sxm"), true));
    QCOMPARE(window->document()->undoStack()->count(), 3);
    QVERIFY(window->isWindowModified());
    QVERIFY(waitForPlans(*window));
    // The three edits came within the debounce window: one pass.
    QCOMPARE(finished.count(), 1);

    const PlanTableModel* plans = window->planModel();
    QVERIFY(plans->rowCount() > 0);
    QVERIFY(window->curveModel()->rowCount() > 0);
    QCOMPARE(window->costChart()->curveCount(), window->curveModel()->rowCount());
    std::set<std::string> gpus;
    for (int r = 0; r < plans->rowCount(); ++r) {
        QCOMPARE(plans->planAt(r)->model->id, std::string("llama-3.1-8b-instruct"));
        gpus.insert(plans->planAt(r)->gpu->id);
    }
    QCOMPARE(gpus, (std::set<std::string>{"a100-80gb-sxm", "h100-sxm"}));
    QVERIFY(plans->planAt(0)->status == PlanStatus::Ok);
    QVERIFY(plans->index(0, PlanTableModel::MonthlyCost).data().toString().endsWith(QStringLiteral("USD/month")));
    QVERIFY(window->statusLabel()->text().contains(QStringLiteral("candidate")));
    // The best plan is selected and shown.
    QCOMPARE(window->plansView()->currentRank(), 1);
    QCOMPARE(window->details()->shownRank(), 1);
    QVERIFY(window->details()->summary()->toPlainText().contains(QStringLiteral("Monthly cost")));
}

void TestWorkspace::tableSelectionDrivesChartAndDetails() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    QVERIFY(waitForPlans(*window));
    QVERIFY(window->curveModel()->rowCount() >= 2);
    const int rank = window->curveModel()->index(1).data(CurveModel::RankRole).toInt();
    window->plansView()->selectRank(rank);
    QCOMPARE(window->plansView()->currentRank(), rank);
    QCOMPARE(window->costChart()->selectedRank(), rank);
    QCOMPARE(window->details()->shownRank(), rank);
    QCPGraph* selected = window->costChart()->graphOfRank(rank);
    QCPGraph* other =
        window->costChart()->graphOfRank(window->curveModel()->index(0).data(CurveModel::RankRole).toInt());
    QVERIFY(selected && other);
    QVERIFY(selected->pen().widthF() > other->pen().widthF());
    QVERIFY(window->details()->summary()->toPlainText().startsWith(QStringLiteral("#%1").arg(rank)));
    // Clicking the table row itself does the same as selectRank().
    QTableView* table = window->plansView()->table();
    const QModelIndex first = table->model()->index(0, 0);
    table->setCurrentIndex(first);
    QCOMPARE(window->costChart()->selectedRank(), first.data(PlanTableModel::RankRole).toInt());
}

void TestWorkspace::chartClickSelectsTableRow() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    QVERIFY(waitForPlans(*window));
    CostChartView* chart = window->costChart();
    QCustomPlot* plot = chart->plot();
    plot->replot();
    // Find a pixel on some curve that no other curve is nearer to, then click it.
    for (QCPGraph* graph : plot->axisRect()->graphs()) {
        const QVariant rank = graph->property(CostCurveChart::kRankProperty);
        if (!rank.isValid() || graph->data()->size() < 2)
            continue;
        const auto a = graph->data()->at(0);
        const auto b = graph->data()->at(1);
        // The click lands on a whole pixel: test that pixel, not the exact curve point. The chart is
        // rebuilt by the click, so copy what is needed from the graph first.
        const double qps = (a->key + b->key) / 2;
        const QPoint pixel = graph->coordsToPixels(qps, a->value).toPoint();
        if (!plot->axisRect()->rect().contains(pixel) || chart->rankAt(QPointF(pixel)) != rank.toInt())
            continue;
        QTest::mouseClick(plot, Qt::LeftButton, {}, pixel);
        QCOMPARE(chart->selectedRank(), rank.toInt());
        QCOMPARE(window->plansView()->currentRank(), rank.toInt());
        QCOMPARE(window->details()->shownRank(), rank.toInt());
        QVERIFY(chart->describe(rank.toInt(), qps).contains(QStringLiteral("replica")));
        return;
    }
    QFAIL("no clickable curve segment found");
}

void TestWorkspace::editUndoRedoReplans() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    QVERIFY(waitForPlans(*window));
    const QStringList before = tableText(*window->planModel());

    window->scenarioPanel()->qpsSpin()->setValue(200);
    QVERIFY(waitForPlans(*window));
    QCOMPARE(window->planning()->latest()->scenario.qps, 200.0);
    QVERIFY(tableText(*window->planModel()) != before); // more load, more replicas

    window->document()->undoStack()->undo();
    QCOMPARE(window->scenarioPanel()->qpsSpin()->value(), 20.0);
    QVERIFY(waitForPlans(*window));
    QCOMPARE(window->planning()->latest()->scenario.qps, 20.0);
    QCOMPARE(tableText(*window->planModel()), before);
    QVERIFY(!window->isWindowModified());

    window->document()->undoStack()->redo();
    QCOMPARE(window->scenarioPanel()->qpsSpin()->value(), 200.0);
    QVERIFY(waitForPlans(*window));
    QCOMPARE(window->planning()->latest()->scenario.qps, 200.0);
    QVERIFY(window->isWindowModified());
}

void TestWorkspace::saveReopenGivesSamePlans() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    window->scenarioPanel()->qpsSpin()->setValue(35.5);
    QVERIFY(waitForPlans(*window));
    const QStringList planned = tableText(*window->planModel());
    QVERIFY(!planned.isEmpty());

    const QString file = m_dir.filePath(QStringLiteral("workspace.serveplan"));
    prompts.queueSaveFile(file);
    QVERIFY(window->documentActions()->saveAs());
    QVERIFY(!window->isWindowModified());
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("workspace.serveplan")));

    QVERIFY(window->documentActions()->newDocument()); // saved: no question
    QCOMPARE(window->planModel()->rowCount(), 0);
    prompts.queueOpenFile(file);
    QVERIFY(window->documentActions()->open());
    QVERIFY(waitForPlans(*window));
    QCOMPARE(tableText(*window->planModel()), planned);
    QCOMPARE(prompts.unexpectedQuestions(), 0);
    QVERIFY(prompts.errorsShown().isEmpty());
}

void TestWorkspace::calibrationSwitchReplansUndoesAndRoundTrips() {
    // The seed catalog with a probe-run calibration (every engine) applied to the demo scenario's GPUs, as
    // models/ loads it from calibration_factors: half the weight bandwidth of the profiles.
    auto calibrated = std::make_shared<Catalog>(*m_catalog);
    std::int64_t run = 1;
    for (const std::string& gpu : demoScenario().gpus)
        calibrated->calibrations.push_back(
            {gpu, "generic", run++, {{factor::kWeightBandwidthEff, 0.3, Message::text("test")}}});
    PresetPrompts prompts;
    MainWindow window(calibrated, &prompts);
    window.show();
    window.document()->reset(demoScenario());
    QVERIFY(waitForPlans(window));
    QCheckBox* box = window.scenarioPanel()->calibrationBox();
    QVERIFY(box->isChecked()); // on by default
    const auto rowsCalibrated = [&window] {
        const PlanResult& result = window.planning()->latest()->result;
        return std::count_if(result.rows.begin(), result.rows.end(),
                             [](const PlanRow& r) { return r.calibration != nullptr; });
    };
    QVERIFY(rowsCalibrated() > 0);
    const QStringList on = tableText(*window.planModel());

    // Off: one undo step, a new pass with the engines' default profiles.
    const int steps = window.document()->undoStack()->count();
    box->click();
    QVERIFY(!window.document()->scenario().useCalibration);
    QCOMPARE(window.document()->undoStack()->count(), steps + 1);
    QCOMPARE(window.document()->undoStack()->undoText(), QStringLiteral("Toggle calibrations"));
    QVERIFY(waitForPlans(window));
    QVERIFY(!window.planning()->latest()->scenario.useCalibration);
    QCOMPARE(rowsCalibrated(), 0);
    const QStringList off = tableText(*window.planModel());
    QVERIFY(off != on);

    // Undo and redo move the box and the plans with them.
    window.document()->undoStack()->undo();
    QVERIFY(box->isChecked());
    QVERIFY(waitForPlans(window));
    QCOMPARE(tableText(*window.planModel()), on);
    window.document()->undoStack()->redo();
    QVERIFY(!box->isChecked());
    QVERIFY(waitForPlans(window));
    QCOMPARE(tableText(*window.planModel()), off);

    // Saved through the scenario codec and opened again: still off, the same plans.
    const QString file = m_dir.filePath(QStringLiteral("no-calibration.serveplan"));
    prompts.queueSaveFile(file);
    QVERIFY(window.documentActions()->saveAs());
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains("\"use_calibration\": false"));
    QVERIFY(window.documentActions()->newDocument());
    QVERIFY(box->isChecked()); // a new scenario uses them
    prompts.queueOpenFile(file);
    QVERIFY(window.documentActions()->open());
    QVERIFY(!box->isChecked());
    QVERIFY(waitForPlans(window));
    QCOMPARE(tableText(*window.planModel()), off);
    QCOMPARE(rowsCalibrated(), 0);
    QVERIFY(prompts.errorsShown().isEmpty());
}

void TestWorkspace::badFileKeepsScenarioAndPlans() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    QVERIFY(waitForPlans(*window));
    const PlanSnapshotPtr shown = window->planModel()->snapshot();
    const QString bad = m_dir.filePath(QStringLiteral("broken.serveplan"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"something-else\"");
    file.close();
    prompts.queueOpenFile(bad);
    QVERIFY(!window->documentActions()->open());
    QCOMPARE(prompts.errorsShown().size(), 1);
    QVERIFY(prompts.errorsShown().constFirst().contains(QStringLiteral("broken.serveplan")));
    QCOMPARE(window->document()->scenario().models, demoScenario().models);
    QCOMPARE(window->planModel()->snapshot(), shown);
    QVERIFY(!window->planning()->isBusy());
}

void TestWorkspace::priceChangeReplans() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    QVERIFY(waitForPlans(*window));
    const PlanRow best = *window->planModel()->planAt(0);
    QVERIFY(best.instance && best.hasPrice);
    const std::string key = best.instance->key();

    // A user doubles the on-demand price of the best plan's instance (as the price editor would).
    auto edited = std::make_shared<Catalog>(*m_catalog);
    for (InstanceSpec& instance : edited->instances)
        if (instance.key() == key)
            for (Price& price : instance.prices)
                if (price.plan == PricingPlan::OnDemand)
                    price.amount *= 2;
    window->setCatalog(edited);
    QVERIFY(waitForPlans(*window));

    const PlanTableModel* plans = window->planModel();
    const PlanRow* same = nullptr;
    for (int r = 0; r < plans->rowCount(); ++r) {
        const PlanRow* row = plans->planAt(r);
        if (row->instance && row->instance->key() == key && row->model->id == best.model->id &&
            row->precision == best.precision && row->tp == best.tp && row->engine == best.engine)
            same = row;
    }
    QVERIFY(same);
    QCOMPARE(same->replicas, best.replicas);
    QCOMPARE(same->instanceHourly, 2 * best.instanceHourly);
    QCOMPARE(same->monthlyCost, 2 * best.monthlyCost);
}

void TestWorkspace::pickerFilterNarrowsList() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    CheckListPicker* models = window->scenarioPanel()->modelPicker();
    const int all = models->visibleEntryCount();
    QCOMPARE(all, int(m_catalog->models.size()));
    QTest::keyClicks(models->filterEdit(), QStringLiteral("llama-3.1"));
    // Llama-3.1-8B/70B/405B-Instruct match by name.
    QCOMPARE(models->visibleEntryCount(), 3);
    models->filterEdit()->clear();
    QCOMPARE(models->visibleEntryCount(), all);
}

void TestWorkspace::presetsAndTrafficEditsAreUndoable() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    ScenarioPanel* panel = window->scenarioPanel();
    const Scenario& s = window->document()->scenario();

    QComboBox* workload = panel->workloadPresetCombo();
    workload->setCurrentIndex(workload->findData(static_cast<int>(WorkloadPreset::LongReasoning)));
    QVERIFY(s.workloadPreset == WorkloadPreset::LongReasoning);
    const Workload reasoning = workloadForPreset(WorkloadPreset::LongReasoning);
    QCOMPARE(s.workload.outputTokens.mean, reasoning.outputTokens.mean);
    QCOMPARE(panel->outputTokensSpin()->value(), int(std::lround(reasoning.outputTokens.mean)));
    // Typing a length makes the workload custom and keeps the preset's shape around the new mean.
    panel->inputTokensSpin()->setValue(1000);
    QVERIFY(s.workloadPreset == WorkloadPreset::Custom);
    QCOMPARE(s.workload.inputTokens.mean, 1000.0);

    TrafficEditor* traffic = panel->trafficEditor();
    traffic->presetCombo()->setCurrentIndex(traffic->presetCombo()->findData(int(TrafficPreset::BusinessHours)));
    QVERIFY(s.traffic.preset == TrafficPreset::BusinessHours);
    // 12:00 is row 2, column 0 of the 4 × 6 grid; 15 % outside business hours, 100 % inside.
    QCOMPARE(traffic->table()->item(2, 0)->text(), QStringLiteral("100"));
    QCOMPARE(traffic->table()->item(0, 0)->text(), QStringLiteral("15"));
    traffic->table()->item(2, 0)->setText(QStringLiteral("50"));
    QVERIFY(s.traffic.preset == TrafficPreset::Custom);
    QCOMPARE(s.traffic.hourly.size(), std::size_t(24));
    QCOMPARE(s.traffic.hourly[12], 0.5);
    QCOMPARE(s.traffic.hourly[0], 0.15);

    QUndoStack* undo = window->document()->undoStack();
    undo->undo();
    QVERIFY(s.traffic.preset == TrafficPreset::BusinessHours);
    QCOMPARE(traffic->table()->item(2, 0)->text(), QStringLiteral("100"));
    undo->undo();
    undo->undo();
    QCOMPARE(panel->inputTokensSpin()->value(), int(std::lround(reasoning.inputTokens.mean)));
    undo->undo();
    QVERIFY(s.workloadPreset == WorkloadPreset::Chat);
    QCOMPARE(workload->currentData().toInt(), int(WorkloadPreset::Chat));
    QVERIFY(!window->isWindowModified());
}

void TestWorkspace::keyboardAccess() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    ScenarioPanel* panel = window->scenarioPanel();
    // Every picker's label has a mnemonic whose buddy is the picker's filter field.
    int buddies = 0;
    for (QLabel* label : panel->findChildren<QLabel*>()) {
        if (label->buddy() == panel->modelPicker()->filterEdit() ||
            label->buddy() == panel->gpuPicker()->filterEdit() || label->buddy() == panel->qpsSpin()) {
            QVERIFY2(label->text().contains(QLatin1Char('&')), qPrintable(label->text()));
            ++buddies;
        }
    }
    QCOMPARE(buddies, 3);
    // Standard shortcuts on the document actions.
    QStringList shortcuts;
    for (QAction* action : window->findChildren<QAction*>())
        if (!action->shortcut().isEmpty())
            shortcuts.append(action->shortcut().toString());
    for (const QKeySequence& key :
         {QKeySequence(QKeySequence::New), QKeySequence(QKeySequence::Open), QKeySequence(QKeySequence::Save),
          QKeySequence(QKeySequence::Undo), QKeySequence(QKeySequence::Redo), QKeySequence(Qt::Key_F5)})
        QVERIFY2(shortcuts.contains(key.toString()), qPrintable(key.toString()));
}

void TestWorkspace::exportChartFiles() {
    PresetPrompts prompts;
    auto window = makeWindow(&prompts);
    window->document()->reset(demoScenario());
    QVERIFY(waitForPlans(*window));
    CostChartView* chart = window->costChart();
    QStringList suffixes{QStringLiteral("png"), QStringLiteral("pdf")};
#ifdef SERVEPLAN_HAVE_SVG
    suffixes.append(QStringLiteral("svg"));
#endif
    for (const QString& suffix : suffixes) {
        const QString path = m_dir.filePath(QStringLiteral("chart.") + suffix);
        const auto written = chart->exportTo(path, 800, 500);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray head = file.read(8);
        if (suffix == u"png")
            QVERIFY(head.startsWith("\x89PNG"));
        else if (suffix == u"pdf")
            QVERIFY(head.startsWith("%PDF-"));
        else
            QVERIFY(head.startsWith("<?xml"));
    }
    QVERIFY(!chart->exportTo(m_dir.filePath(QStringLiteral("chart.bmpx"))).ok());
    chart->setLogScale(true);
    QVERIFY(chart->isLogScale());
    QCOMPARE(chart->curveCount(), window->curveModel()->rowCount());
}

void TestWorkspace::debounceCoalescesEdits() {
    PlanningController controller;
    controller.setCatalog(m_catalog);
    std::atomic<int> calls{0};
    controller.setPlanFunction([&calls](const Catalog&, const Scenario& scenario, const PlanOptions& options) {
        ++calls;
        if (options.progress)
            options.progress(0.5);
        PlanResult result;
        result.currency = "USD";
        result.candidates = static_cast<std::size_t>(scenario.qps);
        return Result<PlanResult>(std::move(result));
    });
    QSignalSpy finished(&controller, &PlanningController::finished);
    QSignalSpy progress(&controller, &PlanningController::progress);
    Scenario scenario = demoScenario();
    for (double qps : {1.0, 2.0, 3.0}) {
        scenario.qps = qps;
        controller.request(scenario);
    }
    QVERIFY(controller.isBusy());
    QVERIFY(finished.wait(5000));
    QCOMPARE(calls.load(), 1);
    QCOMPARE(controller.latest()->scenario.qps, 3.0);
    QCOMPARE(controller.latest()->result.candidates, std::size_t(3));
    QCOMPARE(progress.count(), 1);
    QCOMPARE(progress.constFirst().at(0).toDouble(), 0.5);
    QVERIFY(!controller.isBusy());
}

void TestWorkspace::newerRequestCancelsRunningPass() {
    PlanningController controller;
    controller.setCatalog(m_catalog);
    controller.setDebounceMs(0);
    std::atomic<int> started{0};
    // A slow pass that stops as soon as it is cancelled (as the planner does).
    controller.setPlanFunction([&started](const Catalog&, const Scenario& scenario, const PlanOptions& options) {
        ++started;
        PlanResult result;
        for (int i = 0; i < 2000 && !options.cancel->load(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        result.cancelled = options.cancel->load();
        result.candidates = static_cast<std::size_t>(scenario.qps);
        return Result<PlanResult>(std::move(result));
    });
    QSignalSpy finished(&controller, &PlanningController::finished);
    QSignalSpy cancelled(&controller, &PlanningController::cancelled);
    Scenario scenario = demoScenario();
    scenario.qps = 1;
    controller.request(scenario);
    QTRY_COMPARE(started.load(), 1);
    scenario.qps = 2;
    controller.request(scenario);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(started.load(), 2);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(cancelled.count(), 0); // a stale pass is replaced, not reported
    QCOMPARE(controller.latest()->scenario.qps, 2.0);
}

void TestWorkspace::cancelKeepsLastResult() {
    PlanningController controller;
    controller.setCatalog(m_catalog);
    controller.setDebounceMs(0);
    std::atomic<bool> slow{false};
    controller.setPlanFunction([&slow](const Catalog&, const Scenario& scenario, const PlanOptions& options) {
        PlanResult result;
        while (slow.load() && !options.cancel->load())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        result.cancelled = options.cancel->load();
        result.candidates = static_cast<std::size_t>(scenario.qps);
        return Result<PlanResult>(std::move(result));
    });
    QSignalSpy finished(&controller, &PlanningController::finished);
    QSignalSpy cancelled(&controller, &PlanningController::cancelled);
    Scenario scenario = demoScenario();
    controller.request(scenario);
    QVERIFY(finished.wait(5000));
    const PlanSnapshotPtr first = controller.latest();

    slow = true;
    scenario.qps = 99;
    controller.request(scenario);
    QVERIFY(controller.isBusy());
    controller.cancel();
    QVERIFY(cancelled.wait(5000));
    QCOMPARE(controller.latest(), first);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!controller.isBusy());
}

QTEST_MAIN(TestWorkspace)
#include "TestWorkspace.moc"
