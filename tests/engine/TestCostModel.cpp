// Known answers for the cost arithmetic (engine/plan/README.md), each worked by hand in a comment,
// and two properties: cost never falls as the load rises; more cache hits never cost more.
#include "cost/CostModel.h"

#include <QTest>

using namespace serveplan;

class TestCostModel final : public QObject {
    Q_OBJECT
private slots:
    void replicas_data() {
        QTest::addColumn<double>("load");
        QTest::addColumn<double>("capacity");
        QTest::addColumn<int>("expected");
        QTest::addRow("400 / 30 = 13.3 -> 14") << 400.0 << 30.0 << 14;
        QTest::addRow("exact 100 / 10 -> 10") << 100.0 << 10.0 << 10;
        // 3 * 0.1 = 0.30000000000000004 in binary; must not become 4 replicas.
        QTest::addRow("rounding 0.3 / 0.1 -> 3") << 3 * 0.1 << 0.1 << 3;
        QTest::addRow("tiny load still needs one") << 0.001 << 50.0 << 1;
        QTest::addRow("no load still needs one") << 0.0 << 50.0 << 1;
    }
    void replicas() {
        QFETCH(double, load);
        QFETCH(double, capacity);
        QFETCH(int, expected);
        QCOMPARE(replicasFor(load, capacity), expected);
    }

    void instances() {
        QCOMPARE(instancesFor(14, {8, 1}), 2); // 14 TP1 replicas on 8-GPU instances: 8 + 6
        QCOMPARE(instancesFor(16, {8, 1}), 2);
        QCOMPARE(instancesFor(17, {8, 1}), 3);
        QCOMPARE(instancesFor(3, {1, 2}), 6); // pipelined over 2 instances each
        QCOMPARE(replicasOn(3, {8, 1}), 24);
        QCOMPARE(replicasOn(7, {1, 2}), 3);
    }

    void fleetUtilisationAndHeadroom() {
        // 400 QPS on 30-QPS replicas: 14 replicas = 420 QPS; 400/420 busy, 420/400 - 1 = 5 % spare.
        const FleetSize f = sizeFleet(400, 30, {8, 1});
        QCOMPARE(f.replicas, 14);
        QCOMPARE(f.instances, 2);
        QVERIFY(qFuzzyCompare(f.utilisation, 400.0 / 420.0));
        QVERIFY(qFuzzyCompare(f.headroom, 0.05));
    }

    void costPerMillion() {
        // MODELING.md: price per hour / (tokens/s * 3600 / 1e6). 2 USD/h at 1000 tok/s = 2 / 3.6.
        QVERIFY(qFuzzyCompare(costPerMillionTokens(2.0, 1000), 2.0 / 3.6));
        // p5.48xlarge (55.04 USD/h) producing 20,000 output tok/s: 55.04 / 72 = 0.7644 USD per M.
        QVERIFY(qFuzzyCompare(costPerMillionTokens(55.04, 20000), 55.04 / 72.0));
        QCOMPARE(costPerMillionTokens(2.0, 0), 0.0);
    }

    void cacheRemovesLoad() { QVERIFY(qFuzzyCompare(loadAfterCache(500, 0.2), 400.0)); }

    void curveSteps() {
        // 10 QPS per replica, one replica per instance at 100 a month: 1..5 instances over 0..50 QPS.
        const auto steps = costCurve(0, 50, 10, 0, {1, 1}, 100, 100);
        QCOMPARE(steps.size(), std::size_t(5));
        for (std::size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].instances, int(i) + 1);
            QVERIFY(qFuzzyCompare(steps[i].qpsTo, 10.0 * (i + 1)));
            QVERIFY(qFuzzyCompare(steps[i].monthlyCost, 100.0 * (i + 1)));
        }
    }

    void curveStepsFollowInstancesNotReplicas() {
        // Eight TP1 replicas per 8-GPU instance: one instance covers 80 QPS, so 0..200 is 3 steps.
        const auto steps = costCurve(0, 200, 10, 0, {8, 1}, 40179.2, 100);
        QCOMPARE(steps.size(), std::size_t(3));
        QVERIFY(qFuzzyCompare(steps[0].qpsTo, 80.0));
        QVERIFY(qFuzzyCompare(steps[1].qpsTo, 160.0));
        QVERIFY(qFuzzyCompare(steps[2].qpsTo, 200.0));
        QCOMPARE(steps[2].instances, 3);
        QCOMPARE(steps[2].replicas, 24);
    }

    void curveWithCache() {
        // Half of the requests hit the cache: a 10-QPS replica covers 20 QPS of peak traffic.
        const auto steps = costCurve(0, 40, 10, 0.5, {1, 1}, 1, 100);
        QCOMPARE(steps.size(), std::size_t(2));
        QVERIFY(qFuzzyCompare(steps[0].qpsTo, 20.0));
    }

    void curveIsCut() { QCOMPARE(costCurve(0, 1e6, 1, 0, {1, 1}, 1, 50).size(), std::size_t(50)); }

    void budget() {
        // g6.xlarge 0.8048 USD/h * 730 = 587.504 a month; 10,000 buys floor(17.02) = 17 instances,
        // 17 one-replica instances at 2 QPS = 34 QPS.
        const BudgetReach r = budgetReach(10000, 0, 0.8048 * 730, 2, 0, {1, 1});
        QVERIFY(r.limited);
        QCOMPARE(r.instances, 17);
        QCOMPARE(r.replicas, 17);
        QVERIFY(qFuzzyCompare(r.maxQps, 34.0));
        // An instance cap below what the budget buys wins; a 20 % cache hit rate lifts the QPS by 1/0.8.
        const BudgetReach capped = budgetReach(10000, 5, 0.8048 * 730, 2, 0.2, {1, 1});
        QCOMPARE(capped.instances, 5);
        QVERIFY(qFuzzyCompare(capped.maxQps, 12.5));
        QVERIFY(!budgetReach(0, 0, 100, 2, 0, {1, 1}).limited);
    }

    void costNeverFallsAsQpsRises() {
        for (double capacity : {0.7, 3.0, 12.5, 80.0})
            for (Packing packing : {Packing{1, 1}, Packing{8, 1}, Packing{1, 4}}) {
                double previous = 0;
                for (double qps = 0.5; qps < 2000; qps *= 1.07) {
                    const double cost = instancesFor(sizeFleet(qps, capacity, packing).replicas, packing) * 3.0;
                    QVERIFY2(cost >= previous, qPrintable(QStringLiteral("qps %1 cap %2").arg(qps).arg(capacity)));
                    previous = cost;
                }
            }
    }

    void moreCacheHitsNeverCostMore() {
        for (double qps : {1.0, 37.0, 500.0, 4321.0}) {
            double previous = std::numeric_limits<double>::infinity();
            for (double hit = 0; hit < 0.99; hit += 0.03) {
                const double cost = sizeFleet(loadAfterCache(qps, hit), 7.5, {8, 1}).instances * 55.04;
                QVERIFY(cost <= previous);
                previous = cost;
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCostModel)
#include "TestCostModel.moc"
