// The step-time model: roofline bounds, monotonicity, precision fallbacks, MoE expert counts,
// MIG and multi-node scaling, CPU hosts.
#include "TestPerfFixtures.h"
#include "perf/EngineProfile.h"
#include "perf/HardwareRates.h"
#include "perf/ModelShape.h"
#include "perf/StepTimeModel.h"

#include <QTest>

using namespace serveplan;
using serveplan::test::deployment;
using serveplan::test::seedCatalog;

namespace {
StepTimeModel modelFor(const Deployment& d) {
    return StepTimeModel(d, engineProfile(d.engine));
}
} // namespace

class TestStepTimeModel final : public QObject {
    Q_OBJECT
private slots:
    void batchOneDecodeIsBoundByWeightBandwidth() {
        // Llama-2-7B FP16 on an A100 80GB SXM: every decode step reads 13.48 GB of weights at
        // most at 2,039 GB/s, so no step is faster than 6.6 ms (the roofline floor).
        const Deployment d = deployment("llama-2-7b", "a100-80gb-sxm", Precision::FP16);
        const double t = modelFor(d).decodeStep(1, 256);
        const double floor = 6.74e9 * 2 / 2039e9;
        QVERIFY2(t > floor, qPrintable(QString::number(t)));
        QVERIFY2(t < 2 * floor, qPrintable(QString::number(t)));
    }

    void moreBatchNeverLowersThroughput_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("gpu");
        QTest::addColumn<int>("tp");
        QTest::addRow("8b h100") << "llama-3.1-8b-instruct"
                                 << "h100-sxm" << 1;
        QTest::addRow("70b a100 tp4") << "llama-3.1-70b-instruct"
                                      << "a100-80gb-sxm" << 4;
        QTest::addRow("mixtral l40s tp4") << "mixtral-8x7b-instruct-v0.1"
                                          << "l40s" << 4;
        QTest::addRow("qwen3 moe b200") << "qwen3-30b-a3b"
                                        << "b200" << 1;
        QTest::addRow("deepseek-r1 h200 tp8") << "deepseek-r1"
                                              << "h200-sxm" << 8;
    }
    void moreBatchNeverLowersThroughput() {
        QFETCH(QString, model);
        QFETCH(QString, gpu);
        QFETCH(int, tp);
        const StepTimeModel m =
            modelFor(deployment(model.toUtf8().constData(), gpu.toUtf8().constData(), Precision::BF16, tp));
        double previous = 0;
        for (int b = 1; b <= 1024; b = b < 8 ? b + 1 : b * 5 / 4) {
            const double throughput = b / m.decodeStep(b, 1024);
            QVERIFY2(throughput >= previous, qPrintable(QStringLiteral("batch %1").arg(b)));
            previous = throughput;
        }
    }

    void longerContextNeverSpeedsDecode() {
        const StepTimeModel m = modelFor(deployment("llama-3.1-8b-instruct", "l40s"));
        for (int b : {1, 16, 128}) {
            double previous = 0;
            for (int context = 0; context <= 131072; context = context * 2 + 64) {
                const double t = m.decodeStep(b, context);
                QVERIFY(t >= previous);
                previous = t;
            }
        }
    }

    void fp8WithoutFp8UnitsGetsNo16BitSpeedup() {
        // A100 has no FP8 tensor cores: FP8 weights are dequantised and the GEMMs run at the
        // 16-bit rate. On H100 the FP8 rate is twice the BF16 one (989.5 vs 1979 TFLOPS dense).
        auto prefill = [](const char* gpu, Precision p) {
            return modelFor(deployment("llama-3.1-8b-instruct", gpu, p)).prefillTime(8192);
        };
        const double a100 = prefill("a100-80gb-sxm", Precision::FP8) / prefill("a100-80gb-sxm", Precision::BF16);
        const double h100 = prefill("h100-sxm", Precision::FP8) / prefill("h100-sxm", Precision::BF16);
        QVERIFY2(a100 > 0.9, qPrintable(QString::number(a100)));
        QVERIFY2(h100 < 0.8, qPrintable(QString::number(h100)));
        QVERIFY(HardwareRates::of(deployment("llama-3.1-8b-instruct", "a100-80gb-sxm", Precision::FP8)).fp8Fallback);
    }

    void distinctExpertsOfARouter() {
        // E(1 - (1 - k/E)^B): Mixtral (8 experts, top 2).
        const ModelShape s = ModelShape::from(*seedCatalog().model("mixtral-8x7b-instruct-v0.1"));
        QCOMPARE(s.distinctExperts(1), 2.0);
        QCOMPARE(s.distinctExperts(2), 8 * (1 - 0.75 * 0.75));
        QVERIFY(qAbs(s.distinctExperts(1000) - 8) < 1e-9);
        // A decode step of one MoE token reads ~active weights, not all of them.
        const StepTimeModel m = modelFor(deployment("mixtral-8x7b-instruct-v0.1", "h200-sxm"));
        const StepTimeModel dense = modelFor(deployment("llama-3.1-70b-instruct", "h200-sxm"));
        QVERIFY(m.decodeStep(1, 512) < 0.4 * dense.decodeStep(1, 512));
        QVERIFY(m.decodeStep(64, 512) > 2 * m.decodeStep(1, 512)); // more experts touched
    }

    void migSliceIsAFractionOfTheGpu() {
        Deployment d = deployment("llama-3.1-8b-instruct", "a100-80gb-sxm");
        const double full = modelFor(d).decodeStep(1, 512);
        d.mig = MigProfile{"a100-80gb-sxm", "3g.40gb", 2, 40, 3.0 / 7};
        const double slice = modelFor(d).decodeStep(1, 512);
        QVERIFY2(slice > 1.8 * full && slice <= 7.0 / 3 * full, qPrintable(QString::number(slice / full)));
    }

    void crossingNodesCostsTime() {
        Deployment d = deployment("llama-3.1-70b-instruct", "h100-sxm", Precision::BF16, 8);
        const double nvlink = modelFor(d).decodeStep(64, 1024);
        d.gpusPerNode = 4;
        d.interNode = {1.25, 50}; // 10 GbE: 1.25 GB/s, 50 us
        const double ethernet = modelFor(d).decodeStep(64, 1024);
        QVERIFY2(ethernet > 2 * nvlink, qPrintable(QString::number(ethernet / nvlink)));
    }

    void cpuDecodeIsBoundByDramBandwidth() {
        // A 7B INT4 model (3.86 GB) on a host with 200 GB/s DRAM: >= 19 ms per token.
        GpuSpec cpu;
        cpu.id = "cpu";
        cpu.isCpu = true;
        cpu.cpuCores = 8;
        cpu.memoryGb = 64;
        cpu.memoryBandwidthGBps = 200;
        Deployment d = deployment("llama-2-7b", "h100-sxm", Precision::INT4, 1, ServingEngine::Llamacpp);
        d.gpu = &cpu;
        const StepTimeModel m = modelFor(d);
        QVERIFY(m.decodeStep(1, 256) > 3.86e9 / 200e9);
        // Compute from the cores: 8 x 100 GFLOP/s; a 512-token prompt of 2 x 6.5 GFLOP/token takes seconds.
        QVERIFY(m.prefillTime(512) > 512 * 2 * 6.4e9 / 800e9);
    }
};

QTEST_APPLESS_MAIN(TestStepTimeModel)
#include "TestStepTimeModel.moc"
