// The plan columns as the outputs write them: `serveplan-cli plan`'s CSV header and JSON keys, its
// --curves header, and `serveplan-cli report --csv`'s two headers all equal the one table of
// engine/plan/PlanColumns (the CLI's columns, or every column for the report).
#include "TestSupport.h"
#include "common/CsvReader.h"
#include "plan/PlanColumns.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace serveplan;
using namespace Qt::StringLiterals;

namespace {

std::vector<std::string> headerOf(const QByteArray& text) {
    const auto table = CsvReader::parse(text.toStdString(), "output");
    return table ? table->header : std::vector<std::string>{};
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestOutputColumns final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_scenario;

    QByteArray run(const QStringList& args) {
        QProcess p;
        p.start(qEnvironmentVariable("SERVEPLAN_CLI"),
                QStringList{u"--db"_s, m_dir.filePath(u"catalog.sqlite"_s)} + args);
        p.waitForFinished(300000);
        if (p.exitCode() != 0)
            qWarning("%s", p.readAllStandardError().constData());
        return p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_CLI"), "SERVEPLAN_CLI is set by ctest");
        m_scenario = test::testDataPath(u"golden/gcp-azure.serveplan"_s);
    }

    void planCsvAndCurves() {
        const QString curves = m_dir.filePath(u"curves.csv"_s);
        const QByteArray out = run({u"plan"_s, u"--scenario"_s, m_scenario, u"--curves"_s, curves});
        QVERIFY(!out.isEmpty());
        QCOMPARE(headerOf(out), planColumnNames(PlanOutput::Cli));
        QCOMPARE(headerOf(readFile(curves)), curveColumnNames(PlanOutput::Cli));
    }

    void planJsonKeys() {
        const QByteArray out = run({u"plan"_s, u"--scenario"_s, m_scenario, u"--format"_s, u"json"_s});
        const QJsonArray plans = QJsonDocument::fromJson(out).object().value(u"plans"_s).toArray();
        QVERIFY(!plans.isEmpty());
        std::vector<std::string> expected = planColumnNames(PlanOutput::Cli);
        std::sort(expected.begin(), expected.end()); // a JSON object's keys have no order
        for (const QJsonValue& plan : plans) {
            std::vector<std::string> keys;
            for (const QString& key : plan.toObject().keys())
                keys.push_back(key.toStdString());
            std::sort(keys.begin(), keys.end());
            QCOMPARE(keys, expected);
        }
    }

    void reportCsv() {
        const QString csv = m_dir.filePath(u"report.csv"_s);
        run({u"report"_s, u"--scenario"_s, m_scenario, u"--csv"_s, csv, u"--pdf"_s, m_dir.filePath(u"report.pdf"_s)});
        QCOMPARE(headerOf(readFile(csv)), planColumnNames(PlanOutput::Report));
        QCOMPARE(headerOf(readFile(m_dir.filePath(u"report-curves.csv"_s))), curveColumnNames(PlanOutput::Report));
    }
};

QTEST_GUILESS_MAIN(TestOutputColumns)
#include "TestOutputColumns.moc"
