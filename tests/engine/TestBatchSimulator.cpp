// Invariants of the continuous-batching simulator: every request finishes, tokens are conserved,
// the same seed gives the same result, Little's law holds, preemption recovers, the modes differ
// as they should.
#include "TestPerfFixtures.h"
#include "perf/EngineProfile.h"
#include "perf/StepTimeModel.h"
#include "perf/BatchSimulator.h"

#include <QTest>

#include <numeric>

using namespace serveplan;
using serveplan::test::deployment;
using serveplan::test::workload;

namespace {
const Deployment& h100() {
    static const Deployment d = deployment("llama-3.1-8b-instruct", "h100-sxm");
    return d;
}
const StepTimeModel& stepModel() {
    static const StepTimeModel m(h100(), engineProfile(ServingEngine::Vllm));
    return m;
}
SimConfig config(SimConfig::Mode mode, int requests) {
    SimConfig c;
    c.mode = mode;
    c.requests = requests;
    c.maxBatchSize = 256;
    c.maxBatchedTokens = 2048;
    c.kvTokenCapacity = 400000;
    Workload w;
    w.inputTokens = {LengthDistribution::Kind::LogNormal, 500, 300, 10, 4000};
    w.outputTokens = {LengthDistribution::Kind::Uniform, 200, 0, 20, 400};
    c.workload = w;
    return c;
}
double sum(const std::vector<int>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
}
} // namespace

class TestBatchSimulator final : public QObject {
    Q_OBJECT
private slots:
    void everyRequestFinishesAndTokensAreConserved_data() {
        QTest::addColumn<int>("mode");
        QTest::addRow("offline") << int(SimConfig::Mode::Offline);
        QTest::addRow("closed loop") << int(SimConfig::Mode::ClosedLoop);
        QTest::addRow("poisson") << int(SimConfig::Mode::Poisson);
    }
    void everyRequestFinishesAndTokensAreConserved() {
        QFETCH(int, mode);
        SimConfig c = config(SimConfig::Mode(mode), 3000);
        c.concurrency = 64;
        c.rate = 20;
        const SimResult r = BatchSimulator(stepModel(), c).run();
        QCOMPARE(r.completed, 3000);
        QCOMPARE(r.rejected, 0);
        QCOMPARE(r.inputTokens, sum(drawLengths(c.workload.inputTokens, 3000, c.seed)));
        QCOMPARE(r.outputTokens, sum(drawLengths(c.workload.outputTokens, 3000, c.seed ^ 0x9e3779b97f4a7c15ULL)));
        QVERIFY(r.durationS > 0);
        QCOMPARE(r.totalTokensPerS, r.inputTokensPerS + r.outputTokensPerS);
        QVERIFY(r.ttftS.p50 <= r.ttftS.p95 && r.ttftS.p95 <= r.ttftS.p99);
        QVERIFY(r.e2eS.mean >= r.ttftS.mean);
    }

    void sameSeedSameResult() {
        SimConfig c = config(SimConfig::Mode::Poisson, 2000);
        c.rate = 30;
        const SimResult a = BatchSimulator(stepModel(), c).run();
        const SimResult b = BatchSimulator(stepModel(), c).run();
        QCOMPARE(a.durationS, b.durationS);
        QCOMPARE(a.ttftS.p99, b.ttftS.p99);
        QCOMPARE(a.steps, b.steps);
        c.seed = 2;
        QVERIFY(BatchSimulator(stepModel(), c).run().durationS != a.durationS);
    }

    void littlesLawHolds() {
        // Below saturation nobody waits long, so the mean number running = arrival rate x mean
        // time in the engine (end-to-end minus the API overhead, which is outside the engine).
        SimConfig c = config(SimConfig::Mode::Poisson, 20000);
        c.rate = 20;
        const SimResult r = BatchSimulator(stepModel(), c).run();
        const double w = r.e2eS.mean - c.requestOverheadS;
        const double little = r.requestsPerS * w;
        QVERIFY2(qAbs(r.meanBatch / little - 1) < 0.05,
                 qPrintable(QStringLiteral("L %1 vs lambda W %2").arg(r.meanBatch).arg(little)));
        QVERIFY(qAbs(r.requestsPerS / 20 - 1) < 0.05); // delivered = offered below saturation
    }

    void closedLoopKeepsConcurrency() {
        SimConfig c = config(SimConfig::Mode::ClosedLoop, 4000);
        c.concurrency = 32;
        const SimResult r = BatchSimulator(stepModel(), c).run();
        QVERIFY2(r.meanBatch > 28 && r.meanBatch <= 32.0001, qPrintable(QString::number(r.meanBatch)));
        // Single stream: TPOT is one decode step.
        SimConfig one = config(SimConfig::Mode::ClosedLoop, 20);
        one.concurrency = 1;
        one.workload = workload(100, 101);
        const SimResult s = BatchSimulator(stepModel(), one).run();
        const double step = stepModel().decodeStep(1, 150);
        QVERIFY2(qAbs(s.tpotS.mean / step - 1) < 0.02, qPrintable(QString::number(s.tpotS.mean / step)));
    }

    void preemptionRecoversWhenTheKvCacheIsSmall() {
        SimConfig c = config(SimConfig::Mode::Offline, 500);
        c.workload = workload(200, 800);
        c.kvTokenCapacity = 20000; // 20 sequences of 1000 tokens, but 100 are admitted on their prompts
        const SimResult r = BatchSimulator(stepModel(), c).run();
        QCOMPARE(r.completed, 500);
        QVERIFY(r.preemptions > 0);
        c.reserveFullSequence = true; // engines that reserve input + output never preempt
        const SimResult reserved = BatchSimulator(stepModel(), c).run();
        QCOMPARE(reserved.completed, 500);
        QCOMPARE(reserved.preemptions, 0);
        QVERIFY(reserved.meanBatch <= 20.0001);
    }

    void requestsLargerThanTheCacheAreRejected() {
        SimConfig c = config(SimConfig::Mode::Offline, 10);
        c.workload = workload(5000, 10);
        c.kvTokenCapacity = 4000;
        const SimResult r = BatchSimulator(stepModel(), c).run();
        QCOMPARE(r.rejected, 10);
        QCOMPARE(r.completed, 0);
    }

    void overloadGrowsTheQueue() {
        SimConfig light = config(SimConfig::Mode::Poisson, 3000);
        light.rate = 5;
        SimConfig heavy = light;
        heavy.rate = 500;
        const SimResult a = BatchSimulator(stepModel(), light).run();
        const SimResult b = BatchSimulator(stepModel(), heavy).run();
        QVERIFY(b.ttftS.mean > 10 * a.ttftS.mean);
        QVERIFY(b.requestsPerS < 400); // cannot deliver what is offered
        QVERIFY(b.tpotS.mean > a.tpotS.mean);
    }

    void hundredThousandRequestsComplete() {
        SimConfig c = config(SimConfig::Mode::Poisson, 100000);
        c.rate = 40;
        const SimResult r = BatchSimulator(stepModel(), c).run();
        QCOMPARE(r.completed, 100000);
        QVERIFY(r.events < 10 * 100000); // event jumps: a few loop turns per request, not per token
    }

    void lengthDistributions() {
        const auto fixed = drawLengths(LengthDistribution::fixed(128), 100, 1);
        QCOMPARE(sum(fixed), 12800.0);
        const auto uniform = drawLengths({LengthDistribution::Kind::Uniform, 0, 0, 100, 200}, 10000, 1);
        QVERIFY(*std::min_element(uniform.begin(), uniform.end()) >= 100);
        QVERIFY(*std::max_element(uniform.begin(), uniform.end()) <= 200);
        QVERIFY(qAbs(sum(uniform) / 10000 - 150) < 2);
        const auto exponential = drawLengths({LengthDistribution::Kind::Exponential, 300, 0, 1, 1e6}, 20000, 3);
        QVERIFY(qAbs(sum(exponential) / 20000 - 300) < 10);
        const auto logNormal = drawLengths({LengthDistribution::Kind::LogNormal, 400, 200, 1, 1e6}, 20000, 4);
        QVERIFY(qAbs(sum(logNormal) / 20000 - 400) < 10);
    }
};

QTEST_APPLESS_MAIN(TestBatchSimulator)
#include "TestBatchSimulator.moc"
