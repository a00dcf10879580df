// The built serveplan-probe ($SERVEPLAN_PROBE) against the JSON-lines protocol of DESIGN.md §3.2:
// every line an object with a known "type", the fields of each type, and the exit codes.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct ProbeRun {
    int exitCode = -1;
    QList<QJsonObject> lines;
    QByteArray stdoutText;
    QByteArray stderrText;
    QStringList problems; ///< protocol violations found while parsing
};

ProbeRun runProbe(const QStringList& args) {
    ProbeRun r;
    QProcess p;
    p.start(qEnvironmentVariable("SERVEPLAN_PROBE"), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        r.problems << u"did not finish in 120 s"_s;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.stdoutText = p.readAllStandardOutput();
    r.stderrText = p.readAllStandardError();
    return r;
}

/// Parses `r.stdoutText` as protocol lines and records every violation.
void parseLines(ProbeRun& r) {
    const QList<QByteArray> raw = r.stdoutText.split('\n');
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i].isEmpty() && i == raw.size() - 1)
            continue; // after the last newline
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(raw[i], &error);
        if (!doc.isObject()) {
            r.problems << u"line %1 is not a JSON object: %2"_s.arg(i + 1).arg(QString::fromUtf8(raw[i]));
            continue;
        }
        const QJsonObject o = doc.object();
        const QString type = o.value(u"type"_s).toString();
        auto need = [&](const char* key, QJsonValue::Type t) {
            if (o.value(QLatin1String(key)).type() != t)
                r.problems << u"line %1 (%2): field %3 missing or of the wrong type"_s.arg(i + 1).arg(
                    type, QLatin1String(key));
        };
        if (type == u"device"_s) {
            need("backend", QJsonValue::String);
            need("name", QJsonValue::String);
        } else if (type == u"progress"_s) {
            need("stage", QJsonValue::String);
            need("fraction", QJsonValue::Double);
            need("message", QJsonValue::String);
            const double f = o.value(u"fraction"_s).toDouble(-1);
            if (f < 0 || f > 1)
                r.problems << u"line %1: fraction %2 outside 0..1"_s.arg(i + 1).arg(f);
        } else if (type == u"result"_s) {
            need("test", QJsonValue::String);
            need("value", QJsonValue::Double);
            need("unit", QJsonValue::String);
        } else if (type == u"error"_s) {
            need("stage", QJsonValue::String);
            need("message", QJsonValue::String);
        } else if (type == u"done"_s) {
            need("exit_code", QJsonValue::Double);
        } else {
            r.problems << u"line %1: unknown type '%2'"_s.arg(i + 1).arg(type);
        }
        r.lines << o;
    }
}

QList<QJsonObject> ofType(const ProbeRun& r, const QString& type) {
    QList<QJsonObject> out;
    for (const QJsonObject& o : r.lines)
        if (o.value(u"type"_s).toString() == type)
            out << o;
    return out;
}

} // namespace

class TestProbeProtocol final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_PROBE"), "SERVEPLAN_PROBE names the built probe");
    }

    void cpuQuickRunFollowsTheProtocol() {
        ProbeRun r = runProbe({u"--cpu"_s, u"--quick"_s});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.lines.size() >= 4);
        QCOMPARE(r.lines.first().value(u"type"_s).toString(), u"device"_s);
        QCOMPARE(r.lines.first().value(u"backend"_s).toString(), u"cpu"_s);
        const QJsonObject done = r.lines.last();
        QCOMPARE(done.value(u"type"_s).toString(), u"done"_s);
        QCOMPARE(done.value(u"exit_code"_s).toInt(-1), 0);
        const QList<QJsonObject> results = ofType(r, u"result"_s);
        QCOMPARE(done.value(u"results"_s).toInt(), results.size());
        QStringList tests;
        for (const QJsonObject& o : results) {
            tests << o.value(u"test"_s).toString();
            QVERIFY2(o.value(u"value"_s).toDouble() > 0, "a measured rate is positive");
        }
        QVERIFY(tests.contains(u"cpu_memory_bandwidth"_s));
        QVERIFY(tests.contains(u"cpu_gemm"_s));
        QVERIFY(ofType(r, u"error"_s).isEmpty());
    }

    void onlySelectsTests() {
        ProbeRun r = runProbe({u"--cpu"_s, u"--quick"_s, u"--only"_s, u"cpu_gemm"_s});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> results = ofType(r, u"result"_s);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().value(u"test"_s).toString(), u"cpu_gemm"_s);
        QCOMPARE(results.first().value(u"unit"_s).toString(), u"TFLOPS"_s);
        QCOMPARE(results.first().value(u"precision"_s).toString(), u"fp32"_s); // a parameter beside value
    }

    void badArgumentsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::addRow("unknown option") << QStringList{u"--bogus"_s} << u"unknown argument '--bogus'"_s;
        QTest::addRow("unknown test") << QStringList{u"--only"_s, u"warp_drive"_s} << u"unknown test 'warp_drive'"_s;
        QTest::addRow("device not a number") << QStringList{u"--device"_s, u"first"_s} << u"--device"_s;
        QTest::addRow("missing value") << QStringList{u"--model"_s} << u"needs a value"_s;
        QTest::addRow("unknown model") << QStringList{u"--model"_s, u"no-such-model"_s, u"--models-csv"_s,
                                                      serveplan::test::sourcePath(u"resources/data/models.csv"_s)}
                                       << u"no row with model_id no-such-model"_s;
        QTest::addRow("bad shape") << QStringList{u"--layers"_s, u"2"_s, u"--hidden"_s, u"64"_s}
                                   << u"must be positive"_s;
    }
    void badArgumentsExitTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        ProbeRun r = runProbe(args);
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 2);
        const QList<QJsonObject> errors = ofType(r, u"error"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value(u"stage"_s).toString(), u"arguments"_s);
        QVERIFY2(errors.first().value(u"message"_s).toString().contains(expected),
                 qPrintable(errors.first().value(u"message"_s).toString()));
        QCOMPARE(r.lines.last().value(u"exit_code"_s).toInt(), 2);
        QVERIFY(r.stderrText.contains("Usage: serveplan-probe"));
    }

    void modelFromTheCatalogCsv() {
        ProbeRun r = runProbe({u"--cpu"_s, u"--quick"_s, u"--only"_s, u"cpu_gemm"_s, u"--model"_s, u"qwen3-30b-a3b"_s,
                               u"--models-csv"_s, serveplan::test::sourcePath(u"resources/data/models.csv"_s)});
        QCOMPARE(r.exitCode, 0);
        // An MLA model (DeepSeek-R1) is taken from its row; on the CPU the fallback tests run.
        r = runProbe({u"--cpu"_s, u"--quick"_s, u"--only"_s, u"cpu_gemm"_s, u"--model"_s, u"deepseek-r1"_s,
                      u"--models-csv"_s, serveplan::test::sourcePath(u"resources/data/models.csv"_s)});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(ofType(r, u"result"_s).size(), 1);
        QVERIFY(ofType(r, u"error"_s).isEmpty());
    }

    void mlaShapeFlags() {
        // DeepSeek-R1's shape as flags (kv-lora-rank > 0 marks MLA; kv-heads and head-dim are not needed).
        const QStringList r1 = u"--layers 61 --hidden 7168 --intermediate 18432 --heads 128 --vocab 129280 "
                               u"--experts 256 --experts-per-token 8 --shared-experts 1 --moe-intermediate 2048 "
                               u"--first-dense-layers 3 --q-lora-rank 1536 --qk-rope-head-dim 64 "
                               u"--qk-nope-head-dim 128 --v-head-dim 128"_s.split(u' ');
        ProbeRun r = runProbe(
            QStringList{u"--cpu"_s, u"--quick"_s, u"--only"_s, u"cpu_gemm"_s, u"--kv-lora-rank"_s, u"512"_s} + r1);
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        // The kernel is built for a 512-wide latent and 64 rope values: anything else is refused, by name.
        r = runProbe(QStringList{u"--kv-lora-rank"_s, u"256"_s} + r1);
        parseLines(r);
        QCOMPARE(r.exitCode, 2);
        const QList<QJsonObject> errors = ofType(r, u"error"_s);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().value(u"message"_s).toString().contains(u"kv-lora-rank 512"_s),
                 qPrintable(errors.first().value(u"message"_s).toString()));
    }

    void noDeviceWithoutFallbackExitsThree() {
        ProbeRun r = runProbe({u"--no-cpu-fallback"_s, u"--quick"_s, u"--only"_s, u"launch_overhead"_s});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        if (r.exitCode == 0)
            QSKIP("this machine has a usable GPU");
        QCOMPARE(r.exitCode, 3);
        const QList<QJsonObject> errors = ofType(r, u"error"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value(u"stage"_s).toString(), u"device"_s);
        QVERIFY(errors.first().value(u"message"_s).toString().contains(u"no usable GPU"_s));
        QCOMPARE(r.lines.last().value(u"exit_code"_s).toInt(), 3);
        QVERIFY(ofType(r, u"result"_s).isEmpty());
    }

    void withoutGpuFallsBackToCpu() {
        ProbeRun r = runProbe({u"--quick"_s, u"--only"_s, u"cpu_gemm"_s});
        parseLines(r);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject device = r.lines.first();
        if (device.value(u"backend"_s).toString() == u"cuda"_s)
            QSKIP("this machine has a usable GPU");
        QCOMPARE(device.value(u"backend"_s).toString(), u"cpu"_s);
        QVERIFY(device.value(u"gpu_unavailable"_s).isString()); // says why there is no GPU
    }

    void deviceOnlyPrintsTheDeviceAndDone() {
        ProbeRun r = runProbe({u"--device-only"_s});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines.size(), 2); // no progress, result or error line
        const QJsonObject device = r.lines.first();
        QCOMPARE(device.value(u"type"_s).toString(), u"device"_s);
        QVERIFY(!device.value(u"name"_s).toString().isEmpty());
        const QJsonObject done = r.lines.last();
        QCOMPARE(done.value(u"type"_s).toString(), u"done"_s);
        QCOMPARE(done.value(u"status"_s).toString(), u"complete"_s);
        QCOMPARE(done.value(u"exit_code"_s).toInt(-1), 0);
        QCOMPARE(done.value(u"results"_s).toInt(-1), 0);
        QCOMPARE(done.value(u"errors"_s).toInt(-1), 0);
        const bool gpu = device.value(u"backend"_s).toString() == u"cuda"_s;
        if (!gpu) { // the CPU fallback's device line, with the reason there is no GPU
            QCOMPARE(device.value(u"backend"_s).toString(), u"cpu"_s);
            QVERIFY(device.value(u"gpu_unavailable"_s).isString());
            QVERIFY(device.value(u"logical_cores"_s).toInt() > 0);
        }

        // --cpu: the CPU's line without a reason; test and model options do not matter.
        r = runProbe({u"--device-only"_s, u"--cpu"_s, u"--only"_s, u"cpu_gemm"_s, u"--model"_s, u"no-such-model"_s,
                      u"--models-csv"_s, serveplan::test::sourcePath(u"resources/data/models.csv"_s)});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines.size(), 2);
        QCOMPARE(r.lines.first().value(u"backend"_s).toString(), u"cpu"_s);
        QVERIFY(!r.lines.first().contains(u"gpu_unavailable"_s));

        // No usable GPU and no fallback: exit 3 as a full run would, with the reason.
        r = runProbe({u"--device-only"_s, u"--no-cpu-fallback"_s});
        parseLines(r);
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        if (gpu) {
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.lines.first().value(u"backend"_s).toString(), u"cuda"_s);
            return;
        }
        QCOMPARE(r.exitCode, 3);
        QVERIFY(ofType(r, u"device"_s).isEmpty());
        const QList<QJsonObject> errors = ofType(r, u"error"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value(u"stage"_s).toString(), u"device"_s);
        QCOMPARE(r.lines.last().value(u"exit_code"_s).toInt(), 3);
        QCOMPARE(r.lines.last().value(u"status"_s).toString(), u"no_device"_s);
    }

    void listsTests() {
        ProbeRun r = runProbe({u"--list-tests"_s});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.stdoutText);
        for (const char* name :
             {"cpu_memory_bandwidth", "cpu_gemm", "copy_bandwidth", "memcpy_d2d_bandwidth", "gemm", "decode_attention",
              "mla_decode_attention", "moe_layer", "allreduce_bandwidth", "alltoall_bandwidth", "p2p_bandwidth",
              "launch_overhead", "decode_step", "prefill_step"})
            QVERIFY2(text.contains(QLatin1String(name)), name);
    }
};

QTEST_GUILESS_MAIN(TestProbeProtocol)
#include "TestProbeProtocol.moc"
