// The serving layouts of issue 15 in the planning pass: a model's native precision among those tried,
// attention-DP + expert-parallel layouts for MoE models (within an instance and across instances),
// MTP on/off, and prefill/decode disaggregation kept where it is cheaper. Capacities are injected
// with round numbers (known answers by hand); the last test runs the real performance engine on
// the seed catalog for DeepSeek-R1.
#include "TestPlannerFixtures.h"
#include "TestSupport.h"
#include "catalog/CatalogCsv.h"
#include "cost/BurstMix.h"
#include "perf/Capacity.h"
#include "plan/PlanDetail.h"
#include "plan/Planner.h"

#include <QTest>

#include <algorithm>

using namespace serveplan;

namespace {

/// A DeepSeek-V3-shaped MoE model (256 experts, MTP head) of `paramsB` parameters, native FP8.
ModelSpec moeModel(const std::string& id, double paramsB) {
    ModelSpec m = test::model(id, paramsB);
    m.activeParamsB = paramsB / 18;
    m.architecture = "DeepseekV3ForCausalLM";
    m.numExperts = 256;
    m.numExpertsPerTok = 8;
    m.nativeDtype = "fp8_e4m3 (block 128x128 weights)";
    return m;
}

Catalog layoutCatalog() {
    Catalog c = test::smallCatalog();
    c.models.push_back(moeModel("moe-600b", 600));
    c.models.push_back(moeModel("moe-60b", 60));
    ModelSpec mixtral = test::model("moe-nomtp", 47);
    mixtral.numExperts = 8;
    mixtral.numExpertsPerTok = 2;
    mixtral.architecture = "MixtralForCausalLM";
    mixtral.nativeDtype = "bfloat16";
    c.models.push_back(mixtral);
    return c;
}

/// Weights split over every GPU of the replica (tp × attentionDp × pp); 10 QPS per H100 under TP,
/// 15 under DP-attention + EP (the larger per-expert batch), × 1.5 with MTP (accepted drafts).
CapacityEstimate layoutCapacity(const Deployment& d, const Workload&, const Slo&, CapacityMethod) {
    CapacityEstimate c;
    const int gpus = d.parallel.gpus();
    const double weightsPerGpu = d.model->paramsB * bytesPerElement(d.weights) / gpus;
    c.memory.weightBytes = weightsPerGpu * 1e9;
    c.memory.kvBytesPerToken = 70e3;
    c.fits = weightsPerGpu <= 0.9 * d.gpu->memoryGb;
    if (!c.fits) {
        c.memory.reason = Message(MessageCode::DoesNotFit);
        return c;
    }
    c.sloFeasible = true;
    const double perGpu = (d.gpu->id == "h100-sxm" ? 10.0 : 2.0) * (d.parallel.attentionDp > 1 ? 1.5 : 1.0);
    c.maxQps = perGpu * gpus * (d.speculative.draftTokens > 0 ? 1.5 : 1.0);
    c.ttftMs = {200, 150, 260};
    c.tpotMs = {20, 15, 26};
    return c;
}

/// Injected pools: a one-instance DP-attention prefill replica takes 200 QPS, a decode replica 100;
/// every other layout 1 QPS.
DisaggregatedCapacity injectedPools(const Deployment& p, const Deployment& d, const NetworkLink&, const Workload&,
                                    const Slo&) {
    DisaggregatedCapacity c;
    c.prefill.fits = c.decode.fits = true;
    c.prefill.sloFeasible = c.decode.sloFeasible = true;
    auto dep = [](const Deployment& x) { return x.parallel.attentionDp > 1 && x.parallel.gpus() == 8; };
    c.prefill.maxQps = dep(p) ? 200 : 1;
    c.decode.maxQps = dep(d) ? 100 : 1;
    c.prefill.ttftMs = {900, 800, 1000};
    c.decode.tpotMs = {30, 25, 35};
    c.kvTransferS = 0.012;
    return c;
}

Scenario moeScenario(const char* model, double qps) {
    Scenario s;
    s.models = {model};
    s.instances = {"aws:p5.48xlarge@us-east-1"};
    s.qps = qps;
    s.disaggregation = DisaggregationMode::Off;
    return s;
}

std::vector<const PlanRow*> rowsWhere(const PlanResult& r, const std::function<bool(const PlanRow&)>& f) {
    std::vector<const PlanRow*> out;
    for (const PlanRow& row : r.rows)
        if (f(row))
            out.push_back(&row);
    return out;
}

const PlanRow* byLayout(const PlanResult& r, const std::string& layout, Precision p = Precision::FP8) {
    for (const PlanRow& row : r.rows)
        if (row.layoutText() == layout && row.precision == p)
            return &row;
    return nullptr;
}

} // namespace

class TestPlannerLayouts final : public QObject {
    Q_OBJECT
private slots:
    void nativePrecision_data() {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<QString>("expected");
        // models.csv native_dtype texts (deepseek-r1, gpt-oss-120b, llama-2-7b, qwen3-8b).
        QTest::addRow("r1 fp8") << "fp8_e4m3 (block 128x128 weights; config torch_dtype bfloat16)"
                                << "fp8";
        QTest::addRow("gpt-oss mxfp4") << "mxfp4 (MoE expert weights) + bf16 (attention"
                                       << "fp4";
        QTest::addRow("float16 plans as bf16") << "float16"
                                               << "bf16";
        QTest::addRow("bfloat16") << "bfloat16"
                                  << "bf16";
        QTest::addRow("unknown") << ""
                                 << "bf16";
    }
    void nativePrecision() {
        QFETCH(QString, dtype);
        QFETCH(QString, expected);
        ModelSpec m;
        m.nativeDtype = dtype.toStdString();
        QCOMPARE(QString::fromUtf8(toString(serveplan::nativePrecision(m)).data()), expected);
    }

    void nativePrecisionIsTriedByDefault() {
        const Catalog catalog = layoutCatalog();
        Scenario s = moeScenario("moe-600b", 10);
        s.models = {"moe-600b", "small-7b"};
        const auto result = Planner(catalog, layoutCapacity).run(s);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        auto has = [&](const char* model, Precision p) {
            return !rowsWhere(*result, [&](const PlanRow& r) {
                        return r.model->id == model && r.precision == p;
                    }).empty();
        };
        QVERIFY(has("moe-600b", Precision::BF16));
        QVERIFY(has("moe-600b", Precision::FP8)); // its native format, though the scenario lists BF16 only
        QVERIFY(has("small-7b", Precision::BF16));
        QVERIFY(!has("small-7b", Precision::FP8)); // a 16-bit model is not given R1's FP8
        s.nativePrecision = false;
        const auto only = Planner(catalog, layoutCapacity).run(s);
        QVERIFY(rowsWhere(*only, [](const PlanRow& r) { return r.precision != Precision::BF16; }).empty());
    }

    void expertLayoutsForMoeModelsOnly() {
        // 600 B at FP8 = 600 GB: 75 GB per GPU over all 8 GPUs of a p5 (72 GB usable in the fake):
        // no single-instance layout fits, so EP spans instances. 60 B fits one node in every layout.
        const Catalog catalog = layoutCatalog();
        Scenario s = moeScenario("moe-60b", 10);
        s.mtp = MtpMode::Off;
        s.precisions = {Precision::FP8};
        const auto result = Planner(catalog, layoutCapacity).run(s);
        QVERIFY(result.ok());
        for (const char* layout : {"TP8", "TP8·EP8", "DP8·EP8", "TP2·DP4·EP8", "TP4·DP2·EP8", "TP1", "TP2", "TP4"})
            QVERIFY2(byLayout(*result, layout), layout);
        // DP8·EP8: 8 GPUs × 15 QPS = 120 QPS ≥ 10: one instance, the cheapest with TP1 × 8 (80 QPS).
        const PlanRow* dep = byLayout(*result, "DP8·EP8");
        QCOMPARE(dep->attentionDp, 8);
        QCOMPARE(dep->ep, 8);
        QCOMPARE(dep->tp, 1);
        QCOMPARE(dep->gpusPerReplica(), 8);
        QCOMPARE(dep->capacityQpsPerReplica, 120.0);
        QCOMPARE(dep->instances, 1);
        // One instance serves the load: no EP across instances is tried.
        QVERIFY(rowsWhere(*result, [](const PlanRow& r) { return r.instancesPerReplica > 1; }).empty());

        // A dense model gets exactly the rows it got before (no DP/EP, no MTP).
        Scenario dense = s;
        dense.models = {"small-7b"};
        const auto withEp = Planner(catalog, layoutCapacity).run(dense);
        dense.expertParallel = false;
        dense.mtp = MtpMode::Off;
        const auto without = Planner(catalog, layoutCapacity).run(dense);
        QCOMPARE(withEp->candidates, without->candidates);
        QCOMPARE(withEp->rows.size(), without->rows.size());
        for (std::size_t i = 0; i < without->rows.size(); ++i) {
            QCOMPARE(withEp->rows[i].layoutText(), without->rows[i].layoutText());
            QCOMPARE(withEp->rows[i].monthlyCost, without->rows[i].monthlyCost);
        }
    }

    void expertParallelAcrossInstances() {
        // moe-600b FP8 needs 600 GB: one p5 (8 × 72 GB usable in the fake = 576 GB) cannot hold it in any
        // layout. DP16·EP16 over 2 instances holds 37.5 GB per GPU and serves 16 × 15 = 240 QPS.
        // 500 QPS -> 3 replicas -> 6 instances. The pipelined TP8·PP2 serves 16 × 10 = 160 QPS -> 4
        // replicas -> 8 instances. Spans of 3+ instances are tried while they can still be cheaper.
        const Catalog catalog = layoutCatalog();
        Scenario s = moeScenario("moe-600b", 500);
        s.mtp = MtpMode::Off;
        s.precisions = {Precision::FP8};
        const auto result = Planner(catalog, layoutCapacity).run(s);
        QVERIFY(result.ok());
        const PlanRow* ep16 = byLayout(*result, "DP16·EP16");
        QVERIFY(ep16);
        QCOMPARE_STATUS(ep16->status, PlanStatus::Ok);
        QCOMPARE(ep16->instancesPerReplica, 2);
        QCOMPARE(ep16->capacityQpsPerReplica, 240.0);
        QCOMPARE(ep16->replicas, 3);
        QCOMPARE(ep16->instances, 6);
        const PlanRow* pp2 = byLayout(*result, "TP8·PP2");
        QVERIFY(pp2);
        QCOMPARE(pp2->instances, 8);
        // No span of at least the best plan's instance count is enumerated (it cannot cost less).
        for (const PlanRow* r : rowsWhere(*result, [](const PlanRow& r) { return r.attentionDp > 8; }))
            QVERIFY2(r->instancesPerReplica < 6, r->layoutText().c_str());
        // DP24·EP24 over 3 instances serves 360 QPS: 2 replicas, also 6 instances; ranked first on capacity.
        QCOMPARE(result->rows.front().instances, 6);
        QVERIFY(result->rows.front().attentionDp > 8);
    }

    void mtpIsADeploymentOption() {
        const Catalog catalog = layoutCatalog();
        Scenario s = moeScenario("moe-60b", 10);
        s.precisions = {Precision::FP8};
        s.mtpAcceptanceRate = 0.7;
        const auto autoMode = Planner(catalog, layoutCapacity).run(s);
        const PlanRow* mtp = byLayout(*autoMode, "DP8·EP8 MTP 1");
        QVERIFY(mtp);
        QCOMPARE(mtp->mtpDraftTokens, 1);
        QCOMPARE(mtp->mtpAcceptanceRate, 0.7);
        QCOMPARE(mtp->capacityQpsPerReplica, 180.0); // the fake's 1.5 × for MTP
        QVERIFY(byLayout(*autoMode, "DP8·EP8"));

        s.mtp = MtpMode::On;
        const auto on = Planner(catalog, layoutCapacity).run(s);
        QVERIFY(rowsWhere(*on, [](const PlanRow& r) { return r.mtpDraftTokens == 0; }).empty());
        s.mtp = MtpMode::Off;
        const auto off = Planner(catalog, layoutCapacity).run(s);
        QVERIFY(rowsWhere(*off, [](const PlanRow& r) { return r.mtpDraftTokens > 0; }).empty());

        // A MoE model without an MTP head (Mixtral) never gets MTP, even with MTP on.
        Scenario mixtral = moeScenario("moe-nomtp", 10);
        mixtral.mtp = MtpMode::On;
        const auto nomtp = Planner(catalog, layoutCapacity).run(mixtral);
        QVERIFY(!nomtp->rows.empty());
        QVERIFY(rowsWhere(*nomtp, [](const PlanRow& r) { return r.mtpDraftTokens > 0; }).empty());
        QVERIFY(!rowsWhere(*nomtp, [](const PlanRow& r) { return r.attentionDp > 1; }).empty());
    }

    void layoutText_data() {
        QTest::addColumn<int>("tp");
        QTest::addColumn<int>("dp");
        QTest::addColumn<int>("ep");
        QTest::addColumn<int>("pp");
        QTest::addColumn<int>("mtp");
        QTest::addColumn<QString>("expected");
        QTest::addRow("tp8") << 8 << 1 << 1 << 1 << 0 << "TP8";
        QTest::addRow("dep") << 1 << 8 << 8 << 1 << 0 << "DP8·EP8";
        QTest::addRow("tp4 dp2 ep8") << 4 << 2 << 8 << 1 << 0 << "TP4·DP2·EP8";
        QTest::addRow("tp8 ep8") << 8 << 1 << 8 << 1 << 0 << "TP8·EP8";
        QTest::addRow("pipelined") << 8 << 1 << 1 << 2 << 0 << "TP8·PP2";
        QTest::addRow("mtp") << 1 << 8 << 8 << 1 << 1 << "DP8·EP8 MTP 1";
    }
    void layoutText() {
        QFETCH(int, tp);
        QFETCH(int, dp);
        QFETCH(int, ep);
        QFETCH(int, pp);
        QFETCH(int, mtp);
        QFETCH(QString, expected);
        PlanRow r;
        r.tp = tp;
        r.attentionDp = dp;
        r.ep = ep;
        r.pp = pp;
        r.mtpDraftTokens = mtp;
        QCOMPARE(QString::fromStdString(r.layoutText()), expected);
    }

    void disaggregatedLayoutText() {
        PlanRow r;
        auto plan = std::make_shared<DisaggregatedPlan>();
        plan->prefill.attentionDp = plan->prefill.ep = 8;
        plan->prefill.tp = 1;
        plan->prefill.replicas = 2;
        plan->decode = plan->prefill;
        plan->decode.replicas = 4;
        r.disaggregated = plan;
        QCOMPARE(QString::fromStdString(r.layoutText()), QStringLiteral("P: 2×(DP8 EP8) / D: 4×(DP8 EP8)"));
    }

    void disaggregationKeptWhereCheaper() {
        // injectedPools: the first DP layout found (DP8·EP8) is kept for each pool.
        const Catalog catalog = layoutCatalog();
        Scenario s = moeScenario("moe-60b", 400);
        s.precisions = {Precision::FP8};
        s.mtp = MtpMode::Off;
        s.disaggregation = DisaggregationMode::Auto;
        // Aggregated: DP8·EP8 is the cheapest at 120 QPS per instance -> 4 instances. Disaggregated:
        // 2 prefill (200 each) + 4 decode (100 each) = 6 instances: dearer, so not kept...
        const auto dearer = Planner(catalog, layoutCapacity, injectedPools).run(s);
        QVERIFY(rowsWhere(*dearer, [](const PlanRow& r) { return r.disaggregated != nullptr; }).empty());
        // ...unless both modes are asked for.
        s.showBothModes = true;
        const auto both = Planner(catalog, layoutCapacity, injectedPools).run(s);
        const auto disaggregated = rowsWhere(*both, [](const PlanRow& r) { return r.disaggregated != nullptr; });
        QCOMPARE(disaggregated.size(), std::size_t(1));
        const PlanRow& d = *disaggregated.front();
        QCOMPARE(QString::fromStdString(d.layoutText()), QStringLiteral("P: 2×(DP8 EP8) / D: 4×(DP8 EP8)"));
        QCOMPARE(d.instances, 6);
        QCOMPARE(d.replicas, 6);
        QVERIFY(qFuzzyCompare(d.monthlyCost, 6 * 55.04 * 730));
        QCOMPARE(d.disaggregated->prefill.instances, 2);
        QCOMPARE(d.disaggregated->decode.instances, 4);
        QCOMPARE(d.disaggregated->kvTransferMs, 12.0);
        QCOMPARE(d.ttftMs.value, 900.0);
        QCOMPARE(d.tpotMs.value, 30.0);
        QVERIFY(qFuzzyCompare(d.utilisation, 1.0)); // 400 QPS on min(2 × 200, 4 × 100)

        // Pools twice as fast: 1 + 2 = 3 instances beat the aggregated 4, kept without asking.
        auto faster = [](const Deployment& p, const Deployment& dd, const NetworkLink& l, const Workload& w,
                         const Slo& slo) {
            DisaggregatedCapacity c = injectedPools(p, dd, l, w, slo);
            c.prefill.maxQps *= 2;
            c.decode.maxQps *= 2;
            return c;
        };
        s.showBothModes = false;
        const auto cheaper = Planner(catalog, layoutCapacity, faster).run(s);
        const PlanRow& top = cheaper->rows.front();
        QVERIFY(top.disaggregated);
        QCOMPARE(top.instances, 3);
        QCOMPARE(QString::fromStdString(top.layoutText()), QStringLiteral("P: 1×(DP8 EP8) / D: 2×(DP8 EP8)"));
        // Its cost curve is a step function that never falls, marked disaggregated.
        const CostCurve* curve = nullptr;
        for (const CostCurve& c : cheaper->curves)
            if (c.rank == top.rank)
                curve = &c;
        QVERIFY(curve);
        QVERIFY(curve->disaggregated);
        QVERIFY(curve->steps.size() > 2);
        for (std::size_t i = 1; i < curve->steps.size(); ++i) {
            QVERIFY(curve->steps[i].monthlyCost >= curve->steps[i - 1].monthlyCost);
            QCOMPARE(curve->steps[i].qpsFrom, curve->steps[i - 1].qpsTo);
        }

        // Off: never.
        s.disaggregation = DisaggregationMode::Off;
        const auto off = Planner(catalog, layoutCapacity, faster).run(s);
        QVERIFY(rowsWhere(*off, [](const PlanRow& r) { return r.disaggregated != nullptr; }).empty());
        // Auto leaves a dense model alone; On plans it too.
        Scenario dense = s;
        dense.models = {"small-7b"};
        dense.disaggregation = DisaggregationMode::Auto;
        const auto denseAuto = Planner(catalog, layoutCapacity, faster).run(dense);
        QVERIFY(rowsWhere(*denseAuto, [](const PlanRow& r) { return r.disaggregated != nullptr; }).empty());
    }

    void disaggregatedPlansAutoscaleRunOnSpotAndMix() {
        // injectedPools: 2 prefill replicas (200 QPS each) + 4 decode replicas (100 QPS each)
        // serve the 400 QPS peak on 6 instances of 55.04 USD/h.
        const Catalog catalog = layoutCatalog();
        Scenario s = moeScenario("moe-60b", 400);
        s.precisions = {Precision::FP8};
        s.mtp = MtpMode::Off;
        s.disaggregation = DisaggregationMode::On;
        s.showBothModes = true;
        s.traffic.preset = TrafficPreset::Diurnal;
        s.autoscaling.enabled = true;
        s.spot.share = 0.5;
        s.burstMix = {true, PricingPlan::Spot, PricingPlan::OnDemand};
        const auto result = Planner(catalog, layoutCapacity, injectedPools).run(s);
        const auto disaggregated = rowsWhere(*result, [](const PlanRow& r) { return r.disaggregated != nullptr; });
        QCOMPARE(disaggregated.size(), std::size_t(1));
        const PlanRow& d = *disaggregated.front();
        QCOMPARE(d.instances, 6);

        // Each pool autoscales on its own replicas; the fleet is their sum.
        QVERIFY(d.autoscaling().simulated);
        const std::vector<double> fractions = plannedTrafficFractions(s);
        auto pool = [&](double capacity) {
            const AutoscalingInput in{fractions, 400, capacity, Packing{1, 1},
                                      55.04,     730, 0,        plannedColdStartSeconds(d, s)};
            return simulateAutoscaling(in, s.autoscaling);
        };
        const AutoscalingOutcome prefill = pool(200);
        const AutoscalingOutcome decode = pool(100);
        QVERIFY(qFuzzyCompare(d.autoscaling().monthlyCost, prefill.monthlyCost + decode.monthlyCost));
        QVERIFY(qFuzzyCompare(d.autoscaling().fixedPeakMonthlyCost, d.monthlyCost)); // 6 instances all month
        QVERIFY(d.autoscaling().monthlyCost < d.autoscaling().fixedPeakMonthlyCost); // the diurnal night
        QVERIFY(qFuzzyCompare(d.autoscaling().meanReplicas, prefill.meanReplicas + decode.meanReplicas));
        QCOMPARE(d.autoscaling().minutesOverSlo, std::max(prefill.minutesOverSlo, decode.minutesOverSlo));

        // Half the fleet's 6 instances on spot.
        QVERIFY(d.spot().applied);
        QCOMPARE(d.spot().spotInstances + d.spot().onDemandInstances, 6);
        QCOMPARE(d.spot().spotInstances, 3);

        // The burst mix sizes each hour's fleet as both pools' instances at that hour's load.
        QCOMPARE(plannedInstancesAt(d, 400), 6);
        QCOMPARE(plannedInstancesAt(d, 150), 1 + 2);
        QCOMPARE(plannedInstancesAt(d, 0), 0);
        std::vector<int> need;
        for (double f : fractions)
            need.push_back(plannedInstancesAt(d, 400 * f));
        const BurstMixOutcome mix = optimiseBurstMix(need, 20.0775, 55.04, 730);
        QVERIFY(d.burstMix().applied);
        QCOMPARE(d.burstMix().baseInstances, mix.baseInstances);
        QVERIFY(qFuzzyCompare(d.burstMix().monthlyCost, mix.monthlyCost));
    }

    void scenarioChecksTheNewFields() {
        Scenario s;
        s.models = {"x"};
        s.workload.prefixCacheHitRate = 1.0;
        s.mtpAcceptanceRate = 1.2;
        s.mtpDraftTokens = 0;
        const std::vector<Message> errors = validateScenario(s);
        auto mentions = [&](const char* field) {
            return std::any_of(errors.begin(), errors.end(),
                               [&](const Message& e) { return toEnglish(e).find(field) != std::string::npos; });
        };
        QVERIFY(mentions("workload.prefix_cache_hit_rate"));
        QVERIFY(mentions("mtp.acceptance_rate"));
        QVERIFY(mentions("mtp.draft_tokens"));
    }

    void deepSeekR1OnTheSeedCatalog() {
        // The target: R1 at 20 QPS, 2000 in / 1000 out, p95 TTFT 3 s and TPOT 50 ms, on 8-GPU
        // H100/H200 instances, with the real performance engine. FP8 (native) is tried without asking
        // and DP-attention + EP layouts are among the ok plans.
        auto loaded = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        Scenario s;
        s.models = {"deepseek-r1"};
        s.gpus = {"h100-sxm", "h200-sxm"};
        s.providers = {"aws"};
        s.qps = 20;
        s.workload.inputTokens = LengthDistribution::fixed(2000);
        s.workload.outputTokens = LengthDistribution::fixed(1000);
        s.slo.ttftMs = 3000;
        s.slo.tpotMs = 50;
        const auto result = Planner(*loaded).run(s);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QVERIFY(!rowsWhere(*result, [](const PlanRow& r) { return r.precision == Precision::FP8; }).empty());
        const auto okExpert = rowsWhere(*result, [](const PlanRow& r) {
            return r.status == PlanStatus::Ok && r.ep > 1 && r.attentionDp > 1 && r.monthlyCost > 0;
        });
        QVERIFY2(!okExpert.empty(), "no ok DP-attention + EP plan for deepseek-r1");
    }

    void sharedEstimatesAreEachRowsOwnDeployment() {
        // The planner computes one capacity estimate per distinct deployment and shares it between
        // instances of one GPU with different GPU counts where the replica fits in each. Every row
        // must still carry exactly what its own deployment gives, computed afresh.
        auto loaded = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        Scenario s;
        s.models = {"deepseek-r1-distill-qwen-7b", "qwen3-30b-a3b", "llama-3.1-70b-instruct"};
        s.providers = {"aws", "lambda"};
        s.precisions = {Precision::BF16, Precision::FP8};
        s.engines = {ServingEngine::Vllm, ServingEngine::Sglang};
        s.allowMig = true;
        s.qps = 30;
        s.slo.ttftMs = 2000;
        s.slo.tpotMs = 60;
        const auto result = Planner(*loaded).run(s);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QVERIFY(result->capacityEstimates < result->candidates);
        const Workload workload = plannedWorkload(s);
        std::size_t checked = 0;
        std::vector<int> gpuCounts;
        for (const PlanRow& r : result->rows) {
            if (r.status == PlanStatus::NoFit || r.disaggregated)
                continue;
            const CapacityEstimate fresh =
                estimateCapacity(plannedDeployment(r, s, *loaded), workload, s.slo, s.capacityMethod);
            QVERIFY2(
                fresh.maxQps == r.capacityQpsPerReplica && fresh.ttftMs.value == r.ttftMs.value &&
                    fresh.tpotMs.value == r.tpotMs.value,
                qPrintable(QStringLiteral("rank %1 (%2 %3): planned %4 QPS, its deployment gives %5")
                               .arg(r.rank)
                               .arg(QString::fromStdString(r.instanceType()), QString::fromStdString(r.layoutText()))
                               .arg(r.capacityQpsPerReplica)
                               .arg(fresh.maxQps)));
            gpuCounts.push_back(static_cast<int>(r.gpuCount));
            ++checked;
        }
        std::sort(gpuCounts.begin(), gpuCounts.end());
        gpuCounts.erase(std::unique(gpuCounts.begin(), gpuCounts.end()), gpuCounts.end());
        QVERIFY2(checked > 500, qPrintable(QString::number(checked)));
        QVERIFY(gpuCounts.size() >= 3); // instances of 1, 2, 4, 8 GPUs: the case the sharing is about
    }
};

QTEST_APPLESS_MAIN(TestPlannerLayouts)
#include "TestPlannerLayouts.moc"
