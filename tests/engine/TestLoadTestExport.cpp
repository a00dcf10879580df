// The load test of a plan: the Locust file carries the plan's rate, length distributions and SLO
// thresholds, is valid Python, samples the distributions as the batching simulator does
// (perf/BatchSimulator drawLengths) and fails when a percentile misses its target; the
// `vllm bench serve` script carries the same numbers and is valid bash.
// With Locust installed, the file also replays a short run against a local stand-in server
// (tests/data/deploy/fake_openai_server.py) and must pass or fail on the TTFT target.
// QTEST_GUILESS_MAIN, not APPLESS: the test runs python3, bash and locust through QProcess.
#include "TestSupport.h"
#include "deploy/LoadTestExport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace serveplan;

namespace {

struct Fixture {
    Catalog catalog;
    Scenario scenario;
    PlanResult result;

    Fixture() {
        GpuSpec h100;
        h100.id = "h100-sxm";
        h100.vendor = "NVIDIA";
        h100.name = "H100 SXM5 80GB";
        catalog.gpus = {h100};
        ModelSpec m;
        m.id = "llama-3.1-8b";
        m.hfRepo = "meta-llama/Llama-3.1-8B-Instruct";
        m.maxPositionEmbeddings = 131072;
        catalog.models = {m};

        scenario.name = "chat-launch";
        scenario.workload.inputTokens = {LengthDistribution::Kind::Uniform, 200, 0, 100, 300};
        scenario.workload.outputTokens = {LengthDistribution::Kind::LogNormal, 300, 200, 1, 100000};
        scenario.qps = 15;
        scenario.cacheHitRate = 0.2;
        scenario.slo = {800, 60, 0.95, 0.95};

        PlanRow r;
        r.rank = 1;
        r.model = &catalog.models[0];
        r.gpu = &catalog.gpus[0];
        r.tp = 1;
        r.replicas = 4;
        r.capacityQpsPerReplica = 3.2;
        r.loadQps = 12; // 15 × (1 − 0.2)
        r.engine = ServingEngine::Vllm;
        r.ttftMs = {420, 300, 700};
        r.tpotMs = {35, 28, 45};
        result.rows = {r};
    }

    std::vector<GeneratedFile> files(const ExportOptions& options = {}) const {
        auto out = exportLoadTest(result, scenario, catalog, options);
        if (!out)
            qWarning("%s", out.error().c_str());
        return out ? *out : std::vector<GeneratedFile>{};
    }
};

QString text(const std::vector<GeneratedFile>& files, const std::string& path) {
    for (const GeneratedFile& f : files)
        if (f.path == path)
            return QString::fromStdString(f.contents);
    return {};
}

/// The PLAN = json.loads(r"""...""") block of the Locust file.
QJsonObject planOf(const QString& locust) {
    const QString open = QStringLiteral("json.loads(r\"\"\"");
    const qsizetype from = locust.indexOf(open) + open.size();
    const qsizetype to = locust.indexOf(QStringLiteral("\"\"\")"), from);
    return QJsonDocument::fromJson(locust.mid(from, to - from).toUtf8()).object();
}

/// Writes `contents` to dir/name and runs `program args... dir/name`; returns exit code and output.
std::pair<int, QByteArray> run(const QTemporaryDir& dir, const QString& name, const QString& contents,
                               const QString& program, QStringList args) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents.toUtf8()) < 0)
        return {-1, {}};
    file.close();
    args.insert(args.indexOf(QStringLiteral("@FILE@")), path);
    args.removeAll(QStringLiteral("@FILE@"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(60000))
        return {-2, process.readAll()};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3, process.readAll()};
}

} // namespace

class TestLoadTestExport final : public QObject {
    Q_OBJECT
private slots:
    void twoFiles() {
        const auto files = Fixture().files();
        QCOMPARE(files.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(files[0].path), QStringLiteral("locustfile.py"));
        QCOMPARE(QString::fromStdString(files[1].path), QStringLiteral("vllm_bench.sh"));
        QVERIFY(!files[0].executable);
        QVERIFY(files[1].executable);
    }

    void locustCarriesThePlansNumbers() {
        const QJsonObject plan = planOf(text(Fixture().files(), "locustfile.py"));
        QVERIFY(!plan.isEmpty());
        QCOMPARE(plan[QStringLiteral("rank")].toInt(), 1);
        QCOMPARE(plan[QStringLiteral("model")].toString(), QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"));
        QCOMPARE(plan[QStringLiteral("base_url")].toString(), QStringLiteral("http://llama-3-1-8b-vllm-h100-sxm:8000"));
        QCOMPARE(plan[QStringLiteral("endpoint")].toString(), QStringLiteral("/v1/completions"));
        QCOMPARE(plan[QStringLiteral("request_rate")].toDouble(), 12.0); // the peak after cache hits
        const QJsonObject in = plan[QStringLiteral("input_tokens")].toObject();
        QCOMPARE(in[QStringLiteral("kind")].toString(), QStringLiteral("uniform"));
        QCOMPARE(in[QStringLiteral("min")].toDouble(), 100.0);
        QCOMPARE(in[QStringLiteral("max")].toDouble(), 300.0);
        const QJsonObject out = plan[QStringLiteral("output_tokens")].toObject();
        QCOMPARE(out[QStringLiteral("kind")].toString(), QStringLiteral("lognormal"));
        QCOMPARE(out[QStringLiteral("mean")].toDouble(), 300.0);
        QCOMPARE(out[QStringLiteral("stddev")].toDouble(), 200.0);
        const QJsonObject slo = plan[QStringLiteral("slo")].toObject();
        QCOMPARE(slo[QStringLiteral("ttft_ms")].toDouble(), 800.0);
        QCOMPARE(slo[QStringLiteral("tpot_ms")].toDouble(), 60.0);
        QCOMPARE(slo[QStringLiteral("ttft_percentile")].toDouble(), 0.95);
        QCOMPARE(plan[QStringLiteral("predicted")].toObject()[QStringLiteral("ttft_ms")].toDouble(), 420.0);
        // Little's law: 12 req/s × (420 ms + 35 ms × 299) = 130.6 in flight; 3× that, rounded up, + 2.
        QCOMPARE(plan[QStringLiteral("users")].toInt(), 394);
        QCOMPARE(plan[QStringLiteral("extra_body")].toObject()[QStringLiteral("ignore_eos")].toBool(), true);
    }

    void tgiGetsNoIgnoreEos() {
        Fixture f;
        f.result.rows[0].engine = ServingEngine::Tgi;
        const QJsonObject plan = planOf(text(f.files(), "locustfile.py"));
        QVERIFY(!plan.isEmpty());
        QVERIFY(plan[QStringLiteral("extra_body")].toObject().isEmpty());
    }

    void locustFileIsValidPython() {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 not found");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto [code, output] =
            run(dir, QStringLiteral("locustfile.py"), text(Fixture().files(), "locustfile.py"), python,
                {QStringLiteral("-m"), QStringLiteral("py_compile"), QStringLiteral("@FILE@")});
        QVERIFY2(code == 0, output.constData());
    }

    void locustSamplesAndJudgesAsPlanned() {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 not found");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto [code, output] = run(dir, QStringLiteral("locustfile.py"), text(Fixture().files(), "locustfile.py"),
                                        python, {QStringLiteral("@FILE@"), QStringLiteral("--self-check")});
        QVERIFY2(code == 0, output.constData());
        const QJsonObject check = QJsonDocument::fromJson(output.trimmed().split('\n').last()).object();
        QVERIFY2(!check.isEmpty(), output.constData());
        QCOMPARE(check[QStringLiteral("samples")].toInt(), 20000);
        // Uniform 100..300: mean 200, standard error 57.7/√20000 = 0.4 tokens.
        QVERIFY(std::abs(check[QStringLiteral("input_mean")].toDouble() - 200) < 3);
        QVERIFY(check[QStringLiteral("input_min")].toInt() >= 100);
        QVERIFY(check[QStringLiteral("input_max")].toInt() <= 300);
        // Log-normal with mean 300 and sd 200 (clamps far away): standard error 1.4 tokens.
        QVERIFY(std::abs(check[QStringLiteral("output_mean")].toDouble() - 300) < 9);
        QCOMPARE(check[QStringLiteral("prompt_words")].toInt(), 100);
        // numpy.percentile(range(1, 101), 95) = 95.05 (linear interpolation).
        QCOMPARE(check[QStringLiteral("p95_of_1_to_100")].toDouble(), 95.05);
        QCOMPARE(check[QStringLiteral("verdict_fast")].toBool(), true);
        QCOMPARE(check[QStringLiteral("verdict_slow_ttft")].toBool(), false);
        QCOMPARE(check[QStringLiteral("verdict_slow_tpot")].toBool(), false);
    }

    void locustReplaysAgainstAServer_data() {
        QTest::addColumn<QString>("ttftMs");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("verdict");
        // The SLO is 800 ms at p95: a 5 ms first token passes, a 1500 ms one fails.
        QTest::addRow("fast server passes") << "5" << 0 << "PASS p95 TTFT";
        QTest::addRow("slow first token fails") << "1500" << 1 << "FAIL p95 TTFT";
    }
    void locustReplaysAgainstAServer() {
        QFETCH(QString, ttftMs);
        QFETCH(int, exitCode);
        QFETCH(QString, verdict);
        const QString locust = QStandardPaths::findExecutable(QStringLiteral("locust"));
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (locust.isEmpty() || python.isEmpty())
            QSKIP("Locust not installed (Debian: python3-locust)");
        Fixture f;
        f.scenario.workload.inputTokens = LengthDistribution::fixed(32);
        f.scenario.workload.outputTokens = LengthDistribution::fixed(16);
        f.result.rows[0].loadQps = 10;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("locustfile.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text(f.files(), "locustfile.py").toUtf8());
        file.close();

        // A local stand-in server on 127.0.0.1 that exits by itself after 60 s.
        QProcess server;
        server.start(python, {serveplan::test::testDataPath(QStringLiteral("deploy/fake_openai_server.py")), ttftMs,
                              QStringLiteral("1"), QStringLiteral("60")});
        QVERIFY(server.waitForStarted(10000));
        QVERIFY(server.waitForReadyRead(10000));
        const int port = server.readLine().trimmed().toInt();
        QVERIFY(port > 0);
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(locust,
                  {QStringLiteral("-f"), file.fileName(), QStringLiteral("--headless"), QStringLiteral("--host"),
                   QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--users"), QStringLiteral("8"),
                   QStringLiteral("--spawn-rate"), QStringLiteral("8"), QStringLiteral("--run-time"),
                   QStringLiteral("5s"), QStringLiteral("--only-summary")});
        const bool finished = run.waitForFinished(90000);
        server.kill();
        server.waitForFinished();
        QVERIFY(finished);
        const QByteArray output = run.readAll();
        QVERIFY2(output.contains("ServePlan plan 1 SLO check:"), output.constData());
        QVERIFY2(output.contains(verdict.toUtf8()), output.constData());
        QCOMPARE(run.exitCode(), exitCode);
    }

    void benchScriptCarriesThePlansNumbers() {
        Fixture f;
        f.scenario.workload.outputTokens = {LengthDistribution::Kind::Uniform, 100, 0, 50, 150};
        f.scenario.slo.tpotPercentile = 0.99;
        const QString script = text(f.files(), "vllm_bench.sh");
        QVERIFY(script.startsWith(QStringLiteral("#!/usr/bin/env bash\n")));
        QVERIFY(script.contains(QStringLiteral("--model 'meta-llama/Llama-3.1-8B-Instruct'")));
        QVERIFY(script.contains(QStringLiteral("--request-rate 12.000 ")));
        QVERIFY(script.contains(QStringLiteral("--random-input-len 200 ")));
        QVERIFY(script.contains(QStringLiteral("--random-output-len 100 ")));
        // Uniform 100..300 and 50..150 are both mean × (1 ± 0.5).
        QVERIFY(script.contains(QStringLiteral("--random-range-ratio 0.500 ")));
        QVERIFY(script.contains(QStringLiteral("--num-prompts 7200 "))); // 12 req/s × 600 s
        QVERIFY(script.contains(QStringLiteral("--metric-percentiles 50,95,99 ")));
        QVERIFY(script.contains(QStringLiteral("--goodput ttft:800.0 tpot:60.0 ")));
        QVERIFY(script.contains(QStringLiteral("(\"p95_ttft_ms\", 800.0), (\"p99_tpot_ms\", 60.0)")));
        QVERIFY(script.contains(QStringLiteral("BASE_URL=\"${BASE_URL:-http://llama-3-1-8b-vllm-h100-sxm:8000}\"")));
    }

    void benchScriptIsValidBash() {
        const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
        if (bash.isEmpty())
            QSKIP("bash not found");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto [code, output] = run(dir, QStringLiteral("vllm_bench.sh"), text(Fixture().files(), "vllm_bench.sh"),
                                        bash, {QStringLiteral("-n"), QStringLiteral("@FILE@")});
        QVERIFY2(code == 0, output.constData());
    }

    void baseUrlOption() {
        ExportOptions options;
        options.baseUrl = "https://llm.example.com";
        const auto files = Fixture().files(options);
        QCOMPARE(planOf(text(files, "locustfile.py"))[QStringLiteral("base_url")].toString(),
                 QStringLiteral("https://llm.example.com"));
        QVERIFY(text(files, "vllm_bench.sh").contains(QStringLiteral("${BASE_URL:-https://llm.example.com}")));
    }

    void disaggregatedPlanTargetsTheRouter() {
        // An SGLang prefill/decode plan: the load test drives the PD router (the plan's one endpoint),
        // with the whole plan's load, not a pool's.
        Fixture f;
        PlanRow& r = f.result.rows[0];
        r.engine = ServingEngine::Sglang;
        auto pools = std::make_shared<DisaggregatedPlan>();
        pools->prefill.replicas = 1;
        pools->decode.replicas = 3;
        r.disaggregated = pools;
        r.replicas = 4;
        ExportOptions options;
        options.name = "r1-pd";
        const auto files = f.files(options);
        const QJsonObject plan = planOf(text(files, "locustfile.py"));
        QCOMPARE(plan[QStringLiteral("base_url")].toString(), QStringLiteral("http://r1-pd:8000"));
        QCOMPARE(plan[QStringLiteral("request_rate")].toDouble(), 12.0);
        QVERIFY(text(files, "vllm_bench.sh").contains(QStringLiteral("${BASE_URL:-http://r1-pd:8000}")));
        // K8sExport writes two LeaderWorkerSets, one per pool: the header scales each to its replicas.
        const QString scale = QStringLiteral("kubectl scale leaderworkerset/r1-pd-prefill --replicas=1 && "
                                             "kubectl scale leaderworkerset/r1-pd-decode --replicas=3");
        QVERIFY(text(files, "locustfile.py").contains(scale));
        QVERIFY(text(files, "vllm_bench.sh").contains(scale));
        QVERIFY(!text(files, "locustfile.py").contains(QStringLiteral("deployment/")));
    }

    void aggregatedPlanScalesItsDeployment() {
        Fixture f;
        ExportOptions options;
        options.name = "llama";
        const auto files = f.files(options);
        const QString scale =
            QStringLiteral("kubectl scale deployment/llama --replicas=%1").arg(f.result.rows[0].replicas);
        QVERIFY(text(files, "locustfile.py").contains(scale));
        QVERIFY(text(files, "vllm_bench.sh").contains(scale));
    }

    void refusesWhatKubernetesRefuses() {
        Fixture f;
        f.result.rows[0].engine = ServingEngine::Llamacpp;
        const auto out = exportLoadTest(f.result, f.scenario, f.catalog, {});
        QVERIFY(!out.ok());
        QVERIFY(QString::fromStdString(out.error()).contains(QStringLiteral("engine llamacpp")));
    }
};

QTEST_GUILESS_MAIN(TestLoadTestExport)
#include "TestLoadTestExport.moc"
