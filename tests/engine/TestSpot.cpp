// Expected cost and capacity of a fleet with a spot share, against hand-worked numbers.
#include "cost/Spot.h"

#include <QTest>

using namespace serveplan;

namespace {
SpotInput tenP5s() {
    // 10 p5.48xlarge in us-east-1: on-demand 55.04, spot 20.0775 USD/h (instances.csv, 2026-04-02).
    SpotInput in;
    in.instances = 10;
    in.onDemandHourly = 55.04;
    in.spotHourly = 20.0775;
    in.fleetCapacityQps = 800;
    in.coldStartSeconds = 120;
    in.hoursPerMonth = 730;
    return in;
}
} // namespace

class TestSpot final : public QObject {
    Q_OBJECT
private slots:
    void halfOnSpotWithFallback() {
        // λ = 0.05/h, replacement 10 min: λτ = 1/120, busy share λτ/(1+λτ) = 1/121.
        // Per spot slot: 120/121 * 20.0775 + 1/121 * 55.04 = 20.366446 USD/h.
        // Fleet: 5 * 55.04 + 5 * 20.366446 = 377.03223 USD/h.
        // Outage only during the on-demand cold start (2 min): λ * (1/30) / (121/120) = 0.2/121 per slot,
        // over the fleet 5/10 of that.
        SpotSettings s;
        s.share = 0.5;
        s.interruptionsPerHour = 0.05;
        s.replacementMinutes = 10;
        s.onDemandFallback = true;
        const SpotOutcome out = expectedSpot(tenP5s(), s);
        QCOMPARE(out.spotInstances, 5);
        QCOMPARE(out.onDemandInstances, 5);
        const double slot = 120.0 / 121 * 20.0775 + 1.0 / 121 * 55.04;
        QVERIFY(qFuzzyCompare(out.expectedHourlyCost, 5 * 55.04 + 5 * slot));
        QVERIFY(qFuzzyCompare(out.expectedMonthlyCost, (5 * 55.04 + 5 * slot) * 730));
        QVERIFY(qFuzzyCompare(out.expectedCapacityLostFraction, 0.5 * 0.2 / 121));
        QVERIFY(qFuzzyCompare(out.expectedCapacityLostQps, 800 * 0.5 * 0.2 / 121));
    }

    void withoutFallbackLosesMoreAndPaysLess() {
        SpotSettings s;
        s.share = 0.5;
        s.interruptionsPerHour = 0.05;
        s.replacementMinutes = 10;
        s.onDemandFallback = false;
        const SpotOutcome out = expectedSpot(tenP5s(), s);
        QVERIFY(qFuzzyCompare(out.expectedHourlyCost, 5 * 55.04 + 5 * 120.0 / 121 * 20.0775));
        QVERIFY(qFuzzyCompare(out.expectedCapacityLostFraction, 0.5 / 121));
    }

    void shareRoundsDownToWholeInstances() {
        SpotSettings s;
        s.share = 0.39;
        SpotInput in = tenP5s();
        in.instances = 3; // 1.17 -> 1 instance on spot
        const SpotOutcome out = expectedSpot(in, s);
        QCOMPARE(out.spotInstances, 1);
        QCOMPARE(out.onDemandInstances, 2);
    }

    void noInterruptionsIsPlainSpot() {
        SpotSettings s;
        s.share = 1.0;
        s.interruptionsPerHour = 0;
        const SpotOutcome out = expectedSpot(tenP5s(), s);
        QVERIFY(qFuzzyCompare(out.expectedHourlyCost, 10 * 20.0775));
        QCOMPARE(out.expectedCapacityLostFraction, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestSpot)
#include "TestSpot.moc"
