// serveplan-cli plan (in-process through the serveplan_cli library, a fresh database from the seed):
// the contract's columns and statuses, JSON, curves, scenario files that reproduce their output,
// and exit code 2 for every kind of invalid input.
#include "CliInProcess.h"
#include "TestSupport.h"
#include "common/CsvReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
struct Run {
    int code = -1;
    QByteArray out;
    QString err;
};

const QStringList kWorkedExample{u"--model"_s,         u"deepseek-r1-distill-qwen-7b"_s,
                                 u"--qps"_s,           u"500"_s,
                                 u"--input-tokens"_s,  u"512"_s,
                                 u"--output-tokens"_s, u"256"_s,
                                 u"--ttft-p95-ms"_s,   u"1000"_s,
                                 u"--tpot-p95-ms"_s,   u"50"_s};

/// Header + records, parsed per RFC 4180 (regions such as "Florida, US, NA" are quoted).
QList<QByteArrayList> csvRows(const QByteArray& text) {
    QList<QByteArrayList> rows;
    const auto table = serveplan::CsvReader::parse(text.toStdString(), "plan output");
    if (!table)
        return rows;
    auto toList = [](const std::vector<std::string>& fields) {
        QByteArrayList l;
        for (const std::string& f : fields)
            l.append(QByteArray::fromStdString(f));
        return l;
    };
    rows.append(toList(table->header));
    for (const serveplan::CsvRow& r : table->rows)
        rows.append(toList(r.fields));
    return rows;
}
} // namespace

class TestCliPlan final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    Run run(const QStringList& args) {
        const auto r = serveplan::test::runCli(QStringList{u"--db"_s, m_db, u"plan"_s} + args);
        return {r.code, r.out.toUtf8(), r.err};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"catalog.sqlite"_s);
    }

    void workedExampleHasTheContractColumns() {
        const Run r = run(kWorkedExample + QStringList{u"--top"_s, u"5"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto rows = csvRows(r.out);
        QCOMPARE(rows.size(), 6); // header + top 5
        const QByteArrayList contract{"rank",        "model",        "provider",  "instance_type",
                                      "region",      "gpu",          "gpu_count", "precision",
                                      "engine",      "tp",           "replicas",  "capacity_qps_per_replica",
                                      "hourly_cost", "monthly_cost", "currency",  "cost_per_million_output_tokens",
                                      "ttft_p95_ms", "tpot_p95_ms",  "status",    "message"};
        QCOMPARE(rows[0].mid(0, contract.size()), contract);
        double previous = 0;
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i][0].toInt(), i);
            QCOMPARE(rows[i][18], QByteArray("ok"));
            QCOMPARE(rows[i][14], QByteArray("USD"));
            const double hourly = rows[i][12].toDouble();
            const double monthly = rows[i][13].toDouble();
            QVERIFY(hourly > 0);
            QVERIFY(qAbs(monthly - hourly * 730) < 0.01); // hourly and monthly in sync at 730 h
            QVERIFY(monthly >= previous);
            previous = monthly;
            QVERIFY(rows[i][16].toDouble() <= 1000.0); // the SLO holds at the planned load
            QVERIFY(rows[i][17].toDouble() <= 50.0);
        }
    }

    void jsonAndHoursPerMonth() {
        const Run r = run(kWorkedExample +
                          QStringList{u"--top"_s, u"3"_s, u"--format"_s, u"json"_s, u"--hours-per-month"_s, u"720"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        const QJsonArray plans = root.value(u"plans"_s).toArray();
        QCOMPARE(plans.size(), 3);
        const QJsonObject first = plans[0].toObject();
        QCOMPARE(first.value(u"status"_s).toString(), u"ok"_s);
        QVERIFY(qAbs(first.value(u"monthly_cost"_s).toDouble() - first.value(u"hourly_cost"_s).toDouble() * 720) <
                0.01);
        QCOMPARE(root.value(u"hours_per_month"_s).toDouble(), 720.0);
    }

    void missingPricesAreNeverZero() {
        // The seed has no reserved prices (PRICES.md): every fitting plan is no_price with an empty cost.
        const Run r = run(kWorkedExample + QStringList{u"--pricing"_s, u"reserved_1y"_s, u"--provider"_s, u"aws"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto rows = csvRows(r.out);
        QVERIFY(rows.size() > 1);
        for (int i = 1; i < rows.size(); ++i) {
            QVERIFY(rows[i][18] == "no_price" || rows[i][18] == "no_fit" || rows[i][18] == "slo_miss");
            QVERIFY(rows[i][12].isEmpty());
            QVERIFY(rows[i][13].isEmpty());
        }
    }

    void budgetFlagsPlans() {
        const Run r = run(kWorkedExample + QStringList{u"--budget"_s, u"1000"_s, u"--provider"_s, u"aws"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto rows = csvRows(r.out);
        QVERIFY(rows.size() > 1);
        QCOMPARE(rows[1][18], QByteArray("over_budget"));
    }

    void curvesAndScenarioReproduceTheOutput() {
        const QString curves = m_dir.filePath(u"curves.csv"_s);
        const QString saved = m_dir.filePath(u"saved.serveplan"_s);
        const QString plans = m_dir.filePath(u"plans.csv"_s);
        const Run first =
            run(kWorkedExample + QStringList{u"--provider"_s, u"aws,tencent"_s, u"--cache-hit-rate"_s, u"0.1"_s,
                                             u"--curves"_s, curves, u"--save-scenario"_s, saved, u"--output"_s, plans});
        QVERIFY2(first.code == 0, qPrintable(first.err));
        QVERIFY(first.out.isEmpty()); // went to --output
        QFile c(curves);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(c.readLine().startsWith("rank,label,qps_from,qps_to,replicas,instances,monthly_cost,currency"));
        QVERIFY(!c.readLine().isEmpty());
        const Run again = run({u"--scenario"_s, saved});
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QFile p(plans);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QCOMPARE(again.out, p.readAll());
        // Flags override the file.
        const Run overridden = run({u"--scenario"_s, saved, u"--top"_s, u"1"_s, u"--currency"_s, u"CNY"_s});
        QVERIFY2(overridden.code == 0, qPrintable(overridden.err));
        const auto rows = csvRows(overridden.out);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1][14], QByteArray("CNY"));
        QVERIFY(overridden.err.contains(u"FX rates used: 1 CNY = 0.1381122 USD (2025-05-09)"_s));
    }

    void layoutColumnsAreAppended() {
        // The contract's columns keep their places; the serving-layout columns come after the old ones.
        const Run r = run(kWorkedExample + QStringList{u"--top"_s, u"3"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto rows = csvRows(r.out);
        const QByteArrayList appended{"layout",
                                      "attention_dp",
                                      "ep",
                                      "mtp_draft_tokens",
                                      "mtp_acceptance_rate",
                                      "kv_cache_precision",
                                      "disaggregated",
                                      "prefill_layout",
                                      "prefill_replicas",
                                      "prefill_instances",
                                      "decode_layout",
                                      "decode_replicas",
                                      "decode_instances",
                                      "kv_transfer_ms"};
        QCOMPARE(rows[0].mid(rows[0].size() - appended.size()), appended);
        QCOMPARE(rows[0].indexOf("burst_mix_monthly_cost"), rows[0].size() - appended.size() - 1);
        const qsizetype layout = rows[0].indexOf("layout");
        for (int i = 1; i < rows.size(); ++i) { // a dense 7B model: plain TP, no DP/EP/MTP, aggregated
            QCOMPARE(rows[i][layout], QByteArray("TP") + rows[i][9]);
            QCOMPARE(rows[i][layout + 1], QByteArray("1"));
            QCOMPARE(rows[i][layout + 2], QByteArray("1"));
            QCOMPARE(rows[i][layout + 6], QByteArray("0"));
        }
    }

    void deepSeekR1GetsDpEpPlansInFp8() {
        // The target: R1 at 20 QPS, 2000 in / 1000 out, p95 TTFT 3 s / TPOT 50 ms, on 8-GPU
        // H100 and H200 instances of one provider (to keep the test short).
        const Run r = run({u"--model"_s, u"deepseek-r1"_s, u"--qps"_s, u"20"_s, u"--input-tokens"_s, u"2000"_s,
                           u"--output-tokens"_s, u"1000"_s, u"--ttft-p95-ms"_s, u"3000"_s, u"--tpot-p95-ms"_s, u"50"_s,
                           u"--provider"_s, u"aws"_s, u"--gpu"_s, u"h100-sxm,h200-sxm"_s, u"--format"_s, u"json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray plans = QJsonDocument::fromJson(r.out).object().value(u"plans"_s).toArray();
        bool fp8 = false;
        bool okExpert = false;
        for (const QJsonValue& v : plans) {
            const QJsonObject p = v.toObject();
            fp8 |= p.value(u"precision"_s).toString() == u"fp8"_s; // native, without --precision
            okExpert |= p.value(u"status"_s).toString() == u"ok"_s && p.value(u"attention_dp"_s).toDouble() > 1 &&
                        p.value(u"ep"_s).toDouble() > 1 && p.value(u"monthly_cost"_s).toDouble() > 0;
        }
        QVERIFY(fp8);
        QVERIFY2(okExpert, "no ok DP-attention + EP plan");
        // --precision bf16 asks for BF16 alone.
        const Run bf16 = run({u"--model"_s, u"deepseek-r1"_s, u"--precision"_s, u"bf16"_s, u"--provider"_s, u"aws"_s,
                              u"--gpu"_s, u"h200-sxm"_s, u"--format"_s, u"json"_s});
        QVERIFY2(bf16.code == 0, qPrintable(bf16.err));
        for (const QJsonValue& v : QJsonDocument::fromJson(bf16.out).object().value(u"plans"_s).toArray())
            QCOMPARE(v.toObject().value(u"precision"_s).toString(), u"bf16"_s);
    }

    void layoutFlagsRoundTripThroughTheScenario() {
        const QString saved = m_dir.filePath(u"layouts.serveplan"_s);
        const Run r =
            run(kWorkedExample + QStringList{u"--top"_s, u"1"_s, u"--prefix-cache-hit-rate"_s, u"0.3"_s, u"--mtp"_s,
                                             u"off"_s, u"--mtp-acceptance-rate"_s, u"0.7"_s, u"--disaggregation"_s,
                                             u"off"_s, u"--show-both-modes"_s, u"--kv-cache-precision"_s, u"fp8"_s,
                                             u"--save-scenario"_s, saved});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(saved);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value(u"version"_s).toInt(), 1);
        QCOMPARE(root.value(u"workload"_s).toObject().value(u"prefix_cache_hit_rate"_s).toDouble(), 0.3);
        const QJsonObject deployment = root.value(u"deployment"_s).toObject();
        QCOMPARE(deployment.value(u"mtp"_s).toObject().value(u"mode"_s).toString(), u"off"_s);
        QCOMPARE(deployment.value(u"mtp"_s).toObject().value(u"acceptance_rate"_s).toDouble(), 0.7);
        QCOMPARE(deployment.value(u"disaggregation"_s).toString(), u"off"_s);
        QCOMPARE(deployment.value(u"show_both_modes"_s).toBool(), true);
        QCOMPARE(deployment.value(u"kv_cache_precision"_s).toString(), u"fp8"_s);
        const auto rows = csvRows(r.out);
        QCOMPARE(rows[1][rows[0].indexOf("kv_cache_precision")], QByteArray("fp8"));
        const Run again = run({u"--scenario"_s, saved, u"--top"_s, u"1"_s});
        QCOMPARE(again.out, r.out);
    }

    void invalidInputExitsTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList m{u"--model"_s, u"deepseek-r1-distill-qwen-7b"_s};
        QTest::addRow("NaN qps") << m + QStringList{u"--qps"_s, u"nan"_s} << u"--qps: expected a number"_s;
        QTest::addRow("negative qps") << m + QStringList{u"--qps"_s, u"-5"_s} << u"--qps"_s;
        QTest::addRow("infinite budget") << m + QStringList{u"--budget"_s, u"inf"_s} << u"--budget"_s;
        QTest::addRow("negative tokens") << m + QStringList{u"--output-tokens"_s, u"-1"_s} << u"--output-tokens"_s;
        QTest::addRow("cache hit rate 1") << m + QStringList{u"--cache-hit-rate"_s, u"1"_s} << u"--cache-hit-rate"_s;
        QTest::addRow("unknown model") << QStringList{u"--model"_s, u"gpt-9"_s} << u"unknown model id 'gpt-9'"_s;
        QTest::addRow("unknown gpu") << m + QStringList{u"--gpu"_s, u"z100"_s} << u"unknown gpu id 'z100'"_s;
        QTest::addRow("unknown instance")
            << m + QStringList{u"--instance"_s, u"aws:p9.huge"_s} << u"no instance 'aws:p9.huge'"_s;
        QTest::addRow("unknown provider") << m + QStringList{u"--provider"_s, u"oracle"_s} << u"unknown provider"_s;
        QTest::addRow("unknown pricing") << m + QStringList{u"--pricing"_s, u"cheap"_s} << u"--pricing"_s;
        QTest::addRow("unknown engine") << m + QStringList{u"--engine"_s, u"vllm,foo"_s} << u"\"foo\""_s;
        QTest::addRow("unknown precision") << m + QStringList{u"--precision"_s, u"fp12"_s} << u"--precision"_s;
        QTest::addRow("unknown currency") << m + QStringList{u"--currency"_s, u"XYZ"_s} << u"no FX rate for 'XYZ'"_s;
        QTest::addRow("bad format") << m + QStringList{u"--format"_s, u"xml"_s} << u"--format"_s;
        QTest::addRow("unknown flag") << m + QStringList{u"--colour"_s, u"red"_s} << u"unknown argument --colour"_s;
        QTest::addRow("missing value") << m + QStringList{u"--qps"_s} << u"--qps needs a value"_s;
        QTest::addRow("no model") << QStringList{u"--qps"_s, u"5"_s} << u"--model"_s;
        QTest::addRow("hours per month") << m + QStringList{u"--hours-per-month"_s, u"0"_s} << u"--hours-per-month"_s;
        QTest::addRow("prefix cache hit rate 1")
            << m + QStringList{u"--prefix-cache-hit-rate"_s, u"1"_s} << u"--prefix-cache-hit-rate"_s;
        QTest::addRow("unknown mtp mode") << m + QStringList{u"--mtp"_s, u"maybe"_s} << u"--mtp: expected auto"_s;
        QTest::addRow("mtp acceptance 1")
            << m + QStringList{u"--mtp-acceptance-rate"_s, u"1"_s} << u"--mtp-acceptance-rate"_s;
        QTest::addRow("mtp draft tokens 9")
            << m + QStringList{u"--mtp-draft-tokens"_s, u"9"_s} << u"--mtp-draft-tokens"_s;
        QTest::addRow("unknown disaggregation")
            << m + QStringList{u"--disaggregation"_s, u"both"_s} << u"--disaggregation: expected auto"_s;
        QTest::addRow("kv cache int4") << m + QStringList{u"--kv-cache-precision"_s, u"int4"_s}
                                       << u"--kv-cache-precision"_s;
        QTest::addRow("newer scenario") << QStringList{u"--scenario"_s, serveplan::test::testDataPath(
                                                                            u"scenarios/newer-version.serveplan"_s)}
                                        << u"newer than this ServePlan reads"_s;
        QTest::addRow("missing scenario")
            << QStringList{u"--scenario"_s, u"/nonexistent/x.serveplan"_s} << u"cannot open"_s;
    }
    void invalidInputExitsTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void unwritableOutputFails() {
        const Run r = run(kWorkedExample + QStringList{u"--output"_s, u"/nonexistent/dir/plans.csv"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"cannot write"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliPlan)
#include "TestCliPlan.moc"
