// The catalog dialogs offscreen, on a real catalog database in a temporary directory: a price edited
// in the price editor changes the database and the plan that uses it; a bad price CSV lists each bad
// line and changes nothing; a model added from config.json and a GPU added by hand reach the catalog;
// every file dialog and warning of the dialogs goes through the prompt seam, answered here in advance.
#include "CatalogDb.h"
#include "MainWindow.h"
#include "PlanTableModel.h"
#include "PresetPrompts.h"
#include "TestSupport.h"
#include "dialogs/AddGpuDialog.h"
#include "dialogs/AddModelDialog.h"
#include "dialogs/DialogActions.h"
#include "dialogs/PriceEditorDialog.h"
#include "document/ScenarioDocument.h"
#include "workspace/CheckListPicker.h"
#include "workspace/DemoScenario.h"
#include "workspace/PlanningController.h"
#include "workspace/ScenarioPanel.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace serveplan;
using namespace serveplan::ui;
using serveplan::models::CatalogDb;

namespace {

constexpr int kPlanTimeoutMs = 60'000;

bool waitForPlans(MainWindow& window) {
    QSignalSpy finished(window.planning(), &PlanningController::finished);
    if (!finished.wait(kPlanTimeoutMs))
        return false;
    while (window.planning()->isBusy())
        if (!finished.wait(kPlanTimeoutMs))
            return false;
    QCoreApplication::processEvents();
    return true;
}

/// The push button of `parent` whose text is `text` (with its mnemonic), or null.
QPushButton* button(const QWidget* parent, const QString& text) {
    for (QPushButton* b : parent->findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    return nullptr;
}

std::shared_ptr<const Catalog> load(const CatalogDb& db) {
    auto catalog = db.loadCatalog();
    return catalog ? std::make_shared<const Catalog>(std::move(catalog).value()) : nullptr;
}

} // namespace

class TestDialogs final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void priceEditChangesDatabaseAndPlan();
    void badCsvListsEachLineAndChangesNothing();
    void exportThenImportRoundTrips();
    void filterHidesOtherRows();
    void addModelFromConfigJson();
    void addModelByHandComputesParameters();
    void addGpuByHand();
    void seedIdIsRefusedWithReason();
    void priceCsvButtonsAskThroughPrompts();
    void loadConfigButtonAsksThroughPrompts();
    void unopenableDatabaseWarnsThroughPrompts();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDb> m_db;
};

void TestDialogs::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan-tests"));
    QLocale::setDefault(QLocale::c());
}

void TestDialogs::init() {
    QFile::remove(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    auto db = CatalogDb::open(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    QVERIFY2(db, db ? "" : db.error().c_str());
    m_db = std::move(db).value();
}

void TestDialogs::cleanup() {
    m_db.reset();
}

void TestDialogs::priceEditChangesDatabaseAndPlan() {
    PresetPrompts prompts;
    // Kept alive for the whole test: the plan rows point into the catalog they were planned on.
    const auto original = load(*m_db);
    MainWindow window(original, &prompts);
    window.show();
    window.document()->reset(demoScenario());
    QVERIFY(waitForPlans(window));
    const PlanRow best = *window.planModel()->planAt(0);
    QVERIFY(best.instance && best.hasPrice);
    const InstanceSpec& instance = *best.instance;

    PriceEditorDialog editor(*m_db);
    QSignalSpy changed(&editor, &PriceEditorDialog::catalogChanged);
    const int row =
        editor.findRow(QString::fromStdString(instance.provider), QString::fromStdString(instance.instanceType),
                       QString::fromStdString(instance.region), QStringLiteral("on_demand"));
    QVERIFY(row >= 0);
    const double old = editor.table()->item(row, PriceEditorDialog::Amount)->text().toDouble();
    QVERIFY(old > 0);
    // Typing into the price cell is what a user does; the dialog writes it through at once.
    editor.table()->item(row, PriceEditorDialog::Amount)->setText(QString::number(2 * old, 'g', 12));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(editor.table()->item(row, PriceEditorDialog::Mine)->text(), QStringLiteral("yes"));

    // The database holds the new price, flagged as the user's.
    auto prices = m_db->exportPrices();
    QVERIFY(prices);
    const auto it = std::find_if(prices->begin(), prices->end(), [&](const models::PriceRecord& r) {
        return r.instance.key() == instance.key() && r.price.plan == PricingPlan::OnDemand;
    });
    QVERIFY(it != prices->end());
    QCOMPARE(it->price.amount, 2 * old);
    QVERIFY(it->price.userEntered);

    // The same plan, planned again on the reloaded catalog, costs twice as much.
    window.setCatalog(load(*m_db));
    QVERIFY(waitForPlans(window));
    const PlanTableModel* plans = window.planModel();
    const PlanRow* same = nullptr;
    for (int r = 0; r < plans->rowCount(); ++r) {
        const PlanRow* p = plans->planAt(r);
        if (p->instance && p->instance->key() == instance.key() && p->model->id == best.model->id &&
            p->precision == best.precision && p->tp == best.tp && p->engine == best.engine)
            same = p;
    }
    QVERIFY(same);
    QCOMPARE(same->replicas, best.replicas);
    QCOMPARE(same->monthlyCost, 2 * best.monthlyCost);

    // Not a number: refused, the old value comes back, nothing written.
    editor.table()->item(row, PriceEditorDialog::Amount)->setText(QStringLiteral("cheap"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(editor.table()->item(row, PriceEditorDialog::Amount)->text().toDouble(), 2 * old);
}

void TestDialogs::badCsvListsEachLineAndChangesNothing() {
    PriceEditorDialog editor(*m_db);
    const int before = editor.table()->rowCount();
    const QString path = m_dir.filePath(QStringLiteral("bad.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // Line 2 is good, line 3 has a negative price, line 4 an unknown GPU, line 5 an unknown currency.
    file.write("provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,memory_gib,"
               "interconnect,plan,price,currency,unit,effective_date,source,user_entered\n"
               "lab,box-1,home,H100,h100-sxm,1,80,16,128,,on_demand,2.5,USD,hour,2026-11-01,test,true\n"
               "lab,box-2,home,H100,h100-sxm,1,80,16,128,,on_demand,-1,USD,hour,2026-11-01,test,true\n"
               "lab,box-3,home,Z9000,z9000,1,80,16,128,,on_demand,2.5,USD,hour,2026-11-01,test,true\n"
               "lab,box-4,home,H100,h100-sxm,1,80,16,128,,on_demand,2.5,XYZ,hour,2026-11-01,test,true\n");
    file.close();
    QSignalSpy changed(&editor, &PriceEditorDialog::catalogChanged);
    QVERIFY(!editor.importFile(path));
    QCOMPARE(changed.count(), 0);
    QVERIFY(editor.problemList()->isVisibleTo(&editor));
    QStringList lines;
    for (int i = 0; i < editor.problemList()->count(); ++i)
        lines.append(editor.problemList()->item(i)->text());
    QVERIFY2(lines.size() == 3, qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY2(lines.at(0).contains(QStringLiteral("bad.csv:3")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).contains(QStringLiteral("bad.csv:4")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).contains(QStringLiteral("bad.csv:5")), qPrintable(lines.at(2)));
    editor.reload();
    QCOMPARE(editor.table()->rowCount(), before); // not even the good line 2 went in
}

void TestDialogs::exportThenImportRoundTrips() {
    PriceEditorDialog editor(*m_db);
    const int rows = editor.table()->rowCount();
    QVERIFY(rows > 0);
    const QString path = m_dir.filePath(QStringLiteral("prices.csv"));
    QVERIFY(editor.exportFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), rows + 1); // header + one line per price
    file.close();
    QVERIFY(editor.importFile(path));
    QCOMPARE(editor.table()->rowCount(), rows);
}

void TestDialogs::filterHidesOtherRows() {
    PriceEditorDialog editor(*m_db);
    QTest::keyClicks(editor.filterEdit(), QStringLiteral("h100"));
    int visible = 0;
    for (int row = 0; row < editor.table()->rowCount(); ++row)
        if (!editor.table()->isRowHidden(row)) {
            ++visible;
            QVERIFY(editor.table()
                        ->item(row, PriceEditorDialog::Gpu)
                        ->text()
                        .contains(QStringLiteral("h100"), Qt::CaseInsensitive) ||
                    editor.table()
                        ->item(row, PriceEditorDialog::InstanceType)
                        ->text()
                        .contains(QStringLiteral("h100"), Qt::CaseInsensitive));
        }
    QVERIFY(visible > 0);
    QVERIFY(visible < editor.table()->rowCount());
}

void TestDialogs::addModelFromConfigJson() {
    AddModelDialog dialog(*m_db);
    QVERIFY(dialog.loadConfig(test::testDataPath(QStringLiteral("hf/deepseek-r1.json"))));
    QCOMPARE(dialog.field("experts")->value(), 256);
    QCOMPARE(dialog.field("kvLoraRank")->value(), 512);
    // models.csv source column: architecture-computed 671.026B total, 37.552B active.
    QVERIFY2(dialog.parametersLabel()->text().contains(QStringLiteral("671.0")),
             qPrintable(dialog.parametersLabel()->text()));
    QVERIFY2(dialog.parametersLabel()->text().contains(QStringLiteral("37.5")),
             qPrintable(dialog.parametersLabel()->text()));
    QTest::keyClicks(dialog.idEdit(), QStringLiteral("my-r1"));
    QSignalSpy added(&dialog, &AddModelDialog::modelAdded);
    QVERIFY2(dialog.save(), qPrintable(dialog.statusLabel()->text()));
    QCOMPARE(added.count(), 1);
    const auto catalog = load(*m_db);
    QVERIFY(catalog);
    const auto it = std::find_if(catalog->models.begin(), catalog->models.end(),
                                 [](const ModelSpec& m) { return m.id == "my-r1"; });
    QVERIFY(it != catalog->models.end());
    QVERIFY(it->userEntered);
    QCOMPARE(it->attention, AttentionType::MLA);
    QVERIFY(std::abs(it->paramsB - 671.026) < 0.01 * 671.026);
    QVERIFY(std::abs(it->activeParamsB - 37.552) < 0.01 * 37.552);
    // A window built on the reloaded catalog offers the new model to plan with.
    PresetPrompts prompts;
    MainWindow window(catalog, &prompts);
    QVERIFY(window.scenarioPanel()->modelPicker()->toggleId(QStringLiteral("my-r1"), true));
}

void TestDialogs::addModelByHandComputesParameters() {
    AddModelDialog dialog(*m_db);
    // Llama-3.1-8B's shape typed by hand: 8.030B (models.csv source column).
    dialog.field("layers")->setValue(32);
    dialog.field("hidden")->setValue(4096);
    dialog.field("intermediate")->setValue(14336);
    dialog.field("heads")->setValue(32);
    dialog.field("kvHeads")->setValue(8);
    dialog.field("headDim")->setValue(128);
    dialog.field("vocab")->setValue(128256);
    QVERIFY2(dialog.parametersLabel()->text().startsWith(QStringLiteral("8.030")),
             qPrintable(dialog.parametersLabel()->text()));
    QTest::keyClicks(dialog.idEdit(), QStringLiteral("hand-8b"));
    QVERIFY2(dialog.save(), qPrintable(dialog.statusLabel()->text()));
}

void TestDialogs::addGpuByHand() {
    AddGpuDialog dialog(*m_db);
    QTest::keyClicks(dialog.idEdit(), QStringLiteral("lab-card"));
    QTest::keyClicks(dialog.vendorEdit(), QStringLiteral("Lab"));
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Lab Card 48GB"));
    dialog.memoryBox()->setValue(48);
    dialog.bandwidthBox()->setValue(864);
    dialog.bf16Box()->setValue(181);
    QSignalSpy added(&dialog, &AddGpuDialog::gpuAdded);
    QVERIFY2(dialog.save(), qPrintable(dialog.statusLabel()->text()));
    QCOMPARE(added.count(), 1);
    const auto catalog = load(*m_db);
    const auto it =
        std::find_if(catalog->gpus.begin(), catalog->gpus.end(), [](const GpuSpec& g) { return g.id == "lab-card"; });
    QVERIFY(it != catalog->gpus.end());
    QVERIFY(it->userEntered);
    QCOMPARE(it->memoryGb, 48.0);
    QCOMPARE(it->memoryBandwidthGBps, 864.0);
    QCOMPARE(it->bf16Tflops, 181.0);
}

void TestDialogs::seedIdIsRefusedWithReason() {
    AddGpuDialog dialog(*m_db);
    QTest::keyClicks(dialog.idEdit(), QStringLiteral("h100-sxm"));
    QTest::keyClicks(dialog.vendorEdit(), QStringLiteral("NVIDIA"));
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("fake"));
    dialog.memoryBox()->setValue(1);
    dialog.bandwidthBox()->setValue(1);
    QVERIFY(!dialog.save());
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("built-in catalog")),
             qPrintable(dialog.statusLabel()->text()));
}

void TestDialogs::priceCsvButtonsAskThroughPrompts() {
    PresetPrompts prompts;
    PriceEditorDialog editor(*m_db, nullptr, &prompts);
    const int rows = editor.table()->rowCount();
    QPushButton* exportButton = button(&editor, QStringLiteral("E&xport CSV…"));
    QPushButton* importButton = button(&editor, QStringLiteral("&Import CSV…"));
    QVERIFY(exportButton && importButton);

    // Export: the save dialog offers prices.csv as CSV, and the answer is where the file goes.
    const QString path = m_dir.filePath(QStringLiteral("asked.csv"));
    QFile::remove(path);
    prompts.queueSaveFile(path);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(prompts.lastSaveSuggestion(), QStringLiteral("prices.csv"));
    QCOMPARE(prompts.lastSaveFilters(), QStringList{QStringLiteral("CSV files (*.csv)")});
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), rows + 1);
    file.close();

    // Import: the open dialog's answer is the file read back.
    QSignalSpy changed(&editor, &PriceEditorDialog::catalogChanged);
    prompts.queueOpenFile(path);
    QTest::mouseClick(importButton, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QVERIFY2(editor.statusLabel()->text().startsWith(QStringLiteral("Imported")),
             qPrintable(editor.statusLabel()->text()));
    QCOMPARE(editor.table()->rowCount(), rows);
    QCOMPARE(prompts.unexpectedQuestions(), 0);

    // Cancelled dialogs (an empty answer) change nothing.
    prompts.queueOpenFile(QString());
    prompts.queueSaveFile(QString());
    const QString status = editor.statusLabel()->text();
    QTest::mouseClick(importButton, Qt::LeftButton);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(editor.statusLabel()->text(), status);
}

void TestDialogs::loadConfigButtonAsksThroughPrompts() {
    PresetPrompts prompts;
    AddModelDialog dialog(*m_db, nullptr, &prompts);
    QPushButton* load = button(&dialog, QStringLiteral("&Load config.json…"));
    QVERIFY(load);
    prompts.queueOpenFile(test::testDataPath(QStringLiteral("hf/deepseek-r1.json")));
    QTest::mouseClick(load, Qt::LeftButton);
    QCOMPARE(prompts.unexpectedQuestions(), 0);
    QCOMPARE(dialog.field("experts")->value(), 256);
    QCOMPARE(dialog.field("kvLoraRank")->value(), 512);
}

void TestDialogs::unopenableDatabaseWarnsThroughPrompts() {
    // Tools ▸ Price Editor on a database that cannot be opened: a warning naming it, and no dialog.
    const QString path = m_dir.filePath(QStringLiteral("not-a-database.sqlite"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a database\n");
    file.close();
    PresetPrompts prompts;
    MainWindow window(load(*m_db), &prompts);
    connectDialogActions(&window, path);
    window.priceEditorAction()->trigger();
    QCOMPARE(prompts.warningsShown().size(), 1);
    QVERIFY2(prompts.warningsShown().constFirst().contains(QStringLiteral("not-a-database.sqlite")),
             qPrintable(prompts.warningsShown().constFirst()));
    QVERIFY(!window.findChild<PriceEditorDialog*>());
}

QTEST_MAIN(TestDialogs)
#include "TestDialogs.moc"
