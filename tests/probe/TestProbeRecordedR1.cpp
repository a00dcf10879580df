// Recorded DeepSeek-R1 runs of serveplan-probe on a GPU (tests/data/probe/*_r1_*.jsonl, README there):
// the MLA attention and MoE layer result lines parse through the engine's probe parser, carry the
// parameters engine/probe/README.md documents, and their derived figures agree with each other.
// No GPU needed: the files were recorded on the device machine.
#include "TestSupport.h"

#include "calib/CalibrationFit.h"
#include "calib/ProbeRun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <set>

using namespace Qt::StringLiterals;
using serveplan::ProbeResult;
using serveplan::ProbeRun;

namespace {

ProbeRun loadRun(const QString& name) {
    QFile file(serveplan::test::testDataPath(u"probe/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    auto run = serveplan::parseProbeOutput(file.readAll().toStdString());
    if (!run)
        qFatal("%s: %s", qPrintable(name), run.error().c_str());
    return std::move(run).value();
}

bool near(double a, double b, double relative) {
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

double copyBandwidth(const ProbeRun& run) {
    const auto copies = run.resultsOf("copy_bandwidth");
    return copies.empty() ? 0 : copies.front()->value;
}

} // namespace

class TestProbeRecordedR1 final : public QObject {
    Q_OBJECT
private slots:
    void runCompletesOnOneGpu_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("quick");
        QTest::addRow("h100 full") << u"h100_r1_full.jsonl"_s << false;
        QTest::addRow("h100 quick") << u"h100_r1_quick.jsonl"_s << true;
        QTest::addRow("h200 full, first kernel") << u"h200_r1_full.jsonl"_s << false;
        QTest::addRow("h200 quick, first kernel") << u"h200_r1_quick.jsonl"_s << true;
    }
    void runCompletesOnOneGpu() {
        QFETCH(QString, file);
        QFETCH(bool, quick);
        const ProbeRun run = loadRun(file);
        QCOMPARE(run.backend, std::string("cuda"));
        QVERIFY(run.done);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.errors.empty());
        QVERIFY(!run.resultsOf("mla_decode_attention").empty());
        QVERIFY(!run.resultsOf("moe_layer").empty());
        QVERIFY(!run.resultsOf("gemm").empty());
        // The GQA attention and the synthetic transformer skip an MLA model instead of failing.
        QVERIFY(run.resultsOf("decode_attention").empty());
        QVERIFY(run.resultsOf("decode_step").empty());
        // The done line's wall time: the quick R1 run stays under 30 s (issue 15).
        QFile raw(serveplan::test::testDataPath(u"probe/"_s + file));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QList<QByteArray> rawLines = raw.readAll().trimmed().split('\n');
        const QJsonObject done = QJsonDocument::fromJson(rawLines.last()).object();
        QCOMPARE(done.value(u"type"_s).toString(), u"done"_s);
        const double wall = done.value(u"wall_s"_s).toDouble();
        QVERIFY(wall > 0);
        if (quick)
            QVERIFY2(wall < 30, qPrintable(u"quick R1 run took %1 s"_s.arg(wall)));
    }

    void mlaAttentionLines_data() { runCompletesOnOneGpu_data(); }
    void mlaAttentionLines() {
        QFETCH(QString, file);
        const ProbeRun run = loadRun(file);
        const double copy = copyBandwidth(run);
        QVERIFY(copy > 0);
        const auto lines = run.resultsOf("mla_decode_attention");
        std::set<std::pair<int, int>> points;
        for (const ProbeResult* r : lines) {
            QCOMPARE(r->unit, std::string("GB/s"));
            QCOMPARE(r->text("form"), std::string("absorbed"));
            QCOMPARE(r->text("cache_dtype"), std::string("bf16"));
            QCOMPARE(r->number("heads"), 128.0);
            QCOMPARE(r->number("kv_lora_rank"), 512.0);
            QCOMPARE(r->number("rope_dim"), 64.0);
            const double batch = r->number("batch"), context = r->number("context");
            QVERIFY(batch >= 1 && context >= 1);
            points.insert({int(batch), int(context)});
            // 512 latent + 64 rope values per token, BF16, one layer.
            QCOMPARE(r->number("cache_bytes"), batch * context * 576 * 2);
            QVERIFY(near(r->value, r->number("cache_bytes") / r->number("time_us") / 1e3, 1e-4));
            QVERIFY(near(r->number("fraction_of_copy_bandwidth"), r->value / copy, 1e-4));
            QVERIFY(r->number("layer_time_us") > r->number("time_us"));
            QVERIFY(r->number("splits") >= 1);
            QVERIFY2(r->number("rel_error_vs_reference") < 1e-2, "checked against the double-precision reference");
            const double flops = 2.0 * batch * context * 128 * (576 + 512);
            QVERIFY(near(r->number("tflops"), flops / r->number("time_us") / 1e6, 1e-4));
        }
        QCOMPARE(points.size(), lines.size()); // one line per batch × context
        QVERIFY(points.count({1, 4096}) == 1 && points.count({32, 4096}) == 1);
    }

    void moeLayerLines_data() { runCompletesOnOneGpu_data(); }
    void moeLayerLines() {
        QFETCH(QString, file);
        QFETCH(bool, quick);
        const ProbeRun run = loadRun(file);
        const double copy = copyBandwidth(run);
        const auto lines = run.resultsOf("moe_layer");
        std::set<int> batches;
        for (const ProbeResult* r : lines) {
            QCOMPARE(r->unit, std::string("ms"));
            QCOMPARE(r->text("model"), std::string("deepseek-r1"));
            QCOMPARE(r->text("precision"), std::string("fp8"));
            QCOMPARE(r->number("hidden"), 7168.0);
            QCOMPARE(r->number("moe_intermediate"), 2048.0);
            QCOMPARE(r->number("experts"), 256.0);
            QCOMPARE(r->number("experts_per_token"), 8.0);
            QCOMPARE(r->number("shared_experts"), 1.0);
            QCOMPARE(r->number("moe_layers"), 58.0); // 61 layers, the first 3 dense
            const double batch = r->number("batch");
            batches.insert(int(batch));
            const double touched = r->number("experts_touched");
            QVERIFY(touched >= 8 && touched <= std::min(256.0, 8 * batch));
            // FP8: one byte per weight, 3 matrices of 7168 × 2048 per expert, plus the shared one.
            const double expert = 3.0 * 7168 * 2048;
            QVERIFY(near(r->number("weight_bytes"), (touched + 1) * expert, 1e-5)); // 6 significant digits
            QVERIFY(near(r->value, r->number("time_us") / 1e3, 1e-4));
            const double flops = 2.0 * 3 * 7168 * 2048 * (batch * 8 + batch);
            QVERIFY(near(r->number("tflops"), flops / r->number("time_us") / 1e6, 1e-4));
            QVERIFY(near(r->number("gemm_roofline_fraction"), r->number("tflops") / r->number("peak_tflops"), 1e-4));
            QVERIFY(near(r->number("weight_roofline_fraction"),
                         r->number("weight_bytes") / (copy * 1e9) / (r->number("time_us") / 1e6), 1e-3));
            QVERIFY(r->number("gemm_roofline_fraction") > 0 && r->number("gemm_roofline_fraction") < 1.05);
            QVERIFY(near(r->number("model_moe_time_ms"), r->value * 58, 1e-4));
        }
        QVERIFY(batches.count(1) && batches.count(256));
        QCOMPARE(batches.size(), lines.size());
        if (!quick)
            QCOMPARE(batches.size(), std::size_t(9)); // 1, 2, 4, ... 256
    }

    void fitsMlaAndMoeFactors_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("peakGBps"); // resources/data/gpus.csv memory_bandwidth_gbps
        QTest::addRow("h100 full") << u"h100_r1_full.jsonl"_s << 3350.0;
        QTest::addRow("h200 full") << u"h200_r1_full.jsonl"_s << 4800.0;
    }
    void fitsMlaAndMoeFactors() {
        QFETCH(QString, file);
        QFETCH(double, peakGBps);
        const ProbeRun run = loadRun(file);
        serveplan::GpuSpec gpu;
        gpu.id = "h1x0-sxm";
        gpu.memoryBandwidthGBps = peakGBps;
        gpu.bf16Tflops = 989.5;
        gpu.fp8Tflops = 1979;
        const auto fit = serveplan::fitCalibration(run, gpu);
        QVERIFY2(fit, fit ? "" : fit.error().c_str());
        // MLA: the latent-cache bandwidth at the largest batch (256, one context) over the catalog peak.
        const serveplan::CalibrationFactor* mla = fit->find(serveplan::factor::kMlaKvBandwidthEff);
        QVERIFY(mla);
        double atLargest = 0, largest = 0;
        for (const ProbeResult* r : run.resultsOf("mla_decode_attention"))
            if (r->number("batch") > largest) {
                largest = r->number("batch");
                atLargest = r->value;
            }
        QCOMPARE(largest, 256.0);
        QVERIFY(near(mla->value, atLargest / peakGBps, 1e-9));
        // MoE: the median expert weight stream lies within the per-batch figures and under the peak.
        const serveplan::CalibrationFactor* moe = fit->find(serveplan::factor::kMoeWeightBandwidthEff);
        QVERIFY(moe);
        double lo = 1e300, hi = 0;
        for (const ProbeResult* r : run.resultsOf("moe_layer")) {
            const double eff = r->number("weight_bytes") / (r->number("time_us") * 1e-6) / (peakGBps * 1e9);
            lo = std::min(lo, eff);
            hi = std::max(hi, eff);
        }
        QVERIFY(lo <= moe->value && moe->value <= hi && hi < 1);
        QVERIFY(toEnglish(moe->basis).find("fp8") != std::string::npos);
        // An MLA run has no GQA attention or dense decode step: those factors are not fitted.
        QVERIFY(!fit->find(serveplan::factor::kKvBandwidthEff));
        QVERIFY(!fit->find(serveplan::factor::kWeightBandwidthEff));
        QVERIFY(fit->find(serveplan::factor::kGemmEffFp8));
    }
};

QTEST_GUILESS_MAIN(TestProbeRecordedR1)
#include "TestProbeRecordedR1.moc"
