// ProbeRunner against a fake probe (tests/data/probe/fake_probe.sh) that crashes, hangs, prints
// garbage or an endless line: the runner must report each case clearly and never crash.
#include "ProbeRunner.h"

#include "TestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using serveplan::models::ProbeRunner;
using Outcome = ProbeRunner::Outcome;

class TestProbeRunner final : public QObject {
    Q_OBJECT

    QString fake() const { return serveplan::test::testDataPath(u"probe/fake_probe.sh"_s); }

    Outcome run(ProbeRunner& runner, const char* mode) {
        qputenv("FAKE_PROBE_MODE", mode);
        return runner.runBlocking(fake(), {u"--quick"_s});
    }

private slots:
    void completeRunKeepsEveryLine() {
        ProbeRunner runner;
        QSignalSpy results(&runner, &ProbeRunner::resultReported);
        QSignalSpy progress(&runner, &ProbeRunner::progressed);
        QCOMPARE(run(runner, "ok"), Outcome::Complete);
        QCOMPARE(results.count(), 1);
        QCOMPARE(progress.count(), 1);
        QCOMPARE(progress.first().at(1).toDouble(), 0.5);
        QCOMPARE(runner.device().value(u"name"_s).toString(), u"Fake CPU"_s);
        QCOMPARE(runner.rawOutput().count('\n'), 4);
        QCOMPARE(runner.malformedLines(), 0);
    }

    void crashIsReportedWithStderr() {
        ProbeRunner runner;
        QCOMPARE(run(runner, "crash"), Outcome::Crashed);
        QVERIFY2(runner.message().contains(u"crashed after 1 result"_s), qPrintable(runner.message()));
        QVERIFY2(runner.message().contains(u"about to crash"_s), qPrintable(runner.message()));
        QCOMPARE(runner.results(), 1); // what came before the crash is kept
    }

    void hangIsStoppedByTheTimeout() {
        ProbeRunner runner;
        runner.setTimeoutMs(500);
        QCOMPARE(run(runner, "hang"), Outcome::TimedOut);
        QVERIFY(runner.message().contains(u"did not finish"_s));
    }

    void hangCanBeCancelled() {
        ProbeRunner runner;
        runner.setTimeoutMs(0);
        qputenv("FAKE_PROBE_MODE", "hang");
        QSignalSpy finished(&runner, &ProbeRunner::finished);
        QSignalSpy progress(&runner, &ProbeRunner::progressed);
        QVERIFY(runner.start(fake(), {}));
        QVERIFY(progress.wait(5000)); // it is running and has said something
        runner.cancel();
        QVERIFY(finished.count() == 1 || finished.wait(5000));
        QCOMPARE(runner.outcome(), Outcome::Cancelled);
    }

    void garbageIsSkippedAndCounted() {
        ProbeRunner runner;
        QSignalSpy malformed(&runner, &ProbeRunner::malformedLine);
        QCOMPARE(run(runner, "garbage"), Outcome::Complete); // the done line came without a newline
        // binary noise, plain text, a cut object, an array, an object without type, a non-numeric value
        QCOMPARE(runner.malformedLines(), 6);
        QCOMPARE(malformed.count(), 6);
        QCOMPARE(runner.results(), 1);
        QVERIFY(!runner.rawOutput().contains("not json"));
    }

    void endlessLineIsDropped() {
        ProbeRunner runner;
        QCOMPARE(run(runner, "huge"), Outcome::Complete);
        QCOMPARE(runner.malformedLines(), 1);
        QCOMPARE(runner.results(), 1);
    }

    void missingDoneIsAProtocolError() {
        ProbeRunner runner;
        QCOMPARE(run(runner, "silent"), Outcome::ProtocolError);
    }

    void failedTestKeepsEarlierResults() {
        ProbeRunner runner;
        QSignalSpy errors(&runner, &ProbeRunner::errorReported);
        QCOMPARE(run(runner, "failed"), Outcome::TestFailed);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().at(0).toString(), u"gpu_gemm"_s);
        QCOMPARE(runner.results(), 1);
    }

    void missingProgramFailsToStart() {
        ProbeRunner runner;
        QCOMPARE(runner.runBlocking(u"/nonexistent/serveplan-probe"_s, {}), Outcome::FailedToStart);
        QVERIFY(runner.message().contains(u"/nonexistent/serveplan-probe"_s));
    }
};

QTEST_GUILESS_MAIN(TestProbeRunner)
#include "TestProbeRunner.moc"
