// File ▸ Export ▸ Report as PDF… and Plans as CSV… in the real main window, offscreen, with the file
// dialog answered in advance: the actions wait for a finished result; the PDF's text (pdftotext) and
// the CSV bytes equal `serveplan-cli report`'s for the same saved scenario and database, in English
// and in Chinese; the paper and the byte-order mark follow the locale and the language until chosen,
// then the last choice; the suggested name is "<scenario>-<date>" in the last export folder; an
// unwritable path shows an error naming it and leaves no file.
#include "CatalogDb.h"
#include "MainWindow.h"
#include "PlanTableModel.h"
#include "PresetPrompts.h"
#include "TestReportFixture.h"
#include "document/DocumentActions.h"
#include "document/ScenarioDocument.h"
#include "report/ReportExporter.h"
#include "report/ReportWriter.h"
#include "settings/AppSettings.h"
#include "settings/Appearance.h"
#include "workspace/PlanningController.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>

#include <algorithm>

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;

namespace {
constexpr int kPlanTimeoutMs = 60'000;
/// SOURCE_DATE_EPOCH of 2026-11-27 00:00 UTC: the CLI and the window date the report alike.
constexpr const char* kEpoch = "1795737600";
const QString kSuggestedStem = QStringLiteral("r1-distill-7b-chat-40-req-s-2026-11-27");

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool hasCjk(const QString& text) {
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}
} // namespace

class TestReportExport final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void menuHoldsTheExports();
    void actionsWaitForAFinishedResult();
    void guiEqualsCli_data();
    void guiEqualsCli();
    void paperFollowsLocaleThenChoice();
    void unwritablePathLeavesNoFile();
    void cancelWritesNothing();
    void suggestedFileName_data();
    void suggestedFileName();

private:
    std::unique_ptr<MainWindow> openScenario(PresetPrompts* prompts) const;
    static bool waitForPlans(MainWindow& window);
    /// Runs `serveplan-cli --db DB report --scenario S ARGS...`; empty on success, else its stderr.
    QByteArray runCli(const QStringList& args) const;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_db;
    QString m_scenario;
    std::shared_ptr<const Catalog> m_catalog;
};

void TestReportExport::initTestCase() {
    QVERIFY2(havePoppler(), "poppler-utils must be installed");
    QVERIFY(m_dir.isValid());
    QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_CLI"), "SERVEPLAN_CLI must name the built serveplan-cli");
    qputenv("SOURCE_DATE_EPOCH", kEpoch);
    qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("report-export"));
    m_scenario = testDataPath(QStringLiteral("report/r1-distill-7b-chat.serveplan"));
    // The CLI creates the database from the embedded seed; the window plans against the same catalog.
    m_db = path(QStringLiteral("catalog.sqlite"));
    const QByteArray error = runCli({QStringLiteral("--pdf"), path(QStringLiteral("first.pdf"))});
    QVERIFY2(error.isEmpty(), error.constData());
    auto db = models::CatalogDb::open(m_db);
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
    auto catalog = db.value()->loadCatalog();
    QVERIFY(catalog.ok());
    m_catalog = std::make_shared<const Catalog>(std::move(catalog).value());
}

void TestReportExport::init() {
    QSettings().clear();
    QLocale::setDefault(QLocale::c());
    Appearance::applyLanguage(QStringLiteral("en"));
}

void TestReportExport::cleanup() {
    Appearance::applyLanguage(QStringLiteral("en"));
    QLocale::setDefault(QLocale::c());
}

QByteArray TestReportExport::runCli(const QStringList& args) const {
    QProcess cli;
    cli.start(qEnvironmentVariable("SERVEPLAN_CLI"), QStringList{QStringLiteral("--db"), m_db, QStringLiteral("report"),
                                                                 QStringLiteral("--scenario"), m_scenario} +
                                                         args);
    if (!cli.waitForFinished(120000))
        return "serveplan-cli did not finish";
    const QByteArray error = cli.readAllStandardError();
    if (cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0)
        return error.isEmpty() ? QByteArray("serveplan-cli failed") : error;
    return {};
}

bool TestReportExport::waitForPlans(MainWindow& window) {
    QSignalSpy finished(window.planning(), &PlanningController::finished);
    while (window.planning()->isBusy() || !window.planModel()->snapshot())
        if (!finished.wait(kPlanTimeoutMs))
            return false;
    QCoreApplication::processEvents();
    return true;
}

/// A window that opened the report scenario through File ▸ Open and finished planning it.
std::unique_ptr<MainWindow> TestReportExport::openScenario(PresetPrompts* prompts) const {
    auto window = std::make_unique<MainWindow>(m_catalog, prompts);
    window->show();
    prompts->queueOpenFile(m_scenario);
    if (!window->documentActions()->open() || !waitForPlans(*window))
        return nullptr;
    return window;
}

void TestReportExport::menuHoldsTheExports() {
    PresetPrompts prompts;
    MainWindow window(m_catalog, &prompts);
    QMenu* exportMenu = window.exportMenu();
    QVERIFY(exportMenu);
    QVERIFY(window.fileMenu()->actions().contains(exportMenu->menuAction()));
    const QList<QAction*> actions = exportMenu->actions();
    QVERIFY(actions.contains(window.exportReportAction()));
    QVERIFY(actions.contains(window.exportCsvAction()));
    QCOMPARE(window.exportReportAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    // The chart export moved into the submenu and kept Ctrl+E.
    const auto chart = std::find_if(actions.begin(), actions.end(), [](QAction* action) {
        return action->shortcut() == QKeySequence(QStringLiteral("Ctrl+E"));
    });
    QVERIFY(chart != actions.end());
    QCOMPARE((*chart)->text(), QStringLiteral("&Chart…"));
    for (QAction* action : window.fileMenu()->actions())
        QVERIFY2(action->shortcut() != QKeySequence(QStringLiteral("Ctrl+E")), "Ctrl+E is on the File menu twice");
}

void TestReportExport::actionsWaitForAFinishedResult() {
    PresetPrompts prompts;
    MainWindow window(m_catalog, &prompts);
    window.show();
    // A new scenario has no model and so no result.
    QVERIFY(!window.planModel()->snapshot());
    QVERIFY(!window.exportReportAction()->isEnabled());
    QVERIFY(!window.exportCsvAction()->isEnabled());
    QVERIFY(window.exportReportAction()->statusTip().contains(QStringLiteral("finished planning result")));
    window.exportReportAction()->trigger();
    window.exportCsvAction()->trigger();
    QVERIFY(prompts.lastSaveTitle().isEmpty()); // no dialog was opened
    QCOMPARE(prompts.unexpectedQuestions(), 0);

    // Opening a scenario starts a pass: still disabled until it has finished.
    prompts.queueOpenFile(m_scenario);
    QVERIFY(window.documentActions()->open());
    QVERIFY(window.planning()->isBusy());
    QVERIFY(!window.exportReportAction()->isEnabled());
    QVERIFY(waitForPlans(window));
    QVERIFY(window.exportReportAction()->isEnabled());
    QVERIFY(window.exportCsvAction()->isEnabled());
    QVERIFY(window.exportReportAction()->statusTip().isEmpty());

    // An edit replans: disabled while the pass runs (its status tip says why), enabled after it.
    window.document()->edit(QStringLiteral("load"), [](Scenario& s) { s.qps = 41; });
    QVERIFY(window.planning()->isBusy());
    QVERIFY(!window.exportCsvAction()->isEnabled());
    QVERIFY(window.exportCsvAction()->statusTip().contains(QStringLiteral("running planning pass")));
    QVERIFY(waitForPlans(window));
    QVERIFY(window.exportCsvAction()->isEnabled());

    // No model left: the plans are cleared and there is nothing to export.
    window.document()->edit(QStringLiteral("models"), [](Scenario& s) { s.models.clear(); });
    QVERIFY(!window.planModel()->snapshot());
    QVERIFY(!window.exportReportAction()->isEnabled());
    QVERIFY(!window.exportCsvAction()->isEnabled());
}

void TestReportExport::guiEqualsCli_data() {
    QTest::addColumn<QString>("lang");
    QTest::addRow("english") << QStringLiteral("en");
    QTest::addRow("chinese") << QStringLiteral("zh_CN");
}

void TestReportExport::guiEqualsCli() {
    QFETCH(QString, lang);
    const bool chinese = lang == u"zh_CN";
    AppSettings::setLanguage(lang);
    QVERIFY(Appearance::applyLanguage(lang));
    const QString folder = path(lang + QStringLiteral("-export"));
    QVERIFY(QDir().mkpath(folder));
    AppSettings::setExportFolder(folder);

    // The CLI's report of the saved scenario. Without a saved choice the GUI writes the CSV with a
    // byte-order mark exactly when the UI is Chinese.
    const QString cliPdf = path(lang + QStringLiteral("-cli.pdf"));
    const QString cliCsv = path(lang + QStringLiteral("-cli.csv"));
    QStringList args{QStringLiteral("--pdf"), cliPdf, QStringLiteral("--csv"), cliCsv};
    if (chinese)
        args << QStringLiteral("--lang") << lang << QStringLiteral("--bom");
    const QByteArray error = runCli(args);
    QVERIFY2(error.isEmpty(), error.constData());

    PresetPrompts prompts;
    const auto window = openScenario(&prompts);
    QVERIFY(window);
    QVERIFY(window->exportReportAction()->isEnabled());
    const PlanSnapshotPtr shown = window->planModel()->snapshot();

    // The PDF: english through the keyboard shortcut, chinese through the action.
    const QString guiPdf = QDir(folder).filePath(QStringLiteral("gui.pdf"));
    prompts.queueSaveFile(guiPdf);
    if (chinese) {
        window->exportReportAction()->trigger();
    } else {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    }
    QCOMPARE(prompts.unexpectedQuestions(), 0);
    QVERIFY2(prompts.errorsShown().isEmpty(), qPrintable(prompts.errorsShown().join(u'\n')));
    QCOMPARE(prompts.lastSaveSuggestion(), QDir(folder).filePath(kSuggestedStem + QStringLiteral(".pdf")));
    QCOMPARE(prompts.lastSaveFilters(), ReportExporter::pdfFilters());
    QCOMPARE(prompts.lastSavePreselectedFilter(), ReportExporter::pdfFilters().constFirst()); // C locale: A4
    QCOMPARE(hasCjk(prompts.lastSaveTitle()), chinese);
    QVERIFY(QFile::exists(guiPdf));
    QVERIFY(window->statusBar()->currentMessage().contains(QDir::toNativeSeparators(guiPdf)));
    if (!chinese)
        QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("Report written to ") + guiPdf);
    // The window did not plan again to export.
    QCOMPARE(window->planModel()->snapshot(), shown);

    const QByteArray cliText = runTool(QStringLiteral("pdftotext"), {cliPdf, QStringLiteral("-")});
    const QByteArray guiText = runTool(QStringLiteral("pdftotext"), {guiPdf, QStringLiteral("-")});
    QVERIFY(cliText.size() > 2000);
    QCOMPARE(guiText, cliText);
    // The report speaks the UI's language (a price source path in Chinese appears in both).
    QCOMPARE(guiText.contains("LLM deployment cost report"), !chinese);
    QCOMPARE(guiText.contains("大语言模型部署成本报告"), chinese);
    QVERIFY(guiText.contains("2026-11-27"));
    QVERIFY(guiText.contains(shown->result.rows.front().instance->instanceType.c_str()));
    QVERIFY(runTool(QStringLiteral("pdfinfo"), {guiPdf}).contains("595 x 842 pts (A4)"));

    // The CSV tables.
    const QString guiCsv = QDir(folder).filePath(QStringLiteral("gui.csv"));
    prompts.queueSaveFile(guiCsv);
    window->exportCsvAction()->trigger();
    QCOMPARE(prompts.unexpectedQuestions(), 0);
    QVERIFY(prompts.errorsShown().isEmpty());
    QCOMPARE(prompts.lastSaveSuggestion(), QDir(folder).filePath(kSuggestedStem + QStringLiteral(".csv")));
    QCOMPARE(prompts.lastSavePreselectedFilter(), ReportExporter::csvFilters().at(chinese ? 0 : 1));
    const QByteArray csv = readAll(guiCsv);
    QCOMPARE(csv.startsWith("\xEF\xBB\xBF"), chinese);
    QVERIFY(csv.count("\r\n") > 10);
    QCOMPARE(csv, readAll(cliCsv));
    const QByteArray curves = readAll(ReportWriter::curvesPath(guiCsv));
    QVERIFY(!curves.isEmpty());
    QCOMPARE(curves, readAll(ReportWriter::curvesPath(cliCsv)));
    QVERIFY(window->statusBar()->currentMessage().contains(QDir::toNativeSeparators(guiCsv)));
    QCOMPARE(AppSettings::csvBom(), chinese);
}

void TestReportExport::paperFollowsLocaleThenChoice() {
    // A US locale suggests Letter until the user picks a paper; the pick is remembered.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    PresetPrompts prompts;
    const auto window = openScenario(&prompts);
    QVERIFY(window);
    const QStringList filters = ReportExporter::pdfFilters();

    const QString a4 = path(QStringLiteral("us-a4.pdf"));
    prompts.queueSaveFile(a4, 0);
    window->exportReportAction()->trigger();
    QCOMPARE(prompts.lastSavePreselectedFilter(), filters.at(1));
    QVERIFY(runTool(QStringLiteral("pdfinfo"), {a4}).contains("595 x 842 pts (A4)"));
    QCOMPARE(AppSettings::reportPaper(), QStringLiteral("a4"));
    // The folder of that export is where the next one is suggested.
    QCOMPARE(AppSettings::exportFolder(), QFileInfo(a4).absolutePath());

    const QString sub = path(QStringLiteral("letters"));
    QVERIFY(QDir().mkpath(sub));
    const QString letter = QDir(sub).filePath(QStringLiteral("us-letter.pdf"));
    prompts.queueSaveFile(letter, 1);
    window->exportReportAction()->trigger();
    QCOMPARE(prompts.lastSavePreselectedFilter(), filters.at(0)); // the remembered A4
    QCOMPARE(prompts.lastSaveSuggestion(), QDir(m_dir.path()).filePath(kSuggestedStem + QStringLiteral(".pdf")));
    QVERIFY(runTool(QStringLiteral("pdfinfo"), {letter}).contains("612 x 792 pts (letter)"));
    QCOMPARE(AppSettings::reportPaper(), QStringLiteral("letter"));
    QVERIFY(prompts.errorsShown().isEmpty());

    // The same text as the CLI's Letter report.
    const QString cliLetter = path(QStringLiteral("cli-letter.pdf"));
    const QByteArray error =
        runCli({QStringLiteral("--pdf"), cliLetter, QStringLiteral("--paper"), QStringLiteral("letter")});
    QVERIFY2(error.isEmpty(), error.constData());
    QCOMPARE(runTool(QStringLiteral("pdftotext"), {letter, QStringLiteral("-")}),
             runTool(QStringLiteral("pdftotext"), {cliLetter, QStringLiteral("-")}));
    QCOMPARE(AppSettings::exportFolder(), sub);
}

void TestReportExport::unwritablePathLeavesNoFile() {
    PresetPrompts prompts;
    const auto window = openScenario(&prompts);
    QVERIFY(window);
    const QString folderBefore = AppSettings::exportFolder();

    // A folder that does not exist, and a path that is a folder.
    const QString missing = path(QStringLiteral("no/such/folder/report.pdf"));
    prompts.queueSaveFile(missing);
    window->exportReportAction()->trigger();
    QCOMPARE(prompts.errorsShown().size(), 1);
    QVERIFY2(prompts.errorsShown().constFirst().contains(QDir::toNativeSeparators(missing)),
             qPrintable(prompts.errorsShown().constFirst()));
    QVERIFY(prompts.errorsShown().constFirst().startsWith(QStringLiteral("Cannot export the report")));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("no"))));
    QVERIFY(!window->statusBar()->currentMessage().startsWith(QStringLiteral("Report written")));

    const QString folder = path(QStringLiteral("a-folder.csv"));
    QVERIFY(QDir().mkpath(folder));
    const QStringList before = QDir(m_dir.path()).entryList(QDir::Files);
    prompts.queueSaveFile(folder);
    window->exportCsvAction()->trigger();
    QCOMPARE(prompts.errorsShown().size(), 2);
    QVERIFY2(prompts.errorsShown().at(1).contains(QDir::toNativeSeparators(folder)),
             qPrintable(prompts.errorsShown().at(1)));
    QVERIFY(QFileInfo(folder).isDir());
    QVERIFY(!QFileInfo::exists(ReportWriter::curvesPath(folder)));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), before);
    // A failed export does not move the suggested folder.
    QCOMPARE(AppSettings::exportFolder(), folderBefore);
    QCOMPARE(prompts.unexpectedQuestions(), 0);
}

void TestReportExport::cancelWritesNothing() {
    PresetPrompts prompts;
    const auto window = openScenario(&prompts);
    QVERIFY(window);
    const QStringList before = QDir(m_dir.path()).entryList(QDir::Files);
    prompts.queueSaveFile(QString()); // the user cancels the dialog
    window->exportReportAction()->trigger();
    prompts.queueSaveFile(QString());
    window->exportCsvAction()->trigger();
    QVERIFY(prompts.errorsShown().isEmpty());
    QCOMPARE(prompts.unexpectedQuestions(), 0);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), before);
    QVERIFY(!QSettings().contains(QString::fromLatin1(SettingsKey::kReportPaper)));
    QVERIFY(!QSettings().contains(QString::fromLatin1(SettingsKey::kCsvBom)));
}

void TestReportExport::suggestedFileName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::addRow("words and symbols") << QStringLiteral("R1 distill 7B chat, 40 req/s")
                                       << QStringLiteral("r1-distill-7b-chat-40-req-s-2026-12-06.pdf");
    QTest::addRow("already a slug") << QStringLiteral("my-scenario") << QStringLiteral("my-scenario-2026-12-06.pdf");
    QTest::addRow("edges trimmed") << QStringLiteral("  ../My: Scenario?  ")
                                   << QStringLiteral("my-scenario-2026-12-06.pdf");
    QTest::addRow("chinese kept") << QString::fromUtf8("深度求索 R1 / 客服")
                                  << QString::fromUtf8("深度求索-r1-客服-2026-12-06.pdf");
    QTest::addRow("nothing left") << QStringLiteral("/*?") << QStringLiteral("serveplan-report-2026-12-06.pdf");
}

void TestReportExport::suggestedFileName() {
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(ReportExporter::suggestedFileName(name, QDate(2026, 12, 6), QStringLiteral("pdf")), expected);
}

QTEST_MAIN(TestReportExport)
#include "TestReportExport.moc"
