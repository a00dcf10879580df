// `serveplan-cli report` writes the same report as the GUI's export path (ReportData::plan +
// ReportWriter in this process): the same text per pdftotext and the same CSV bytes, in English and
// in Chinese, from the same scenario file and database.
#include "CatalogDb.h"
#include "ScenarioFile.h"
#include "TestReportFixture.h"
#include "report/ReportWriter.h"

#include <QTemporaryDir>
#include <QTranslator>

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;

class TestReportCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cliEqualsInProcess_data();
    void cliEqualsInProcess();

private:
    static QByteArray readAll(const QString& path);
    QTemporaryDir m_dir;
    QString m_db;
    QString m_scenario;
};

void TestReportCli::initTestCase() {
    QVERIFY2(havePoppler(), "poppler-utils must be installed");
    QVERIFY(m_dir.isValid());
    QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_CLI"), "SERVEPLAN_CLI must name the built serveplan-cli");
    // Both sides take the report date from SOURCE_DATE_EPOCH (2026-11-27 00:00 UTC), as builds do.
    qputenv("SOURCE_DATE_EPOCH", "1795737600");
    m_db = m_dir.filePath(QStringLiteral("catalog.sqlite"));
    m_scenario = testDataPath(QStringLiteral("report/r1-distill-7b-chat.serveplan"));
}

QByteArray TestReportCli::readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestReportCli::cliEqualsInProcess_data() {
    QTest::addColumn<QString>("lang");
    QTest::addRow("english") << QString();
    QTest::addRow("chinese") << QStringLiteral("zh_CN");
}

void TestReportCli::cliEqualsInProcess() {
    QFETCH(QString, lang);
    const QString tag = lang.isEmpty() ? QStringLiteral("en") : lang;
    const QString cliPdf = m_dir.filePath(tag + QStringLiteral("-cli.pdf"));
    const QString cliCsv = m_dir.filePath(tag + QStringLiteral("-cli.csv"));
    QStringList args{QStringLiteral("--db"),
                     m_db,
                     QStringLiteral("report"),
                     QStringLiteral("--scenario"),
                     m_scenario,
                     QStringLiteral("--pdf"),
                     cliPdf,
                     QStringLiteral("--csv"),
                     cliCsv,
                     QStringLiteral("--bom")};
    if (!lang.isEmpty())
        args << QStringLiteral("--lang") << lang;
    QProcess cli;
    cli.start(qEnvironmentVariable("SERVEPLAN_CLI"), args);
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

    // The GUI's path: the same database and scenario file, planned and written in this process.
    QTranslator translator;
    if (!lang.isEmpty()) {
        QVERIFY(translator.load(QStringLiteral(":/i18n/serveplan_") + lang + QStringLiteral(".qm")));
        QCoreApplication::installTranslator(&translator);
    }
    auto db = models::CatalogDb::open(m_db);
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
    auto catalog = db.value()->loadCatalog();
    QVERIFY(catalog.ok());
    const auto scenario = models::ScenarioFile::load(m_scenario);
    QVERIFY2(scenario.ok(), scenario.ok() ? "" : scenario.error().c_str());
    const auto data = ReportData::plan(std::make_shared<const Catalog>(std::move(catalog).value()), *scenario, {});
    QVERIFY(data.ok());
    const QString guiPdf = m_dir.filePath(tag + QStringLiteral("-gui.pdf"));
    const QString guiCsv = m_dir.filePath(tag + QStringLiteral("-gui.csv"));
    QVERIFY(ReportWriter::writePdf(*data, guiPdf, {}).ok());
    QVERIFY(ReportWriter::writeCsv(*data, guiCsv, {true}).ok());
    if (!lang.isEmpty())
        QCoreApplication::removeTranslator(&translator);

    const QByteArray cliText = runTool(QStringLiteral("pdftotext"), {cliPdf, QStringLiteral("-")});
    const QByteArray guiText = runTool(QStringLiteral("pdftotext"), {guiPdf, QStringLiteral("-")});
    QVERIFY(cliText.size() > 2000);
    QCOMPARE(cliText, guiText);
    QVERIFY(cliText.contains(data->result.rows.front().instance->instanceType.c_str()));
    const QByteArray csv = readAll(cliCsv);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(csv, readAll(guiCsv));
    QCOMPARE(readAll(ReportWriter::curvesPath(cliCsv)), readAll(ReportWriter::curvesPath(guiCsv)));
}

QTEST_MAIN(TestReportCli)
#include "TestReportCli.moc"
