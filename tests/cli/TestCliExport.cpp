// `serveplan-cli export k8s|loadtest`: end to end through the real binary, the embedded seed
// database and the planner. The manifests must parse and describe the plan the planner ranked;
// kubectl, when installed, must read them (and accept them in a client dry run when a cluster is
// reachable; there is none in CI, so that check skips there).
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args) {
    const auto r = serveplan::test::runCli(args);
    return {r.code, r.out, r.err};
}

Run tool(const QString& program, const QStringList& args) {
    QProcess process;
    process.start(program, args);
    Run r;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

QString scenarioPath() {
    return serveplan::test::testDataPath(u"deploy/llama8b-p5.serveplan"_s);
}

YAML::Node load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return YAML::Load(file.readAll().toStdString());
}

QString s(const YAML::Node& node) {
    return QString::fromStdString(node.as<std::string>());
}

} // namespace

class TestCliExport final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"catalog.sqlite"_s);
        m_k8s = m_dir.filePath(u"k8s"_s);
        const Run r = cli({u"--db"_s, m_db, u"export"_s, u"k8s"_s, u"--scenario"_s, scenarioPath(), u"--plan"_s, u"1"_s,
                           u"--output"_s, m_k8s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_listed = r.out.split(u'\n', Qt::SkipEmptyParts);
    }

    void writesFourManifests() {
        QCOMPARE(m_listed.size(), 4);
        for (const QString& name : {u"deployment.yaml"_s, u"service.yaml"_s, u"hpa.yaml"_s, u"pdb.yaml"_s}) {
            QVERIFY2(m_listed.contains(QDir(m_k8s).filePath(name)), qPrintable(name));
            QVERIFY(QFile::exists(QDir(m_k8s).filePath(name)));
        }
    }

    void manifestsDescribeTheScenariosPlan() {
        const YAML::Node dep = load(QDir(m_k8s).filePath(u"deployment.yaml"_s));
        QCOMPARE(s(dep["kind"]), u"Deployment"_s);
        QCOMPARE(s(dep["metadata"]["annotations"]["serveplan/plan-rank"]), u"1"_s);
        QCOMPARE(s(dep["metadata"]["annotations"]["serveplan/scenario"]), u"llama8b-chat-on-p5"_s);
        QCOMPARE(s(dep["metadata"]["annotations"]["serveplan/model"]), u"llama-3.1-8b-instruct"_s);
        const YAML::Node pod = dep["spec"]["template"]["spec"];
        QCOMPARE(s(pod["nodeSelector"]["nvidia.com/gpu.product"]), u"NVIDIA-H100-80GB-HBM3"_s);
        const YAML::Node c = pod["containers"][0];
        QVERIFY(s(c["image"]).startsWith(u"vllm/vllm-openai:"_s));
        std::vector<std::string> args;
        for (const YAML::Node& a : c["args"])
            args.push_back(a.as<std::string>());
        QCOMPARE(QString::fromStdString(args.front()), u"meta-llama/Llama-3.1-8B-Instruct"_s);
        const auto tp = std::find(args.begin(), args.end(), "--tensor-parallel-size");
        QVERIFY(tp != args.end());
        // The pod claims the GPUs of its tensor-parallel group.
        QCOMPARE(s(c["resources"]["limits"]["nvidia.com/gpu"]), QString::fromStdString(*(tp + 1)));
        // Fixed 1024-token prompts and 256-token outputs.
        const auto len = std::find(args.begin(), args.end(), "--max-model-len");
        QVERIFY(len != args.end());
        QCOMPARE(QString::fromStdString(*(len + 1)), u"1280"_s);

        const YAML::Node hpa = load(QDir(m_k8s).filePath(u"hpa.yaml"_s));
        QCOMPARE(hpa["spec"]["minReplicas"].as<int>(), 2);
        QCOMPARE(hpa["spec"]["maxReplicas"].as<int>(), 12);
        QCOMPARE(hpa["spec"]["behavior"]["scaleUp"]["stabilizationWindowSeconds"].as<int>(), 120);
        QCOMPARE(hpa["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"].as<int>(), 600);
        // Target = the planner's capacity per replica × 0.7, in milli-requests per second.
        const double capacity = s(dep["metadata"]["annotations"]["serveplan/capacity-qps-per-replica"]).toDouble();
        QVERIFY(capacity > 0);
        const QString target = s(hpa["spec"]["metrics"][0]["pods"]["target"]["averageValue"]);
        QVERIFY(target.endsWith(u'm'));
        QVERIFY(std::abs(target.chopped(1).toDouble() / 1000 - capacity * 0.7) < 0.002);
    }

    void loadTestWritesAnExecutableScript() {
        const QString out = m_dir.filePath(u"loadtest"_s);
        const Run r = cli({u"--db"_s, m_db, u"export"_s, u"loadtest"_s, u"--scenario"_s, scenarioPath(), u"--plan"_s,
                           u"1"_s, u"--output"_s, out, u"--duration"_s, u"300"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.split(u'\n', Qt::SkipEmptyParts).size(), 2);
        QVERIFY(QFile::exists(QDir(out).filePath(u"locustfile.py"_s)));
        QVERIFY(QFile::permissions(QDir(out).filePath(u"vllm_bench.sh"_s)) & QFileDevice::ExeOwner);
        QFile script(QDir(out).filePath(u"vllm_bench.sh"_s));
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(script.readAll());
        // 20 req/s (no cache) for 300 s.
        QVERIFY(text.contains(u"--request-rate 20.000 "_s));
        QVERIFY(text.contains(u"--num-prompts 6000 "_s));
        QVERIFY(text.contains(u"--goodput ttft:1000.0 tpot:60.0 "_s));
    }

    void invalidInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("no kind") << QStringList{u"--plan"_s, u"1"_s} << u"expected k8s or loadtest"_s;
        QTest::addRow("missing plan") << QStringList{u"k8s"_s, u"--scenario"_s, scenarioPath(), u"--output"_s, u"x"_s}
                                      << u"--plan is required"_s;
        QTest::addRow("bad rank") << QStringList{u"k8s"_s,   u"--scenario"_s, scenarioPath(), u"--plan"_s,
                                                 u"first"_s, u"--output"_s,   u"x"_s}
                                  << u"--plan: expected a rank"_s;
        QTest::addRow("rank beyond the plans")
            << QStringList{u"k8s"_s, u"--scenario"_s, scenarioPath(), u"--plan"_s, u"999"_s, u"--output"_s, u"x"_s}
            << u"--plan 999: the scenario has"_s;
        QTest::addRow("unknown option") << QStringList{u"k8s"_s, u"--colour"_s, u"red"_s} << u"unknown argument"_s;
        QTest::addRow("missing scenario file")
            << QStringList{u"k8s"_s,      u"--scenario"_s, u"/nonexistent/x.serveplan"_s, u"--plan"_s, u"1"_s,
                           u"--output"_s, u"x"_s}
            << u"x.serveplan"_s;
    }
    void invalidInput() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(QStringList{u"--db"_s, m_db, u"export"_s} + args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void engineWithoutImageFails() {
        QFile in(scenarioPath());
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray json = in.readAll();
        json.replace("\"engines\": [\"vllm\"]", "\"engines\": [\"hf\"]");
        const QString path = m_dir.filePath(u"hf.serveplan"_s);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(json);
        out.close();
        const Run r = cli({u"--db"_s, m_db, u"export"_s, u"k8s"_s, u"--scenario"_s, path, u"--plan"_s, u"1"_s,
                           u"--output"_s, m_dir.filePath(u"hf"_s)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"engine hf has no official"_s), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_dir.filePath(u"hf/deployment.yaml"_s)));
    }

    void migPlansClaimSlices() {
        // The real planner with MIG allowed on an 8 x A100 80GB instance: whole-GPU and slice rows.
        const QString scenario = serveplan::test::testDataPath(u"deploy/llama8b-p4de-mig.serveplan"_s);
        const Run plan = cli({u"--db"_s, m_db, u"plan"_s, u"--scenario"_s, scenario, u"--format"_s, u"csv"_s});
        QVERIFY2(plan.code == 0, qPrintable(plan.err));
        const QStringList lines = plan.out.split(u'\n', Qt::SkipEmptyParts);
        const QStringList header = lines.value(0).split(u',');
        const auto column = [&](const char* name) { return header.indexOf(QString::fromLatin1(name)); };
        QVERIFY(column("rank") >= 0 && column("status") >= 0 && column("mig_profile") >= 0);
        int slices = 0;
        for (const QString& line : lines.mid(1)) {
            const QStringList cells = line.split(u',');
            if (cells.value(column("status")) != u"ok"_s)
                continue;
            const QString rank = cells.value(column("rank"));
            const QString profile = cells.value(column("mig_profile"));
            const QString out = m_dir.filePath(u"mig-"_s + rank);
            const Run r = cli({u"--db"_s, m_db, u"export"_s, u"k8s"_s, u"--scenario"_s, scenario, u"--plan"_s, rank,
                               u"--output"_s, out});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const YAML::Node dep = load(QDir(out).filePath(u"deployment.yaml"_s));
            const YAML::Node limits = dep["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"];
            QCOMPARE(limits.size(), std::size_t(1));
            const QString expected = profile.isEmpty() ? u"nvidia.com/gpu"_s : u"nvidia.com/mig-"_s + profile;
            QVERIFY2(limits[expected.toStdString()].IsDefined(), qPrintable(rank + u' ' + expected));
            // A slice's node is labelled with its parent GPU.
            QCOMPARE(s(dep["spec"]["template"]["spec"]["nodeSelector"]["nvidia.com/gpu.product"]),
                     u"NVIDIA-A100-SXM4-80GB"_s);
            slices += profile.isEmpty() ? 0 : 1;
        }
        QVERIFY(slices > 0);
    }

    void kubectlReadsTheManifests() {
        const QString kubectl = QStandardPaths::findExecutable(u"kubectl"_s);
        if (kubectl.isEmpty())
            QSKIP("kubectl not installed (Debian: kubernetes-client)");
        // --local decodes every object without a cluster: kind, apiVersion and name must be readable.
        QStringList args{u"label"_s, u"--local"_s, u"-o"_s, u"name"_s};
        for (const QString& f : {u"deployment.yaml"_s, u"service.yaml"_s, u"hpa.yaml"_s, u"pdb.yaml"_s})
            args << u"-f"_s << QDir(m_k8s).filePath(f);
        args << u"serveplan-check=1"_s;
        const Run r = tool(kubectl, args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList names = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(names.size(), 4);
        QVERIFY(names[0].startsWith(u"deployment.apps/"_s));
        QVERIFY(names[1].startsWith(u"service/"_s));
        QVERIFY(names[2].startsWith(u"horizontalpodautoscaler.autoscaling/"_s));
        QVERIFY(names[3].startsWith(u"poddisruptionbudget.policy/"_s));
    }

    void kubectlDryRunApply() {
        const QString kubectl = QStandardPaths::findExecutable(u"kubectl"_s);
        if (kubectl.isEmpty())
            QSKIP("kubectl not installed (Debian: kubernetes-client)");
        // A client dry run still needs the API server's discovery and OpenAPI schemas.
        if (tool(kubectl, {u"version"_s, u"--request-timeout=5s"_s}).code != 0)
            QSKIP("no Kubernetes API server reachable for kubectl apply --dry-run=client");
        const Run r = tool(kubectl, {u"apply"_s, u"--dry-run=client"_s, u"-f"_s, m_k8s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.count(u"(dry run)"_s), 4);
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_k8s;
    QStringList m_listed;
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "TestCliExport.moc"
