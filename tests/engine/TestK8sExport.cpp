// Kubernetes manifests of a plan: they parse back with yaml-cpp, carry the plan's numbers, hold the
// fields the Kubernetes API schemas require, and differ as they must between a full-GPU plan, a
// tensor-parallel plan and a MIG plan. Engine flag values are the engines' documented defaults the
// planner assumes (perf/EngineProfile: vLLM gpu_memory_utilization 0.9 and max_num_seqs 256, SGLang
// mem_fraction_static 0.88, TGI 128 concurrent requests, TensorRT-LLM max_batch_size 2048).
// DP-attention/EP/MTP layouts, multi-node LeaderWorkerSets and disaggregated (prefill/decode) plans
// follow vLLM's docs/serving/expert_parallel_deployment.md and SGLang's
// docs/references/multi_node_deployment/lws_pd/lws_pd_deploy.md (engine/deploy/README.md).
#include "deploy/K8sExport.h"
#include "deploy/ServingLaunch.h"

#include <QRegularExpression>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace serveplan;

namespace {

GpuSpec gpu(const std::string& id, const std::string& vendor, const std::string& name, double memoryGb, int mig) {
    GpuSpec g;
    g.id = id;
    g.vendor = vendor;
    g.name = name;
    g.memoryGb = memoryGb;
    g.migMaxInstances = mig;
    return g;
}

ModelSpec model(const std::string& id, const std::string& repo, double params) {
    ModelSpec m;
    m.id = id;
    m.hfRepo = repo;
    m.paramsB = params;
    m.maxPositionEmbeddings = 131072;
    m.nativeDtype = "bfloat16";
    return m;
}

InstanceSpec instance(const std::string& type, const std::string& gpuId, int vcpus, double memoryGib) {
    InstanceSpec i;
    i.provider = "aws";
    i.instanceType = type;
    i.region = "us-east-1";
    i.gpuId = gpuId;
    i.gpuCount = 8;
    i.vcpus = vcpus;
    i.memoryGib = memoryGib;
    return i;
}

/// A catalog and a hand-made plan result with known numbers: rank 1 a full H100 per replica,
/// rank 2 tensor parallel over four H100s, rank 3 a MIG 3g.40gb slice of an A100, ranks 4..7
/// rows that cannot be exported.
struct Fixture {
    Catalog catalog;
    Scenario scenario;
    PlanResult result;

    Fixture() {
        catalog.gpus = {gpu("h100-sxm", "NVIDIA", "H100 SXM5 80GB", 80, 7),
                        gpu("a100-80gb-sxm", "NVIDIA", "A100 80GB SXM4", 80, 7),
                        gpu("mi300x", "AMD", "Instinct MI300X", 192, 0)};
        catalog.migProfiles = {{"a100-80gb-sxm", "1g.10gb", 7, 10, 0.1429},
                               {"a100-80gb-sxm", "3g.40gb", 2, 40, 0.4286}};
        catalog.models = {model("llama-3.1-8b", "meta-llama/Llama-3.1-8B-Instruct", 8),
                          model("llama-3.1-70b", "meta-llama/Llama-3.1-70B-Instruct", 70),
                          model("deepseek-r1", "deepseek-ai/DeepSeek-R1", 671)};
        catalog.models[2].nativeDtype = "fp8_e4m3 (block 128x128 weights)";
        catalog.models[2].numExperts = 256;
        catalog.instances = {instance("p5.48xlarge", "h100-sxm", 192, 2048),
                             instance("p4de.24xlarge", "a100-80gb-sxm", 96, 1152)};

        scenario.name = "chat-launch";
        scenario.workload.inputTokens = {LengthDistribution::Kind::LogNormal, 1000, 600, 16, 4000};
        scenario.workload.outputTokens = {LengthDistribution::Kind::LogNormal, 300, 200, 1, 1024};
        scenario.qps = 12;
        scenario.slo = {800, 60, 0.95, 0.95};
        scenario.autoscaling.enabled = true;
        scenario.autoscaling.minReplicas = 2;
        scenario.autoscaling.maxReplicas = 10;
        scenario.autoscaling.targetUtilization = 0.7;
        scenario.autoscaling.scaleUpDelayMinutes = 1;
        scenario.autoscaling.scaleDownDelayMinutes = 5;

        const ModelSpec* small = &catalog.models[0];
        const ModelSpec* large = &catalog.models[1];
        const GpuSpec* h100 = &catalog.gpus[0];
        const GpuSpec* a100 = &catalog.gpus[1];
        result.rows = {
            row(1, small, h100, &catalog.instances[0], 1, 8, 4, 3.2, Precision::BF16),
            row(2, large, h100, &catalog.instances[0], 4, 2, 3, 4.5, Precision::FP8),
            row(3, small, a100, &catalog.instances[1], 1, 16, 6, 2.1, Precision::BF16),
            row(4, large, a100, &catalog.instances[1], 1, 8, 0, 0, Precision::BF16),
            row(5, large, h100, &catalog.instances[0], 8, 1, 2, 6.0, Precision::BF16),
            row(6, small, h100, &catalog.instances[0], 1, 8, 4, 1.0, Precision::BF16),
            row(7, small, &catalog.gpus[2], nullptr, 1, 1, 4, 3.0, Precision::BF16),
        };
        result.rows[2].migProfile = "3g.40gb";
        result.rows[3].status = PlanStatus::NoFit;
        result.rows[3].message = Message::text("does not fit: needs 152.3 GB, has 80.0 GB");
        result.rows[4].pp = 2;
        result.rows[4].instancesPerReplica = 2;
        result.rows[5].engine = ServingEngine::Hf;
    }

    static PlanRow row(int rank, const ModelSpec* m, const GpuSpec* g, const InstanceSpec* i, int tp, int perInstance,
                       int replicas, double capacity, Precision precision) {
        PlanRow r;
        r.rank = rank;
        r.model = m;
        r.gpu = g;
        r.instance = i;
        r.gpuCount = 8;
        r.tp = tp;
        r.replicasPerInstance = perInstance;
        r.replicas = replicas;
        r.capacityQpsPerReplica = capacity;
        r.loadQps = 12;
        r.precision = precision;
        r.engine = ServingEngine::Vllm;
        r.ttftMs = {420, 300, 700};
        r.tpotMs = {35, 28, 45};
        return r;
    }
};

using Manifests = std::map<std::string, YAML::Node>;

Manifests exportAndParse(const Fixture& f, int rank, ExportOptions options = {}) {
    options.rank = rank;
    auto files = exportKubernetes(f.result, f.scenario, f.catalog, options);
    if (!files) {
        qWarning("%s", files.error().c_str());
        return {};
    }
    Manifests m;
    for (const GeneratedFile& file : *files)
        m[file.path] = YAML::Load(file.contents);
    return m;
}

std::vector<std::string> strings(const YAML::Node& sequence) {
    std::vector<std::string> out;
    for (const YAML::Node& item : sequence)
        out.push_back(item.as<std::string>());
    return out;
}

/// The value after a flag in an argument list, or "" when the flag is absent.
std::string flagValue(const std::vector<std::string>& args, const std::string& flag) {
    const auto it = std::find(args.begin(), args.end(), flag);
    return it == args.end() || it + 1 == args.end() ? std::string() : *(it + 1);
}

YAML::Node container(const Manifests& m) {
    return m.at("deployment.yaml")["spec"]["template"]["spec"]["containers"][0];
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

/// The fields the Kubernetes OpenAPI schemas mark required (plus the consistency the API server
/// enforces: a Deployment's selector must match its template's labels).
void checkSchemaRequired(const Manifests& m) {
    const QRegularExpression dns1035(QStringLiteral("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"));
    for (const auto& [path, doc] : m) {
        QVERIFY2(doc["apiVersion"].IsScalar(), path.c_str());
        QVERIFY2(doc["kind"].IsScalar(), path.c_str());
        QVERIFY2(dns1035.match(q(doc["metadata"]["name"].as<std::string>())).hasMatch(), path.c_str());
    }
    const YAML::Node dep = m.at("deployment.yaml");
    QCOMPARE(q(dep["apiVersion"].as<std::string>()), QStringLiteral("apps/v1"));
    QCOMPARE(q(dep["kind"].as<std::string>()), QStringLiteral("Deployment"));
    const YAML::Node matchLabels = dep["spec"]["selector"]["matchLabels"];
    QVERIFY(matchLabels.IsMap() && matchLabels.size() > 0);
    const YAML::Node templateLabels = dep["spec"]["template"]["metadata"]["labels"];
    for (const auto& label : matchLabels)
        QCOMPARE(q(templateLabels[label.first.as<std::string>()].as<std::string>()), q(label.second.as<std::string>()));
    const YAML::Node containers = dep["spec"]["template"]["spec"]["containers"];
    QVERIFY(containers.IsSequence() && containers.size() == 1);
    QVERIFY(!containers[0]["name"].as<std::string>().empty());
    QVERIFY(!containers[0]["image"].as<std::string>().empty());

    const YAML::Node svc = m.at("service.yaml");
    QCOMPARE(q(svc["apiVersion"].as<std::string>()), QStringLiteral("v1"));
    QCOMPARE(q(svc["kind"].as<std::string>()), QStringLiteral("Service"));
    QVERIFY(svc["spec"]["ports"].IsSequence() && svc["spec"]["ports"].size() == 1);
    QCOMPARE(svc["spec"]["ports"][0]["port"].as<int>(), 8000);
    for (const auto& label : matchLabels)
        QCOMPARE(q(svc["spec"]["selector"][label.first.as<std::string>()].as<std::string>()),
                 q(label.second.as<std::string>()));

    const YAML::Node hpa = m.at("hpa.yaml");
    QCOMPARE(q(hpa["apiVersion"].as<std::string>()), QStringLiteral("autoscaling/v2"));
    QCOMPARE(q(hpa["kind"].as<std::string>()), QStringLiteral("HorizontalPodAutoscaler"));
    const YAML::Node ref = hpa["spec"]["scaleTargetRef"];
    QCOMPARE(q(ref["apiVersion"].as<std::string>()), QStringLiteral("apps/v1"));
    QCOMPARE(q(ref["kind"].as<std::string>()), QStringLiteral("Deployment"));
    QCOMPARE(q(ref["name"].as<std::string>()), q(dep["metadata"]["name"].as<std::string>()));
    QVERIFY(hpa["spec"]["maxReplicas"].as<int>() >= hpa["spec"]["minReplicas"].as<int>());
    QVERIFY(hpa["spec"]["minReplicas"].as<int>() >= 1);

    const YAML::Node pdb = m.at("pdb.yaml");
    QCOMPARE(q(pdb["apiVersion"].as<std::string>()), QStringLiteral("policy/v1"));
    QCOMPARE(q(pdb["kind"].as<std::string>()), QStringLiteral("PodDisruptionBudget"));
    QVERIFY(pdb["spec"]["selector"]["matchLabels"].IsMap());
    QVERIFY(pdb["spec"]["maxUnavailable"].IsDefined() != pdb["spec"]["minAvailable"].IsDefined());
}

/// A DeepSeek-R1-like MoE plan on 8-GPU H100 instances: DP-attention + EP over `gpus` GPUs
/// (`gpus` / 8 instances per replica), with MTP when `mtp` > 0.
PlanRow expertRow(const Fixture& f, ServingEngine engine, int gpus, int mtp) {
    PlanRow r = Fixture::row(1, &f.catalog.models[2], &f.catalog.gpus[0], &f.catalog.instances[0], 1, 1, 3, 9.5,
                             Precision::FP8);
    r.engine = engine;
    r.attentionDp = gpus;
    r.ep = gpus;
    r.mtpDraftTokens = mtp;
    r.mtpAcceptanceRate = mtp > 0 ? 0.85 : 0;
    r.instancesPerReplica = gpus / 8;
    return r;
}

/// Every YAML document of every generated file.
std::map<std::string, std::vector<YAML::Node>> exportAll(const Fixture& f, ExportOptions options = {}) {
    options.rank = 1;
    auto files = exportKubernetes(f.result, f.scenario, f.catalog, options);
    std::map<std::string, std::vector<YAML::Node>> out;
    if (!files) {
        qWarning("%s", files.error().c_str());
        return out;
    }
    for (const GeneratedFile& file : *files)
        out[file.path] = YAML::LoadAll(file.contents);
    return out;
}

/// A LeaderWorkerSet's required fields (leaderworkerset.x-k8s.io/v1 CRD: spec.leaderWorkerTemplate.
/// workerTemplate; size ≥ 1) and the group's pods' GPUs.
void checkLeaderWorkerSet(const YAML::Node& lws, int size, int replicas, int gpusPerPod) {
    QCOMPARE(q(lws["apiVersion"].as<std::string>()), QStringLiteral("leaderworkerset.x-k8s.io/v1"));
    QCOMPARE(q(lws["kind"].as<std::string>()), QStringLiteral("LeaderWorkerSet"));
    QCOMPARE(lws["spec"]["replicas"].as<int>(), replicas);
    const YAML::Node t = lws["spec"]["leaderWorkerTemplate"];
    QCOMPARE(t["size"].as<int>(), size);
    QCOMPARE(q(t["restartPolicy"].as<std::string>()), QStringLiteral("RecreateGroupOnPodRestart"));
    QVERIFY(t["workerTemplate"]["spec"]["containers"].IsSequence());
    QCOMPARE(size > 1, t["leaderTemplate"].IsDefined());
    for (const char* pod : {"leaderTemplate", "workerTemplate"}) {
        if (!t[pod].IsDefined())
            continue;
        const YAML::Node c = t[pod]["spec"]["containers"][0];
        QCOMPARE(c["resources"]["limits"]["nvidia.com/gpu"].as<std::string>(), std::to_string(gpusPerPod));
        QVERIFY(!c["image"].as<std::string>().empty());
    }
}

} // namespace

class TestK8sExport final : public QObject {
    Q_OBJECT
private slots:
    void singleNodeExpertParallelFlags_data() {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QStringList>("expected"); // flag, value ("" = a switch)
        // vLLM docs/serving/expert_parallel_deployment.md: TP 1, DP 8, --enable-expert-parallel.
        QTest::addRow("vllm") << int(ServingEngine::Vllm)
                              << QStringList{QStringLiteral("--tensor-parallel-size"),
                                             QStringLiteral("1"),
                                             QStringLiteral("--data-parallel-size"),
                                             QStringLiteral("8"),
                                             QStringLiteral("--enable-expert-parallel"),
                                             QStringLiteral(""),
                                             QStringLiteral("--speculative-config"),
                                             QStringLiteral(R"({"method":"deepseek_mtp","num_speculative_tokens":1})")};
        // SGLang: --tp-size is every GPU under DP-attention; MTP as EAGLE with 1 step, top-k 1, 2 draft tokens.
        QTest::addRow("sglang") << int(ServingEngine::Sglang)
                                << QStringList{QStringLiteral("--tp-size"),
                                               QStringLiteral("8"),
                                               QStringLiteral("--enable-dp-attention"),
                                               QStringLiteral(""),
                                               QStringLiteral("--dp-size"),
                                               QStringLiteral("8"),
                                               QStringLiteral("--ep-size"),
                                               QStringLiteral("8"),
                                               QStringLiteral("--speculative-algorithm"),
                                               QStringLiteral("EAGLE"),
                                               QStringLiteral("--speculative-num-steps"),
                                               QStringLiteral("1"),
                                               QStringLiteral("--speculative-eagle-topk"),
                                               QStringLiteral("1"),
                                               QStringLiteral("--speculative-num-draft-tokens"),
                                               QStringLiteral("2")};
    }
    void singleNodeExpertParallelFlags() {
        QFETCH(int, engine);
        QFETCH(QStringList, expected);
        Fixture f;
        f.result.rows = {expertRow(f, static_cast<ServingEngine>(engine), 8, 1)};
        const Manifests m = exportAndParse(f, 1);
        QVERIFY(m.count("deployment.yaml"));
        checkSchemaRequired(m);
        const std::vector<std::string> args = strings(container(m)["args"]);
        for (qsizetype i = 0; i < expected.size(); i += 2) {
            const std::string flag = expected[i].toStdString();
            QVERIFY2(std::find(args.begin(), args.end(), flag) != args.end(), flag.c_str());
            if (!expected[i + 1].isEmpty())
                QCOMPARE(q(flagValue(args, flag)), expected[i + 1]);
        }
        QCOMPARE(container(m)["resources"]["limits"]["nvidia.com/gpu"].as<std::string>(), std::string("8"));
        QCOMPARE(q(m.at("deployment.yaml")["metadata"]["annotations"]["serveplan/layout"].as<std::string>()),
                 QStringLiteral("DP8·EP8 MTP 1"));
    }

    void multiNodeSglangIsALeaderWorkerSet() {
        // DP16·EP16 over two 8-GPU instances: one group of 2 pods per replica, 3 replicas.
        Fixture f;
        f.scenario.autoscaling.enabled = false;
        f.result.rows = {expertRow(f, ServingEngine::Sglang, 16, 0)};
        const auto files = exportAll(f);
        QCOMPARE(files.size(), std::size_t(3));
        const YAML::Node lws = files.at("leaderworkerset.yaml").at(0);
        checkLeaderWorkerSet(lws, 2, 3, 8);
        const YAML::Node t = lws["spec"]["leaderWorkerTemplate"];
        const std::vector<std::string> leader = strings(t["leaderTemplate"]["spec"]["containers"][0]["args"]);
        QCOMPARE(flagValue(leader, "--tp-size"), std::string("16"));
        QCOMPARE(flagValue(leader, "--dp-size"), std::string("16"));
        QCOMPARE(flagValue(leader, "--ep-size"), std::string("16"));
        QCOMPARE(flagValue(leader, "--dist-init-addr"), std::string("$(LWS_LEADER_ADDRESS):20000"));
        QCOMPARE(flagValue(leader, "--nnodes"), std::string("$(LWS_GROUP_SIZE)"));
        QCOMPARE(flagValue(leader, "--node-rank"), std::string("$(LWS_WORKER_INDEX)"));
        QCOMPARE(flagValue(leader, "--quantization"), std::string()); // R1's checkpoint is FP8 already
        const YAML::Node worker = t["workerTemplate"]["spec"]["containers"][0];
        QCOMPARE(strings(worker["args"]), leader); // every SGLang node runs the same server with its rank
        QVERIFY(!worker["ports"].IsDefined());     // workers serve no HTTP: no ports, no probes
        QVERIFY(!worker["readinessProbe"].IsDefined());
        bool workerIndex = false;
        for (const YAML::Node& env : worker["env"])
            workerIndex |= env["name"].as<std::string>() == "LWS_WORKER_INDEX" &&
                           env["valueFrom"]["fieldRef"]["fieldPath"].as<std::string>() ==
                               "metadata.labels['leaderworkerset.sigs.k8s.io/worker-index']";
        QVERIFY(workerIndex);
        // The Service reaches the group leaders only; the HPA scales the LeaderWorkerSet.
        const YAML::Node svc = files.at("service.yaml").at(0);
        QCOMPARE(q(svc["spec"]["selector"]["role"].as<std::string>()), QStringLiteral("leader"));
        QCOMPARE(svc["spec"]["selector"]["leaderworkerset.sigs.k8s.io/name"].as<std::string>(),
                 lws["metadata"]["name"].as<std::string>());
        const YAML::Node ref = files.at("hpa.yaml").at(0)["spec"]["scaleTargetRef"];
        QCOMPARE(q(ref["kind"].as<std::string>()), QStringLiteral("LeaderWorkerSet"));
        QCOMPARE(q(ref["apiVersion"].as<std::string>()), QStringLiteral("leaderworkerset.x-k8s.io/v1"));
    }

    void multiNodeVllmRunsHeadlessWorkers() {
        Fixture f;
        f.result.rows = {expertRow(f, ServingEngine::Vllm, 16, 0)};
        const auto files = exportAll(f);
        const YAML::Node lws = files.at("leaderworkerset.yaml").at(0);
        checkLeaderWorkerSet(lws, 2, 2, 8); // autoscaling on: the policy's 2 replicas to start
        const YAML::Node t = lws["spec"]["leaderWorkerTemplate"];
        const std::vector<std::string> leader = strings(t["leaderTemplate"]["spec"]["containers"][0]["args"]);
        QCOMPARE(flagValue(leader, "--data-parallel-size"), std::string("16"));
        QCOMPARE(flagValue(leader, "--data-parallel-size-local"), std::string("8"));
        QCOMPARE(flagValue(leader, "--data-parallel-address"), std::string("$(LWS_LEADER_ADDRESS)"));
        QVERIFY(std::find(leader.begin(), leader.end(), "--enable-expert-parallel") != leader.end());
        const YAML::Node worker = t["workerTemplate"]["spec"]["containers"][0];
        QCOMPARE(strings(worker["command"]), (std::vector<std::string>{"/bin/sh", "-c"}));
        const QString script = q(worker["args"][0].as<std::string>());
        QVERIFY2(script.startsWith(QStringLiteral("exec 'vllm' 'serve' 'deepseek-ai/DeepSeek-R1'")),
                 qPrintable(script));
        QVERIFY(script.contains(QStringLiteral("--data-parallel-start-rank $((LWS_WORKER_INDEX * 8))")));
        QVERIFY(script.endsWith(QStringLiteral("--headless")));
    }

    void disaggregatedPlanIsTwoPoolsAndARouter() {
        Fixture f;
        PlanRow r = expertRow(f, ServingEngine::Sglang, 8, 1);
        r.instancesPerReplica = 1;
        auto pools = std::make_shared<DisaggregatedPlan>();
        pools->prefill.tp = 1;
        pools->prefill.attentionDp = pools->prefill.ep = 16;
        pools->prefill.instancesPerReplica = 2;
        pools->prefill.replicas = 2;
        pools->decode.tp = 1;
        pools->decode.attentionDp = pools->decode.ep = 8;
        pools->decode.mtpDraftTokens = 1;
        pools->decode.replicas = 3;
        r.disaggregated = pools;
        r.replicas = 5;
        f.result.rows = {r};
        ExportOptions options;
        options.kvTransferBackend = "nixl";
        options.name = "r1-pd";
        const auto files = exportAll(f, options);
        QCOMPARE(files.size(), std::size_t(3));
        const YAML::Node prefill = files.at("prefill-leaderworkerset.yaml").at(0);
        const YAML::Node decode = files.at("decode-leaderworkerset.yaml").at(0);
        checkLeaderWorkerSet(prefill, 2, 2, 8);
        checkLeaderWorkerSet(decode, 1, 3, 8);
        QCOMPARE(q(prefill["metadata"]["name"].as<std::string>()), QStringLiteral("r1-pd-prefill"));
        const std::vector<std::string> p =
            strings(prefill["spec"]["leaderWorkerTemplate"]["leaderTemplate"]["spec"]["containers"][0]["args"]);
        QCOMPARE(flagValue(p, "--disaggregation-mode"), std::string("prefill"));
        QCOMPARE(flagValue(p, "--disaggregation-transfer-backend"), std::string("nixl"));
        QCOMPARE(flagValue(p, "--dp-size"), std::string("16"));
        QCOMPARE(flagValue(p, "--speculative-algorithm"), std::string()); // MTP drafts on the decode side
        const std::vector<std::string> d =
            strings(decode["spec"]["leaderWorkerTemplate"]["workerTemplate"]["spec"]["containers"][0]["args"]);
        QCOMPARE(flagValue(d, "--disaggregation-mode"), std::string("decode"));
        QCOMPARE(flagValue(d, "--dp-size"), std::string("8"));
        QCOMPARE(flagValue(d, "--speculative-algorithm"), std::string("EAGLE"));
        QCOMPARE(flagValue(d, "--node-rank"), std::string()); // one pod per decode replica
        // The router: a Deployment and a Service, every pool replica listed by its leader's name.
        const std::vector<YAML::Node>& router = files.at("router.yaml");
        QCOMPARE(router.size(), std::size_t(2));
        QCOMPARE(q(router[0]["kind"].as<std::string>()), QStringLiteral("Deployment"));
        QCOMPARE(q(router[1]["kind"].as<std::string>()), QStringLiteral("Service"));
        QCOMPARE(q(router[1]["metadata"]["name"].as<std::string>()), QStringLiteral("r1-pd"));
        const YAML::Node rc = router[0]["spec"]["template"]["spec"]["containers"][0];
        QCOMPARE(strings(rc["command"]), (std::vector<std::string>{"python3", "-m", "sglang_router.launch_router"}));
        const std::vector<std::string> ra = strings(rc["args"]);
        QCOMPARE(std::count(ra.begin(), ra.end(), std::string("--prefill")), 2);
        QCOMPARE(std::count(ra.begin(), ra.end(), std::string("--decode")), 3);
        QVERIFY(std::find(ra.begin(), ra.end(), "http://r1-pd-prefill-1.r1-pd-prefill:8000") != ra.end());
        QVERIFY(std::find(ra.begin(), ra.end(), "http://r1-pd-decode-2.r1-pd-decode:8000") != ra.end());
        QVERIFY(std::find(ra.begin(), ra.end(), "--pd-disaggregation") != ra.end());
        QVERIFY(!rc["resources"].IsDefined()); // the router needs no GPU
        // The plan's clients (and the load test) talk to the router.
        options.rank = 1;
        const auto launch = resolveLaunch(f.result.rows[0], f.scenario, f.catalog, options);
        QVERIFY(launch.ok());
        QCOMPARE(q(launch->name), QStringLiteral("r1-pd"));
        QCOMPARE(launch->port, 8000);
        // Only SGLang has the PD router here.
        f.result.rows[0].engine = ServingEngine::Vllm;
        const auto refused = exportKubernetes(f.result, f.scenario, f.catalog, options);
        QVERIFY(!refused.ok());
        QVERIFY2(q(refused.error()).contains(QStringLiteral("sglang")), refused.error().c_str());
    }

    void fourManifestsWithRequiredFields_data() {
        QTest::addColumn<int>("rank");
        QTest::addRow("full gpu") << 1;
        QTest::addRow("tensor parallel") << 2;
        QTest::addRow("mig slice") << 3;
    }
    void fourManifestsWithRequiredFields() {
        QFETCH(int, rank);
        const Fixture f;
        const Manifests m = exportAndParse(f, rank);
        QCOMPARE(m.size(), std::size_t(4));
        checkSchemaRequired(m);
    }

    void fullGpuPlanCarriesThePlansNumbers() {
        const Fixture f;
        const Manifests m = exportAndParse(f, 1);
        QCOMPARE(m.size(), std::size_t(4));
        const YAML::Node dep = m.at("deployment.yaml");
        QCOMPARE(q(dep["metadata"]["name"].as<std::string>()), QStringLiteral("llama-3-1-8b-vllm-h100-sxm"));
        QCOMPARE(dep["spec"]["replicas"].as<int>(), 2); // autoscaling on: starts at the policy's minimum
        const YAML::Node c = container(m);
        QVERIFY(c["image"].as<std::string>().rfind("vllm/vllm-openai:", 0) == 0);
        QCOMPARE(strings(c["command"]), (std::vector<std::string>{"vllm", "serve"}));
        const auto args = strings(c["args"]);
        QCOMPARE(q(args.front()), QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"));
        QCOMPARE(q(flagValue(args, "--tensor-parallel-size")), QStringLiteral("1"));
        QCOMPARE(q(flagValue(args, "--max-num-seqs")), QStringLiteral("256"));
        QCOMPARE(q(flagValue(args, "--max-num-batched-tokens")), QStringLiteral("2048"));
        // The workload's upper bounds: prompt max 4000 + output max 1024.
        QCOMPARE(q(flagValue(args, "--max-model-len")), QStringLiteral("5024"));
        QCOMPARE(q(flagValue(args, "--gpu-memory-utilization")), QStringLiteral("0.9"));
        QCOMPARE(q(flagValue(args, "--dtype")), QStringLiteral("bfloat16"));
        QCOMPARE(q(flagValue(args, "--port")), QStringLiteral("8000"));
        QVERIFY(!c["args"].IsNull() && std::find(args.begin(), args.end(), "--quantization") == args.end());

        const YAML::Node resources = c["resources"];
        QCOMPARE(q(resources["limits"]["nvidia.com/gpu"].as<std::string>()), QStringLiteral("1"));
        QCOMPARE(q(resources["requests"]["nvidia.com/gpu"].as<std::string>()), QStringLiteral("1"));
        // p5.48xlarge: 192 vCPUs and 2048 GiB shared by 8 replicas, four fifths of it requested.
        QCOMPARE(q(resources["requests"]["cpu"].as<std::string>()), QStringLiteral("19"));
        QCOMPARE(q(resources["requests"]["memory"].as<std::string>()), QStringLiteral("204Gi"));

        const YAML::Node pod = dep["spec"]["template"]["spec"];
        QCOMPARE(q(pod["nodeSelector"]["nvidia.com/gpu.product"].as<std::string>()),
                 QStringLiteral("NVIDIA-H100-80GB-HBM3"));
        for (const char* probe : {"readinessProbe", "livenessProbe", "startupProbe"}) {
            QCOMPARE(q(c[probe]["httpGet"]["path"].as<std::string>()), QStringLiteral("/health"));
            QCOMPARE(q(c[probe]["httpGet"]["port"].as<std::string>()), QStringLiteral("http"));
        }
        QCOMPARE(q(pod["volumes"][0]["emptyDir"]["medium"].as<std::string>()), QStringLiteral("Memory"));
        QCOMPARE(q(c["volumeMounts"][0]["mountPath"].as<std::string>()), QStringLiteral("/dev/shm"));
        QCOMPARE(q(dep["metadata"]["annotations"]["serveplan/capacity-qps-per-replica"].as<std::string>()),
                 QStringLiteral("3.200"));

        const YAML::Node hpa = m.at("hpa.yaml")["spec"];
        QCOMPARE(hpa["minReplicas"].as<int>(), 2);
        QCOMPARE(hpa["maxReplicas"].as<int>(), 10);
        // 3.2 req/s per replica × target utilisation 0.7 = 2.24 req/s per pod.
        QCOMPARE(q(hpa["metrics"][0]["pods"]["target"]["averageValue"].as<std::string>()), QStringLiteral("2240m"));
        QCOMPARE(q(hpa["metrics"][0]["pods"]["metric"]["name"].as<std::string>()),
                 QStringLiteral("http_requests_per_second"));
        QCOMPARE(hpa["behavior"]["scaleUp"]["stabilizationWindowSeconds"].as<int>(), 60);
        QCOMPARE(hpa["behavior"]["scaleDown"]["stabilizationWindowSeconds"].as<int>(), 300);
    }

    void argsAndLabelValuesStayStrings() {
        // "8000" or "0.9" unquoted would reach the API server as numbers and be refused for args.
        const Fixture f;
        const Manifests m = exportAndParse(f, 1);
        QVERIFY(!m.empty());
        const YAML::Node c = container(m);
        for (const YAML::Node& arg : c["args"])
            QCOMPARE(q(arg.Tag()), QStringLiteral("!")); // yaml-cpp tags quoted scalars "!"
        for (const auto& annotation : m.at("deployment.yaml")["metadata"]["annotations"])
            QCOMPARE(q(annotation.second.Tag()), QStringLiteral("!"));
    }

    void tensorParallelPlanClaimsItsGpus() {
        const Fixture f;
        const Manifests m = exportAndParse(f, 2);
        QVERIFY(!m.empty());
        const YAML::Node c = container(m);
        const auto args = strings(c["args"]);
        QCOMPARE(q(args.front()), QStringLiteral("meta-llama/Llama-3.1-70B-Instruct"));
        QCOMPARE(q(flagValue(args, "--tensor-parallel-size")), QStringLiteral("4"));
        QCOMPARE(q(flagValue(args, "--quantization")), QStringLiteral("fp8"));
        QCOMPARE(q(c["resources"]["limits"]["nvidia.com/gpu"].as<std::string>()), QStringLiteral("4"));
        QCOMPARE(q(c["resources"]["requests"]["cpu"].as<std::string>()), QStringLiteral("76"));
        QCOMPARE(q(c["resources"]["requests"]["memory"].as<std::string>()), QStringLiteral("819Gi"));
        // 4.5 × 0.7 = 3.15 req/s per pod.
        QCOMPARE(q(m.at("hpa.yaml")["spec"]["metrics"][0]["pods"]["target"]["averageValue"].as<std::string>()),
                 QStringLiteral("3150m"));
    }

    void migPlanClaimsOneSlice() {
        const Fixture f;
        const Manifests m = exportAndParse(f, 3);
        QVERIFY(!m.empty());
        const YAML::Node c = container(m);
        QCOMPARE(q(c["resources"]["limits"]["nvidia.com/mig-3g.40gb"].as<std::string>()), QStringLiteral("1"));
        QCOMPARE(q(c["resources"]["requests"]["nvidia.com/mig-3g.40gb"].as<std::string>()), QStringLiteral("1"));
        QVERIFY(!c["resources"]["limits"]["nvidia.com/gpu"].IsDefined());
        // The node carries the parent GPU's product (the device plugin's mixed MIG strategy).
        QCOMPARE(q(m.at("deployment.yaml")["spec"]["template"]["spec"]["nodeSelector"]["nvidia.com/gpu.product"]
                       .as<std::string>()),
                 QStringLiteral("NVIDIA-A100-SXM4-80GB"));
        QCOMPARE(q(m.at("deployment.yaml")["metadata"]["name"].as<std::string>()),
                 QStringLiteral("llama-3-1-8b-vllm-3g-40gb"));
        QCOMPARE(q(flagValue(strings(c["args"]), "--tensor-parallel-size")), QStringLiteral("1"));
    }

    void threePlansDiffer() {
        const Fixture f;
        const Manifests full = exportAndParse(f, 1);
        const Manifests tp = exportAndParse(f, 2);
        const Manifests mig = exportAndParse(f, 3);
        QVERIFY(!full.empty() && !tp.empty() && !mig.empty());
        auto gpuResources = [](const Manifests& m) {
            std::vector<std::string> keys;
            for (const auto& r : container(m)["resources"]["limits"])
                keys.push_back(r.first.as<std::string>() + "=" + r.second.as<std::string>());
            return keys;
        };
        QCOMPARE(gpuResources(full), (std::vector<std::string>{"nvidia.com/gpu=1"}));
        QCOMPARE(gpuResources(tp), (std::vector<std::string>{"nvidia.com/gpu=4"}));
        QCOMPARE(gpuResources(mig), (std::vector<std::string>{"nvidia.com/mig-3g.40gb=1"}));
        auto names = [](const Manifests& m) { return m.at("service.yaml")["metadata"]["name"].as<std::string>(); };
        QVERIFY(names(full) != names(tp) && names(tp) != names(mig) && names(full) != names(mig));
    }

    void autoscalingOffGivesAFixedFleet() {
        Fixture f;
        f.scenario.autoscaling.enabled = false;
        const Manifests m = exportAndParse(f, 1);
        QVERIFY(!m.empty());
        QCOMPARE(m.at("deployment.yaml")["spec"]["replicas"].as<int>(), 4);
        QCOMPARE(m.at("hpa.yaml")["spec"]["minReplicas"].as<int>(), 4);
        QCOMPARE(m.at("hpa.yaml")["spec"]["maxReplicas"].as<int>(), 4);
    }

    void maxReplicasFallsBackToTheInstanceCap() {
        Fixture f;
        f.scenario.autoscaling.maxReplicas = 0;
        f.scenario.maxInstances = 3; // 3 instances × 8 replicas each
        const Manifests m = exportAndParse(f, 1);
        QVERIFY(!m.empty());
        QCOMPARE(m.at("hpa.yaml")["spec"]["maxReplicas"].as<int>(), 24);
    }

    void enginesGetTheirImagesAndFlags_data() {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("imagePrefix");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("tpFlag");
        QTest::addColumn<QString>("batchFlag");
        QTest::addColumn<QString>("batch");
        QTest::addColumn<QString>("memoryFlag");
        QTest::addColumn<QString>("memory");
        QTest::addRow("vllm") << int(ServingEngine::Vllm) << "vllm/vllm-openai:"
                              << "vllm"
                              << "--tensor-parallel-size"
                              << "--max-num-seqs"
                              << "256"
                              << "--gpu-memory-utilization"
                              << "0.9";
        QTest::addRow("sglang") << int(ServingEngine::Sglang) << "lmsysorg/sglang:"
                                << "python3"
                                << "--tp-size"
                                << "--max-running-requests"
                                << "1024"
                                << "--mem-fraction-static"
                                << "0.88";
        QTest::addRow("tgi") << int(ServingEngine::Tgi) << "ghcr.io/huggingface/text-generation-inference:"
                             << "text-generation-launcher"
                             << "--num-shard"
                             << "--max-concurrent-requests"
                             << "128"
                             << "--cuda-memory-fraction"
                             << "0.95";
        QTest::addRow("trtllm") << int(ServingEngine::Trtllm) << "nvcr.io/nvidia/tensorrt-llm/release:"
                                << "trtllm-serve"
                                << "--tp_size"
                                << "--max_batch_size"
                                << "2048"
                                << "--kv_cache_free_gpu_memory_fraction"
                                << "0.9";
    }
    void enginesGetTheirImagesAndFlags() {
        QFETCH(int, engine);
        QFETCH(QString, imagePrefix);
        QFETCH(QString, program);
        QFETCH(QString, tpFlag);
        QFETCH(QString, batchFlag);
        QFETCH(QString, batch);
        QFETCH(QString, memoryFlag);
        QFETCH(QString, memory);
        Fixture f;
        f.result.rows[1].engine = static_cast<ServingEngine>(engine);
        f.result.rows[1].precision = Precision::BF16;
        const Manifests m = exportAndParse(f, 2);
        QVERIFY(!m.empty());
        checkSchemaRequired(m);
        const YAML::Node c = container(m);
        QVERIFY(q(c["image"].as<std::string>()).startsWith(imagePrefix));
        QCOMPARE(q(c["command"][0].as<std::string>()), program);
        const auto args = strings(c["args"]);
        QCOMPARE(q(flagValue(args, tpFlag.toStdString())), QStringLiteral("4"));
        QCOMPARE(q(flagValue(args, batchFlag.toStdString())), batch);
        QCOMPARE(q(flagValue(args, memoryFlag.toStdString())), memory);
        QVERIFY(std::find(args.begin(), args.end(), "meta-llama/Llama-3.1-70B-Instruct") != args.end());
    }

    void precisionFlags_data() {
        QTest::addColumn<int>("engine");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("value");
        QTest::addRow("vllm fp16") << int(ServingEngine::Vllm) << int(Precision::FP16) << "--dtype"
                                   << "float16";
        QTest::addRow("vllm int4 in-flight") << int(ServingEngine::Vllm) << int(Precision::INT4) << "--quantization"
                                             << "bitsandbytes";
        QTest::addRow("sglang fp8") << int(ServingEngine::Sglang) << int(Precision::FP8) << "--quantization"
                                    << "fp8";
        QTest::addRow("tgi int8 eetq") << int(ServingEngine::Tgi) << int(Precision::INT8) << "--quantize"
                                       << "eetq";
        QTest::addRow("tgi int4 nf4") << int(ServingEngine::Tgi) << int(Precision::INT4) << "--quantize"
                                      << "bitsandbytes-nf4";
    }
    void precisionFlags() {
        QFETCH(int, engine);
        QFETCH(int, precision);
        QFETCH(QString, flag);
        QFETCH(QString, value);
        Fixture f;
        f.result.rows[0].engine = static_cast<ServingEngine>(engine);
        f.result.rows[0].precision = static_cast<Precision>(precision);
        const Manifests m = exportAndParse(f, 1);
        QVERIFY(!m.empty());
        QCOMPARE(q(flagValue(strings(container(m)["args"]), flag.toStdString())), value);
    }

    void fp8KvCacheFlag() {
        Fixture f;
        f.scenario.kvCachePrecision = Precision::FP8;
        const Manifests m = exportAndParse(f, 1);
        QVERIFY(!m.empty());
        QCOMPARE(q(flagValue(strings(container(m)["args"]), "--kv-cache-dtype")), QStringLiteral("fp8"));
    }

    void preQuantizedCheckpointIsServedAsIs() {
        Fixture f;
        f.result.rows[0].precision = Precision::INT8;
        ExportOptions options;
        options.servedModel = "neuralmagic/Meta-Llama-3.1-8B-Instruct-quantized.w8a8";
        const Manifests m = exportAndParse(f, 1, options);
        QVERIFY(!m.empty());
        const auto args = strings(container(m)["args"]);
        QCOMPARE(q(args.front()), q(options.servedModel));
        QVERIFY(std::find(args.begin(), args.end(), "--quantization") == args.end());
        QVERIFY(std::find(args.begin(), args.end(), "--dtype") == args.end());
    }

    void optionsNameNamespaceAndImage() {
        const Fixture f;
        ExportOptions options;
        options.name = "My Llama.Service";
        options.k8sNamespace = "inference";
        options.image = "registry.local/vllm:pinned";
        const Manifests m = exportAndParse(f, 1, options);
        QCOMPARE(m.size(), std::size_t(4));
        for (const auto& [path, doc] : m) {
            QCOMPARE(q(doc["metadata"]["name"].as<std::string>()), QStringLiteral("my-llama-service"));
            QCOMPARE(q(doc["metadata"]["namespace"].as<std::string>()), QStringLiteral("inference"));
        }
        QCOMPARE(q(container(m)["image"].as<std::string>()), QStringLiteral("registry.local/vllm:pinned"));
    }

    void refusals_data() {
        QTest::addColumn<int>("rank");
        QTest::addColumn<int>("precision"); // -1 = the row's own
        QTest::addColumn<QString>("expected");
        QTest::addRow("unknown rank") << 99 << -1 << "plan 99: no such rank";
        QTest::addRow("does not fit") << 4 << -1 << "plan 4: not deployable (does not fit";
        QTest::addRow("multi-node replica") << 5 << -1 << "LeaderWorkerSet";
        QTest::addRow("engine without image") << 6 << -1 << "engine hf has no official";
        QTest::addRow("amd gpu") << 7 << -1 << "not an NVIDIA GPU";
        QTest::addRow("int8 on vllm needs a checkpoint") << 1 << int(Precision::INT8) << "--served-model";
    }
    void refusals() {
        QFETCH(int, rank);
        QFETCH(int, precision);
        QFETCH(QString, expected);
        Fixture f;
        if (precision >= 0)
            f.result.rows[rank - 1].precision = static_cast<Precision>(precision);
        ExportOptions options;
        options.rank = rank;
        const auto files = exportKubernetes(f.result, f.scenario, f.catalog, options);
        QVERIFY(!files.ok());
        QVERIFY2(q(files.error()).contains(expected), files.error().c_str());
    }

    void productLabels_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("label");
        // GPU Feature Discovery: the CUDA device name with spaces as dashes.
        QTest::addRow("t4") << "t4"
                            << "Tesla T4"
                            << "Tesla-T4";
        QTest::addRow("l4") << "l4"
                            << "L4"
                            << "NVIDIA-L4";
        QTest::addRow("h100 sxm") << "h100-sxm"
                                  << "H100 SXM5 80GB"
                                  << "NVIDIA-H100-80GB-HBM3";
        QTest::addRow("unknown: derived from the name") << "x"
                                                        << "Foo 9000 (48GB)"
                                                        << "NVIDIA-Foo-9000-48GB";
    }
    void productLabels() {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QFETCH(QString, label);
        GpuSpec g;
        g.id = id.toStdString();
        g.vendor = "NVIDIA";
        g.name = name.toStdString();
        QCOMPARE(q(gpuProductLabel(g)), label);
    }

    void dnsLabels() {
        QCOMPARE(q(dnsLabel("Llama-3.1-8B vLLM")), QStringLiteral("llama-3-1-8b-vllm"));
        QCOMPARE(q(dnsLabel("7b-model")), QStringLiteral("sp-7b-model"));
        QCOMPARE(dnsLabel(std::string(100, 'a')).size(), std::size_t(63));
    }
};

QTEST_APPLESS_MAIN(TestK8sExport)
#include "TestK8sExport.moc"
