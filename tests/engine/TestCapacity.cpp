// SLO-aware capacity: monotone in the SLO, infeasible SLOs and OOM say why, the analytic closed
// form and the simulated search agree within the analytic model's stated accuracy.
#include "TestPerfFixtures.h"
#include "perf/Capacity.h"

#include <QTest>

using namespace serveplan;
using serveplan::test::deployment;
using serveplan::test::workload;

class TestCapacity final : public QObject {
    Q_OBJECT
private slots:
    void tighterSloNeverRaisesCapacity() {
        const Deployment d = deployment("llama-3.1-8b-instruct", "h100-sxm");
        const Workload w = workload(512, 256);
        double previous = 1e30;
        for (double tpot : {200.0, 60.0, 30.0, 20.0, 12.0}) {
            Slo slo;
            slo.tpotMs = tpot;
            const CapacityEstimate c = estimateCapacity(d, w, slo);
            QVERIFY(c.fits);
            QVERIFY2(c.sloFeasible, toEnglish(c.message).c_str());
            QVERIFY2(c.maxQps <= previous * 1.0001, qPrintable(QString::number(c.maxQps)));
            QVERIFY(c.tpotMs.value <= tpot * 1.0001);
            QVERIFY(c.tpotMs.low < c.tpotMs.value && c.tpotMs.value < c.tpotMs.high);
            previous = c.maxQps;
        }
        QVERIFY(previous > 0);
    }

    void capacityFollowsLittlesLaw() {
        const CapacityEstimate c =
            estimateCapacity(deployment("llama-3.1-8b-instruct", "a100-80gb-sxm"), workload(1000, 200), Slo{});
        QVERIFY(c.sloFeasible);
        QCOMPARE(c.outputTokensPerS, c.maxQps * 200);
        QCOMPARE(c.inputTokensPerS, c.maxQps * 1000);
        QVERIFY(c.maxBatch >= 1 && c.maxBatch <= 256);
    }

    void impossibleSloIsInfeasible() {
        Slo slo;
        slo.tpotMs = 0.5; // faster than reading 16 GB of weights allows
        for (CapacityMethod method : {CapacityMethod::Analytic, CapacityMethod::Simulated}) {
            const CapacityEstimate c =
                estimateCapacity(deployment("llama-3.1-8b-instruct", "h100-sxm"), workload(512, 256), slo, method);
            QVERIFY(c.fits);
            QVERIFY(!c.sloFeasible);
            QCOMPARE(c.maxQps, 0.0);
            QVERIFY(!c.message.empty());
        }
    }

    void outOfMemoryIsReported() {
        const CapacityEstimate c =
            estimateCapacity(deployment("llama-3.1-405b-instruct", "l4"), workload(512, 256), Slo{});
        QVERIFY(!c.fits);
        QVERIFY2(toEnglish(c.message).find("does not fit") != std::string::npos, toEnglish(c.message).c_str());
    }

    void analyticAgreesWithSimulation_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("gpu");
        QTest::addColumn<int>("tp");
        QTest::addRow("8b h100") << "llama-3.1-8b-instruct"
                                 << "h100-sxm" << 1;
        QTest::addRow("8b l4") << "llama-3.1-8b-instruct"
                               << "l4" << 1;
        QTest::addRow("70b h100 tp4") << "llama-3.1-70b-instruct"
                                      << "h100-sxm" << 4;
    }
    void analyticAgreesWithSimulation() {
        QFETCH(QString, model);
        QFETCH(QString, gpu);
        QFETCH(int, tp);
        const Deployment d = deployment(model.toUtf8().constData(), gpu.toUtf8().constData(), Precision::BF16, tp);
        // SLOs well above the roofline floor (L4 reads 16 GB of weights in >= 53 ms): right at the
        // floor the two methods' different tail models decide feasibility and may differ more.
        Slo slo;
        slo.ttftMs = 3000;
        slo.tpotMs = 150;
        const Workload w = workload(512, 256);
        const CapacityEstimate a = estimateCapacity(d, w, slo, CapacityMethod::Analytic);
        const CapacityEstimate s = estimateCapacity(d, w, slo, CapacityMethod::Simulated);
        QVERIFY(a.sloFeasible && s.sloFeasible);
        // The closed form is a cross-check of the simulation, stated good to a factor of 1.6.
        const double ratio = a.maxQps / s.maxQps;
        QVERIFY2(ratio > 1 / 1.6 && ratio < 1.6,
                 qPrintable(QStringLiteral("analytic %1 vs simulated %2").arg(a.maxQps).arg(s.maxQps)));
    }

    void simulatedCapacityIsDeterministic() {
        const Deployment d = deployment("qwen2.5-7b-instruct", "a10");
        Slo slo;
        slo.ttftMs = 1000;
        slo.tpotMs = 100;
        const CapacityEstimate a = estimateCapacity(d, workload(300, 300), slo, CapacityMethod::Simulated);
        const CapacityEstimate b = estimateCapacity(d, workload(300, 300), slo, CapacityMethod::Simulated);
        QCOMPARE(a.maxQps, b.maxQps);
        QCOMPARE(a.ttftMs.value, b.ttftMs.value);
    }
};

QTEST_APPLESS_MAIN(TestCapacity)
#include "TestCapacity.moc"
