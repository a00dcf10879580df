// An owned server priced as an hourly-equivalent instance, against a hand-worked example.
#include "TestPlannerFixtures.h"
#include "cost/OnPrem.h"
#include "plan/Planner.h"

#include <QTest>

using namespace serveplan;

namespace {
OnPremServer dgx() {
    OnPremServer s;
    s.name = "rack1-h100x8";
    s.gpuId = "h100-sxm";
    s.gpuCount = 8;
    s.purchasePrice = 300000;
    s.currency = "USD";
    s.amortisationYears = 4;
    s.powerKw = 10.2; // DGX H100 maximum system power
    s.utilisation = 0.6;
    s.pue = 1.4;
    s.electricityPerKwh = 0.12;
    s.hostingPerMonth = 1500;
    return s;
}
} // namespace

class TestOnPrem final : public QObject {
    Q_OBJECT
private slots:
    void hourlyEquivalent() {
        // 300,000 / 48 months = 6,250 a month; + 1,500 hosting = 7,750 a month = 10.6164 USD/h at 730 h.
        // Electricity: 10.2 kW * 0.6 * 1.4 * 0.12 USD/kWh = 1.02816 USD/h. Total 11.6446 USD/h.
        const OnPremCost c = onPremCost(dgx(), 730);
        QVERIFY(qFuzzyCompare(c.amortisationPerMonth, 6250.0));
        QVERIFY(qFuzzyCompare(c.electricityPerHour, 1.02816));
        QVERIFY(qFuzzyCompare(c.perHour, 7750.0 / 730 + 1.02816));
        QVERIFY(qFuzzyCompare(c.perMonth, 7750.0 + 1.02816 * 730)); // 8,500.56
    }

    void asAnInstance() {
        const InstanceSpec i = onPremInstance(dgx(), 720);
        QCOMPARE(QString::fromStdString(i.provider), QStringLiteral("onprem"));
        QVERIFY(i.onPrem);
        QCOMPARE(i.gpuCount, 8.0);
        QVERIFY(i.price(PricingPlan::OnDemand));
        QVERIFY(qFuzzyCompare(i.price(PricingPlan::OnDemand)->amount, 7750.0 / 720 + 1.02816));
    }

    void plannedNextToTheClouds() {
        // Whatever the pricing plan, the owned server keeps its own cost; the cloud rows follow the plan.
        const Catalog catalog = test::smallCatalog();
        Scenario s;
        s.models = {"small-7b"};
        s.gpus = {"h100-sxm"};
        s.qps = 100;
        s.tensorParallel = {8};
        s.pricing = PricingPlan::Spot;
        s.onPrem = {dgx()};
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(result->rows.size(), std::size_t(2));
        // 100 QPS at 80 QPS per TP8 replica = 2 instances either way; spot p5 2 * 20.0775 = 40.155 USD/h
        // against 2 * 11.6446: the owned servers rank first.
        const PlanRow& first = result->rows[0];
        QCOMPARE(QString::fromStdString(first.provider()), QStringLiteral("onprem"));
        QCOMPARE(first.instances, 2);
        QVERIFY(qFuzzyCompare(first.hourlyCost, 2 * (7750.0 / 730 + 1.02816)));
        QCOMPARE(QString::fromStdString(result->rows[1].provider()), QStringLiteral("aws"));
        QVERIFY(qFuzzyCompare(result->rows[1].hourlyCost, 2 * 20.0775));
    }

    void ownedServersHaveNoSpotMixOrAutoscalingSaving() {
        const Catalog catalog = test::smallCatalog();
        Scenario s;
        s.models = {"small-7b"};
        s.gpus = {"h100-sxm"};
        s.providers = {"onprem"};
        s.qps = 100;
        s.tensorParallel = {8};
        s.onPrem = {dgx()};
        s.spot.share = 0.5;
        s.burstMix.enabled = true;
        s.traffic.preset = TrafficPreset::BusinessHours;
        s.autoscaling.enabled = true;
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(result->rows.size(), std::size_t(1));
        const PlanRow& r = result->rows[0];
        QVERIFY(!r.spot().applied);
        QVERIFY(!r.burstMix().applied);
        QVERIFY(r.autoscaling().simulated);
        QCOMPARE(r.autoscaling().monthlyCost, r.monthlyCost);
        QCOMPARE(r.autoscaling().savingsFraction, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestOnPrem)
#include "TestOnPrem.moc"
