// Scenario documents: undo/redo of edits, the modified marker from the undo stack, save and reopen
// through *.serveplan files, a file that fails to load leaving everything intact, the unsaved-changes
// question (answered in advance through PresetPrompts) and recent files.
#include "PresetPrompts.h"
#include "ScenarioFile.h"
#include "document/DocumentActions.h"
#include "document/RecentFiles.h"
#include "document/ScenarioDocument.h"
#include "workspace/DemoScenario.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::ui;

class TestDocument final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void editUndoRedo();
    void typingMergesIntoOneStep();
    void saveAndReopenGivesSameScenario();
    void badFileLeavesScenarioIntact_data();
    void badFileLeavesScenarioIntact();
    void unsavedChangesCancelKeepsDocument();
    void unsavedChangesDiscard();
    void unsavedChangesSave();
    void saveFailureKeepsModified();
    void recentFilesNewestFirstAndCapped();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    static QByteArray json(const Scenario& scenario) { return models::ScenarioFile::toJson(scenario); }

    QTemporaryDir m_dir;
};

void TestDocument::initTestCase() {
    QVERIFY(m_dir.isValid());
    // Settings (recent files) go to a throw-away place, never the user's.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestDocument"));
}

void TestDocument::init() {
    QSettings().clear();
}

void TestDocument::editUndoRedo() {
    ScenarioDocument document;
    document.reset(demoScenario());
    QSignalSpy modified(&document, &ScenarioDocument::modifiedChanged);
    QSignalSpy changed(&document, &ScenarioDocument::scenarioChanged);
    QVERIFY(!document.isModified());

    document.edit(QStringLiteral("Change request rate"), [](Scenario& s) { s.qps = 55; });
    QCOMPARE(document.scenario().qps, 55.0);
    QVERIFY(document.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.last().at(0).toBool(), true);
    document.edit(QStringLiteral("Change GPUs"), [](Scenario& s) { s.gpus = {"h100-sxm"}; });
    QCOMPARE(document.undoStack()->count(), 2);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change GPUs"));

    document.undoStack()->undo();
    QCOMPARE(document.scenario().gpus, (std::vector<std::string>{"h100-sxm", "a100-80gb-sxm", "l40s"}));
    QCOMPARE(document.scenario().qps, 55.0);
    document.undoStack()->undo();
    QCOMPARE(document.scenario().qps, 20.0);
    QVERIFY(!document.isModified()); // back at the clean state
    QCOMPARE(modified.last().at(0).toBool(), false);

    document.undoStack()->redo();
    document.undoStack()->redo();
    QCOMPARE(document.scenario().qps, 55.0);
    QCOMPARE(document.scenario().gpus, std::vector<std::string>{"h100-sxm"});
    QVERIFY(document.isModified());
    QCOMPARE(changed.count(), 6); // two edits, two undos, two redos
}

void TestDocument::typingMergesIntoOneStep() {
    ScenarioDocument document;
    document.reset(demoScenario());
    constexpr int kQpsField = 7;
    for (double qps : {1.0, 12.0, 123.0})
        document.edit(
            QStringLiteral("Change request rate"), [qps](Scenario& s) { s.qps = qps; }, kQpsField);
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(document.scenario().qps, 20.0);
    // Edits without a merge id stay separate.
    document.edit(QStringLiteral("a"), [](Scenario& s) { s.qps = 1; });
    document.edit(QStringLiteral("b"), [](Scenario& s) { s.qps = 2; });
    QCOMPARE(document.undoStack()->count(), 2);
}

void TestDocument::saveAndReopenGivesSameScenario() {
    ScenarioDocument document;
    document.reset(demoScenario());
    document.edit(QStringLiteral("Change budget"), [](Scenario& s) {
        s.monthlyBudget = 12345.5;
        s.currency = "CNY";
        s.traffic.preset = TrafficPreset::Custom;
        s.traffic.hourly = std::vector<double>(24, 0.25);
    });
    const QString file = path(QStringLiteral("roundtrip.serveplan"));
    QSignalSpy pathChanged(&document, &ScenarioDocument::filePathChanged);
    QVERIFY(document.saveAs(file).ok());
    QVERIFY(!document.isModified());
    QCOMPARE(document.filePath(), file);
    QCOMPARE(document.displayName(), QStringLiteral("roundtrip.serveplan"));
    QCOMPARE(pathChanged.count(), 1);

    ScenarioDocument reopened;
    QVERIFY(reopened.load(file).ok());
    QCOMPARE(json(reopened.scenario()), json(document.scenario()));
    QCOMPARE(reopened.scenario().monthlyBudget, 12345.5);
    QCOMPARE(reopened.scenario().traffic.hourly.size(), std::size_t(24));
    QVERIFY(!reopened.isModified());
    QCOMPARE(reopened.undoStack()->count(), 0);
}

void TestDocument::badFileLeavesScenarioIntact_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expectedInMessage");
    QTest::addRow("not json") << QByteArray("this is not JSON {") << QStringLiteral("bad.serveplan");
    QTest::addRow("newer version") << QByteArray(R"({"format": "serveplan-scenario", "version": 99})")
                                   << QStringLiteral("version");
    QTest::addRow("wrong type") << QByteArray(
                                       R"({"format": "serveplan-scenario", "version": 1, "workload": {"qps": "fast"}})")
                                << QStringLiteral("$.workload.qps");
}

void TestDocument::badFileLeavesScenarioIntact() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedInMessage);
    const QString bad = path(QStringLiteral("bad.serveplan"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();

    ScenarioDocument document;
    document.reset(demoScenario(), path(QStringLiteral("current.serveplan")));
    document.edit(QStringLiteral("Change request rate"), [](Scenario& s) { s.qps = 77; });
    const QByteArray before = json(document.scenario());
    PresetPrompts prompts;
    prompts.queueSaveChoice(Prompts::SaveChoice::Discard);
    RecentFiles recent;
    DocumentActions actions(&document, &prompts, &recent, nullptr, &newScenario);
    QVERIFY(!actions.openPath(bad));

    QCOMPARE(prompts.errorsShown().size(), 1);
    QVERIFY2(prompts.errorsShown().constFirst().contains(expectedInMessage),
             qPrintable(prompts.errorsShown().constFirst()));
    QVERIFY(prompts.errorsShown().constFirst().contains(QStringLiteral("current one is unchanged")));
    QCOMPARE(json(document.scenario()), before);
    QCOMPARE(document.filePath(), path(QStringLiteral("current.serveplan")));
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.isModified());
    QVERIFY(!recent.files().contains(bad));
}

void TestDocument::unsavedChangesCancelKeepsDocument() {
    ScenarioDocument document;
    document.reset(demoScenario());
    document.edit(QStringLiteral("x"), [](Scenario& s) { s.qps = 3; });
    PresetPrompts prompts;
    prompts.queueSaveChoice(Prompts::SaveChoice::Cancel);
    DocumentActions actions(&document, &prompts, nullptr, nullptr, &newScenario);
    QVERIFY(!actions.newDocument());
    QCOMPARE(prompts.saveQuestionsAsked(), 1);
    QCOMPARE(document.scenario().qps, 3.0);
    QVERIFY(document.isModified());
}

void TestDocument::unsavedChangesDiscard() {
    ScenarioDocument document;
    document.reset(demoScenario());
    document.edit(QStringLiteral("x"), [](Scenario& s) { s.qps = 3; });
    PresetPrompts prompts;
    prompts.queueSaveChoice(Prompts::SaveChoice::Discard);
    DocumentActions actions(&document, &prompts, nullptr, nullptr, &newScenario);
    QVERIFY(actions.newDocument());
    QCOMPARE(json(document.scenario()), json(newScenario()));
    QVERIFY(!document.isModified());
    QCOMPARE(document.undoStack()->count(), 0);
    // An unmodified document is replaced without a question.
    QVERIFY(actions.newDocument());
    QCOMPARE(prompts.saveQuestionsAsked(), 1);
    QCOMPARE(prompts.unexpectedQuestions(), 0);
}

void TestDocument::unsavedChangesSave() {
    ScenarioDocument document;
    document.reset(demoScenario());
    document.edit(QStringLiteral("x"), [](Scenario& s) { s.qps = 42; });
    PresetPrompts prompts;
    prompts.queueSaveChoice(Prompts::SaveChoice::Save);
    const QString target = path(QStringLiteral("saved-on-close")); // no suffix: .serveplan is added
    prompts.queueSaveFile(target);
    RecentFiles recent;
    DocumentActions actions(&document, &prompts, &recent, nullptr, &newScenario);
    QVERIFY(actions.maybeSave());
    QVERIFY(!document.isModified());
    const QString written = target + QStringLiteral(".serveplan");
    QCOMPARE(document.filePath(), written);
    auto loaded = models::ScenarioFile::load(written);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->qps, 42.0);
    QCOMPARE(recent.files().constFirst(), written);
}

void TestDocument::saveFailureKeepsModified() {
    ScenarioDocument document;
    document.reset(demoScenario());
    document.edit(QStringLiteral("x"), [](Scenario& s) { s.qps = 9; });
    PresetPrompts prompts;
    prompts.queueSaveFile(path(QStringLiteral("no/such/folder/x.serveplan")));
    DocumentActions actions(&document, &prompts, nullptr, nullptr, &newScenario);
    QVERIFY(!actions.saveAs());
    QCOMPARE(prompts.errorsShown().size(), 1);
    QVERIFY(prompts.errorsShown().constFirst().contains(QStringLiteral("x.serveplan")));
    QVERIFY(document.isModified());
    QVERIFY(document.filePath().isEmpty());
}

void TestDocument::recentFilesNewestFirstAndCapped() {
    RecentFiles recent;
    QSignalSpy changed(&recent, &RecentFiles::changed);
    for (int i = 0; i < 10; ++i)
        recent.add(path(QStringLiteral("f%1.serveplan").arg(i)));
    QCOMPARE(recent.files().size(), RecentFiles::kMaxEntries);
    QCOMPARE(recent.files().constFirst(), path(QStringLiteral("f9.serveplan")));
    recent.add(path(QStringLiteral("f5.serveplan"))); // moves to the front, no duplicate
    QCOMPARE(recent.files().constFirst(), path(QStringLiteral("f5.serveplan")));
    QCOMPARE(recent.files().count(path(QStringLiteral("f5.serveplan"))), 1);
    QCOMPARE(changed.count(), 11);
    // Stored in the settings: a new instance sees the same list.
    RecentFiles again;
    QCOMPARE(again.files(), recent.files());
    again.clear();
    QVERIFY(RecentFiles().files().isEmpty());
}

QTEST_MAIN(TestDocument)
#include "TestDocument.moc"
