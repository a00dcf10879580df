// The probe's GPU path (label `gpu`): skips cleanly when this machine has no usable GPU or the
// probe was built without CUDA. Checks that the GPU tests run to the end and report their figures;
// the speed targets themselves are printed by the probe, not asserted here.
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProbeGpu final : public QObject {
    Q_OBJECT
private slots:
    void quickGpuRun() {
        QProcess p;
        p.start(qEnvironmentVariable("SERVEPLAN_PROBE"),
                {u"--quick"_s, u"--no-cpu-fallback"_s, u"--only"_s,
                 u"copy_bandwidth,memcpy_d2d_bandwidth,decode_attention,decode_step"_s});
        QVERIFY(p.waitForFinished(300000));
        if (p.exitCode() == 3)
            QSKIP("no usable GPU (or a probe built without CUDA)");
        QCOMPARE(p.exitCode(), 0);
        QStringList tests;
        for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(u"type"_s).toString() == u"device"_s)
                QCOMPARE(o.value(u"backend"_s).toString(), u"cuda"_s);
            if (o.value(u"type"_s).toString() == u"result"_s) {
                tests << o.value(u"test"_s).toString();
                QVERIFY(o.value(u"value"_s).toDouble() > 0);
            }
        }
        for (const QString& t :
             {u"copy_bandwidth"_s, u"memcpy_d2d_bandwidth"_s, u"decode_attention"_s, u"decode_step"_s})
            QVERIFY2(tests.contains(t), qPrintable(t));
    }

    void deepSeekR1QuickRun() {
        // R1's MLA attention and MoE layer (one MoE layer needs about 11.3 GB in FP8).
        QProcess p;
        p.start(qEnvironmentVariable("SERVEPLAN_PROBE"),
                {u"--quick"_s, u"--no-cpu-fallback"_s, u"--model"_s, u"deepseek-r1"_s, u"--models-csv"_s,
                 serveplan::test::sourcePath(u"resources/data/models.csv"_s), u"--only"_s,
                 u"mla_decode_attention,moe_layer"_s});
        QVERIFY(p.waitForFinished(300000));
        if (p.exitCode() == 3)
            QSKIP("no usable GPU (or a probe built without CUDA)");
        QCOMPARE(p.exitCode(), 0);
        QStringList tests;
        for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(u"type"_s).toString() == u"result"_s) {
                tests << o.value(u"test"_s).toString();
                QVERIFY(o.value(u"value"_s).toDouble() > 0);
            }
        }
        QVERIFY(tests.contains(u"mla_decode_attention"_s));
        QVERIFY(tests.contains(u"moe_layer"_s));
    }

    void collectivesReportOrSkip() {
        // With one GPU or without NCCL each collective test is skipped with its reason, never an error.
        QProcess p;
        p.start(qEnvironmentVariable("SERVEPLAN_PROBE"), {u"--quick"_s, u"--no-cpu-fallback"_s, u"--only"_s,
                                                          u"allreduce_bandwidth,alltoall_bandwidth,p2p_bandwidth"_s});
        QVERIFY(p.waitForFinished(300000));
        if (p.exitCode() == 3)
            QSKIP("no usable GPU (or a probe built without CUDA)");
        QCOMPARE(p.exitCode(), 0);
        int gpus = 0;
        QMap<QString, int> reported; // results or skips per test
        for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString type = o.value(u"type"_s).toString();
            QVERIFY2(type != u"error"_s, line.constData());
            if (type == u"device"_s) {
                gpus = o.value(u"gpu_count"_s).toInt();
                QVERIFY(!o.value(u"topology"_s).toString().isEmpty());
            } else if (type == u"result"_s) {
                ++reported[o.value(u"test"_s).toString()];
            } else if (type == u"progress"_s && o.value(u"message"_s).toString().startsWith(u"skipped: "_s)) {
                ++reported[o.value(u"stage"_s).toString()];
            }
        }
        QVERIFY(gpus >= 1);
        for (const QString& t : {u"allreduce_bandwidth"_s, u"alltoall_bandwidth"_s, u"p2p_bandwidth"_s})
            QVERIFY2(reported.value(t) > 0, qPrintable(t));
    }
};

QTEST_GUILESS_MAIN(TestProbeGpu)
#include "TestProbeGpu.moc"
