// Hostile numbers where numbers enter (issue 9): NaN, infinities, negatives and absurd sizes in CLI
// flags and in files must give a message — an error row or exit code 2 — never a hang or a crash.
// Each case here is a row of the README's "Hostile inputs" table.
#include "CliInProcess.h"
#include "common/CsvReader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct CliRun {
    int exitCode = -1;
    bool crashed = false;  ///< in-process a crash ends the test itself, which fails it as plainly
    bool timedOut = false; ///< in-process a hang is caught by ctest's TIMEOUT
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args) {
    const auto r = serveplan::test::runCli(args);
    CliRun run;
    run.exitCode = r.code;
    run.out = r.out;
    run.err = r.err;
    return run;
}

} // namespace

class TestHostileInputs final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"catalog.sqlite"_s);
        QCOMPARE(runCli({u"--db"_s, m_db, u"db"_s, u"info"_s}).exitCode, 0);
    }

    void planFlagsAreRefused_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("named");
        QTest::addRow("qps NaN") << QStringList{u"--qps"_s, u"nan"_s} << u"--qps"_s;
        QTest::addRow("qps infinite") << QStringList{u"--qps"_s, u"inf"_s} << u"--qps"_s;
        QTest::addRow("qps negative") << QStringList{u"--qps"_s, u"-1"_s} << u"--qps"_s;
        QTest::addRow("input tokens infinite") << QStringList{u"--input-tokens"_s, u"1e400"_s} << u"--input-tokens"_s;
        QTest::addRow("ttft NaN") << QStringList{u"--ttft-p95-ms"_s, u"NaN"_s} << u"--ttft-p95-ms"_s;
        QTest::addRow("tpot negative") << QStringList{u"--tpot-p95-ms"_s, u"-50"_s} << u"--tpot-p95-ms"_s;
        QTest::addRow("cache hit rate > 1") << QStringList{u"--cache-hit-rate"_s, u"1.5"_s} << u"--cache-hit-rate"_s;
        QTest::addRow("budget NaN") << QStringList{u"--budget"_s, u"nan"_s} << u"--budget"_s;
        QTest::addRow("hours per month absurd")
            << QStringList{u"--hours-per-month"_s, u"1e9"_s} << u"--hours-per-month"_s;
        QTest::addRow("top negative") << QStringList{u"--top"_s, u"-3"_s} << u"--top"_s;
    }
    void planFlagsAreRefused() {
        QFETCH(QStringList, flags);
        QFETCH(QString, named);
        const CliRun r = runCli(QStringList{u"--db"_s, m_db, u"plan"_s, u"--model"_s, u"llama-3.1-8b-instruct"_s,
                                            u"--gpu"_s, u"h100-sxm"_s} +
                                flags);
        QVERIFY(!r.timedOut && !r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
    }

    void absurdLoadStillAnswers_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addRow("a billion requests per second") << QStringList{u"--qps"_s, u"1e9"_s};
        QTest::addRow("a billion-token prompt") << QStringList{u"--input-tokens"_s, u"1000000000"_s};
        QTest::addRow("a billion-token answer") << QStringList{u"--output-tokens"_s, u"1000000000"_s};
    }
    void absurdLoadStillAnswers() {
        QFETCH(QStringList, flags);
        const CliRun r = runCli(QStringList{u"--db"_s, m_db, u"plan"_s, u"--model"_s, u"llama-3.1-8b-instruct"_s,
                                            u"--gpu"_s, u"h100-sxm"_s, u"--format"_s, u"csv"_s} +
                                flags);
        QVERIFY2(!r.timedOut, "plan hung on an absurd load");
        QVERIFY(!r.crashed);
        // Either a clear refusal (exit 2 with a message) or plans whose rows carry a status and a message.
        if (r.exitCode == 2) {
            QVERIFY2(!r.err.trimmed().isEmpty(), "exit 2 without a message");
            return;
        }
        QCOMPARE(r.exitCode, 0);
        auto table = serveplan::CsvReader::parse(r.out.toStdString(), "plan.csv");
        QVERIFY2(table.ok(), table.ok() ? "" : table.error().c_str());
        QVERIFY(!table->rows.empty());
        for (const auto& row : table->rows) {
            const auto status = table->field(row, "status");
            QVERIFY(!status.empty());
            if (status != "ok")
                QVERIFY2(!table->field(row, "message").empty(), "a row that is not ok needs a message");
            const QString replicas = QString::fromStdString(std::string(table->field(row, "replicas")));
            QVERIFY2(!replicas.contains(u"nan"_s, Qt::CaseInsensitive) && !replicas.contains(u"inf"_s),
                     qPrintable(replicas));
        }
    }

    void predictRowsWithHostileNumbers() {
        const QString input = m_dir.filePath(u"hostile.csv"_s);
        const QString output = m_dir.filePath(u"predictions.csv"_s);
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("id,engine,model,precision_weights,precision_kv,gpu,gpu_count,tp,pp,ep,input_tokens,output_tokens,"
                "concurrency,request_rate,metric\n"
                "nan-input,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,1,1,1,,nan,128,,,output_tokens_per_s_total\n"
                "inf-rate,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,1,1,1,,128,128,,inf,ttft_ms\n"
                "negative-output,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,1,1,1,,128,-5,,,tpot_ms\n"
                "huge-tp,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,1000000000,1000000000,1,,128,128,,,tpot_ms\n"
                "billion-concurrency,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,1,1,1,,128,128,1000000000,,tpot_ms\n"
                "billion-qps,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,1,1,1,,128,128,,1e9,ttft_ms\n"
                "zero-gpus,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,0,1,1,,128,128,,,tpot_ms\n"
                "text-in-number,vllm,llama-3.1-8b-instruct,bf16,,h100-sxm,one,1,1,,128,128,,,tpot_ms\n");
        f.close();
        const CliRun r = runCli({u"--db"_s, m_db, u"predict"_s, u"--input"_s, input, u"--output"_s, output});
        QVERIFY2(!r.timedOut, "predict hung on hostile rows");
        QVERIFY(!r.crashed);
        auto table = serveplan::CsvReader::readFile(output.toStdString());
        QVERIFY2(table.ok(), qPrintable(r.err));
        QCOMPARE(int(table->rows.size()), 8);
        for (const auto& row : table->rows) {
            const auto id = table->field(row, "id");
            const auto status = table->field(row, "status");
            const auto predicted = QString::fromStdString(std::string(table->field(row, "predicted")));
            QVERIFY2(!predicted.contains(u"nan"_s, Qt::CaseInsensitive) && !predicted.contains(u"inf"_s),
                     qPrintable(QString::fromStdString(std::string(id)) + u": "_s + predicted));
            if (id == "billion-qps") {
                // Absurd but well-formed: a finite answer or a clear status.
                QVERIFY(!status.empty());
                continue;
            }
            QVERIFY2(status != "ok", qPrintable(QString::fromStdString(std::string(id))));
            QVERIFY2(!table->field(row, "message").empty(), qPrintable(QString::fromStdString(std::string(id))));
        }
    }

    void quadrillionParameterModel() {
        // A config.json describing ~5 * 10^15 parameters: imported (it is well-formed) or refused
        // with a message; planning with it answers "does not fit" at once instead of hanging.
        const QString config = m_dir.filePath(u"huge.json"_s);
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 1048576,
                    "intermediate_size": 4194304, "num_attention_heads": 8192, "num_key_value_heads": 8192,
                    "num_hidden_layers": 300, "vocab_size": 128256, "max_position_embeddings": 8192,
                    "tie_word_embeddings": false, "torch_dtype": "bfloat16"})");
        f.close();
        const CliRun imported =
            runCli({u"--db"_s, m_db, u"db"_s, u"import-model"_s, config, u"--id"_s, u"huge-model"_s});
        QVERIFY(!imported.timedOut && !imported.crashed);
        if (imported.exitCode != 0) {
            QCOMPARE(imported.exitCode, 2);
            QVERIFY2(!imported.err.trimmed().isEmpty(), "refused without a message");
            return;
        }
        const CliRun r = runCli({u"--db"_s, m_db, u"plan"_s, u"--model"_s, u"huge-model"_s, u"--gpu"_s,
                                 u"h100-sxm,h200-sxm"_s, u"--qps"_s, u"1"_s, u"--format"_s, u"csv"_s});
        QVERIFY2(!r.timedOut, "plan hung on a 10^15-parameter model");
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 0);
        auto table = serveplan::CsvReader::parse(r.out.toStdString(), "plan.csv");
        QVERIFY(table.ok());
        QVERIFY(!table->rows.empty());
        for (const auto& row : table->rows) {
            QCOMPARE(QString::fromStdString(std::string(table->field(row, "status"))), u"no_fit"_s);
            QVERIFY(!table->field(row, "message").empty());
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "TestHostileInputs.moc"
