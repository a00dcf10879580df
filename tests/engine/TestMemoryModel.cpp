// Known answers for the memory fit: KV bytes per token, weight bytes per precision, sharding,
// the engine's utilisation rule, MIG slices and the "does not fit" reason.
#include "TestPerfFixtures.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"

#include <QTest>

using namespace serveplan;
using serveplan::test::deployment;
using serveplan::test::seedCatalog;
using serveplan::test::workload;

class TestMemoryModel final : public QObject {
    Q_OBJECT
private slots:
    void kvBytesPerToken_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("precision");
        QTest::addColumn<double>("expected");
        // 2 (K and V) x layers x KV heads x head_dim x bytes; config.json values from models.csv.
        QTest::addRow("llama-3.1-8b bf16: 2*32*8*128*2") << "llama-3.1-8b-instruct"
                                                         << "bf16" << 131072.0;
        QTest::addRow("llama-3.1-8b fp8: 2*32*8*128*1") << "llama-3.1-8b-instruct"
                                                        << "fp8" << 65536.0;
        QTest::addRow("qwen2.5-7b bf16: 2*28*4*128*2") << "qwen2.5-7b-instruct"
                                                       << "bf16" << 57344.0;
        QTest::addRow("llama-2-7b MHA fp16: 2*32*32*128*2") << "llama-2-7b"
                                                            << "fp16" << 524288.0;
        // MLA stores the latent: layers x (kv_lora_rank + qk_rope_head_dim) x bytes (DeepSeek-V2 paper).
        QTest::addRow("deepseek-r1 bf16: 61*(512+64)*2") << "deepseek-r1"
                                                         << "bf16" << 70272.0;
    }
    void kvBytesPerToken() {
        QFETCH(QString, model);
        QFETCH(QString, precision);
        QFETCH(double, expected);
        const ModelSpec* m = seedCatalog().model(model.toStdString());
        QVERIFY(m);
        const ModelShape shape = ModelShape::from(*m);
        QCOMPARE(shape.kvBytesPerToken(*parsePrecision(precision.toStdString())), expected);
        Deployment d = deployment(model.toUtf8().constData(), "h100-sxm");
        d.kvCache = *parsePrecision(precision.toStdString());
        QCOMPARE(computeMemoryFit(d, workload(512, 256)).kvBytesPerToken, expected);
    }

    void weightsOfA7bModel_data() {
        QTest::addColumn<QString>("precision");
        QTest::addColumn<double>("expected");
        // Llama-2-7B: 6.74e9 parameters, of which the untied embedding and LM head are
        // 2 x 32000 x 4096 = 262,144,000. FP16 = 13.48 GB, the size of the published
        // meta-llama/Llama-2-7b-hf safetensors (9.98 GB + 3.50 GB).
        const double embeddings = 2.0 * 32000 * 4096;
        const double linear = 6.74e9 - embeddings;
        QTest::addRow("fp32") << "fp32" << 6.74e9 * 4;
        QTest::addRow("fp16") << "fp16" << 6.74e9 * 2;
        QTest::addRow("bf16") << "bf16" << 6.74e9 * 2;
        // Quantised checkpoints keep embeddings and LM head in 16 bits.
        QTest::addRow("fp8") << "fp8" << linear * 1 + embeddings * 2;
        QTest::addRow("int8") << "int8" << linear * 1 + embeddings * 2;
        // 4-bit: half a byte plus one 16-bit scale per 128 weights (AWQ/GPTQ group size 128):
        // 3.86 GB, against 3.89 GB for TheBloke/Llama-2-7B-AWQ (which also stores zero points).
        QTest::addRow("int4") << "int4" << linear * (0.5 + 2.0 / 128) + embeddings * 2;
        QTest::addRow("fp4") << "fp4" << linear * (0.5 + 2.0 / 128) + embeddings * 2;
    }
    void weightsOfA7bModel() {
        QFETCH(QString, precision);
        QFETCH(double, expected);
        const ModelShape shape = ModelShape::from(*seedCatalog().model("llama-2-7b"));
        const double bytes = MemoryModel::weightBytesPerGpu(shape, *parsePrecision(precision.toStdString()), {});
        QVERIFY2(qAbs(bytes / expected - 1) < 1e-9, qPrintable(QString::number(bytes)));
    }

    void weightsShardOverTensorAndPipelineParallel() {
        const ModelShape shape = ModelShape::from(*seedCatalog().model("llama-3.1-70b-instruct"));
        const double one = MemoryModel::weightBytesPerGpu(shape, Precision::BF16, {1, 1, 1});
        QCOMPARE(MemoryModel::weightBytesPerGpu(shape, Precision::BF16, {4, 1, 1}), one / 4);
        QCOMPARE(MemoryModel::weightBytesPerGpu(shape, Precision::BF16, {4, 2, 1}), one / 8);
    }

    void kvHeadsReplicateBeyondTensorParallel() {
        // 8 KV heads over TP 16: every rank still holds one head (vLLM replicates them).
        const ModelShape shape = ModelShape::from(*seedCatalog().model("llama-3.1-405b-instruct"));
        const double tp8 = MemoryModel::kvBytesPerTokenPerGpu(shape, Precision::BF16, {8, 1, 1});
        QCOMPARE(MemoryModel::kvBytesPerTokenPerGpu(shape, Precision::BF16, {16, 1, 1}), tp8);
        QCOMPARE(tp8, 2.0 * 126 * 1 * 128 * 2);
        // MLA's latent is not split by TP at all.
        const ModelShape mla = ModelShape::from(*seedCatalog().model("deepseek-r1"));
        QCOMPARE(MemoryModel::kvBytesPerTokenPerGpu(mla, Precision::BF16, {8, 1, 1}), 70272.0);
    }

    void fitsAndLeavesKvCache() {
        const MemoryFit fit = computeMemoryFit(deployment("llama-3.1-8b-instruct", "h100-sxm"), workload(1000, 1000));
        QVERIFY2(fit.fits, toEnglish(fit.reason).c_str());
        QVERIFY(fit.reason.empty());
        // vLLM: 0.9 of the memory, minus weights, activations and runtime, is KV cache.
        QCOMPARE(fit.usableBytes, fit.gpuMemoryBytes * 0.9);
        QVERIFY(qAbs(fit.kvCacheBytes - (fit.usableBytes - fit.weightBytes - fit.activationBytes - fit.runtimeBytes)) <
                1);
        QCOMPARE(fit.kvTokenCapacity, fit.kvCacheBytes / 131072.0);
        QVERIFY(fit.kvTokenCapacity > 300000 && fit.kvTokenCapacity < 500000);
    }

    void freeMemoryFractionEngines() {
        // TensorRT-LLM gives the KV cache 0.9 of what is free after weights and runtime.
        Deployment d = deployment("llama-3.1-8b-instruct", "h100-sxm", Precision::BF16, 1, ServingEngine::Trtllm);
        const MemoryFit fit = computeMemoryFit(d, workload(1000, 1000));
        QVERIFY(fit.fits);
        const double free = fit.gpuMemoryBytes - fit.weightBytes - fit.activationBytes - fit.runtimeBytes;
        QVERIFY(qAbs(fit.kvCacheBytes - 0.9 * free) < 1);
    }

    void seventyBillionInBf16DoesNotFitOneH100() {
        const MemoryFit fit = computeMemoryFit(deployment("llama-3.1-70b-instruct", "h100-sxm"), workload(1000, 1000));
        QVERIFY(!fit.fits);
        QVERIFY2(toEnglish(fit.reason).find("does not fit (weights)") != std::string::npos,
                 toEnglish(fit.reason).c_str());
        QVERIFY2(toEnglish(fit.reason).find("has 71.6 GiB") != std::string::npos,
                 toEnglish(fit.reason).c_str()); // 0.9 x 79.6 GiB
        QVERIFY(fit.kvCacheBytes < 0);
        // Four of them hold it.
        const MemoryFit tp4 = computeMemoryFit(deployment("llama-3.1-70b-instruct", "h100-sxm", Precision::BF16, 4),
                                               workload(1000, 1000));
        QVERIFY(tp4.fits);
    }

    void kvCacheTooSmallForOneSequenceIsNamed() {
        // Weights fit, but the KV cache cannot hold one 200k-token sequence.
        Deployment d = deployment("llama-3.1-8b-instruct", "rtx-4090");
        d.weights = Precision::INT4;
        const MemoryFit fit = computeMemoryFit(d, workload(190000, 10000));
        QVERIFY(!fit.fits);
        QVERIFY2(toEnglish(fit.reason).find("(KV cache)") != std::string::npos, toEnglish(fit.reason).c_str());
        QVERIFY2(toEnglish(fit.reason).find("200000-token sequence") != std::string::npos,
                 toEnglish(fit.reason).c_str());
    }

    void migSliceUsesItsOwnMemory() {
        Deployment d = deployment("llama-3.1-8b-instruct", "a100-80gb-sxm");
        MigProfile small{"a100-80gb-sxm", "1g.10gb", 7, 10, 1.0 / 7};
        d.mig = small;
        const MemoryFit tooSmall = computeMemoryFit(d, workload(512, 256));
        QVERIFY(!tooSmall.fits);
        QCOMPARE(tooSmall.gpuMemoryBytes, 10 * 0.975 * 1024.0 * 1024 * 1024); // 1g.10gb ~ 9.75 GiB
        d.mig = MigProfile{"a100-80gb-sxm", "3g.40gb", 2, 40, 3.0 / 7};
        QVERIFY(computeMemoryFit(d, workload(512, 256)).fits);
    }

    void cpuHostHasNoCudaRuntime() {
        GpuSpec cpu;
        cpu.id = "epyc-test";
        cpu.isCpu = true;
        cpu.cpuCores = 8;
        cpu.memoryGb = 64;
        cpu.memoryBandwidthGBps = 200;
        Deployment d = deployment("llama-2-7b", "h100-sxm", Precision::INT4, 1, ServingEngine::Llamacpp);
        d.gpu = &cpu;
        const MemoryFit fit = computeMemoryFit(d, workload(512, 256));
        QVERIFY(fit.fits);
        QCOMPARE(fit.runtimeBytes, 0.5e9);
    }

    void invalidDeploymentSaysWhy() {
        Deployment d;
        const MemoryFit fit = computeMemoryFit(d, workload(1, 1));
        QVERIFY(!fit.fits);
        QCOMPARE(QString::fromStdString(toEnglish(fit.reason)), QStringLiteral("no model given"));
    }
};

QTEST_APPLESS_MAIN(TestMemoryModel)
#include "TestMemoryModel.moc"
