// `serveplan-cli report` in-process (it renders charts, so this test runs a QApplication): its
// options and exit codes (0 written, 1 cannot write, 2 invalid input) and the files it leaves (a PDF
// and two CSV files, or nothing). TestCliProcess runs the program with no display at all.
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace serveplan::test;

class TestCliReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void writesPdfAndCsv();
    void invalidInput_data();
    void invalidInput();
    void unwritablePathFailsAndLeavesNothing();
    void helpDescribesTheOptions();

private:
    struct Run {
        int code = -1;
        QString out, err;
    };
    Run run(const QStringList& args) const;
    QTemporaryDir m_dir;
    QString m_db;
    QString m_scenario;
};

void TestCliReport::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("catalog.sqlite"));
    m_scenario = testDataPath(QStringLiteral("report/r1-distill-7b-chat.serveplan"));
}

TestCliReport::Run TestCliReport::run(const QStringList& args) const {
    const auto r = runCli(QStringList{QStringLiteral("--db"), m_db} + args);
    return {r.code, r.out, r.err};
}

void TestCliReport::writesPdfAndCsv() {
    const QString pdf = m_dir.filePath(QStringLiteral("r.pdf"));
    const QString csv = m_dir.filePath(QStringLiteral("r.csv"));
    const Run r = run({QStringLiteral("report"), QStringLiteral("--scenario"), m_scenario, QStringLiteral("--pdf"), pdf,
                       QStringLiteral("--csv"), csv, QStringLiteral("--paper"), QStringLiteral("letter")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(pdf));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    // Letter is 612 × 792 points (8.5 × 11 in).
    QVERIFY2(bytes.contains("/MediaBox [0 0 612.000000 792.000000]"), "expected US Letter pages");
    QVERIFY(QFileInfo(csv).size() > 1000);
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("r-curves.csv"))).size() > 100);
}

void TestCliReport::invalidInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString out = QStringLiteral("/tmp/never-written.pdf");
    QTest::addRow("no scenario") << QStringList{QStringLiteral("--pdf"), out} << QStringLiteral("--scenario");
    QTest::addRow("no pdf") << QStringList{QStringLiteral("--scenario"), QStringLiteral("x.serveplan")}
                            << QStringLiteral("--pdf");
    QTest::addRow("bad paper") << QStringList{QStringLiteral("--scenario"), QStringLiteral("x"),
                                              QStringLiteral("--pdf"),      out,
                                              QStringLiteral("--paper"),    QStringLiteral("a5")}
                               << QStringLiteral("a4 or letter");
    QTest::addRow("unknown option") << QStringList{QStringLiteral("--colour")} << QStringLiteral("--colour");
    QTest::addRow("missing value") << QStringList{QStringLiteral("--scenario")} << QStringLiteral("needs a value");
    QTest::addRow("unknown language") << QStringList{QStringLiteral("--scenario"), QStringLiteral("x"),
                                                     QStringLiteral("--pdf"),      out,
                                                     QStringLiteral("--lang"),     QStringLiteral("xx_YY")}
                                      << QStringLiteral("xx_YY");
    QTest::addRow("missing scenario file")
        << QStringList{QStringLiteral("--scenario"), QStringLiteral("/nonexistent/s.serveplan"),
                       QStringLiteral("--pdf"), out}
        << QStringLiteral("/nonexistent/s.serveplan");
}

void TestCliReport::invalidInput() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(QStringList{QStringLiteral("report")} + args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/never-written.pdf")));
}

void TestCliReport::unwritablePathFailsAndLeavesNothing() {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString pdf = blocker.fileName() + QStringLiteral("/r.pdf"); // a file cannot hold files
    const Run r =
        run({QStringLiteral("report"), QStringLiteral("--scenario"), m_scenario, QStringLiteral("--pdf"), pdf});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("cannot write ")) && r.err.contains(pdf), qPrintable(r.err));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("file")});
}

void TestCliReport::helpDescribesTheOptions() {
    const Run r = run({QStringLiteral("help"), QStringLiteral("report")});
    QCOMPARE(r.code, 0);
    for (const char* option : {"--scenario", "--pdf", "--csv", "--paper", "--lang", "--bom"})
        QVERIFY2(r.out.contains(QLatin1String(option)), option);
}

QTEST_MAIN(TestCliReport) // a QApplication: the report renders charts
#include "TestCliReport.moc"
