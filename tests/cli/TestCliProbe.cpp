// serveplan-cli probe and calibrate: a probe run stored in a fresh database, the H200 run of
// tests/data/probe imported, shown with its fit, applied, exported and imported back, removed; a
// crashing probe reported with exit 1; bad input with exit 2 (DESIGN.md §3.1).
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

} // namespace

class TestCliProbe final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString db() const { return m_dir.filePath(u"catalog.sqlite"_s); }

    /// In-process; `probe` stands in for serveplan-probe (SERVEPLAN_PROBE) during this call only.
    Run cli(const QStringList& args, const QString& probe = {}) const {
        const QByteArray realProbe = qgetenv("SERVEPLAN_PROBE");
        if (!probe.isEmpty())
            qputenv("SERVEPLAN_PROBE", probe.toLocal8Bit());
        const auto r = serveplan::test::runCli(QStringList{u"--db"_s, db()} + args);
        qputenv("SERVEPLAN_PROBE", realProbe);
        return {r.code, r.out, r.err};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(!qEnvironmentVariableIsEmpty("SERVEPLAN_PROBE"));
    }

    void probeStoresARun() {
        // CI has no GPU: the probe falls back to its CPU tests, and that run is stored too.
        const Run r = cli({u"probe"_s, u"--quick"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"stored as calibration run 1"_s), qPrintable(r.out));
        QVERIFY(r.err.contains(u"%]"_s)); // progress went to stderr
        const Run list = cli({u"calibrate"_s, u"list"_s});
        QCOMPARE(list.code, 0);
        QCOMPARE(list.out.count(u'\n'), 2); // header + one run
        QVERIFY(list.out.contains(u"probe_quick"_s));
    }

    void importShowApplyExport() {
        const QString fixture = serveplan::test::testDataPath(u"probe/h200_full.jsonl"_s);
        Run r = cli({u"calibrate"_s, u"import"_s, fixture});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"as calibration run 2 for GPU h200-sxm"_s), qPrintable(r.out)); // from "NVIDIA H200"

        r = cli({u"calibrate"_s, u"show"_s, u"2"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"weight_bandwidth_eff"_s));
        QVERIFY(r.out.contains(u"gemm_eff_fp8"_s));
        QVERIFY(r.out.contains(u"decode_step\tbatch 1, context 128\t3.975"_s)); // the measured step of the file
        QVERIFY(r.out.contains(u"prefill_step\tbatch 1, prompt 2048\t59.017"_s));

        r = cli({u"calibrate"_s, u"apply"_s, u"2"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"applied to GPU h200-sxm"_s));
        r = cli({u"calibrate"_s, u"list"_s});
        QVERIFY(r.out.contains(u"\th200-sxm\tprobe\tyes\t"_s));

        const QString exported = m_dir.filePath(u"run2.json"_s);
        r = cli({u"calibrate"_s, u"export"_s, u"2"_s, exported});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(u"format"_s).toString(), u"serveplan-calibration"_s);
        QCOMPARE(root.value(u"version"_s).toInt(), 1);
        QCOMPARE(root.value(u"gpu"_s).toString(), u"h200-sxm"_s);

        r = cli({u"calibrate"_s, u"import"_s, exported});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"as calibration run 3 for GPU h200-sxm"_s));
        const Run shown = cli({u"calibrate"_s, u"show"_s, u"3"_s});
        QVERIFY(shown.out.contains(u"decode_step\tbatch 1, context 128\t3.975"_s)); // same lines came back

        r = cli({u"calibrate"_s, u"remove"_s, u"3"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(cli({u"calibrate"_s, u"show"_s, u"3"_s}).code, 1);
    }

    void loadTestsAsMeasuredPoints() {
        const QString vllm = serveplan::test::testDataPath(u"probe/vllm_bench_result.json"_s);
        Run r = cli(
            {u"calibrate"_s, u"import"_s, vllm, u"--gpu"_s, u"h100-sxm"_s, u"--model"_s, u"llama-3.1-8b-instruct"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"as calibration run 3 for GPU h100-sxm"_s), qPrintable(r.out));
        r = cli({u"calibrate"_s, u"show"_s, u"3"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"\ntpot_ms\t9.7\t"_s), qPrintable(r.out)); // measured, from the file
        QVERIFY2(r.out.contains(u"\nrequests_per_s\t3.82\t"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"engine vllm"_s));
        r = cli({u"calibrate"_s, u"apply"_s, u"3"_s}); // fitted, then applied for vLLM on that GPU
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"calibration run 3 applied to GPU h100-sxm for engine vllm"_s), qPrintable(r.out));

        const QString exported = m_dir.filePath(u"vllm.json"_s);
        QCOMPARE(cli({u"calibrate"_s, u"export"_s, u"3"_s, exported}).code, 0);
        r = cli({u"calibrate"_s, u"import"_s, exported});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"as calibration run 4 for GPU h100-sxm"_s));
        QVERIFY(cli({u"calibrate"_s, u"show"_s, u"4"_s}).out.contains(u"\ntpot_ms\t9.7\t"_s));

        const QString locust = serveplan::test::testDataPath(u"probe/locust_stats.csv"_s);
        r = cli({u"calibrate"_s, u"import"_s, locust, u"--gpu"_s, u"h100-sxm"_s});
        QCOMPARE(r.code, 2); // no --model
        QVERIFY(r.err.contains(u"needs --gpu ID and --model ID"_s));
        r = cli({u"calibrate"_s, u"import"_s, locust, u"--gpu"_s, u"h100-sxm"_s, u"--model"_s,
                 u"llama-3.1-8b-instruct"_s, u"--input-tokens"_s, u"1024"_s, u"--output-tokens"_s, u"128"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({u"calibrate"_s, u"show"_s, u"5"_s});
        QVERIFY2(r.out.contains(u"\ne2e_latency_ms\t1342.5\t"_s), qPrintable(r.out));
    }

    void crashingProbeFails() {
        qputenv("FAKE_PROBE_MODE", "crash");
        const Run r = cli({u"probe"_s, u"--quick"_s}, serveplan::test::testDataPath(u"probe/fake_probe.sh"_s));
        qunsetenv("FAKE_PROBE_MODE");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"the probe crashed"_s), qPrintable(r.err));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("no subcommand") << QStringList{u"calibrate"_s};
        QTest::addRow("unknown subcommand") << QStringList{u"calibrate"_s, u"frobnicate"_s};
        QTest::addRow("id not a number") << QStringList{u"calibrate"_s, u"show"_s, u"two"_s};
        QTest::addRow("export without file") << QStringList{u"calibrate"_s, u"export"_s, u"2"_s};
        QTest::addRow("import of a non-probe file")
            << QStringList{u"calibrate"_s, u"import"_s, serveplan::test::sourcePath(u"resources/data/gpus.csv"_s)};
        QTest::addRow("probe unknown option") << QStringList{u"probe"_s, u"--fast"_s};
        QTest::addRow("probe unknown model") << QStringList{u"probe"_s, u"--model"_s, u"no-such-model"_s};
    }
    void badInput() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QVERIFY2(r.code == 2, qPrintable(r.err));
        QVERIFY(r.err.startsWith(u"serveplan-cli "_s));
    }

    void probeTakesAnMlaModel() {
        // DeepSeek-R1's MLA shapes reach the probe as flags; it accepts them (CPU fallback here) and
        // the run is stored, where it was refused with "head-dim must be 64 or 128".
        const Run r = cli({u"probe"_s, u"--quick"_s, u"--model"_s, u"deepseek-r1"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"stored as calibration run"_s), qPrintable(r.out));
        QVERIFY2(!r.err.contains(u"head-dim"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliProbe)
#include "TestCliProbe.moc"
