// Prices per plan, discounts, FX conversion with the dated table (fx_rates.csv rows: CNY 0.1381122
// USD on 2025-05-09 and 0.1394609 on 2024-08-09, ECB cross rates), monthly subscriptions, and the
// reserved base + on-demand burst mix.
#include "TestPlannerFixtures.h"
#include "cost/BurstMix.h"
#include "cost/Pricing.h"

#include <QTest>

using namespace serveplan;

class TestPricing final : public QObject {
    Q_OBJECT
private slots:
    void onDemandInUsd() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates);
        const ResolvedPrice p = resolvePrice(c.instances[0], PricingPlan::OnDemand, 0, 730, "USD", fx);
        QVERIFY(p.available);
        QCOMPARE(p.perHour, 55.04);
        QVERIFY(qFuzzyCompare(p.perMonth, 40179.2)); // 55.04 * 730
        QVERIFY(fx.note().empty());                  // no conversion happened
    }

    void discountIsPerProvider() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates);
        // 20 % off 55.04 = 44.032 USD/h; 720 h = 31,703.04 a month.
        const ResolvedPrice p = resolvePrice(c.instances[0], PricingPlan::OnDemand, 0.2, 720, "USD", fx);
        QVERIFY(qFuzzyCompare(p.perHour, 44.032));
        QVERIFY(qFuzzyCompare(p.perMonth, 31703.04));
    }

    void cnyToUsdNewestRate() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates);
        // gn7i 9.53 CNY/h * 0.1381122 = 1.316209266 USD/h
        const ResolvedPrice p = resolvePrice(c.instances[2], PricingPlan::OnDemand, 0, 730, "USD", fx);
        QVERIFY(qFuzzyCompare(p.perHour, 1.316209266));
        QVERIFY(QString::fromStdString(fx.note()).contains(QStringLiteral("1 CNY = 0.1381122 USD (2025-05-09)")));
    }

    void cnyToUsdOnAnOlderDate() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates, "2024-12-31");
        // The newest rate on or before 2024-12-31 is 2024-08-09's: 9.53 * 0.1394609 = 1.329062377.
        const ResolvedPrice p = resolvePrice(c.instances[2], PricingPlan::OnDemand, 0, 730, "USD", fx);
        QVERIFY(qFuzzyCompare(p.perHour, 1.329062377));
        QVERIFY(QString::fromStdString(fx.note()).contains(QStringLiteral("2024-08-09")));
    }

    void usdToCny() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates);
        const ResolvedPrice p = resolvePrice(c.instances[0], PricingPlan::OnDemand, 0, 730, "CNY", fx);
        QVERIFY(qFuzzyCompare(p.perHour, 55.04 / 0.1381122)); // 398.51 CNY/h
        double f = 0;
        QVERIFY(fx.factor("CNY", "EUR", f)); // a cross rate through USD
        QVERIFY(qFuzzyCompare(f, 0.1381122 / 1.1252));
        QVERIFY(!fx.factor("USD", "XYZ", f));
    }

    void subscriptionMonthIsSpreadOverTheMonth() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates);
        // 4575.66 CNY a month over 730 h = 6.2680 CNY/h (PRICES.md: "≈ 6.27 CNY/h over 730 h").
        const ResolvedPrice p = resolvePrice(c.instances[2], PricingPlan::SubscriptionMonth, 0, 730, "CNY", fx);
        QVERIFY(p.available);
        QCOMPARE(p.perMonth, 4575.66);
        QVERIFY(qFuzzyCompare(p.perHour, 4575.66 / 730));
        QCOMPARE(QString::number(p.perHour, 'f', 2), QStringLiteral("6.27"));
    }

    void missingPriceIsAbsentNotZero() {
        const Catalog c = test::smallCatalog();
        const CurrencyConverter fx(c.fxRates);
        const ResolvedPrice p = resolvePrice(c.instances[0], PricingPlan::Reserved1y, 0, 730, "USD", fx);
        QVERIFY(!p.available);
        QVERIFY(!p.source);
        QVERIFY(QString::fromStdString(toEnglish(p.message)).contains(QStringLiteral("no reserved_1y price")));
    }

    void reservedBaseAndBurstMix() {
        // 12 hours needing 2 instances, 12 needing 10; reserved 0.7/h (-30 %), on-demand 1.0/h.
        // cost(B)/730 = 0.7 B + mean(max(0, need - B)): B=0: 6.0, B=2: 1.4 + 4.0 = 5.4, B=10: 7.0.
        std::vector<int> need(12, 2);
        need.insert(need.end(), 12, 10);
        const BurstMixOutcome m = optimiseBurstMix(need, 0.7, 1.0, 730);
        QVERIFY(m.applied);
        QCOMPARE(m.baseInstances, 2);
        QVERIFY(qFuzzyCompare(m.monthlyCost, 5.4 * 730));
        QVERIFY(qFuzzyCompare(m.allBurstMonthlyCost, 6.0 * 730));
        QVERIFY(qFuzzyCompare(m.allBaseMonthlyCost, 7.0 * 730));
    }

    void flatLoadPrefersAllReserved() {
        const BurstMixOutcome m = optimiseBurstMix(std::vector<int>(24, 5), 0.7, 1.0, 730);
        QCOMPARE(m.baseInstances, 5);
        QVERIFY(qFuzzyCompare(m.monthlyCost, 3.5 * 730));
    }
};

QTEST_APPLESS_MAIN(TestPricing)
#include "TestPricing.moc"
