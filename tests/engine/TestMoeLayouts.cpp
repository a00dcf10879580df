// The layouts DeepSeek-R1 is served in (issue 15): attention data-parallel groups that hold their own
// KV, routed experts spread over every GPU with all-to-all dispatch and combine, two-batch overlap,
// MTP / speculative decoding, prefix caching, and prefill/decode disaggregation. Each test asserts a
// physical consequence, not a number the model happens to produce.
#include "TestPerfFixtures.h"
#include "perf/Capacity.h"
#include "perf/Disaggregation.h"
#include "perf/EngineProfile.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"
#include "perf/Predictor.h"
#include "perf/StepTimeModel.h"

#include <QTest>

#include <cmath>
#include <map>

using namespace serveplan;
using serveplan::test::deployment;
using serveplan::test::seedCatalog;
using serveplan::test::workload;

namespace {
/// DeepSeek-R1 FP8 on one 8-GPU H200 node: TP8 (attention sharded by heads) or DP8 (one attention
/// group per GPU), experts over all eight GPUs either way.
Deployment r1(int attentionDp, const char* gpu = "h200-sxm") {
    Deployment d = deployment("deepseek-r1", gpu, Precision::FP8, 8, ServingEngine::Sglang);
    d.kvCache = Precision::FP8;
    d.parallel = {8 / attentionDp, 1, 8, attentionDp};
    return d;
}

StepTimeModel modelFor(const Deployment& d) {
    return StepTimeModel(d, engineProfile(d.engine));
}
} // namespace

class TestMoeLayouts final : public QObject {
    Q_OBJECT
private slots:
    void dpAttentionStopsLatentReplication() {
        // MLA's latent is whole on every TP rank: under TP8 each of the 8 GPUs holds every sequence's
        // latent, under DP8 each GPU holds only its own group's, so the replica holds 8x the tokens.
        const Workload w = workload(1024, 1024);
        const MemoryFit tp8 = computeMemoryFit(r1(1), w);
        const MemoryFit dp8 = computeMemoryFit(r1(8), w);
        QVERIFY2(tp8.fits && dp8.fits, (toEnglish(tp8.reason) + toEnglish(dp8.reason)).c_str());
        // Dense weights are replicated per group, so DP8 has less KV memory per GPU (on an H200 about
        // 16 GB less of ~36 GB): the gain is tp x (KV bytes per GPU under DP8 / under TP8).
        const double perGpuShare = dp8.kvCacheBytes / tp8.kvCacheBytes;
        QVERIFY2(perGpuShare < 1.0 && perGpuShare > 0.5, qPrintable(QString::number(perGpuShare)));
        QVERIFY(std::fabs(dp8.kvTokenCapacity / tp8.kvTokenCapacity - 8 * perGpuShare) < 1e-9);
        QVERIFY(dp8.kvTokenCapacity > 4 * tp8.kvTokenCapacity);
    }

    void denseWeightsReplicateAcrossAttentionGroups() {
        // Experts split over all 8 GPUs either way; attention and shared experts are split by TP8
        // but whole on each GPU under DP8: the difference is 7/8 of the non-expert linear weights.
        const ModelShape s = ModelShape::from(*seedCatalog().model("deepseek-r1"));
        const double tp8 = MemoryModel::weightBytesPerGpu(s, Precision::FP8, {8, 1, 8, 1});
        const double dp8 = MemoryModel::weightBytesPerGpu(s, Precision::FP8, {1, 1, 8, 8});
        const double experts = double(s.moeLayers) * s.experts * s.expertParams;
        const double dense = s.totalParams - s.embeddingParams - experts;
        const double expected =
            (weightBytes(dense, Precision::FP8) + weightBytes(s.embeddingParams, Precision::BF16)) * (1.0 - 1.0 / 8);
        QVERIFY(std::fabs((dp8 - tp8) - expected) < 1e-6 * expected);
        // A dense model has no experts: DP over two groups holds the whole model on each GPU.
        const ModelShape dense8b = ModelShape::from(*seedCatalog().model("llama-3.1-8b-instruct"));
        QCOMPARE(MemoryModel::weightBytesPerGpu(dense8b, Precision::BF16, {1, 1, 1, 2}),
                 MemoryModel::weightBytesPerGpu(dense8b, Precision::BF16, {1, 1, 1, 1}));
    }

    void dpAttentionRaisesLargeBatchDecodeThroughput() {
        // At a large batch TP8 reads every sequence's latent on all 8 GPUs; DP8 reads it once.
        const double batch = 1024, context = 2048;
        const double tp8 = modelFor(r1(1)).decodeStep(batch, context);
        const double dp8 = modelFor(r1(8)).decodeStep(batch, context);
        QVERIFY2(dp8 < tp8, qPrintable(QStringLiteral("dp8 %1 s, tp8 %2 s").arg(dp8).arg(tp8)));
    }

    void wideEpRaisesPerGpuDecodeThroughputAtLargeBatch() {
        // The same per-GPU load on 8 GPUs (EP8) and on 32 (EP32) of a GB200 NVL72 rack: each GPU
        // holds a quarter of the experts, so it reads fewer expert bytes per step and serves more
        // tokens per second, while dispatch and combine stay on NVLink.
        Deployment ep8 = r1(8, "gb200");
        ep8.gpusPerNode = 72;
        Deployment ep32 = ep8;
        ep32.parallel = {1, 1, 32, 32};
        const double perGpuBatch = 256, context = 2048;
        const double t8 = modelFor(ep8).decodeStep(perGpuBatch * 8, context);
        const double t32 = modelFor(ep32).decodeStep(perGpuBatch * 32, context);
        const double perGpu8 = perGpuBatch / t8, perGpu32 = perGpuBatch / t32;
        QVERIFY2(perGpu32 > perGpu8,
                 qPrintable(QStringLiteral("EP32 %1, EP8 %2 tokens/s/GPU").arg(perGpu32).arg(perGpu8)));
    }

    void allToAllCostsMoreAcrossNodes() {
        // EP16 in one 16-GPU NVLink domain vs over two 8-GPU nodes: the inter-node link is slower.
        Deployment oneDomain = r1(8);
        oneDomain.parallel = {1, 1, 16, 16};
        oneDomain.gpusPerNode = 16;
        Deployment twoNodes = oneDomain;
        twoNodes.gpusPerNode = 8;
        QVERIFY(modelFor(twoNodes).decodeStep(2048, 2048) > modelFor(oneDomain).decodeStep(2048, 2048));
    }

    void expertImbalanceSlowsTheStep() {
        Deployment balanced = r1(8);
        balanced.expertImbalance = 1.0;
        Deployment skewed = balanced;
        skewed.expertImbalance = 1.5;
        QCOMPARE(modelFor(balanced).expertImbalance(), 1.0);
        QVERIFY(modelFor(skewed).decodeStep(1024, 2048) > modelFor(balanced).decodeStep(1024, 2048));
        QVERIFY(StepTimeModel::defaultExpertImbalance(1) == 1.0);
        QVERIFY(StepTimeModel::defaultExpertImbalance(64) > StepTimeModel::defaultExpertImbalance(8));
    }

    void twoBatchOverlapHidesCommunication() {
        Deployment plain = r1(8);
        plain.parallel = {1, 1, 16, 16}; // two nodes: the all-to-all matters
        Deployment overlapped = plain;
        overlapped.twoBatchOverlap = true;
        const double a = modelFor(plain).decodeStep(2048, 2048);
        const double b = modelFor(overlapped).decodeStep(2048, 2048);
        QVERIFY2(b < a, qPrintable(QStringLiteral("with overlap %1 s, without %2 s").arg(b).arg(a)));
    }

    void tokensPerStepFollowTheAcceptanceSeries_data() {
        QTest::addColumn<int>("drafts");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("expected");
        // 1 + a + a^2 + ... + a^k
        QTest::addRow("off") << 0 << 0.9 << 1.0;
        QTest::addRow("one draft, V3 report 0.85") << 1 << 0.85 << 1.85;
        QTest::addRow("three drafts 0.8") << 3 << 0.8 << 1 + 0.8 + 0.64 + 0.512;
        QTest::addRow("rejected") << 3 << 0.0 << 1.0;
    }
    void tokensPerStepFollowTheAcceptanceSeries() {
        QFETCH(int, drafts);
        QFETCH(double, rate);
        QFETCH(double, expected);
        QVERIFY(std::fabs(StepTimeModel::expectedTokensPerStep(drafts, rate) - expected) < 1e-12);
    }

    void mtpWithNoAcceptanceIsNoFaster() {
        // Drafts that are never accepted cost their verify and draft work and emit nothing extra.
        Deployment plain = r1(8);
        Deployment rejected = plain;
        rejected.speculative = {3, 1e-9};
        Deployment accepted = plain;
        accepted.speculative = {3, 0.8};
        for (const double batch : {1.0, 64.0, 1024.0}) {
            const double t0 = modelFor(plain).decodeStep(batch, 2048);
            QVERIFY(modelFor(rejected).decodeStep(batch, 2048) >= t0);
            // At batch 1 the step is weight-bound: verifying 4 tokens costs little more than 1.
            if (batch == 1.0)
                QVERIFY(modelFor(accepted).decodeStep(batch, 2048) < t0);
        }
    }

    void prefixCachingShortensPrefillNotMemory() {
        const Deployment d = r1(8);
        Workload cold = workload(8192, 256);
        Workload warm = cold;
        warm.prefixCacheHitRate = 0.75;
        const StepTimeModel m = modelFor(d);
        QVERIFY(m.prefillTime(8192 * 0.25, 8192 * 0.75) < m.prefillTime(8192));
        // The KV of the cached prefix still occupies memory: the fit is the same.
        QCOMPARE(computeMemoryFit(d, warm).kvTokenCapacity, computeMemoryFit(d, cold).kvTokenCapacity);
        const Slo slo{2000, 0, 0.95, 0.95};
        const CapacityEstimate coldCap = estimateCapacity(d, cold, slo);
        const CapacityEstimate warmCap = estimateCapacity(d, warm, slo);
        QVERIFY(coldCap.sloFeasible && warmCap.sloFeasible);
        QVERIFY2(warmCap.maxQps > coldCap.maxQps,
                 qPrintable(QStringLiteral("warm %1 qps, cold %2 qps").arg(warmCap.maxQps).arg(coldCap.maxQps)));
    }

    void disaggregatedTtftIncludesTheKvTransfer() {
        const Deployment prefill = r1(8), decode = r1(8);
        const Workload w = workload(4096, 512);
        const Slo slo{3000, 100, 0.95, 0.95};
        const NetworkLink fast{400, 2}, slow{5, 20};
        const DisaggregatedModel onFast(prefill, decode, fast, w, slo);
        const DisaggregatedModel onSlow(prefill, decode, slow, w, slo);
        // The transfer: the prompt's latent KV (one group's GPU sends it) over the link, plus latency.
        const ModelShape s = ModelShape::from(*prefill.model);
        const double bytes = MemoryModel::kvBytesPerTokenPerGpu(s, Precision::FP8, prefill.parallel) * 4096;
        QVERIFY(std::fabs(onSlow.capacity().kvTransferS - (bytes / 5e9 + 20e-6)) < 1e-9);
        QCOMPARE(onSlow.capacity().kvBytesPerPrompt, s.kvBytesPerToken(Precision::FP8) * 4096);
        const DisaggregatedPoint a = onFast.at(1, 1, 0.5), b = onSlow.at(1, 1, 0.5);
        QVERIFY(a.ok && b.ok);
        const double difference = b.ttftMs - a.ttftMs;
        const double transfers = (onSlow.capacity().kvTransferS - onFast.capacity().kvTransferS) * 1e3;
        QVERIFY2(
            std::fabs(difference - transfers) < 1e-6 * transfers,
            qPrintable(QStringLiteral("TTFT grew by %1 ms, the transfer by %2 ms").arg(difference).arg(transfers)));
        // TPOT comes from the decode pool alone: the link does not change it.
        QCOMPARE(a.tpotMs, b.tpotMs);
    }

    void disaggregatedPoolsScaleWithTheirReplicas() {
        const Deployment prefill = r1(8), decode = r1(8);
        const DisaggregatedModel model(prefill, decode, NetworkLink{50, 5}, workload(2000, 1000),
                                       Slo{3000, 50, 0.95, 0.95});
        const DisaggregatedCapacity& cap = model.capacity();
        QVERIFY2(cap.fits() && cap.sloFeasible(),
                 (toEnglish(cap.prefill.message) + toEnglish(cap.decode.message)).c_str());
        QVERIFY(cap.prefill.maxQps > 0 && cap.decode.maxQps > 0);
        QVERIFY(cap.decode.tpotMs.value <= 50 * 1.0001);
        QVERIFY(cap.prefill.ttftMs.value <= 3000 * 1.0001);
        // Past one prefill replica's capacity it saturates; a second replica takes the load.
        const double rate = 1.5 * cap.prefill.maxQps / 0.95;
        QVERIFY(!model.at(1, 64, rate).ok);
        QVERIFY(model.at(2, 64, rate).ok);
        // More decode replicas: a smaller batch each, a shorter TPOT.
        const DisaggregatedPoint few = model.at(4, 1, 0.8 * cap.decode.maxQps);
        const DisaggregatedPoint many = model.at(4, 4, 0.8 * cap.decode.maxQps);
        QVERIFY(few.ok && many.ok);
        QVERIFY(many.tpotMs < few.tpotMs);
        QVERIFY(many.decodeBatch < few.decodeBatch);
        // The closed loop delivers what its slower pool allows, and no more than its clients ask.
        const DisaggregatedPoint closed = model.atConcurrency(2, 2, 256);
        QVERIFY(closed.ok && closed.qps > 0);
        QVERIFY(closed.qps * (closed.ttftMs + 999 * closed.tpotMs) * 1e-3 <= 256 * 1.05);
    }

    void disaggregatedRefusesWhatDoesNotFit() {
        Deployment small = r1(8);
        small.gpu = seedCatalog().gpu("l4");
        const DisaggregatedModel model(small, r1(8), NetworkLink{}, workload(1000, 100), Slo{});
        QVERIFY(!model.capacity().fits());
        QVERIFY(toEnglish(model.capacity().prefill.message).find("prefill pool does not fit") != std::string::npos);
        QVERIFY(!model.at(1, 1, 1).ok);
    }

    void predictReadsTheLayoutColumns() {
        const Predictor predictor(seedCatalog(), false);
        std::map<std::string, std::string> row{{"id", "x"},
                                               {"engine", "sglang"},
                                               {"model", "deepseek-r1"},
                                               {"precision_weights", "fp8"},
                                               {"gpu", "h200-sxm"},
                                               {"gpu_count", "32"},
                                               {"tp", "8"},
                                               {"ep", "8"},
                                               {"attention_dp", "true"},
                                               {"disaggregated", "true"},
                                               {"prefill_gpus", "16"},
                                               {"decode_gpus", "16"},
                                               {"mtp", "2"},
                                               {"input_tokens", "1024"},
                                               {"output_tokens", "1024"},
                                               {"concurrency", "512"},
                                               {"metric", "output_tokens_per_s_per_gpu"}};
        auto field = [&](std::string_view c) {
            const auto it = row.find(std::string(c));
            return it == row.end() ? std::string() : it->second;
        };
        const auto s = predictor.parseScenario(field);
        QVERIFY2(s.ok(), s ? "" : s.error().c_str());
        QCOMPARE(s->deployment.parallel.attentionDp, 8);
        QCOMPARE(s->deployment.parallel.tp, 1);
        QCOMPARE(s->deployment.parallel.ep, 8);
        QCOMPARE(s->deployment.speculative.draftTokens, 2);
        QVERIFY(s->disaggregated);
        QCOMPARE(s->prefillReplicas, 2);
        QCOMPARE(s->decodeReplicas, 2);
        const Prediction perDecodeGpu = predictor.predict(*s);
        QVERIFY2(perDecodeGpu.status == Prediction::Status::Ok, toEnglish(perDecodeGpu.message).c_str());
        // output_tokens_per_s_per_gpu of a disaggregated row counts decode GPUs only: twice the
        // all-GPU figure here (16 of 32).
        row["metric"] = "output_tokens_per_s_total";
        const Prediction total = predictor.predict(*predictor.parseScenario(field));
        QVERIFY(std::fabs(perDecodeGpu.value.value * 16 - total.value.value) < 1e-6 * total.value.value);
        // Engine aliases and a bad flag.
        row["engine"] = "dynamo";
        row["notes"] = "Dynamo+TRT-LLM disaggregated";
        QVERIFY(predictor.parseScenario(field)->deployment.engine == ServingEngine::Trtllm);
        row["attention_dp"] = "maybe";
        const auto bad = predictor.parseScenario(field);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().find("column attention_dp") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestMoeLayouts)
#include "TestMoeLayouts.moc"
