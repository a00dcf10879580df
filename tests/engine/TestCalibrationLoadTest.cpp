// Load-test results as measured points: the vLLM `bench serve --save-result` and Locust stats
// fixtures of tests/data/probe (hand-written in those formats, see its README), the engine's
// predictions set beside them, and the fit that refines a GPU's engine profile from them.
#include "calib/LoadTestFit.h"
#include "calib/LoadTestImport.h"

#include "TestPerfFixtures.h"
#include "TestSupport.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace serveplan;

namespace {

std::string readFixture(const char* name) {
    QFile f(test::testDataPath(QString::fromLatin1(name)));
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

/// Measured points made by the predictor itself with `truth` in place of the engine's parameters:
/// closed loops of 1, 16 and 96 clients, 1024-token prompts and 256-token answers (the metrics a
/// vllm bench result has).
std::vector<LoadTestPoint> pointsFrom(const Catalog& catalog, const LoadTestSetup& setup,
                                      const std::vector<CalibrationFactor>& truth) {
    const Predictor predictor(catalog, false);
    const EngineProfile profile = calibratedProfile(ServingEngine::Vllm, nullptr);
    EngineProfile perturbed = profile;
    perturbed.params = applyCalibration(profile.params, truth);
    const std::vector<std::string> metrics{
        "requests_per_s", "output_tokens_per_s_total", "ttft_ms", "ttft_p99_ms", "tpot_ms", "e2e_latency_ms"};
    std::vector<LoadTestPoint> points;
    for (double clients : {1.0, 16.0, 96.0}) {
        LoadTestPoint p;
        p.source = "vllm_bench";
        p.concurrency = clients;
        p.inputTokensMean = 1024;
        p.outputTokensMean = 256;
        const auto scenario = loadTestScenario(predictor, p, setup, metrics.front());
        if (!scenario)
            qFatal("%s", scenario.error().c_str());
        const std::vector<Prediction> predicted = predictor.predictMetrics(*scenario, metrics, perturbed);
        for (std::size_t i = 0; i < metrics.size(); ++i)
            p.metrics[metrics[i]] = predicted[i].value.value;
        points.push_back(p);
    }
    return points;
}

double factorOf(const CalibrationFit& fit, const char* name) {
    const CalibrationFactor* f = fit.find(name);
    return f ? f->value : -1;
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
        const auto rows = compareLoadTest(*p, setup, catalog, {{factor::kWeightBandwidthEff, 0.5, {}}});
        QCOMPARE(rows.size(), p->metrics.size());
        for (const LoadTestComparison& r : rows) {
            QVERIFY2(r.message.empty(), (r.metric + ": " + toEnglish(r.message)).c_str());
            QVERIFY2(r.before > 0 && r.after > 0, r.metric.c_str());
        }
        // A lower weight-streaming efficiency makes every decode step slower: TPOT rises.
        for (const LoadTestComparison& r : rows)
            if (r.metric == "tpot_ms")
                QVERIFY2(r.after > r.before, (std::to_string(r.before) + " -> " + std::to_string(r.after)).c_str());
    }

    /// Points the predictor made with known parameters (slower weight streaming, a heavier
    /// scheduler step and API hop than vLLM's fitted profile): the fit finds those parameters again
    /// from vLLM's profile, and the error it leaves is far below the one it started from.
    void fitRecoversKnownParameters() {
        const Catalog& catalog = test::seedCatalog();
        LoadTestSetup setup;
        setup.engine = "vllm";
        setup.modelId = "llama-3.1-8b-instruct";
        setup.gpuId = "h100-sxm";
        const double weight = 0.52, step = 4e-4, request = 0.035;
        const auto points = pointsFrom(catalog, setup,
                                       {{factor::kWeightBandwidthEff, weight, {}},
                                        {factor::kStepOverheadS, step, {}},
                                        {factor::kRequestOverheadS, request, {}}});
        const auto fit = fitLoadTest(points, setup, catalog);
        QVERIFY2(fit.ok(), fit.ok() ? "" : fit.error().c_str());
        for (const Message& note : fit->notes)
            qInfo("%s", toEnglish(note).c_str());
        QCOMPARE(fit->factors.size(), std::size_t(3)); // nothing applied before: the fitted three
        QVERIFY2(std::abs(factorOf(*fit, factor::kWeightBandwidthEff) / weight - 1) < 0.05,
                 std::to_string(factorOf(*fit, factor::kWeightBandwidthEff)).c_str());
        QVERIFY2(std::abs(factorOf(*fit, factor::kStepOverheadS) / step - 1) < 0.15,
                 std::to_string(factorOf(*fit, factor::kStepOverheadS)).c_str());
        QVERIFY2(std::abs(factorOf(*fit, factor::kRequestOverheadS) / request - 1) < 0.15,
                 std::to_string(factorOf(*fit, factor::kRequestOverheadS)).c_str());
        QVERIFY2(fit->rmsLogErrorBefore > 0.2, std::to_string(fit->rmsLogErrorBefore).c_str());
        QVERIFY2(fit->rmsLogErrorAfter < 0.02, std::to_string(fit->rmsLogErrorAfter).c_str());
    }

    /// The fit starts from what is applied to the GPU (here a probe run's factors) and keeps the
    /// factors it does not fit, so storing its result for the engine loses nothing the probe measured.
    void fitKeepsTheAppliedFactors() {
        Catalog catalog = test::seedCatalog();
        catalog.calibrations = {{"h100-sxm",
                                 "generic",
                                 4,
                                 {{factor::kKvBandwidthEff, 0.7, Message::text("probe")},
                                  {factor::kGemmEffBf16, 0.8, Message::text("probe")},
                                  {factor::kWeightBandwidthEff, 0.75, Message::text("probe")}}}};
        LoadTestSetup setup;
        setup.engine = "vllm";
        setup.modelId = "llama-3.1-8b-instruct";
        setup.gpuId = "h100-sxm";
        auto points = pointsFrom(catalog, setup, {{factor::kWeightBandwidthEff, 0.6, {}}});
        for (LoadTestPoint& p : points) // a Locust-like file: no TTFT, so the request overhead stays
            for (const char* m : {"ttft_ms", "ttft_p99_ms"})
                p.metrics.erase(m);
        const auto fit = fitLoadTest(points, setup, catalog);
        QVERIFY2(fit.ok(), fit.ok() ? "" : fit.error().c_str());
        QCOMPARE(factorOf(*fit, factor::kKvBandwidthEff), 0.7);
        QCOMPARE(factorOf(*fit, factor::kGemmEffBf16), 0.8);
        QVERIFY(fit->find(factor::kStepOverheadS));
        QVERIFY(!fit->find(factor::kRequestOverheadS));
        QVERIFY(std::any_of(fit->notes.begin(), fit->notes.end(), [](const Message& note) {
            const std::string n = toEnglish(note);
            return n == "request_overhead_s not fitted: no point measured TTFT";
        }));
        QVERIFY(fit->rmsLogErrorAfter < fit->rmsLogErrorBefore);
        QVERIFY(fit->rmsLogErrorAfter < 0.02);
    }

    /// The files of tests/data/probe: the vllm bench result alone, and with the Locust stats of
    /// the same setup (lengths stated, as `calibrate import --input-tokens` does).
    void fitsTheFixtureFiles() {
        const Catalog& catalog = test::seedCatalog();
        LoadTestSetup setup;
        setup.engine = "vllm";
        setup.modelId = "llama-3.1-8b-instruct";
        setup.gpuId = "h100-sxm";
        const auto vllm = parseVllmBenchResult(readFixture("probe/vllm_bench_result.json"));
        auto locust = parseLocustStats(readFixture("probe/locust_stats.csv"));
        QVERIFY(vllm.ok() && locust.ok());
        locust->inputTokensMean = 1024;
        locust->outputTokensMean = 128;
        for (const auto& points : {std::vector<LoadTestPoint>{*vllm}, std::vector<LoadTestPoint>{*vllm, *locust}}) {
            const auto fit = fitLoadTest(points, setup, catalog);
            QVERIFY2(fit.ok(), fit.ok() ? "" : fit.error().c_str());
            for (const Message& note : fit->notes)
                qInfo("%zu point(s): %s", points.size(), toEnglish(note).c_str());
            QVERIFY(fit->rmsLogErrorAfter < fit->rmsLogErrorBefore);
            const double w = factorOf(*fit, factor::kWeightBandwidthEff);
            QVERIFY(w >= 0.05 && w <= 1.0); // within the physical bounds
            QVERIFY(factorOf(*fit, factor::kStepOverheadS) >= 0 && factorOf(*fit, factor::kStepOverheadS) <= 0.02);
            // Compared after the fit, every metric of the file comes closer on the whole.
            const auto rows = compareLoadTest(*vllm, setup, catalog, fit->factors);
            double before = 0, after = 0;
            for (const LoadTestComparison& r : rows) {
                before += std::pow(std::log(r.before / r.measured), 2);
                after += std::pow(std::log(r.after / r.measured), 2);
            }
            QVERIFY(after < before);
        }
    }

    void refusesWhatItCannotFit() {
        const Catalog& catalog = test::seedCatalog();
        LoadTestSetup setup;
        setup.engine = "vllm";
        setup.modelId = "llama-3.1-8b-instruct";
        setup.gpuId = "no-such-gpu";
        QCOMPARE(fitLoadTest({}, setup, catalog).error(), std::string("GPU 'no-such-gpu' is not in the catalog"));
        setup.gpuId = "h100-sxm";
        LoadTestPoint empty;
        empty.metrics["not_a_metric"] = 3;
        const auto fit = fitLoadTest({empty}, setup, catalog);
        QVERIFY(!fit.ok());
        QVERIFY2(fit.error().find("no measured metric the predictor knows") != std::string::npos, fit.error().c_str());
        setup.modelId = "deepseek-r1"; // 671B on one H100: the predictor says it does not fit
        const auto vllm = parseVllmBenchResult(readFixture("probe/vllm_bench_result.json"));
        const auto oom = fitLoadTest({*vllm}, setup, catalog);
        QVERIFY(!oom.ok());
        QVERIFY2(oom.error().find("does not fit") != std::string::npos, oom.error().c_str());
    }
};

QTEST_APPLESS_MAIN(TestCalibrationLoadTest)
#include "TestCalibrationLoadTest.moc"
