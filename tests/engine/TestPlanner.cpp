// The planning pass on a small hand-built catalog with round-number capacities
// (TestPlannerFixtures.h): a hand-computed replica count and monthly cost, every status, ranking,
// Pareto flags, curves, cancellation, determinism and the two cost properties.
#include "TestPlannerFixtures.h"
#include "plan/Planner.h"

#include <QTest>

#include <atomic>

using namespace serveplan;

namespace {
Scenario baseScenario() {
    Scenario s;
    s.models = {"small-7b"};
    s.qps = 500;
    s.cacheHitRate = 0.2;
    return s;
}

const PlanRow* find(const PlanResult& r, const char* type, int tp = 1, const char* mig = "") {
    for (const PlanRow& row : r.rows)
        if (row.instanceType() == type && row.tp == tp && row.migProfile == mig)
            return &row;
    return nullptr;
}

QString statusOf(const PlanRow* r) {
    return r ? QString::fromUtf8(toString(r->status).data()) : QString();
}
} // namespace

class TestPlanner final : public QObject {
    Q_OBJECT
private slots:
    void handComputedPlan() {
        // 500 QPS, 20 % cache hits -> 400 QPS reach the GPUs. p5.48xlarge TP1: 10 QPS per replica ->
        // 40 replicas, 8 per instance -> 5 instances * 55.04 = 275.20 USD/h; * 730 = 200,896 USD a month.
        // Output tokens served: 400 * 256 = 102,400/s -> 275.2 / (102400 * 3600 / 1e6) = 0.74653 USD/M.
        const Catalog catalog = test::smallCatalog();
        const auto result = Planner(catalog, test::fakeCapacity).run(baseScenario());
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        const PlanRow* r = find(*result, "p5.48xlarge", 1);
        QVERIFY(r);
        QCOMPARE_STATUS(r->status, PlanStatus::Ok);
        QCOMPARE(r->capacityQpsPerReplica, 10.0);
        QCOMPARE(r->replicas, 40);
        QCOMPARE(r->instances, 5);
        QVERIFY(qFuzzyCompare(r->hourlyCost, 275.2));
        QVERIFY(qFuzzyCompare(r->monthlyCost, 200896.0));
        QVERIFY(qFuzzyCompare(r->costPerMillionOutputTokens, 275.2 / (102400 * 3600 / 1e6)));
        QVERIFY(qFuzzyCompare(r->costPerMillionInputTokens, 275.2 / (400 * 512 * 3600 / 1e6)));
        QVERIFY(qFuzzyCompare(r->utilisation, 1.0));
        QVERIFY(r->price && r->price->effectiveDate == "2026-04-02");
    }

    void cheapestFirstAndEveryStatus() {
        // small-7b on L4 (2 QPS): 200 g6.xlarge * 0.8048 = 160.96 USD/h = 117,500.80 a month — cheapest.
        // Alibaba A10: 200 * 9.53 CNY * 0.1381122 = 263.24 USD/h. Tencent has no price.
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.engines = {ServingEngine::Vllm, ServingEngine::Hf};
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        const PlanRow& first = result->rows.front();
        QCOMPARE(first.rank, 1);
        QCOMPARE(QString::fromStdString(first.instanceType()), QStringLiteral("g6.xlarge"));
        QVERIFY(qFuzzyCompare(first.monthlyCost, 117500.8));
        QVERIFY(first.paretoCostCapacity && first.paretoCostLatency);
        bool sawNoPrice = false;
        bool sawSloMiss = false;
        int lastOrder = -1;
        double lastCost = 0;
        for (const PlanRow& row : result->rows) {
            sawNoPrice |= row.status == PlanStatus::NoPrice && row.instanceType() == "GN7.2XLARGE32";
            sawSloMiss |= row.status == PlanStatus::SloMiss && row.engine == ServingEngine::Hf;
            if (row.status == PlanStatus::Ok) {
                QVERIFY(row.monthlyCost >= lastCost); // ranked by cost
                lastCost = row.monthlyCost;
            }
            const int order = row.status == PlanStatus::Ok ? 0 : 1;
            QVERIFY(order >= lastOrder);
            lastOrder = order;
            if (row.status != PlanStatus::Ok)
                QVERIFY(!row.message.empty()); // every non-ok row says why
        }
        QVERIFY(sawNoPrice);
        QVERIFY(sawSloMiss);
    }

    void noFitKeepsTheReason() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.models = {"big-70b"};
        s.instances = {"aws:p5.48xlarge"};
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        // 141.1 GB of BF16 weights: TP1 needs 141 GB > 72 GB usable, TP2 70.6 GB fits.
        QCOMPARE(statusOf(find(*result, "p5.48xlarge", 1)), QStringLiteral("no_fit"));
        QVERIFY(QString::fromStdString(toEnglish(find(*result, "p5.48xlarge", 1)->message))
                    .startsWith(QStringLiteral("does not fit")));
        QCOMPARE(statusOf(find(*result, "p5.48xlarge", 2)), QStringLiteral("ok"));
        QCOMPARE(find(*result, "p5.48xlarge", 2)->replicasPerInstance, 4);
    }

    void multiNodeWhenOneInstanceIsTooSmall() {
        // big-70b on one-L4 instances: 141.1 GB / pp must be <= 21.6 GB -> pp = 8 instances per replica
        // serving 8 * 2 = 16 QPS. 400 QPS -> 25 replicas -> 200 instances.
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.models = {"big-70b"};
        s.instances = {"aws:g6.xlarge@us-east-1"};
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QCOMPARE(result->rows.size(), std::size_t(2)); // the TP1 no_fit and the pipelined plan
        const PlanRow& r = result->rows.front();
        QCOMPARE_STATUS(r.status, PlanStatus::Ok);
        QCOMPARE(r.pp, 8);
        QCOMPARE(r.instancesPerReplica, 8);
        QCOMPARE(r.replicas, 25);
        QCOMPARE(r.instances, 200);
    }

    void migSlices() {
        // 3g.40gb: 3/7 of an H100 = 4.2857 QPS; 2 per GPU, 16 per p5. 1g.10gb cannot hold 15.2 GB.
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.instances = {"aws:p5.48xlarge"};
        s.allowMig = true;
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        const PlanRow* big = find(*result, "p5.48xlarge", 1, "3g.40gb");
        QVERIFY(big);
        QCOMPARE_STATUS(big->status, PlanStatus::Ok);
        QCOMPARE(big->replicasPerInstance, 16);
        QCOMPARE(big->replicas, 94); // ceil(400 / (30/7)) = ceil(93.33)
        QCOMPARE(big->instances, 6);
        QCOMPARE(statusOf(find(*result, "p5.48xlarge", 1, "1g.10gb")), QStringLiteral("no_fit"));
    }

    void resultsInCny() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.instances = {"aws:p5.48xlarge"};
        s.tensorParallel = {1};
        s.currency = "CNY";
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY(qFuzzyCompare(result->rows.front().monthlyCost, 200896.0 / 0.1381122));
        QVERIFY(QString::fromStdString(result->fxNote).contains(QStringLiteral("2025-05-09")));
    }

    void costNeverFallsAsQpsRises() {
        const Catalog catalog = test::smallCatalog();
        const Planner planner(catalog, test::fakeCapacity);
        double previousBest = 0;
        for (double qps = 1; qps < 2000; qps *= 1.3) {
            Scenario s = baseScenario();
            s.qps = qps;
            const auto result = planner.run(s);
            const double best = result->rows.front().monthlyCost;
            QVERIFY2(best >= previousBest, qPrintable(QString::number(qps)));
            previousBest = best;
        }
    }

    void moreCacheHitsNeverCostMore() {
        const Catalog catalog = test::smallCatalog();
        const Planner planner(catalog, test::fakeCapacity);
        double previous = std::numeric_limits<double>::infinity();
        for (double hit = 0; hit < 0.95; hit += 0.05) {
            Scenario s = baseScenario();
            s.cacheHitRate = hit;
            const double best = planner.run(s)->rows.front().monthlyCost;
            QVERIFY(best <= previous);
            previous = best;
        }
    }

    void curvesAreStepFunctions() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.qpsMax = 1000;
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY(!result->curves.empty());
        QCOMPARE(result->curves.front().rank, 1);
        for (const CostCurve& c : result->curves) {
            QVERIFY(!c.steps.empty());
            QCOMPARE(c.steps.front().qpsFrom, 0.0);
            QCOMPARE(c.steps.back().qpsTo, 1000.0);
            for (std::size_t i = 1; i < c.steps.size(); ++i) {
                QCOMPARE(c.steps[i].qpsFrom, c.steps[i - 1].qpsTo);
                QVERIFY(c.steps[i].monthlyCost > c.steps[i - 1].monthlyCost);
            }
        }
        // g6.xlarge: one 2-QPS replica covers 2 / 0.8 = 2.5 QPS of traffic per instance.
        QVERIFY(qFuzzyCompare(result->curves.front().steps.front().qpsTo, 2.5));
    }

    void autoscalingSpotAndBurstMixPerPlan() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.instances = {"aws:p5.48xlarge"};
        s.tensorParallel = {8};
        s.traffic.preset = TrafficPreset::BusinessHours;
        s.autoscaling.enabled = true;
        s.spot.share = 0.5;
        s.burstMix = {true, PricingPlan::Spot, PricingPlan::OnDemand}; // the seed has no reserved prices
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        const PlanRow& r = result->rows.front();
        QVERIFY(r.autoscaling().simulated);
        QVERIFY(r.autoscaling().monthlyCost < r.monthlyCost); // 9 of 24 hours at the peak
        QVERIFY(r.spot().applied);
        QVERIFY(r.spot().expectedMonthlyCost < r.monthlyCost);
        QVERIFY(r.burstMix().applied);
        // Spot base (20.0775) is cheaper than on-demand in every hour: the whole peak goes on the base.
        QCOMPARE(r.burstMix().baseInstances, r.instances);
    }

    void weekSimulationUsesThePresetWeek() {
        // Business hours: weekends stay at the night level, so a week costs less than 7 of its weekdays.
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.instances = {"aws:p5.48xlarge"};
        s.tensorParallel = {8};
        s.traffic.preset = TrafficPreset::BusinessHours;
        s.autoscaling.enabled = true;
        const Planner planner(catalog, test::fakeCapacity);
        const double day = planner.run(s)->rows.front().autoscaling().monthlyCost;
        s.autoscaling.simulateWeek = true;
        const auto week = planner.run(s);
        QCOMPARE(week->rows.front().autoscaling().replicasPerMinute.size(), std::size_t(7 * 24 * 60));
        QVERIFY(week->rows.front().autoscaling().monthlyCost < day);
    }

    void cancellationAndProgress() {
        const Catalog catalog = test::smallCatalog();
        std::atomic<bool> cancel{true};
        PlanOptions options;
        options.cancel = &cancel;
        Scenario s = baseScenario();
        s.precisions = {Precision::BF16, Precision::FP8, Precision::INT8, Precision::INT4};
        s.engines = {ServingEngine::Vllm,     ServingEngine::Sglang, ServingEngine::Trtllm,  ServingEngine::Tgi,
                     ServingEngine::Lmdeploy, ServingEngine::Hf,     ServingEngine::Generic, ServingEngine::Mlc};
        s.models = {"small-7b", "big-70b"};
        const auto cancelled = Planner(catalog, test::fakeCapacity).run(s, options);
        QVERIFY(cancelled->cancelled);

        std::vector<double> seen;
        PlanOptions progress;
        progress.progress = [&seen](double f) { seen.push_back(f); };
        const auto done = Planner(catalog, test::fakeCapacity).run(s, progress);
        QVERIFY(!done->cancelled);
        QVERIFY(!seen.empty());
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    }

    void deterministic() {
        const Catalog catalog = test::smallCatalog();
        Scenario s = baseScenario();
        s.models = {"small-7b", "big-70b"};
        s.allowMig = true;
        s.precisions = {Precision::BF16, Precision::INT4};
        const Planner planner(catalog, test::fakeCapacity);
        const auto a = planner.run(s);
        const auto b = planner.run(s);
        QCOMPARE(a->rows.size(), b->rows.size());
        for (std::size_t i = 0; i < a->rows.size(); ++i) {
            QCOMPARE(a->rows[i].instance, b->rows[i].instance);
            QCOMPARE(a->rows[i].tp, b->rows[i].tp);
            QCOMPARE(a->rows[i].migProfile, b->rows[i].migProfile);
            QVERIFY(a->rows[i].precision == b->rows[i].precision);
            QCOMPARE(a->rows[i].monthlyCost, b->rows[i].monthlyCost);
        }
        QVERIFY(a->capacityEstimates < a->candidates); // identical deployments share one estimate
    }

    void checkNamesTheField_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::addRow("unknown model") << QStringLiteral("model") << QStringLiteral("models: unknown model id 'nope'");
        QTest::addRow("bad instance") << QStringLiteral("instance") << QStringLiteral("instances: 'aws' is not");
        QTest::addRow("unknown instance")
            << QStringLiteral("instance2") << QStringLiteral("instances: no instance 'aws:x9' in the catalog");
        QTest::addRow("unknown currency")
            << QStringLiteral("currency") << QStringLiteral("currency: no FX rate for 'XYZ'");
        QTest::addRow("NaN qps") << QStringLiteral("qps") << QStringLiteral("qps: expected");
        QTest::addRow("cache 1.0") << QStringLiteral("cache") << QStringLiteral("cache_hit_rate: expected");
        QTest::addRow("hours") << QStringLiteral("hours") << QStringLiteral("hours_per_month: expected");
        QTest::addRow("unknown gpu") << QStringLiteral("gpu") << QStringLiteral("gpus: unknown gpu id 'z100'");
    }
    void checkNamesTheField() {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        Scenario s = baseScenario();
        if (field == u"model")
            s.models = {"nope"};
        else if (field == u"instance")
            s.instances = {"aws"};
        else if (field == u"instance2")
            s.instances = {"aws:x9"};
        else if (field == u"currency")
            s.currency = "XYZ";
        else if (field == u"qps")
            s.qps = std::numeric_limits<double>::quiet_NaN();
        else if (field == u"cache")
            s.cacheHitRate = 1.0;
        else if (field == u"hours")
            s.hoursPerMonth = -730;
        else if (field == u"gpu")
            s.gpus = {"z100"};
        const Catalog catalog = test::smallCatalog();
        const auto result = Planner(catalog, test::fakeCapacity).run(s);
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error()).contains(expected), result.error().c_str());
    }
};

QTEST_APPLESS_MAIN(TestPlanner)
#include "TestPlanner.moc"
