// An applied calibration changes what `predict` and `plan` say for that GPU, and only for it:
// the H200 probe run of tests/data/probe imported and applied, then predictions and plans with it,
// with --no-calibration, after unapply; a vllm bench load test fitted and applied for vLLM only;
// `validate` (published measurements on other people's hardware) ignores both.
#include "CliInProcess.h"
#include "TestSupport.h"
#include "common/CsvReader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using serveplan::CsvReader;

class TestCliCalibrate final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(const QStringList& args) const {
        const auto r = serveplan::test::runCli(QStringList{u"--db"_s, m_dir.filePath(u"catalog.sqlite"_s)} + args);
        return {r.code, r.out, r.err};
    }

    /// `predict` over the rows of rows.csv: id -> the predicted value as written.
    std::map<std::string, std::string> predict(const QStringList& extra = {}, QString* err = nullptr) const {
        const QString output = m_dir.filePath(u"predictions.csv"_s);
        QFile::remove(output);
        const Run r =
            cli(QStringList{u"predict"_s, u"--input"_s, m_dir.filePath(u"rows.csv"_s), u"--output"_s, output} + extra);
        if (err)
            *err = r.err;
        std::map<std::string, std::string> values;
        if (r.code != 0) {
            qWarning("predict failed: %s", qPrintable(r.err));
            return values;
        }
        const auto table = CsvReader::readFile(output.toStdString());
        if (table)
            for (const auto& row : table->rows)
                values[std::string(table->field(row, "id"))] = std::string(table->field(row, "predicted"));
        return values;
    }

    QString plan(const QStringList& extra, QString* err = nullptr) const {
        const Run r = cli(QStringList{u"plan"_s, u"--model"_s, u"llama-2-7b"_s, u"--gpu"_s, u"h200-sxm,h100-sxm"_s,
                                      u"--provider"_s, u"aws"_s, u"--qps"_s, u"10"_s, u"--tpot-p95-ms"_s, u"30"_s} +
                          extra);
        if (err)
            *err = r.err;
        return r.code == 0 ? r.out : u"plan failed: "_s + r.err;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QFile rows(m_dir.filePath(u"rows.csv"_s));
        QVERIFY(rows.open(QIODevice::WriteOnly));
        rows.write("id,engine,model,gpu,input_tokens,output_tokens,concurrency,metric\n"
                   "h200-single,vllm,llama-2-7b,h200-sxm,512,128,,decode_tokens_per_s_single_stream\n"
                   "h200-tpot,trtllm,llama-2-7b,h200-sxm,512,128,16,tpot_ms\n"
                   "h100-vllm,vllm,llama-3.1-8b-instruct,h100-sxm,1024,128,8,tpot_ms\n"
                   "h100-trtllm,trtllm,llama-3.1-8b-instruct,h100-sxm,1024,128,8,tpot_ms\n");
    }

    void probeRunChangesPredictionsOfItsGpu() {
        const auto before = predict();
        QCOMPARE(before.size(), std::size_t(4));
        const QString planBefore = plan({});
        QVERIFY2(planBefore.startsWith(u"rank,model,provider,instance_type,region,gpu,gpu_count,"_s),
                 qPrintable(planBefore));

        Run r = cli({u"calibrate"_s, u"import"_s, serveplan::test::testDataPath(u"probe/h200_full.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"as calibration run 1 for GPU h200-sxm"_s), qPrintable(r.out));
        r = cli({u"calibrate"_s, u"apply"_s, u"1"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        QString err;
        const auto after = predict({}, &err);
        QCOMPARE(after.size(), std::size_t(4));
        QVERIFY2(after.at("h200-single") != before.at("h200-single"), after.at("h200-single").c_str());
        QVERIFY2(after.at("h200-tpot") != before.at("h200-tpot"), after.at("h200-tpot").c_str());
        QCOMPARE(after.at("h100-vllm"), before.at("h100-vllm")); // another GPU: untouched
        QCOMPARE(after.at("h100-trtllm"), before.at("h100-trtllm"));
        QVERIFY2(err.contains(u"note: calibrated: GPU h200-sxm with run 1 for 2 row(s)"_s), qPrintable(err));

        const auto ignored = predict({u"--no-calibration"_s}, &err);
        QCOMPARE(ignored, before); // the defaults, to the last digit written
        QVERIFY(!err.contains(u"calibrated"_s));

        // plan: the same columns, other capacities on the H200 rows, a note naming the run.
        const QString planAfter = plan({}, &err);
        QCOMPARE(planAfter.section(u'\n', 0, 0), planBefore.section(u'\n', 0, 0));
        QVERIFY(planAfter != planBefore);
        QVERIFY2(err.contains(u"note: calibrated: GPU h200-sxm with run 1\n"_s), qPrintable(err));
        QCOMPARE(plan({u"--no-calibration"_s}, &err), planBefore);
        QVERIFY(!err.contains(u"calibrated"_s));
        const QString json = plan({u"--format"_s, u"json"_s});
        QVERIFY2(json.contains(u"\"calibrated: GPU h200-sxm with run 1\""_s), qPrintable(json.left(2000)));

        // The switch travels with a saved scenario.
        const QString saved = m_dir.filePath(u"off.serveplan"_s);
        QVERIFY(plan({u"--no-calibration"_s, u"--save-scenario"_s, saved}).startsWith(u"rank,"_s));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"use_calibration\": false"));
        r = cli({u"plan"_s, u"--scenario"_s, saved});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, planBefore);

        // Unapplied: back to the defaults.
        r = cli({u"calibrate"_s, u"unapply"_s, u"h200-sxm"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(predict(), before);
        QCOMPARE(plan({}), planBefore);
    }

    void loadTestAppliesToItsEngineOnly() {
        const auto before = predict();
        Run r = cli({u"calibrate"_s, u"import"_s, serveplan::test::testDataPath(u"probe/vllm_bench_result.json"_s),
                     u"--gpu"_s, u"h100-sxm"_s, u"--model"_s, u"llama-3.1-8b-instruct"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"as calibration run 2 for GPU h100-sxm"_s), qPrintable(r.out));

        r = cli({u"calibrate"_s, u"show"_s, u"2"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"load-test fit (llama-3.1-8b-instruct on h100-sxm, engine vllm; runs 2)"_s),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(u"factor\tbefore\tafter\tbasis\n"_s));
        QVERIFY(r.out.contains(u"\nweight_bandwidth_eff\t"_s));
        QVERIFY(r.out.contains(u"\nstep_overhead_s\t"_s));
        QVERIFY(r.out.contains(u"\nrequest_overhead_s\t"_s)); // the file has TTFT
        QVERIFY(r.out.contains(u"\ntpot_ms\t9.7\t"_s));

        r = cli({u"calibrate"_s, u"apply"_s, u"2"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"calibration run 2 applied to GPU h100-sxm for engine vllm"_s), qPrintable(r.out));
        r = cli({u"calibrate"_s, u"list"_s});
        QVERIFY2(r.out.contains(u"\th100-sxm\tvllm_bench\tyes\t"_s), qPrintable(r.out));

        QString err;
        const auto after = predict({}, &err);
        QVERIFY2(after.at("h100-vllm") != before.at("h100-vllm"), after.at("h100-vllm").c_str());
        QCOMPARE(after.at("h100-trtllm"), before.at("h100-trtllm")); // the fit was for vLLM
        QCOMPARE(after.at("h200-single"), before.at("h200-single"));
        QVERIFY2(err.contains(u"calibrated: GPU h100-sxm with run 2 (vllm only) for 1 row(s)"_s), qPrintable(err));
        QCOMPARE(predict({u"--no-calibration"_s}), before);
    }

    void validateIgnoresAppliedCalibrations() {
        // Reference rows (other people's measurements) on both GPUs the earlier tests calibrated: the H200
        // for every engine (the probe run 1), the H100 for vLLM (the load test 2).
        const QString refs = m_dir.filePath(u"references.csv"_s);
        QFile file(refs);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("id,engine,model,gpu,input_tokens,output_tokens,concurrency,metric,value\n"
                   "h200-single,vllm,llama-2-7b,h200-sxm,512,128,,decode_tokens_per_s_single_stream,230\n"
                   "h200-tpot,trtllm,llama-2-7b,h200-sxm,512,128,16,tpot_ms,9.5\n"
                   "h100-vllm,vllm,llama-3.1-8b-instruct,h100-sxm,1024,128,8,tpot_ms,9.7\n");
        file.close();
        const QString residuals = m_dir.filePath(u"residuals.csv"_s);
        auto validate = [&](QByteArray* csv) -> QString { // not a QStringBuilder over the dying `r`
            QFile::remove(residuals);
            const Run r = cli({u"validate"_s, u"--input"_s, refs, u"--output"_s, residuals});
            QFile out(residuals);
            if (r.code != 0 || !out.open(QIODevice::ReadOnly))
                return u"validate failed: "_s + r.err;
            *csv = out.readAll();
            return r.out + r.err;
        };

        for (const QString& gpu : {u"h200-sxm"_s, u"h100-sxm"_s})
            QCOMPARE(cli({u"calibrate"_s, u"unapply"_s, gpu}).code, 0);
        const auto plain = predict();
        QByteArray plainCsv;
        const QString plainText = validate(&plainCsv);
        QVERIFY2(plainText.contains(u"validate: 3 reference rows"_s), qPrintable(plainText));

        for (const QString& id : {u"1"_s, u"2"_s}) {
            const Run r = cli({u"calibrate"_s, u"apply"_s, id});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        const auto calibrated = predict();
        for (const char* id : {"h200-single", "h200-tpot", "h100-vllm"}) // predict does use them
            QVERIFY2(calibrated.at(id) != plain.at(id), id);
        QByteArray calibratedCsv;
        QCOMPARE(validate(&calibratedCsv), plainText); // validate does not
        QCOMPARE(calibratedCsv, plainCsv);
        QVERIFY(!plainText.contains(u"calibrated"_s));
    }

    void badInput() {
        Run r = cli({u"predict"_s, u"--no-calibration"_s, u"--input"_s});
        QCOMPARE(r.code, 2);
        r = cli({u"plan"_s, u"--model"_s, u"llama-2-7b"_s, u"--no-calibration=yes"_s});
        QCOMPARE(r.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliCalibrate)
#include "TestCliCalibrate.moc"
