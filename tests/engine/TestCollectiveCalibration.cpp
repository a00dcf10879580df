// Collectives measured on the GPU's own host (calibration factors allreduce_*, alltoall_*, p2p_*,
// collective_gpus_*) in the step-time model: a calibrated 8-GPU TP layout's decode step moves by
// exactly what the factors imply (the TP all-reduce's alpha and bus bandwidth replacing the fitted
// commEff and the assumed 3 us NVLink hop), a smaller group scales the alpha by its hop count, and the
// factors stay out of layouts on another link or across nodes. And the fit of those factors from probe
// result lines: the recorded 8 x A100 all-reduce (tests/data/probe/a100_8gpu_allreduce_published.jsonl,
// converted from a published nccl-tests log, not a ServePlan run) against values computed by hand
// from that log, and hand-written lines for the all-to-all, send/receive, PCIe and skip paths.
#include "calib/CalibrationFit.h"
#include "calib/ProbeRun.h"
#include "perf/HardwareRates.h"
#include "perf/StepTimeModel.h"

#include "TestPerfFixtures.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <sstream>

using namespace serveplan;

namespace {

/// The factors of the published 8 x A100 all-reduce log (tests/data/probe/README.md), rounded.
GpuCalibration nvlinkCalibration(const std::string& gpuId) {
    GpuCalibration c;
    c.gpuId = gpuId;
    c.factors = {{factor::kAllreduceBusEff, 0.55843, Message::text("test")},
                 {factor::kAllreduceLatencyUs, 55.456, Message::text("test")},
                 {factor::kAlltoallBusEff, 0.45, Message::text("test")},
                 {factor::kAlltoallLatencyUs, 40.0, Message::text("test")},
                 {factor::kP2pEff, 0.8, Message::text("test")},
                 {factor::kP2pLatencyUs, 12.0, Message::text("test")},
                 {factor::kCollectiveGpusNvlink, 8, Message::text("test")}};
    return c;
}

double hops(int n) {
    return 2.0 * std::ceil(std::log2(double(n)));
}

ProbeRun readRun(const char* name) {
    QFile f(test::testDataPath(QString::fromLatin1(name)));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    auto run = parseProbeOutput(f.readAll().toStdString());
    if (!run)
        qFatal("%s: %s", name, run.error().c_str());
    return std::move(run).value();
}

double factorOf(const CalibrationFit& fit, const char* name) {
    const CalibrationFactor* f = fit.find(name);
    return f ? f->value : -1;
}

/// A result line as serveplan-probe writes it for the collective tests.
std::string resultLine(const char* test, double busbw, double bytes, int ranks, double timeUs) {
    std::ostringstream o;
    o.precision(17);
    o << R"({"type":"result","test":")" << test << R"(","value":)" << busbw << R"(,"unit":"GB/s","bytes":)"
      << std::int64_t(bytes) << R"(,"ranks":)" << ranks << R"(,"time_us":)" << timeUs << "}\n";
    return o.str();
}

double decodeStep(const Deployment& d, double batch, double context) {
    return StepTimeModel(d, deploymentProfile(d)).decodeStep(batch, context);
}

} // namespace

class TestCollectiveCalibration final : public QObject {
    Q_OBJECT
private slots:
    /// The published log: 8 x A100-SXM4-40GB, all_reduce_perf 8 B ... 128 MiB. By hand from its rows:
    /// the only size >= 64 MiB with the best bus bandwidth is 128 MiB at 167.53 GB/s, over the catalog's
    /// 600 GB/s NVLink 3 = 300 GB/s per direction: 0.558433. The least-squares line through the
    /// out-of-place times of the 20 sizes 8 B ... 4 MiB (54.43 ... 120.36 us) has intercept
    /// 55.456 us (slope 1.4196e-5 us/byte).
    void fitsThePublishedAllReduce() {
        const ProbeRun run = readRun("probe/a100_8gpu_allreduce_published.jsonl");
        const GpuSpec* gpu = test::seedCatalog().gpu(
            matchCatalogGpu(test::seedCatalog().gpus, run.deviceName, std::stod(run.device.at("memory_bytes"))));
        QVERIFY(gpu);
        QCOMPARE(gpu->id, std::string("a100-40gb-sxm"));
        const auto fit = fitCalibration(run, *gpu);
        QVERIFY2(fit, fit ? "" : fit.error().c_str());
        QVERIFY(std::abs(factorOf(*fit, factor::kAllreduceBusEff) - 167.53 / 300) < 1e-9);
        QVERIFY(std::abs(factorOf(*fit, factor::kAllreduceLatencyUs) - 55.456) < 1e-3);
        QCOMPARE(factorOf(*fit, factor::kCollectiveGpusNvlink), 8.0);
        QVERIFY(!fit->find(factor::kCollectiveGpusPcie));
        QVERIFY(!fit->find(factor::kAlltoallBusEff) && !fit->find(factor::kP2pEff)); // the log has neither
        QCOMPARE(fit->factors.size(), std::size_t(3));
    }

    /// Hand-written lines (not a measurement): all-to-all and send/receive among 4 GPUs over PCIe 4.0
    /// (32 GB/s per direction) with times exactly 20 + bytes / 10 kB us and 8 + bytes / 20 kB us.
    void fitsAlltoallAndP2pOverPcie() {
        std::string text = R"({"type":"device","backend":"cuda","name":"NVIDIA L40S","memory_bytes":48000000000,)"
                           R"("gpu_count":4,"topology":"pcie"})"
                           "\n";
        for (const double bytes : {8192.0, 65536.0, 1048576.0, 4194304.0}) {
            text += resultLine("alltoall_bandwidth", 1, bytes, 4, 20 + bytes / 1e4);
            text += resultLine("p2p_bandwidth", 1, bytes, 4, 8 + bytes / 2e4);
        }
        text += resultLine("alltoall_bandwidth", 18.0, 256.0 * (1 << 20), 4, 14000);
        text += resultLine("alltoall_bandwidth", 16.0, 64.0 * (1 << 20), 4, 4000); // not the best large size
        text += resultLine("p2p_bandwidth", 24.0, 256.0 * (1 << 20), 4, 11000);
        text +=
            R"json({"type":"progress","stage":"allreduce_bandwidth","message":"skipped: NCCL not found (test)"})json"
            "\n";
        const auto run = parseProbeOutput(text);
        QVERIFY2(run, run ? "" : run.error().c_str());
        QCOMPARE(run->skipped.at("allreduce_bandwidth"), std::string("NCCL not found (test)"));
        const auto fit = fitCalibration(*run, *test::seedCatalog().gpu("l40s"));
        QVERIFY2(fit, fit ? "" : fit.error().c_str());
        QCOMPARE(factorOf(*fit, factor::kAlltoallBusEff), 18.0 / 32);
        QVERIFY(std::abs(factorOf(*fit, factor::kAlltoallLatencyUs) - 20) < 1e-9);
        QCOMPARE(factorOf(*fit, factor::kP2pEff), 24.0 / 32);
        QVERIFY(std::abs(factorOf(*fit, factor::kP2pLatencyUs) - 8) < 1e-9);
        QCOMPARE(factorOf(*fit, factor::kCollectiveGpusPcie), 4.0);
        QVERIFY(!fit->find(factor::kAllreduceBusEff)); // skipped: no factor, the reason in the notes
        bool noted = false;
        for (const serveplan::Message& note : fit->notes)
            noted = noted || toEnglish(note).find("allreduce_bandwidth skipped by the probe: NCCL not found") !=
                                 std::string::npos;
        QVERIFY(noted);
    }

    /// One-rank results (SERVEPLAN_PROBE_NCCL_ONE_RANK) and an unknown topology give no factor.
    void oneRankAndUnknownTopologyGiveNoFactor() {
        std::string text = R"({"type":"device","backend":"cuda","name":"NVIDIA H100 80GB HBM3",)"
                           R"("memory_bytes":85017493504,"gpu_count":1,"topology":"single_gpu"})"
                           "\n";
        text += resultLine("copy_bandwidth", 2837, 1 << 30, 1, 700);
        text += resultLine("allreduce_bandwidth", 0, 1 << 20, 1, 5);
        const auto run = parseProbeOutput(text);
        QVERIFY(run);
        const auto fit = fitCalibration(*run, *test::seedCatalog().gpu("h100-sxm"));
        QVERIFY(fit);
        QVERIFY(!fit->find(factor::kAllreduceBusEff) && !fit->find(factor::kCollectiveGpusNvlink));
        QVERIFY(!fit->notes.empty());
    }

    void factorsAreRead() {
        const MeasuredCollectives m = measuredCollectives(nvlinkCalibration("h100-sxm").factors);
        QCOMPARE(m.link, MeasuredCollectives::Link::NvLink);
        QCOMPARE(m.gpus, 8);
        QCOMPARE(m.allreduceBusEff, 0.55843);
        QCOMPARE(m.allreduceLatencyS, 55.456e-6);
        QVERIFY(m.appliesTo(false));
        QVERIFY(!m.appliesTo(true));
        // Out of range values are not measurements; without collective_gpus_* nothing applies.
        const MeasuredCollectives bad = measuredCollectives(
            {{factor::kAllreduceBusEff, -1, {}}, {factor::kAllreduceLatencyUs, NAN, {}}, {factor::kP2pEff, 0.5, {}}});
        QCOMPARE(bad.allreduceBusEff, 0.0);
        QCOMPARE(bad.allreduceLatencyS, 0.0);
        QVERIFY(!bad.appliesTo(false) && !bad.appliesTo(true));
    }

    /// TP 8 on H100 SXM (NVLink 4, 450 GB/s per direction): two all-reduces per layer, each costing
    /// hops(8) x hop + 2(n-1)/n x 2 hidden bytes per token / (link x efficiency).
    void tp8DecodeStepMovesByTheFactors() {
        Deployment d = test::deployment("llama-3.1-70b-instruct", "h100-sxm", Precision::BF16, 8);
        const GpuCalibration calibration = nvlinkCalibration("h100-sxm");
        const double commEff = deploymentProfile(d).params.commEff;
        const double layers = d.model->numLayers, hidden = d.model->hiddenSize;
        const double link = HardwareRates::linkPeakPerDirection(*d.gpu, false);
        QCOMPARE(link, 450e9);
        for (const double batch : {1.0, 64.0}) {
            const double before = decodeStep(d, batch, 2048);
            Deployment calibrated = d;
            calibrated.calibration = &calibration;
            const double after = decodeStep(calibrated, batch, 2048);
            const double fixed = 2 * layers * (55.456e-6 - hops(8) * 3e-6 / commEff);
            const double perToken =
                2 * layers * 2.0 * 7 / 8 * 2 * hidden * (1 / (link * 0.55843) - 1 / (link * commEff));
            const double expected = fixed + batch * perToken;
            QVERIFY2(std::abs((after - before) - expected) < 1e-9,
                     qPrintable(QStringLiteral("batch %1: moved %2 s, expected %3 s")
                                    .arg(batch)
                                    .arg(after - before)
                                    .arg(expected)));
            QVERIFY(after > before); // the log's 55 us alpha is slower than the default 6 x 3 us / commEff
            qInfo("Llama-3.1-70B TP 8 on H100 SXM, decode batch %g x 2048: %.3f ms -> %.3f ms", batch, before * 1e3,
                  after * 1e3);
        }
    }

    /// TP 4: the measured 8-GPU alpha is spread over hops(8) and charged for hops(4).
    void smallerGroupScalesTheAlpha() {
        Deployment d = test::deployment("llama-3.1-70b-instruct", "h100-sxm", Precision::BF16, 4);
        const GpuCalibration calibration = nvlinkCalibration("h100-sxm");
        const double commEff = deploymentProfile(d).params.commEff;
        Deployment calibrated = d;
        calibrated.calibration = &calibration;
        const double layers = d.model->numLayers, hidden = d.model->hiddenSize, link = 450e9;
        const double expected = 2 * layers * hops(4) * (55.456e-6 / hops(8) - 3e-6 / commEff) +
                                2 * layers * 2.0 * 3 / 4 * 2 * hidden * (1 / (link * 0.55843) - 1 / (link * commEff));
        QVERIFY(std::abs((decodeStep(calibrated, 1, 2048) - decodeStep(d, 1, 2048)) - expected) < 1e-9);
    }

    /// PP 2 inside the node: one send per boundary at the measured p2p alpha and efficiency.
    void pipelineSendsUseP2p() {
        Deployment d = test::deployment("llama-3.1-70b-instruct", "h100-sxm", Precision::BF16, 4);
        d.parallel.pp = 2;
        const GpuCalibration calibration = nvlinkCalibration("h100-sxm");
        Deployment p2pOnly = d;
        GpuCalibration onlyP2p = calibration;
        onlyP2p.factors = {
            {factor::kP2pEff, 0.8, {}}, {factor::kP2pLatencyUs, 12.0, {}}, {factor::kCollectiveGpusNvlink, 8, {}}};
        p2pOnly.calibration = &onlyP2p;
        const double commEff = deploymentProfile(d).params.commEff, hidden = d.model->hiddenSize, link = 450e9;
        // decodeStep runs pp stages: the per-stage comm is charged pp times.
        const double expected =
            2 * (0.5 * (12e-6 - 3e-6 / commEff) + 0.5 * 2 * hidden * (1 / (link * 0.8) - 1 / (link * commEff)));
        QVERIFY(std::abs((decodeStep(p2pOnly, 1, 2048) - decodeStep(d, 1, 2048)) - expected) < 1e-9);
    }

    /// Measured over NVLink: a PCIe card's layout and a TP group spanning two nodes keep the defaults.
    void otherLinksKeepTheDefaults() {
        Deployment pcie = test::deployment("llama-3.1-8b-instruct", "l40s", Precision::BF16, 4);
        const GpuCalibration forL40s = nvlinkCalibration("l40s");
        Deployment calibrated = pcie;
        calibrated.calibration = &forL40s;
        QCOMPARE(decodeStep(calibrated, 8, 1024), decodeStep(pcie, 8, 1024));
        GpuCalibration measuredOnPcie = forL40s;
        measuredOnPcie.factors.back() = {factor::kCollectiveGpusPcie, 8, Message::text("test")};
        calibrated.calibration = &measuredOnPcie;
        QVERIFY(decodeStep(calibrated, 8, 1024) != decodeStep(pcie, 8, 1024)); // the same factors, on its link

        Deployment wide = test::deployment("llama-3.1-405b-instruct", "h100-sxm", Precision::BF16, 16);
        const GpuCalibration forH100 = nvlinkCalibration("h100-sxm");
        Deployment wideCalibrated = wide;
        wideCalibrated.calibration = &forH100;
        QCOMPARE(decodeStep(wideCalibrated, 8, 1024), decodeStep(wide, 8, 1024));
    }
};

QTEST_GUILESS_MAIN(TestCollectiveCalibration)
#include "TestCollectiveCalibration.moc"
