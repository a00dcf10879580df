// The probe's GPU path (label `gpu`): skips cleanly when this machine has no usable GPU or the
// probe was built without CUDA. Checks that the GPU tests run to the end and report their figures;
// the speed targets themselves are printed by the probe, not asserted here.
#include <QJsonDocument>
#include <QJsonObject>
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
};

QTEST_GUILESS_MAIN(TestProbeGpu)
#include "TestProbeGpu.moc"
