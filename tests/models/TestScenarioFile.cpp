// *.serveplan files: every field survives a round trip bit for bit (doubles included), newer
// versions are refused, and unknown or mistyped fields are reported with their JSON path.
#include "ScenarioFile.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace serveplan;
using serveplan::models::ScenarioFile;

namespace {
/// A scenario with every field away from its default, and doubles that have no short decimal form.
Scenario everything() {
    Scenario s;
    s.name = "every field — 全部字段";
    s.models = {"deepseek-r1-distill-qwen-7b", "llama-3.1-8b"};
    s.instances = {"aws:p5.48xlarge@us-east-1", "tencent:GN10Xp.5XLARGE80"};
    s.gpus = {"h100-sxm"};
    s.providers = {"aws", "tencent"};
    s.regions = {"us-east-1"};
    s.allowMig = true;
    s.precisions = {Precision::BF16, Precision::FP8, Precision::INT4};
    s.kvCachePrecision = Precision::FP8;
    s.engines = {ServingEngine::Vllm, ServingEngine::Sglang};
    s.tensorParallel = {1, 2, 8};
    s.allowMultiNode = false;
    s.useCalibration = false;
    s.workloadPreset = WorkloadPreset::Custom;
    s.workload.inputTokens = {LengthDistribution::Kind::LogNormal, 512.5, 1.0 / 3.0, 16, 4096};
    s.workload.outputTokens = {LengthDistribution::Kind::Uniform, 256.1 + 0.2, 0, 1e-300, 1e300};
    s.qps = 500.123456789012345;
    s.qpsMin = 1.0 / 7.0;
    s.qpsMax = 2000;
    s.slo = {1000, 50, 0.99, 0.9};
    s.cacheHitRate = 0.2;
    s.capacityMethod = CapacityMethod::Simulated;
    s.pricing = PricingPlan::SubscriptionMonth;
    s.currency = "CNY";
    s.fxDate = "2024-12-31";
    s.hoursPerMonth = 720;
    s.monthlyBudget = 123456.789;
    s.maxInstances = 40;
    s.discounts = {{"aws", 0.15}, {"tencent", 1.0 / 3.0}};
    s.burstMix = {true, PricingPlan::Reserved3y, PricingPlan::Spot};
    s.spot = {0.3, 0.07, 12.5, false};
    OnPremServer o;
    o.name = "rack1";
    o.gpuId = "h100-sxm";
    o.gpuCount = 8;
    o.purchasePrice = 300000;
    o.currency = "EUR";
    o.amortisationYears = 4;
    o.powerKw = 10.2;
    o.utilisation = 0.6;
    o.pue = 1.4;
    o.electricityPerKwh = 0.12;
    o.hostingPerMonth = 1500;
    s.onPrem = {o};
    s.traffic.preset = TrafficPreset::Custom;
    for (int h = 0; h < 24; ++h)
        s.traffic.hourly.push_back((h + 1) / 24.0);
    s.autoscaling = {true, 0.65, 2, 50, 1.5, 7, DiskKind::NetworkDisk, 0.3, 45, true};
    s.top = 5;
    return s;
}

bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

QString errorOf(const QString& fixture) {
    const auto r = ScenarioFile::load(serveplan::test::testDataPath(u"scenarios/"_qs + fixture));
    return r.ok() ? QString() : QString::fromStdString(r.error());
}
} // namespace

class TestScenarioFile final : public QObject {
    Q_OBJECT
private slots:
    void roundTripThroughABuffer() {
        const Scenario in = everything();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(ScenarioFile::write(in, &buffer).ok());
        buffer.close();
        buffer.open(QIODevice::ReadOnly);
        const auto out = ScenarioFile::read(&buffer);
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().c_str());
        // Writing the read scenario gives the same bytes: nothing was lost or added.
        QCOMPARE(ScenarioFile::toJson(*out), buffer.data());
        QVERIFY(sameBits(out->qps, in.qps));
        QVERIFY(sameBits(out->qpsMin, in.qpsMin));
        QVERIFY(sameBits(out->workload.outputTokens.mean, 256.1 + 0.2));
        QVERIFY(sameBits(out->workload.outputTokens.min, 1e-300));
        QVERIFY(sameBits(out->workload.inputTokens.stddev, 1.0 / 3.0));
        QVERIFY(sameBits(out->discounts[1].fraction, 1.0 / 3.0));
        QCOMPARE(out->name, in.name);
        QCOMPARE(out->models, in.models);
        QCOMPARE(out->instances, in.instances);
        QVERIFY(out->precisions == in.precisions);
        QVERIFY(out->kvCachePrecision == in.kvCachePrecision);
        QVERIFY(out->engines == in.engines);
        QCOMPARE(out->tensorParallel, in.tensorParallel);
        QCOMPARE(out->allowMultiNode, false);
        QCOMPARE(out->useCalibration, false);
        QVERIFY(out->capacityMethod == CapacityMethod::Simulated);
        QVERIFY(out->pricing == PricingPlan::SubscriptionMonth);
        QCOMPARE(out->fxDate, in.fxDate);
        QCOMPARE(out->maxInstances, 40);
        QVERIFY(out->burstMix.base == PricingPlan::Reserved3y && out->burstMix.burst == PricingPlan::Spot);
        QCOMPARE(out->spot.onDemandFallback, false);
        QCOMPARE(out->onPrem.size(), std::size_t(1));
        QCOMPARE(out->onPrem[0].currency, std::string("EUR"));
        QCOMPARE(out->traffic.hourly, in.traffic.hourly);
        QVERIFY(out->autoscaling.disk == DiskKind::NetworkDisk);
        QCOMPARE(out->autoscaling.simulateWeek, true);
        QCOMPARE(out->top, 5);
    }

    void saveAndLoadAFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"plan.serveplan"_qs);
        QVERIFY(ScenarioFile::save(everything(), path).ok());
        const auto loaded = ScenarioFile::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(ScenarioFile::toJson(*loaded), ScenarioFile::toJson(everything()));
        QVERIFY(!ScenarioFile::save(everything(), dir.filePath(u"missing/dir/x.serveplan"_qs)).ok());
    }

    void minimalFileKeepsDefaults() {
        const auto s =
            ScenarioFile::load(serveplan::test::testDataPath(u"scenarios/r1-distill-7b-500qps.serveplan"_qs));
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        QCOMPARE(s->qps, 500.0);
        QCOMPARE(s->slo.ttftMs, 1000.0);
        QCOMPARE(s->slo.ttftPercentile, 0.95); // default
        QCOMPARE(s->hoursPerMonth, 730.0);
        QCOMPARE(s->workload.outputTokens.max, 256.0);
        QVERIFY(s->autoscaling.enabled == false);
    }

    /// use_calibration is optional and written only when off: files from before it still load (on),
    /// and a file with the default stays readable by a ServePlan that predates the key.
    void useCalibrationIsOptional() {
        const auto old =
            ScenarioFile::load(serveplan::test::testDataPath(u"scenarios/r1-distill-7b-500qps.serveplan"_qs));
        QVERIFY(old.ok());
        QCOMPARE(old->useCalibration, true);
        Scenario on = everything();
        on.useCalibration = true;
        QVERIFY(!ScenarioFile::toJson(on).contains("use_calibration"));
        QVERIFY(ScenarioFile::toJson(everything()).contains("\"use_calibration\": false"));
        QCOMPARE(ScenarioFile::fromJson(ScenarioFile::toJson(on))->useCalibration, true);
        QByteArray text = ScenarioFile::toJson(everything());
        text.replace("\"use_calibration\": false", "\"use_calibration\": \"no\"");
        const auto bad = ScenarioFile::fromJson(text, u"x.serveplan"_qs);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error() == "x.serveplan: $.deployment.use_calibration: expected true or false",
                 bad.error().c_str());
    }

    /// The serving-layout keys (issue 15) are optional, written only away from their defaults, and
    /// round-trip; a file without them (every file before them) loads with the defaults, version 1.
    void servingLayoutKeysAreOptional() {
        const auto old =
            ScenarioFile::load(serveplan::test::testDataPath(u"scenarios/r1-distill-7b-500qps.serveplan"_qs));
        QVERIFY(old.ok());
        QCOMPARE(old->nativePrecision, true);
        QCOMPARE(old->expertParallel, true);
        QVERIFY(old->mtp == MtpMode::Auto);
        QCOMPARE(old->mtpDraftTokens, kDefaultMtpDraftTokens);
        QCOMPARE(old->mtpAcceptanceRate, kDefaultMtpAcceptanceRate);
        QVERIFY(old->disaggregation == DisaggregationMode::Auto);
        QCOMPARE(old->showBothModes, false);
        QCOMPARE(old->workload.prefixCacheHitRate, 0.0);
        const QByteArray defaults = ScenarioFile::toJson(everything());
        for (const char* key : {"native_precision", "expert_parallel", "\"mtp\"", "disaggregation", "show_both_modes",
                                "prefix_cache_hit_rate"})
            QVERIFY2(!defaults.contains(key), key);
        QVERIFY(defaults.contains("\"version\": 1"));

        Scenario in = everything();
        in.nativePrecision = false;
        in.expertParallel = false;
        in.mtp = MtpMode::On;
        in.mtpDraftTokens = 2;
        in.mtpAcceptanceRate = 1.0 / 3.0;
        in.disaggregation = DisaggregationMode::Off;
        in.showBothModes = true;
        in.workload.prefixCacheHitRate = 0.35;
        const QByteArray text = ScenarioFile::toJson(in);
        const auto out = ScenarioFile::fromJson(text);
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().c_str());
        QCOMPARE(ScenarioFile::toJson(*out), text);
        QCOMPARE(out->nativePrecision, false);
        QCOMPARE(out->expertParallel, false);
        QVERIFY(out->mtp == MtpMode::On);
        QCOMPARE(out->mtpDraftTokens, 2);
        QVERIFY(sameBits(out->mtpAcceptanceRate, 1.0 / 3.0));
        QVERIFY(out->disaggregation == DisaggregationMode::Off);
        QCOMPARE(out->showBothModes, true);
        QCOMPARE(out->workload.prefixCacheHitRate, 0.35);

        // Bad values name their path; out-of-range ones the scenario field.
        QByteArray bad = text;
        bad.replace("\"disaggregation\": \"off\"", "\"disaggregation\": \"sometimes\"");
        const auto badMode = ScenarioFile::fromJson(bad, u"x.serveplan"_qs);
        QVERIFY(!badMode.ok());
        QVERIFY2(QString::fromStdString(badMode.error())
                     .contains(u"$.deployment.disaggregation: expected one of auto, on, off, got \"sometimes\""_qs),
                 badMode.error().c_str());
        bad = text;
        bad.replace("\"prefix_cache_hit_rate\": 0.35", "\"prefix_cache_hit_rate\": 1.5");
        const auto badRate = ScenarioFile::fromJson(bad, u"x.serveplan"_qs);
        QVERIFY(!badRate.ok());
        QVERIFY2(QString::fromStdString(badRate.error()).contains(u"workload.prefix_cache_hit_rate"_qs),
                 badRate.error().c_str());
    }

    void newerVersionIsRefused() {
        const QString e = errorOf(u"newer-version.serveplan"_qs);
        QVERIFY2(e.contains(u"$.version: the file is version 2, newer than this ServePlan reads (version 1)"_qs),
                 qPrintable(e));
    }

    void badFieldsAreReportedWithTheirPath_data() {
        QTest::addColumn<QString>("expected");
        QTest::addRow("unknown field") << u"bad-fields.serveplan: $.deployment.colour: unknown field"_qs;
        QTest::addRow("bad enum in a list")
            << u"$.deployment.precisions[0]: expected one of fp32, bf16, fp16, fp8, int8, int4, fp4, got \"bf17\""_qs;
        QTest::addRow("wrong type") << u"$.workload.qps: expected a number"_qs;
        QTest::addRow("nested unknown") << u"$.workload.output_tokens.shape: unknown field"_qs;
        QTest::addRow("bad plan") << u"$.cost.pricing: expected one of on_demand"_qs;
        QTest::addRow("array element") << u"$.cost.on_prem[0].gpu_count: expected an integer"_qs;
    }
    void badFieldsAreReportedWithTheirPath() {
        QFETCH(QString, expected);
        const QString e = errorOf(u"bad-fields.serveplan"_qs);
        QVERIFY2(e.contains(expected), qPrintable(e));
    }

    void valuesOutOfRange() {
        const QString e = errorOf(u"out-of-range.serveplan"_qs);
        QVERIFY2(e.contains(u"invalid value: qps: expected a request rate > 0"_qs), qPrintable(e));
        QVERIFY(e.contains(u"cache_hit_rate"_qs));
        QVERIFY(e.contains(u"hours_per_month"_qs));
    }

    void syntaxErrorsGiveALine() {
        const QString e = errorOf(u"broken-json.serveplan"_qs);
        QVERIFY2(e.contains(u"broken-json.serveplan: 3:"_qs) && e.contains(u"invalid JSON"_qs), qPrintable(e));
    }

    void notAScenario() {
        QVERIFY(!ScenarioFile::fromJson(R"({"format": "something-else", "version": 1})").ok());
        QVERIFY(!ScenarioFile::fromJson("[1, 2]").ok());
        QVERIFY(!ScenarioFile::fromJson(R"({"format": "serveplan-scenario", "version": "1"})").ok());
    }
};

QTEST_GUILESS_MAIN(TestScenarioFile)
#include "TestScenarioFile.moc"
