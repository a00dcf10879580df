// serveplan-cli export: deployment files for a plan (Kubernetes manifests, a load test).
// The plan is recomputed from the scenario file (the planner is deterministic, so rank N is the
// row `serveplan-cli plan --scenario FILE` printed as rank N); the files are written with QSaveFile.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "SaveFile.h"
#include "ScenarioFile.h"
#include "deploy/K8sExport.h"
#include "deploy/LoadTestExport.h"
#include "plan/Planner.h"

#include <QDir>
#include <QFile>

namespace serveplan::cli {

namespace {

constexpr const char* kUsage =
    "Usage: serveplan-cli export k8s --scenario FILE.serveplan --plan RANK --output DIR [OPTIONS]\n"
    "       serveplan-cli export loadtest --scenario FILE.serveplan --plan RANK --output DIR [OPTIONS]\n\n"
    "k8s: deployment.yaml, service.yaml, hpa.yaml, pdb.yaml (apply with kubectl apply -f DIR); a replica\n"
    "     over several instances: leaderworkerset.yaml, service.yaml, hpa.yaml (needs the LeaderWorkerSet\n"
    "     controller); a disaggregated plan (sglang): prefill-leaderworkerset.yaml,\n"
    "     decode-leaderworkerset.yaml and router.yaml (SGLang's PD router, the plan's endpoint).\n"
    "loadtest: locustfile.py (Locust; SLO percentiles as pass/fail) and vllm_bench.sh (vllm bench serve).\n"
    "RANK is the plan's rank as `serveplan-cli plan --scenario FILE` prints it.\n\n"
    "Options:\n"
    "  --name NAME          object names (default: <model>-<engine>-<gpu or MIG profile>)\n"
    "  --namespace NS       metadata.namespace of every object (default: none)\n"
    "  --image IMAGE        container image (default: the engine's official image)\n"
    "  --served-model REPO  checkpoint to serve instead of the model's hf_repo (e.g. pre-quantized)\n"
    "  --gpu-product LABEL  nvidia.com/gpu.product node label (default: from the GPU's CUDA name)\n"
    "  --hpa-metric NAME    per-pod request-rate metric of the HPA (default: http_requests_per_second)\n"
    "  --base-url URL       load-test target (default: http://NAME:8000, the Service)\n"
    "  --duration SECONDS   load-test length (default: 600)\n"
    "  --kv-transfer-backend mooncake|nixl  KV transfer of a disaggregated plan (default: mooncake)\n\n"
    "Exit codes: 0 written, 1 planning, export or write failure, 2 invalid input.\n";

/// The options after the kind (k8s or loadtest).
const OptionTable kOptions{"export",
                           {{"--scenario", "FILE.serveplan"},
                            {"--plan", "RANK"},
                            {"--output", "DIR"},
                            {"--name", "NAME"},
                            {"--namespace", "NS"},
                            {"--image", "IMAGE"},
                            {"--served-model", "REPO"},
                            {"--gpu-product", "LABEL"},
                            {"--hpa-metric", "NAME"},
                            {"--base-url", "URL"},
                            {"--duration", "SECONDS"},
                            {"--kv-transfer-backend", "mooncake|nixl"}}};

struct Arguments {
    QString kind;
    ParsedArgs options;
    QString error;

    QString value(const char* name) const { return options.value(QString::fromLatin1(name)); }
};

Arguments parseArguments(const QStringList& args) {
    Arguments a;
    if (args.isEmpty() || (args.first() != QLatin1String("k8s") && args.first() != QLatin1String("loadtest"))) {
        a.error = QStringLiteral("expected k8s or loadtest as the first argument (see serveplan-cli help export)");
        return a;
    }
    a.kind = args.first();
    a.options = parseOptions(args.mid(1), kOptions);
    a.error = a.options.error;
    for (const char* required : {"--scenario", "--plan", "--output"})
        if (a.error.isEmpty() && a.value(required).isEmpty())
            a.error = QString::fromLatin1(required) + QStringLiteral(" is required");
    return a;
}

Result<ExportOptions> exportOptions(const Arguments& a) {
    ExportOptions o;
    bool ok = false;
    o.rank = a.value("--plan").toInt(&ok);
    if (!ok || o.rank < 1)
        return Error{"--plan: expected a rank (1, 2, ...), got '" + a.value("--plan").toStdString() + "'"};
    o.name = a.value("--name").toStdString();
    o.k8sNamespace = a.value("--namespace").toStdString();
    o.image = a.value("--image").toStdString();
    o.servedModel = a.value("--served-model").toStdString();
    o.gpuProductLabel = a.value("--gpu-product").toStdString();
    if (!a.value("--hpa-metric").isEmpty())
        o.hpaMetric = a.value("--hpa-metric").toStdString();
    o.baseUrl = a.value("--base-url").toStdString();
    if (!a.value("--kv-transfer-backend").isEmpty()) {
        o.kvTransferBackend = a.value("--kv-transfer-backend").toStdString();
        if (o.kvTransferBackend != "mooncake" && o.kvTransferBackend != "nixl")
            return Error{"--kv-transfer-backend: expected mooncake or nixl, got '" + o.kvTransferBackend + "'"};
    }
    if (!a.value("--duration").isEmpty()) {
        o.loadTestSeconds = a.value("--duration").toDouble(&ok);
        if (!ok || !(o.loadTestSeconds > 0))
            return Error{"--duration: expected seconds > 0, got '" + a.value("--duration").toStdString() + "'"};
    }
    return o;
}

Result<void> writeFile(const QDir& dir, const GeneratedFile& generated) {
    const QString path = dir.filePath(QString::fromStdString(generated.path));
    if (Result<void> saved = models::saveFile(path, std::string_view(generated.contents)); !saved)
        return saved;
    if (generated.executable && !QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner |
                                                                 QFileDevice::ExeGroup | QFileDevice::ExeOther))
        return Error{path.toStdString() + ": cannot make it executable"};
    return {};
}

int runExport(const QStringList& args, CliContext& context) {
    const Arguments a = parseArguments(args);
    if (!a.error.isEmpty())
        return fail(context, "export", a.error, ExitInvalidInput);
    const auto options = exportOptions(a);
    if (!options)
        return fail(context, "export", QString::fromStdString(options.error()), ExitInvalidInput);

    const auto scenario = models::ScenarioFile::load(a.value("--scenario"));
    if (!scenario)
        return fail(context, "export", QString::fromStdString(scenario.error()), ExitInvalidInput);
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, "export", QString::fromStdString(db.error()));
    const auto catalog = db.value()->loadCatalog();
    if (!catalog)
        return fail(context, "export", QString::fromStdString(catalog.error()));

    const Planner planner(*catalog);
    if (const auto checked = planner.check(*scenario); !checked)
        return fail(context, "export", QString::fromStdString(checked.error()), ExitInvalidInput);
    PlanOptions planOptions;
    planOptions.curvePlans = 0; // the export needs the rows only
    const auto result = planner.run(*scenario, planOptions);
    if (!result)
        return fail(context, "export", QString::fromStdString(result.error()));
    if (!result->byRank(options->rank))
        return fail(context, "export",
                    QStringLiteral("--plan %1: the scenario has %2 plans").arg(options->rank).arg(result->rows.size()),
                    ExitInvalidInput);

    const auto files = a.kind == QLatin1String("k8s") ? exportKubernetes(*result, *scenario, *catalog, *options)
                                                      : exportLoadTest(*result, *scenario, *catalog, *options);
    if (!files)
        return fail(context, "export", QString::fromStdString(files.error()));
    const QString output = a.value("--output");
    if (!QDir().mkpath(output))
        return fail(context, "export", output + QStringLiteral(": cannot create the directory"));
    const QDir dir(output);
    for (const GeneratedFile& file : *files) {
        if (const auto written = writeFile(dir, file); !written)
            return fail(context, "export", QString::fromStdString(written.error()));
        context.out << dir.filePath(QString::fromStdString(file.path)) << '\n';
    }
    return ExitOk;
}

} // namespace

const CommandInfo kExportCommand{
    "export", "deployment files for a plan (Kubernetes manifests, load test)", kUsage, &runExport, false, {&kOptions}};

} // namespace serveplan::cli
