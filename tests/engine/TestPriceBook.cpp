// The price book in the engine: the ten plan names (one spelling), prices picked by date from a
// history, the lowest effective price of several upfront options, the planner's Scenario::priceDate,
// every plan ranked by the planner, and the reserved base + on-demand burst mix on a real reserved price.
#include "TestPlannerFixtures.h"
#include "catalog/CatalogCsv.h"
#include "cost/Pricing.h"
#include "plan/Planner.h"

#include <QTest>

using namespace serveplan;

namespace {

Price dated(PricingPlan plan, double amount, const std::string& date, Upfront upfront = Upfront::None,
            double upfrontAmount = 0) {
    Price p = test::price(plan, amount);
    p.effectiveDate = date;
    p.source = "quote " + date;
    p.upfront = upfront;
    p.upfrontAmount = upfrontAmount;
    return p;
}

/// aws p5.48xlarge with a dated history: on-demand 55.04 (2026-04-02) after 98.32 (2024-01-01), and
/// 1-year reserved prices quoted on 2026-04-02 with and without upfront. `prices` holds the newest
/// (as CatalogLoader leaves it), `priceHistory` every row.
Catalog catalogWithHistory() {
    Catalog c = test::smallCatalog();
    InstanceSpec& p5 = c.instances[0];
    p5.priceHistory = {
        dated(PricingPlan::OnDemand, 98.32, "2024-01-01"), dated(PricingPlan::OnDemand, 55.04, "2026-04-02"),
        dated(PricingPlan::Spot, 20.0775, "2026-04-02"), dated(PricingPlan::Reserved1y, 39.0, "2025-01-01"),
        dated(PricingPlan::Reserved1y, 36.33, "2026-04-02"),
        // All upfront: 312,000 USD for the year = 35.62 USD/h effective over 8,760 h.
        dated(PricingPlan::Reserved1y, 312000.0 / 8760, "2026-04-02", Upfront::All, 312000),
        dated(PricingPlan::SavingsPlan1y, 38.2, "2026-04-02")};
    sortPriceHistory(p5.priceHistory);
    p5.prices = priceBookOn(p5.priceHistory);
    return c;
}

Scenario scenario(PricingPlan plan) {
    Scenario s;
    s.models = {"small-7b"};
    s.qps = 500;
    s.cacheHitRate = 0.2;
    s.instances = {"aws:p5.48xlarge"};
    s.tensorParallel = {8};
    s.pricing = plan;
    return s;
}

} // namespace

class TestPriceBook final : public QObject {
    Q_OBJECT
private slots:
    void planNamesRoundTrip() {
        QCOMPARE(allPricingPlans().size(), std::size_t(10));
        for (PricingPlan plan : allPricingPlans())
            QVERIFY(parsePricingPlan(toString(plan)) == plan);
        // The five names of schema versions 1-2 are unchanged (contract).
        QCOMPARE(toString(PricingPlan::OnDemand), std::string_view("on_demand"));
        QCOMPARE(toString(PricingPlan::SubscriptionMonth), std::string_view("subscription_month"));
        QCOMPARE(toString(PricingPlan::CommittedUse3y), std::string_view("committed_use_3y"));
        QVERIFY(!parsePricingPlan("reserved"));
        QVERIFY(!parsePricingPlan("On_Demand"));
        QCOMPARE(pricingPlanNames(),
                 std::string("on_demand|spot|reserved_1y|reserved_3y|savings_plan_1y|savings_plan_3y|"
                             "committed_use_1y|committed_use_3y|subscription_month|subscription_year"));
        QCOMPARE(termMonths(PricingPlan::Spot), 0);
        QCOMPARE(termMonths(PricingPlan::SavingsPlan3y), 36);
        QCOMPARE(termMonths(PricingPlan::SubscriptionYear), 12);
        QVERIFY(CatalogCsv::unitOf(PricingPlan::SubscriptionYear) == PriceUnit::Month);
        QVERIFY(CatalogCsv::unitOf(PricingPlan::CommittedUse1y) == PriceUnit::Hour);
        QVERIFY(parseUpfront("partial") == Upfront::Partial);
        QVERIFY(!parseUpfront("some"));
    }

    void priceOnADate() {
        const Catalog c = catalogWithHistory();
        const InstanceSpec& p5 = c.instances[0];
        QCOMPARE(p5.price(PricingPlan::OnDemand)->amount, 55.04);
        QCOMPARE(p5.price(PricingPlan::OnDemand, "2026-04-01")->amount, 98.32);
        QCOMPARE(p5.price(PricingPlan::OnDemand, "2026-04-02")->amount, 55.04);
        QVERIFY(!p5.price(PricingPlan::OnDemand, "2023-12-31"));
        const CurrencyConverter fx(c.fxRates);
        const ResolvedPrice old = resolvePrice(p5, PricingPlan::OnDemand, 0, 730, "USD", fx, "2025-06-30");
        QVERIFY(old.available);
        QCOMPARE(old.perHour, 98.32);
        QCOMPARE(old.source->effectiveDate, std::string("2024-01-01"));
        const ResolvedPrice none = resolvePrice(p5, PricingPlan::Spot, 0, 730, "USD", fx, "2025-06-30");
        QVERIFY(!none.available);
        QCOMPARE(toEnglish(none.message),
                 std::string("no spot price for aws:p5.48xlarge@us-east-1 in the catalog on or before 2025-06-30"));
    }

    void lowestEffectiveUpfrontOption() {
        const Catalog c = catalogWithHistory();
        const InstanceSpec& p5 = c.instances[0];
        const Price* best = p5.price(PricingPlan::Reserved1y);
        QVERIFY(best);
        QVERIFY(best->upfront == Upfront::All);
        QCOMPARE(best->upfrontAmount, 312000.0);
        QCOMPARE(p5.price(PricingPlan::Reserved1y, Upfront::None)->amount, 36.33);
        // Before the all-upfront quote existed only the 2025 no-upfront price counts.
        const Price* earlier = p5.price(PricingPlan::Reserved1y, "2025-12-31");
        QVERIFY(earlier && earlier->upfront == Upfront::None);
        QCOMPARE(earlier->amount, 39.0);
    }

    void plannerRanksEveryPlanWithItsPrice_data() {
        QTest::addColumn<int>("plan");
        QTest::addColumn<QString>("date");
        QTest::addColumn<double>("hourly"); ///< per instance, USD
        QTest::addRow("on_demand newest") << int(PricingPlan::OnDemand) << QString() << 55.04;
        QTest::addRow("on_demand on 2025-06-30") << int(PricingPlan::OnDemand) << QStringLiteral("2025-06-30") << 98.32;
        QTest::addRow("reserved_1y (all upfront)") << int(PricingPlan::Reserved1y) << QString() << 312000.0 / 8760;
        QTest::addRow("reserved_1y on 2025-06-30")
            << int(PricingPlan::Reserved1y) << QStringLiteral("2025-06-30") << 39.0;
        QTest::addRow("savings_plan_1y") << int(PricingPlan::SavingsPlan1y) << QString() << 38.2;
        QTest::addRow("committed_use_3y: none") << int(PricingPlan::CommittedUse3y) << QString() << 0.0;
    }

    void plannerRanksEveryPlanWithItsPrice() {
        QFETCH(int, plan);
        QFETCH(QString, date);
        QFETCH(double, hourly);
        const Catalog c = catalogWithHistory();
        Scenario s = scenario(static_cast<PricingPlan>(plan));
        s.priceDate = date.toStdString();
        const auto result = Planner(c, test::fakeCapacity).run(s);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QVERIFY(!result->rows.empty());
        const PlanRow& r = result->rows.front();
        QVERIFY(r.pricing == static_cast<PricingPlan>(plan));
        if (hourly == 0) {
            QVERIFY(r.status == PlanStatus::NoPrice);
            QVERIFY2(toEnglish(r.message).find("no committed_use_3y price") != std::string::npos,
                     toEnglish(r.message).c_str());
            return;
        }
        QVERIFY(r.price);
        QVERIFY(qFuzzyCompare(r.instanceHourly, hourly));
        QVERIFY(qFuzzyCompare(r.hourlyCost, r.instances * hourly));
    }

    void burstMixUsesTheReservedPrice() {
        const Catalog c = catalogWithHistory();
        Scenario s = scenario(PricingPlan::OnDemand);
        s.traffic.preset = TrafficPreset::BusinessHours;
        s.autoscaling.enabled = true;
        s.burstMix = {true, PricingPlan::Reserved1y, PricingPlan::OnDemand};
        const auto result = Planner(c, test::fakeCapacity).run(s);
        QVERIFY(result.ok());
        const PlanRow& r = result->rows.front();
        QVERIFY(r.burstMix().applied);
        // Reserved at 35.62/h against 55.04/h on demand (65 %): an instance belongs in the base when
        // it is needed in more than 65 % of the hours, so the night level is reserved and the
        // business-hours peak is bought on demand.
        QVERIFY(r.burstMix().baseInstances > 0);
        QVERIFY(r.burstMix().baseInstances < r.instances);
        QVERIFY(r.burstMix().monthlyCost < r.burstMix().allBurstMonthlyCost);
        QVERIFY(r.burstMix().monthlyCost < r.burstMix().allBaseMonthlyCost);
        QVERIFY(qFuzzyCompare(r.burstMix().allBaseMonthlyCost, r.instances * (312000.0 / 8760) * 730));

        // With no reserved price the mix cannot apply (a missing price is never 0).
        Catalog bare = test::smallCatalog();
        const auto without = Planner(bare, test::fakeCapacity).run(s);
        QVERIFY(without.ok());
        QVERIFY(!without->rows.front().burstMix().applied);
    }
};

QTEST_APPLESS_MAIN(TestPriceBook)
#include "TestPriceBook.moc"
