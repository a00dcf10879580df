// `serveplan-cli predict`, `validate` and `fit` end to end: the output columns and statuses of
// DESIGN.md §3.1, a bad row never stops the others, bad arguments exit 2.
#include "CliInProcess.h"
#include "TestSupport.h"
#include "common/CsvReader.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using serveplan::CsvReader;
using serveplan::CsvTable;
using serveplan::test::testDataPath;

class TestCliPredict final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    struct Run {
        int code = -1;
        QString out, err;
    };
    Run cli(const QStringList& args) {
        const auto r = serveplan::test::runCli(
            QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("catalog.sqlite"))} + args);
        return {r.code, r.out, r.err};
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void predictWritesOneRowPerScenario() {
        const QString output = m_dir.filePath(QStringLiteral("predictions.csv"));
        const Run r = cli({QStringLiteral("predict"), QStringLiteral("--input"),
                           testDataPath(QStringLiteral("perf/scenarios.csv")), QStringLiteral("--output"), output});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("9 rows: 4 ok, 1 oom, 1 unsupported, 3 error")), qPrintable(r.out));
        const auto table = CsvReader::readFile(output.toStdString());
        QVERIFY(table.ok());
        const std::vector<std::string> header{"id",     "metric",  "predicted",     "unit",
                                              "status", "message", "predicted_low", "predicted_high"};
        QCOMPARE(table->header, header);
        QCOMPARE(table->rows.size(), std::size_t(9));
        auto field = [&](int row, const char* column) {
            return QString::fromStdString(std::string(table->field(table->rows[std::size_t(row)], column)));
        };
        const QStringList statuses{QStringLiteral("ok"),    QStringLiteral("ok"),    QStringLiteral("ok"),
                                   QStringLiteral("ok"),    QStringLiteral("oom"),   QStringLiteral("unsupported"),
                                   QStringLiteral("error"), QStringLiteral("error"), QStringLiteral("error")};
        for (int i = 0; i < 9; ++i) {
            QCOMPARE(field(i, "status"), statuses[i]);
            const bool ok = statuses[i] == QStringLiteral("ok");
            QCOMPARE(field(i, "predicted").isEmpty(), !ok);
            QCOMPARE(field(i, "message").isEmpty(), ok && i != 3); // row 3 notes the generic fallback
            if (ok) {
                QVERIFY(field(i, "predicted_low").toDouble() < field(i, "predicted").toDouble());
                QVERIFY(field(i, "predicted").toDouble() < field(i, "predicted_high").toDouble());
            }
        }
        QCOMPARE(field(0, "unit"), QStringLiteral("tokens/s"));
        QCOMPARE(field(2, "unit"), QStringLiteral("ms"));
        QCOMPARE(field(2, "metric"), QStringLiteral("ttft_p95_ms"));
        QVERIFY(field(3, "message").contains(QStringLiteral("mlc has no calibration data")));
        QVERIFY(field(4, "message").contains(QStringLiteral("does not fit")));
        QVERIFY(field(6, "message").contains(QStringLiteral("scenarios.csv:8: column model: 'gpt-9'")));
        QVERIFY(field(7, "message").contains(QStringLiteral("input_tokens: missing")));
        QVERIFY(field(8, "message").contains(QStringLiteral("cannot hold replicas")));
    }

    void predictReadsTheMoeLayoutColumns() {
        // attention_dp, disaggregated, prefill_gpus, decode_gpus, mtp and the MoE references' metrics
        // (tests/data/perf/moe_scenarios.csv): old files without the columns are the test above.
        const QString output = m_dir.filePath(QStringLiteral("moe.csv"));
        const Run r = cli({QStringLiteral("predict"), QStringLiteral("--no-calibration"), QStringLiteral("--input"),
                           testDataPath(QStringLiteral("perf/moe_scenarios.csv")), QStringLiteral("--output"), output});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("10 rows: 8 ok, 0 oom, 0 unsupported, 2 error")), qPrintable(r.out));
        const auto table = CsvReader::readFile(output.toStdString());
        QVERIFY(table.ok());
        std::map<QString, std::pair<double, QString>> byId;
        for (const auto& row : table->rows)
            byId[QString::fromStdString(std::string(table->field(row, "id")))] = {
                QString::fromStdString(std::string(table->field(row, "predicted"))).toDouble(),
                QString::fromStdString(std::string(table->field(row, "status")))};
        for (const char* id : {"tp8", "dp8", "dp8-user", "dp8-mtp", "pd", "pd-total", "pd-itl", "mi355x"})
            QVERIFY2(byId[QLatin1String(id)].second == QStringLiteral("ok") && byId[QLatin1String(id)].first > 0, id);
        // DP-attention holds 8x the latent KV of TP8: more tokens per second per GPU at 256 clients.
        QVERIFY(byId[QStringLiteral("dp8")].first > byId[QStringLiteral("tp8")].first);
        // Two MTP drafts make each request faster.
        QVERIFY(byId[QStringLiteral("dp8-mtp")].first > byId[QStringLiteral("dp8-user")].first);
        // Per decode GPU vs (input + output) per GPU of both pools, 16 of 32 GPUs decode, 8192 in / 1024 out.
        QVERIFY(std::fabs(byId[QStringLiteral("pd")].first * 16 / 32 * 9216 / 1024 -
                          byId[QStringLiteral("pd-total")].first) < 1e-3 * byId[QStringLiteral("pd-total")].first);
        QCOMPARE(byId[QStringLiteral("unknown")].second, QStringLiteral("error"));
        QCOMPARE(byId[QStringLiteral("bad-dp")].second, QStringLiteral("error"));
    }

    void validatePrintsErrorsPerGroup() {
        const QString residuals = m_dir.filePath(QStringLiteral("residuals.csv"));
        const Run r = cli({QStringLiteral("validate"), QStringLiteral("--input"),
                           testDataPath(QStringLiteral("perf/references.csv")), QStringLiteral("--output"), residuals});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const char* text : {"3 reference rows", "per metric class", "per engine", "per GPU", "worst ten rows",
                                 "trtllm", "a10g", "median APE"})
            QVERIFY2(r.out.contains(QLatin1String(text)), text);
        const auto table = CsvReader::readFile(residuals.toStdString());
        QVERIFY(table.ok());
        QCOMPARE(table->rows.size(), std::size_t(3));
    }

    void fitWritesAnInclude() {
        const QString output = m_dir.filePath(QStringLiteral("Fitted.inc"));
        const Run r =
            cli({QStringLiteral("fit"), QStringLiteral("--input"), testDataPath(QStringLiteral("perf/references.csv")),
                 QStringLiteral("--output"), output, QStringLiteral("--folds"), QStringLiteral("0"),
                 QStringLiteral("--evaluations"), QStringLiteral("60")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("// Generated by `serveplan-cli fit --input references.csv")));
        QVERIFY(text.contains(QStringLiteral("{ServingEngine::Generic, 3, {")));
    }

    void badArgumentsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("predict without output")
            << QStringList{QStringLiteral("predict"), QStringLiteral("--input"), QStringLiteral("x.csv")};
        QTest::addRow("predict unknown flag") << QStringList{QStringLiteral("predict"), QStringLiteral("--fast")};
        QTest::addRow("predict missing file")
            << QStringList{QStringLiteral("predict"), QStringLiteral("--input"), QStringLiteral("/nonexistent.csv"),
                           QStringLiteral("--output"), QStringLiteral("/tmp/x.csv")};
        QTest::addRow("validate without input") << QStringList{QStringLiteral("validate")};
        QTest::addRow("fit bad folds") << QStringList{
            QStringLiteral("fit"), QStringLiteral("--input"), QStringLiteral("a"), QStringLiteral("--output"),
            QStringLiteral("b"),   QStringLiteral("--folds"), QStringLiteral("1")};
    }
    void badArgumentsExitTwo() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void predictRejectsAFileWithoutRequiredColumns() {
        const QString input = m_dir.filePath(QStringLiteral("bad.csv"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("id,model\nx,llama-2-7b\n");
        file.close();
        const Run r = cli({QStringLiteral("predict"), QStringLiteral("--input"), input, QStringLiteral("--output"),
                           m_dir.filePath(QStringLiteral("out.csv"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("missing columns gpu, input_tokens, output_tokens, metric")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPredict)
#include "TestCliPredict.moc"
