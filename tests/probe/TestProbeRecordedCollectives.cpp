// A recorded single-GPU run of the collective tests (tests/data/probe/h100_collectives_one_gpu.jsonl,
// an H100 of the device tool): with one GPU, allreduce_bandwidth, alltoall_bandwidth and
// p2p_bandwidth are skipped with the reason, never an error, and the device line carries the
// topology fields. And a recorded run of the NCCL path itself on that one GPU
// (SERVEPLAN_PROBE_NCCL_ONE_RANK=1, h100_collectives_one_rank_nccl.jsonl): every size is measured
// through NCCL, and the calibration fit leaves such one-rank results out. No GPU needed.
#include "TestSupport.h"

#include "calib/CalibrationFit.h"
#include "calib/ProbeRun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProbeRecordedCollectives final : public QObject {
    Q_OBJECT
private slots:
    void oneGpuSkipsWithTheReason() {
        QFile file(serveplan::test::testDataPath(u"probe/h100_collectives_one_gpu.jsonl"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        const auto run = serveplan::parseProbeOutput(text.toStdString());
        QVERIFY2(run, run ? "" : run.error().c_str());
        QVERIFY(run->done);
        QCOMPARE(run->exitCode, 0);
        QVERIFY(run->errors.empty());
        QVERIFY(run->results.empty());
        QCOMPARE(run->device.at("gpu_count"), std::string("1"));
        QCOMPARE(run->device.at("topology"), std::string("single_gpu"));

        QStringList skipped;
        for (const QByteArray& line : text.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString message = o.value(u"message"_s).toString();
            if (o.value(u"type"_s).toString() == u"progress"_s && message.startsWith(u"skipped: "_s)) {
                QVERIFY2(message.contains(u"one GPU visible"_s), qPrintable(message));
                skipped << o.value(u"stage"_s).toString();
            }
        }
        QCOMPARE(skipped, (QStringList{u"allreduce_bandwidth"_s, u"alltoall_bandwidth"_s, u"p2p_bandwidth"_s}));
        // The parsed run keeps each reason, for the calibration fit's notes (no factor from a skipped test).
        QCOMPARE(run->skipped.size(), std::size_t(3));
        QCOMPARE(run->skipped.at("p2p_bandwidth"),
                 std::string("one GPU visible: p2p_bandwidth needs at least two on this host"));
    }

    void oneRankNcclRunIsMeasuredButNotFitted() {
        QFile file(serveplan::test::testDataPath(u"probe/h100_collectives_one_rank_nccl.jsonl"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto run = serveplan::parseProbeOutput(file.readAll().toStdString());
        QVERIFY2(run, run ? "" : run.error().c_str());
        QVERIFY(run->done);
        QVERIFY(run->errors.empty());
        for (const char* test : {"allreduce_bandwidth", "alltoall_bandwidth", "p2p_bandwidth"}) {
            const auto results = run->resultsOf(test);
            QCOMPARE(results.size(), std::size_t(4)); // batch 1, 32, 256 of R1's shapes and the 256 MiB peak
            for (const serveplan::ProbeResult* r : results) {
                QCOMPARE(r->number("ranks"), 1.0);
                QVERIFY(r->number("time_us") > 0 && r->number("algbw_gbps") > 0);
                // nccl-tests' bus bandwidth: all-reduce and all-to-all move nothing between one rank.
                if (std::string(test) != "p2p_bandwidth")
                    QCOMPARE(r->value, 0.0);
            }
        }
        serveplan::GpuSpec gpu;
        gpu.id = "h100-sxm";
        gpu.memoryBandwidthGBps = 3350;
        gpu.interconnectGBps = 900;
        const auto fit = serveplan::fitCalibration(*run, gpu);
        // One rank says nothing about the links between GPUs: the run has nothing else, so no fit.
        QVERIFY(!fit);
        QVERIFY2(fit.error().find("no result the fit uses") != std::string::npos, fit.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestProbeRecordedCollectives)
#include "TestProbeRecordedCollectives.moc"
