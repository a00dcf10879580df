// serveplan-cli as a program, end to end through the built executable (the other cli tests call
// the same code in-process): exit codes 0/1/2, stdout and stderr kept apart, --db before and after
// the command, --help and --version, one plan, and a report on a machine without a display (the
// program picks the offscreen platform itself).
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("SERVEPLAN_CLI"), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestCliProcess final : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_CLI"), "SERVEPLAN_CLI is set by ctest");
        m_db = m_dir.filePath(u"catalog.sqlite"_s);
    }

    void versionAndHelpGoToStdout() {
        const Run version = cli({u"--version"_s});
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out, QByteArray("serveplan-cli " SERVEPLAN_VERSION "\n"));
        QVERIFY(version.err.isEmpty());
        const Run help = cli({u"--help"_s});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.startsWith("Usage: serveplan-cli [--db PATH] COMMAND [ARGS...]\n"));
        QVERIFY(help.out.contains("\n  plan        ranked deployment plans as CSV or JSON\n"));
        QVERIFY(help.err.isEmpty());
        const Run planHelp = cli({u"help"_s, u"plan"_s});
        QCOMPARE(planHelp.code, 0);
        QVERIFY(planHelp.out.startsWith("Usage: serveplan-cli plan "));
        QCOMPARE(cli({u"plan"_s, u"--help"_s}).out, planHelp.out);
    }

    void usageErrorsExitTwoOnStderr_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("no command") << QStringList{} << QByteArray("Usage: serveplan-cli");
        QTest::addRow("unknown command") << QStringList{u"frobnicate"_s}
                                         << QByteArray("serveplan-cli: unknown command frobnicate (see --help)\n");
        QTest::addRow("unknown global option")
            << QStringList{u"--colour"_s} << QByteArray("serveplan-cli: unknown option --colour (see --help)\n");
        QTest::addRow("unknown plan option")
            << QStringList{u"plan"_s, u"--colour"_s, u"red"_s}
            << QByteArray("serveplan-cli plan: unknown argument --colour (see serveplan-cli help plan)\n");
        QTest::addRow("missing value") << QStringList{u"plan"_s, u"--model"_s}
                                       << QByteArray("serveplan-cli plan: --model needs a value\n");
    }
    void usageErrorsExitTwoOnStderr() {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = cli(QStringList{u"--db"_s, m_db} + args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void failureExitsOne() {
        QTemporaryDir dir;
        QFile notADatabase(dir.filePath(u"junk.sqlite"_s));
        QVERIFY(notADatabase.open(QIODevice::WriteOnly));
        notADatabase.write(QByteArray(4096, 'x'));
        notADatabase.close();
        const Run r = cli({u"--db"_s, notADatabase.fileName(), u"db"_s, u"info"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("serveplan-cli db: "), r.err.constData());
    }

    /// --db may come before or after the command; both name the same file.
    void dbOptionBeforeAndAfterTheCommand() {
        const Run before = cli({u"--db"_s, m_db, u"db"_s, u"check"_s});
        QCOMPARE(before.code, 0);
        QVERIFY(before.out.contains(m_db.toUtf8()));
        QVERIFY(QFileInfo::exists(m_db));
        const QString other = m_dir.filePath(u"other.sqlite"_s);
        const Run after = cli({u"db"_s, u"check"_s, u"--db"_s, other});
        QCOMPARE(after.code, 0);
        QVERIFY(after.out.contains(other.toUtf8()));
    }

    /// A plan: the CSV on stdout, notes (if any) on stderr only.
    void onePlan() {
        const Run r = cli({u"--db"_s, m_db, u"plan"_s, u"--model"_s, u"deepseek-r1-distill-qwen-7b"_s, u"--qps"_s,
                           u"5"_s, u"--provider"_s, u"aws"_s, u"--top"_s, u"3"_s});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("rank,model,provider,instance_type,region,gpu,"));
        QVERIFY(lines[1].startsWith("1,deepseek-r1-distill-qwen-7b,aws,"));
        QVERIFY(!r.err.contains("rank,"));
    }

    /// No DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM, as on a server: report still writes its PDF.
    void reportWithoutADisplay() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        const QString pdf = m_dir.filePath(u"r.pdf"_s);
        const Run r = cli({u"--db"_s, m_db, u"report"_s, u"--scenario"_s,
                           serveplan::test::testDataPath(u"report/r1-distill-7b-chat.serveplan"_s), u"--pdf"_s, pdf},
                          env);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.out, u"wrote %1\n"_s.arg(pdf).toUtf8());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("%PDF-"));
    }
};

QTEST_GUILESS_MAIN(TestCliProcess)
#include "TestCliProcess.moc"
