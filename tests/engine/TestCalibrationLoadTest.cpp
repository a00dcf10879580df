// Load-test results as measured points: the vLLM `bench serve --save-result` and Locust stats
// fixtures of tests/data/probe (hand-written in those formats, see its README), and the engine's
// predictions set beside them.
#include "calib/LoadTestImport.h"

#include "TestSupport.h"

#include <QFile>
#include <QTest>

using namespace serveplan;

namespace {

std::string readFixture(const char* name) {
    QFile f(test::testDataPath(QString::fromLatin1(name)));
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

} // namespace

class TestCalibrationLoadTest final : public QObject {
    Q_OBJECT
private slots:
    void readsVllmBenchResult() {
        const auto p = parseVllmBenchResult(readFixture("probe/vllm_bench_result.json"));
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().c_str());
        QCOMPARE(p->source, std::string("vllm_bench"));
        QCOMPARE(p->modelName, std::string("meta-llama/Llama-3.1-8B-Instruct"));
        QCOMPARE(p->completed, 200.0);
        QCOMPARE(p->inputTokensMean, 1024.0); // 204800 / 200
        QCOMPARE(p->outputTokensMean, 128.0); // 25600 / 200
        QCOMPARE(p->requestRate, 4.0);
        QCOMPARE(p->concurrency, 0.0); // null in the file
        QCOMPARE(p->metrics.at("requests_per_s"), 3.82);
        QCOMPARE(p->metrics.at("output_tokens_per_s_total"), 489.4);
        QCOMPARE(p->metrics.at("ttft_ms"), 61.2);
        QCOMPARE(p->metrics.at("ttft_p99_ms"), 121.5);
        QCOMPARE(p->metrics.at("tpot_ms"), 9.7);
        QCOMPARE(p->metrics.at("e2e_latency_ms"), 1293.1);
        QVERIFY(!parseVllmBenchResult("{\"completed\": 3}").ok());
        QVERIFY(!parseVllmBenchResult("[1,2]").ok());
    }

    void readsLocustStats() {
        const auto p = parseLocustStats(readFixture("probe/locust_stats.csv"));
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().c_str());
        QCOMPARE(p->source, std::string("locust"));
        QCOMPARE(p->completed, 1194.0); // 1200 requests, 6 failures
        QCOMPARE(p->metrics.at("requests_per_s"), 3.98);
        QCOMPARE(p->metrics.at("e2e_latency_ms"), 1342.5);
        QCOMPARE(p->metrics.at("e2e_latency_p95_ms"), 1900.0);
        QCOMPARE(p->metrics.at("e2e_latency_p99_ms"), 2600.0);
        const auto noAggregate =
            parseLocustStats("Type,Name,Request Count,Average Response Time,Requests/s\nGET,/,1,2,3\n");
        QVERIFY(!noAggregate.ok());
        QCOMPARE(noAggregate.error(), std::string("no Aggregated row: expected a Locust <prefix>_stats.csv"));
    }

    void setsPredictionsBesideTheMeasurements() {
        Catalog catalog;
        GpuSpec g; // resources/data/gpus.csv h100-sxm
        g.id = "h100-sxm";
        g.name = "H100 SXM5 80GB";
        g.memoryGb = 80;
        g.memoryBandwidthGBps = 3350;
        g.fp32Tflops = 67;
        g.fp16Tflops = g.bf16Tflops = 989.5;
        g.fp8Tflops = g.int8Tops = 1979;
        g.tdpW = 700;
        g.interconnectGBps = 900;
        catalog.gpus.push_back(g);
        ModelSpec m; // resources/data/models.csv llama-3.1-8b-instruct
        m.id = "llama-3.1-8b-instruct";
        m.paramsB = m.activeParamsB = 8.03;
        m.numLayers = 32;
        m.hiddenSize = 4096;
        m.intermediateSize = 14336;
        m.numAttentionHeads = 32;
        m.numKvHeads = 8;
        m.headDim = 128;
        m.vocabSize = 128256;
        m.maxPositionEmbeddings = 131072;
        catalog.models.push_back(m);
        const auto p = parseVllmBenchResult(readFixture("probe/vllm_bench_result.json"));
        QVERIFY(p.ok());
        LoadTestSetup setup;
        setup.engine = "vllm";
        setup.modelId = m.id;
        setup.gpuId = g.id;
        const auto rows = compareLoadTest(*p, setup, catalog, {{factor::kWeightBandwidthEff, 0.5, ""}});
        QCOMPARE(rows.size(), p->metrics.size());
        for (const LoadTestComparison& r : rows) {
            QVERIFY2(r.message.empty(), (r.metric + ": " + r.message).c_str());
            QVERIFY2(r.before > 0 && r.after > 0, r.metric.c_str());
        }
        // A lower weight-streaming efficiency makes every decode step slower: TPOT rises.
        for (const LoadTestComparison& r : rows)
            if (r.metric == "tpot_ms")
                QVERIFY2(r.after > r.before, (std::to_string(r.before) + " -> " + std::to_string(r.after)).c_str());
    }
};

QTEST_APPLESS_MAIN(TestCalibrationLoadTest)
#include "TestCalibrationLoadTest.moc"
