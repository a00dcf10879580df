// The predictor behind `serveplan-cli predict`: parsing and defaults of DESIGN.md §3.1, statuses
// (ok, oom, unsupported, error) and messages, metrics and bands.
#include "TestPerfFixtures.h"
#include "perf/Predictor.h"

#include <QTest>

#include <map>

using namespace serveplan;
using serveplan::test::seedCatalog;

namespace {
using Row = std::map<std::string, std::string>;

Row baseRow() {
    return {{"id", "t1"},          {"engine", "vllm"},      {"model", "llama-3.1-8b-instruct"},
            {"gpu", "h100-sxm"},   {"input_tokens", "512"}, {"output_tokens", "256"},
            {"concurrency", "16"}, {"metric", "tpot_ms"}};
}

Predictor::FieldGetter getter(const Row& row) {
    return [row](std::string_view column) {
        const auto it = row.find(std::string(column));
        return it == row.end() ? std::string() : it->second;
    };
}

Prediction predict(const Row& row) {
    return Predictor(seedCatalog()).predictRow(getter(row));
}
} // namespace

class TestPredict final : public QObject {
    Q_OBJECT
private slots:
    void okRowHasValueUnitAndBand() {
        const Prediction p = predict(baseRow());
        QCOMPARE(int(p.status), int(Prediction::Status::Ok));
        QCOMPARE(QString::fromStdString(p.unit), QStringLiteral("ms"));
        QVERIFY(p.value.low < p.value.value && p.value.value < p.value.high);
        QVERIFY(p.value.value > 3 && p.value.value < 100); // 16 GB of weights at 3.35 TB/s: >= 4.8 ms
        QCOMPARE(QString::fromStdString(p.id), QStringLiteral("t1"));
    }

    void defaults() {
        const auto s = Predictor(seedCatalog())
                           .parseScenario(getter({{"model", "llama-2-7b"},
                                                  {"gpu", "a100-80gb-sxm"},
                                                  {"input_tokens", "100"},
                                                  {"output_tokens", "10"},
                                                  {"gpu_count", "4"},
                                                  {"metric", "requests_per_s"}}));
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        QCOMPARE(int(s->deployment.engine), int(ServingEngine::Generic));
        QCOMPARE(int(s->deployment.weights), int(Precision::FP16)); // the checkpoint's float16
        QCOMPARE(int(s->deployment.kvCache), int(Precision::FP16)); // KV = the weights' 16-bit type
        QCOMPARE(s->deployment.parallel.tp, 4);                     // tp from gpu_count
        QCOMPARE(s->replicas, 1);
        QCOMPARE(s->concurrency, 0.0);
        QCOMPARE(s->requestRate, 0.0); // offline
        const auto fp8 = Predictor(seedCatalog())
                             .parseScenario(getter({{"model", "llama-3.1-8b-instruct"},
                                                    {"gpu", "h100-sxm"},
                                                    {"precision_weights", "fp8"},
                                                    {"input_tokens", "1"},
                                                    {"output_tokens", "1"},
                                                    {"metric", "ttft_ms"}}));
        QCOMPARE(int(fp8->deployment.kvCache), int(Precision::BF16));
        // TensorRT-LLM follows its ModelOpt FP8/NVFP4 checkpoints' FP8 KV cache; 16-bit weights keep 16-bit KV.
        const auto trtllm = [](const char* weights) {
            return Predictor(seedCatalog())
                .parseScenario(getter({{"engine", "trtllm"},
                                       {"model", "llama-3.1-8b-instruct"},
                                       {"gpu", "h100-sxm"},
                                       {"precision_weights", weights},
                                       {"input_tokens", "1"},
                                       {"output_tokens", "1"},
                                       {"metric", "ttft_ms"}}));
        };
        QCOMPARE(int(trtllm("fp8")->deployment.kvCache), int(Precision::FP8));
        QCOMPARE(int(trtllm("fp4")->deployment.kvCache), int(Precision::FP8));
        QCOMPARE(int(trtllm("bf16")->deployment.kvCache), int(Precision::BF16));
    }

    void dataParallelReplicasMultiplyThroughput() {
        Row one = baseRow();
        one["metric"] = "output_tokens_per_s_total";
        Row two = one;
        two["gpu_count"] = "2";
        two["tp"] = "1";
        const double a = predict(one).value.value, b = predict(two).value.value;
        QCOMPARE(b, 2 * a);
        two["metric"] = "output_tokens_per_s_per_gpu";
        QCOMPARE(predict(two).value.value, a);
    }

    void badRowsAreErrorsThatSayWhy_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown model") << "model"
                                       << "gpt-9"
                                       << "column model: 'gpt-9' is not a model_id";
        QTest::addRow("unknown gpu") << "gpu"
                                     << "h900"
                                     << "column gpu: 'h900' is not a gpu_id";
        QTest::addRow("unknown engine") << "engine"
                                        << "ollama"
                                        << "column engine: 'ollama' is not one of";
        QTest::addRow("bad precision") << "precision_weights"
                                       << "fp6"
                                       << "column precision_weights: 'fp6'";
        QTest::addRow("missing input") << "input_tokens"
                                       << ""
                                       << "column input_tokens: missing";
        QTest::addRow("negative output") << "output_tokens"
                                         << "-5"
                                         << "column output_tokens: '-5' is not a positive";
        QTest::addRow("not a number") << "concurrency"
                                      << "lots"
                                      << "column concurrency: 'lots'";
        QTest::addRow("fractional tp") << "tp"
                                       << "1.5"
                                       << "column tp: '1.5' is not a positive integer";
        QTest::addRow("gpu_count vs tp") << "gpu_count"
                                         << "3"
                                         << "3 GPUs cannot hold replicas of tp 2";
        QTest::addRow("both modes") << "request_rate"
                                    << "4"
                                    << "give one";
        QTest::addRow("bad metric") << "metric"
                                    << "latency"
                                    << "column metric: 'latency'";
        QTest::addRow("pp beyond layers") << "pp"
                                          << "64"
                                          << "column pp: 64 stages for 32 layers";
        QTest::addRow("fractional requests") << "requests"
                                             << "2.5"
                                             << "column requests: '2.5' is not a positive integer";
    }
    void badRowsAreErrorsThatSayWhy() {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QFETCH(QString, message);
        Row row = baseRow();
        row["tp"] = "2";
        row[column.toStdString()] = value.toStdString();
        const Prediction p = predict(row);
        QCOMPARE(int(p.status), int(Prediction::Status::Error));
        QVERIFY2(QString::fromStdString(toEnglish(p.message)).contains(message), toEnglish(p.message).c_str());
        QCOMPARE(QString::fromStdString(p.id), QStringLiteral("t1"));
    }

    void offlineRunBatchesOnlyTheRequestsItQueued() {
        // Llama-3.1-8B FP8 on an H100: the KV cache holds ~2,000 sequences of 256 + 256 tokens and
        // TensorRT-LLM batches up to 2,048, so 500 queued requests (the default) leave it part empty
        // while 3,000 (trtllm-bench's count for this length) keep it full: more tokens per second.
        Row row{{"id", "offline"},
                {"engine", "trtllm"},
                {"model", "llama-3.1-8b-instruct"},
                {"gpu", "h100-sxm"},
                {"input_tokens", "256"},
                {"output_tokens", "256"},
                {"precision_weights", "fp8"},
                {"precision_kv", "fp8"},
                {"metric", "output_tokens_per_s_total"}};
        const Prediction byDefault = predict(row);
        row["requests"] = "500";
        const Prediction explicit500 = predict(row);
        row["requests"] = "3000";
        const Prediction many = predict(row);
        QCOMPARE(int(many.status), int(Prediction::Status::Ok));
        QCOMPARE(explicit500.value.value, byDefault.value.value);
        QVERIFY2(many.value.value > 1.05 * byDefault.value.value,
                 qPrintable(QStringLiteral("%1 vs %2").arg(many.value.value).arg(byDefault.value.value)));
        // The mean TTFT of an offline run grows with the queue.
        row["metric"] = "ttft_ms";
        const double ttftMany = predict(row).value.value;
        row["requests"] = "500";
        QVERIFY(ttftMany > 2 * predict(row).value.value);
    }

    void oomRowNamesTheTerm() {
        Row row = baseRow();
        row["model"] = "llama-3.1-405b-instruct";
        const Prediction p = predict(row);
        QCOMPARE(int(p.status), int(Prediction::Status::Oom));
        QVERIFY2(toEnglish(p.message).find("does not fit (weights)") != std::string::npos,
                 toEnglish(p.message).c_str());
    }

    void unsupportedCombination() {
        Row row = baseRow();
        row["engine"] = "trtllm";
        row["gpu"] = "mi300x";
        const Prediction p = predict(row);
        QCOMPARE(int(p.status), int(Prediction::Status::Unsupported));
        QVERIFY(!p.message.empty());
    }

    void engineWithoutDataFallsBackAndSaysSo() {
        // MLC has no reference rows (sglang has since reference_moe.csv joined the fit).
        Row row = baseRow();
        row["engine"] = "mlc";
        const Prediction p = predict(row);
        QCOMPARE(int(p.status), int(Prediction::Status::Ok));
        QVERIFY2(toEnglish(p.message).find("mlc has no calibration data: generic") != std::string::npos,
                 toEnglish(p.message).c_str());
    }

    void percentileMetrics() {
        Row row = baseRow();
        row.erase("concurrency");
        row["request_rate"] = "20";
        row["metric"] = "ttft_ms";
        const double mean = predict(row).value.value;
        row["metric"] = "ttft_p99_ms";
        const double p99 = predict(row).value.value;
        row["metric"] = "ttft_p50_ms";
        const double p50 = predict(row).value.value;
        QVERIFY(p50 <= p99);
        QVERIFY(mean <= p99);
        QVERIFY(!Metric::parse("requests_p95_per_s"));
        QCOMPARE(int(Metric::parse("e2e_latency_p95_ms")->kind), int(MetricKind::E2eLatencyMs));
    }

    void ttftBandIsWiderThanTpotBand() {
        const EngineProfile p = engineProfile(ServingEngine::Vllm);
        QVERIFY(p.bands.ttft > p.bands.tpot);
        QVERIFY(p.bands.ttft >= 1.5 * p.bands.tpot - 1e-12);
    }
};

QTEST_APPLESS_MAIN(TestPredict)
#include "TestPredict.moc"
