// Golden outputs of serveplan-cli: `plan` (CSV, curves, JSON), `report` (CSV, curves CSV and the PDF's
// text through pdftotext) and `predict` for three scenarios in tests/data/golden, kept from the
// binaries of commit e2f93a9 before issue 14's restructuring. Each call of commands.txt runs again
// here against a fresh database from the embedded seed and must give the same bytes.
//
// Nothing is masked: the report date is fixed through SOURCE_DATE_EPOCH, and the PDF's creation date
// and producer are metadata that pdftotext does not print. A change that is meant (a fixed drift, a
// corrected seed price) shows as a unified diff in the failure message; regenerate the files with
// SERVEPLAN_UPDATE_GOLDEN=1 and say in the commit why they moved. SERVEPLAN_KEEP_TEST_OUTPUT=1 keeps
// the outputs of a failed run.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct GoldenCall {
    QStringList outputs;
    QString arguments;
};

QString goldenDir() {
    return serveplan::test::testDataPath(u"golden"_s);
}

QList<GoldenCall> readCommands() {
    QList<GoldenCall> calls;
    QFile file(goldenDir() + u"/commands.txt"_s);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return calls;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype tab = line.indexOf(u'\t');
        if (tab <= 0)
            continue;
        calls.append({line.left(tab).split(u','), line.mid(tab + 1).trimmed()});
    }
    return calls;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A unified diff of the expected and actual text, at most `maxLines` lines, for the failure message.
QString unifiedDiff(const QString& expectedPath, const QByteArray& actual, const QString& scratch, int maxLines = 60) {
    const QString actualPath = scratch + u"/actual"_s;
    QFile f(actualPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(actual) != actual.size())
        return u"(could not write the actual output for diff)"_s;
    f.close();
    QProcess diff;
    diff.start(u"diff"_s, {u"-u"_s, expectedPath, actualPath});
    if (!diff.waitForFinished(30000))
        return u"(diff did not run)"_s;
    QStringList lines = QString::fromUtf8(diff.readAllStandardOutput()).split(u'\n');
    if (lines.size() > maxLines) {
        const qsizetype more = lines.size() - maxLines;
        lines = lines.mid(0, maxLines);
        lines.append(u"... (%1 more diff lines)"_s.arg(more));
    }
    return lines.join(u'\n');
}

} // namespace

class TestGolden final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_CLI"), "SERVEPLAN_CLI is set by ctest");
        QVERIFY2(!readCommands().isEmpty(), "tests/data/golden/commands.txt lists the golden calls");
    }

    void call_data() {
        QTest::addColumn<QStringList>("outputs");
        QTest::addColumn<QString>("arguments");
        for (const GoldenCall& c : readCommands())
            QTest::addRow("%s", qPrintable(c.outputs.join(u','))) << c.outputs << c.arguments;
    }

    void call() {
        QFETCH(QStringList, outputs);
        QFETCH(QString, arguments);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const bool update = qEnvironmentVariableIntValue("SERVEPLAN_UPDATE_GOLDEN") == 1;
        dir.setAutoRemove(update || qEnvironmentVariableIntValue("SERVEPLAN_KEEP_TEST_OUTPUT") != 1);
        const QString out = dir.filePath(u"out"_s);
        QVERIFY(QDir().mkpath(out));

        QStringList args{u"--db"_s, dir.filePath(u"catalog.sqlite"_s)};
        for (QString a : arguments.split(u' ', Qt::SkipEmptyParts))
            args.append(a.replace(u"{data}"_s, goldenDir()).replace(u"{out}"_s, out));
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SOURCE_DATE_EPOCH"_s, u"1764979200"_s);
        cli.setProcessEnvironment(env);
        cli.start(qEnvironmentVariable("SERVEPLAN_CLI"), args);
        QVERIFY(cli.waitForFinished(300000));
        const QByteArray stdOut = cli.readAllStandardOutput();
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                 qPrintable(u"serveplan-cli %1 failed: %2"_s.arg(args.join(u' '),
                                                                 QString::fromUtf8(cli.readAllStandardError()))));

        for (const QString& name : outputs) {
            QByteArray actual;
            if (name.endsWith(u".pdf.txt"_s)) {
                const QString pdf = out + u'/' + name.chopped(4);
                QVERIFY2(QFile::exists(pdf), qPrintable(pdf + u" was not written"_s));
                QProcess text;
                text.start(u"pdftotext"_s, {pdf, u"-"_s});
                QVERIFY2(text.waitForFinished(60000) && text.exitCode() == 0, "pdftotext (poppler-utils) runs");
                actual = text.readAllStandardOutput();
            } else if (QFile::exists(out + u'/' + name)) {
                actual = readAll(out + u'/' + name);
            } else {
                actual = stdOut;
            }
            const QString goldenPath = goldenDir() + u'/' + name;
            if (update) {
                QFile golden(goldenPath);
                QVERIFY2(golden.open(QIODevice::WriteOnly) && golden.write(actual) == actual.size(),
                         qPrintable(goldenPath));
                continue;
            }
            QVERIFY2(QFile::exists(goldenPath), qPrintable(goldenPath + u" is missing"_s));
            const QByteArray expected = readAll(goldenPath);
            if (expected != actual)
                QFAIL(
                    qPrintable(u"%1 differs from its golden file (SERVEPLAN_UPDATE_GOLDEN=1 regenerates it):\n%2"_s.arg(
                        name, unifiedDiff(goldenPath, actual, dir.path()))));
        }
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "TestGolden.moc"
