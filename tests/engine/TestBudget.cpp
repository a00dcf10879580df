// A monthly budget and an instance cap: plans over them are flagged over_budget, and every plan
// reports the highest peak QPS it reaches within them.
#include "TestPlannerFixtures.h"
#include "plan/Planner.h"

#include <QTest>

using namespace serveplan;

namespace {
Scenario p5Scenario() {
    Scenario s;
    s.models = {"small-7b"};
    s.instances = {"aws:p5.48xlarge@us-east-1"};
    s.tensorParallel = {1};
    s.qps = 500;
    return s;
}
} // namespace

class TestBudget final : public QObject {
    Q_OBJECT
private slots:
    void overBudgetReportsWhatTheBudgetBuys() {
        // 500 QPS on TP1 H100 replicas (10 QPS each, 8 per p5) = 50 replicas = 7 instances
        // = 7 * 55.04 * 730 = 281,254.40 USD a month. A 100,000 budget buys floor(100000 / 40179.2) = 2
        // instances = 16 replicas = 160 QPS.
        const Catalog catalog = test::smallCatalog();
        Scenario s = p5Scenario();
        s.monthlyBudget = 100000;
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY(result.ok());
        const PlanRow& r = result->rows.at(0);
        QCOMPARE_STATUS(r.status, PlanStatus::OverBudget);
        QCOMPARE(r.instances, 7);
        QVERIFY(qFuzzyCompare(r.monthlyCost, 281254.4));
        QCOMPARE(r.maxInstancesWithinBudget, 2);
        QVERIFY(qFuzzyCompare(r.maxQpsWithinBudget, 160.0));
        QVERIFY(QString::fromStdString(toEnglish(r.message)).contains(QStringLiteral("over the budget")));
    }

    void withinBudgetIsOk() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = p5Scenario();
        s.monthlyBudget = 300000; // buys 7 instances = 56 replicas = 560 QPS
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        const PlanRow& r = result->rows.at(0);
        QCOMPARE_STATUS(r.status, PlanStatus::Ok);
        QVERIFY(qFuzzyCompare(r.maxQpsWithinBudget, 560.0));
    }

    void cacheHitsStretchTheBudget() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = p5Scenario();
        s.monthlyBudget = 100000;
        s.cacheHitRate = 0.5; // 2 instances serve 160 QPS of misses = 320 QPS of traffic
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY(qFuzzyCompare(result->rows.at(0).maxQpsWithinBudget, 320.0));
    }

    void instanceCap() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = p5Scenario();
        s.maxInstances = 3;
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        const PlanRow& r = result->rows.at(0);
        QCOMPARE_STATUS(r.status, PlanStatus::OverBudget);
        QVERIFY(QString::fromStdString(toEnglish(r.message)).contains(QStringLiteral("max_instances is 3")));
        QVERIFY(qFuzzyCompare(r.maxQpsWithinBudget, 240.0)); // 3 * 8 replicas * 10 QPS
    }

    void budgetInAnotherCurrency() {
        // The same plan in CNY: 281,254.40 USD / 0.1381122 = 2,036,420 CNY a month; a 2,000,000 CNY
        // budget is short, 2,100,000 is enough.
        const Catalog catalog = test::smallCatalog();
        Scenario s = p5Scenario();
        s.currency = "CNY";
        s.monthlyBudget = 2000000;
        auto result = Planner(catalog, test::fakeCapacity).run(s);
        QCOMPARE_STATUS(result->rows.at(0).status, PlanStatus::OverBudget);
        QVERIFY(qFuzzyCompare(result->rows.at(0).monthlyCost, 281254.4 / 0.1381122));
        s.monthlyBudget = 2100000;
        result = Planner(catalog, test::fakeCapacity).run(s);
        QCOMPARE_STATUS(result->rows.at(0).status, PlanStatus::Ok);
    }
};

QTEST_APPLESS_MAIN(TestBudget)
#include "TestBudget.moc"
