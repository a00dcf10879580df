// serveplan-cli calibrate: import, export, list and apply calibration runs.
#include "CliCommand.h"

#include "CalibrationImport.h"
#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "QtText.h"
#include "calib/CalibrationFit.h"
#include "calib/LoadTestImport.h"
#include "calib/ProbeRun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

using namespace Qt::StringLiterals;

namespace serveplan::cli {

namespace {

constexpr const char* kName = "calibrate";

struct Session {
    std::unique_ptr<models::CatalogDb> db;
    Catalog catalog;
    std::unique_ptr<models::CalibrationStore> store;
};

int open(CliContext& context, Session& s) {
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, kName, qtText(db.error()));
    s.db = std::move(db).value();
    auto catalog = s.db->loadCatalog();
    if (!catalog)
        return fail(context, kName, qtText(catalog.error()));
    s.catalog = std::move(catalog).value();
    s.store = std::make_unique<models::CalibrationStore>(s.db->database());
    return ExitOk;
}

bool parseId(const QString& text, qint64& id) {
    bool ok = false;
    id = text.toLongLong(&ok);
    return ok && id > 0;
}

/// The run's probe output and its fit against the catalog GPU it belongs to.
struct Fitted {
    ProbeRun run;
    const GpuSpec* gpu = nullptr;
    Result<CalibrationFit> fit = Error{"not fitted"};
};

Result<Fitted> fitRun(Session& s, qint64 id) {
    auto info = s.store->run(id);
    if (!info)
        return Error{info.error()};
    auto raw = s.store->probeOutput(id);
    if (!raw)
        return Error{raw.error()};
    auto run = parseProbeOutput(raw->toStdString(), true);
    if (!run)
        return Error{run.error()};
    Fitted f{std::move(run).value(), s.catalog.gpu(info->gpu.toStdString()), Error{""}};
    if (!f.gpu)
        return Error{"calibration run " + std::to_string(id) + " belongs to '" + info->gpu.toStdString() +
                     "', which is not a GPU of the catalog (import it again with --gpu ID)"};
    f.fit = fitCalibration(f.run, *f.gpu);
    return f;
}

int list(Session& s, CliContext& context) {
    auto runs = s.store->runs();
    if (!runs)
        return fail(context, kName, qtText(runs.error()));
    context.out << "id\tcreated\tgpu\tkind\tapplied\tsummary\n";
    for (const models::CalibrationRunInfo& r : *runs)
        context.out << r.id << '\t' << r.created << '\t' << r.gpu << '\t' << r.kind << '\t'
                    << (r.applied ? "yes" : "no") << '\t' << r.summary << '\n';
    return ExitOk;
}

bool isLoadTest(const QString& kind);
int showLoadTest(Session& s, CliContext& context, const models::CalibrationRunInfo& info);

int show(Session& s, CliContext& context, qint64 id) {
    auto info = s.store->run(id);
    if (!info)
        return fail(context, kName, qtText(info.error()));
    context.out << u"run %1: %2, %3, GPU %4%5\n"_s.arg(id).arg(info->kind, info->created, info->gpu,
                                                               info->applied ? u" (applied)"_s : QString())
                << info->summary << '\n';
    if (isLoadTest(info->kind))
        return showLoadTest(s, context, *info);
    auto fitted = fitRun(s, id);
    if (!fitted)
        return fail(context, kName, qtText(fitted.error()));
    if (!fitted->fit)
        return fail(context, kName, qtText(fitted->fit.error()));
    context.out << "\nfactor\tvalue\tbasis\n";
    for (const CalibrationFactor& f : fitted->fit->factors)
        context.out << qtText(f.name) << '\t' << QString::number(f.value, 'g', 4) << '\t' << qtText(toEnglish(f.basis))
                    << '\n';
    for (const Message& note : fitted->fit->notes)
        context.out << "note: " << qtText(toEnglish(note)) << '\n';
    // Predicted versus measured, for the model the probe's synthetic transformer had.
    std::string modelId;
    for (const ProbeResult& r : fitted->run.results)
        if (!r.text("model").empty())
            modelId = r.text("model");
    const ModelSpec* model = s.catalog.model(modelId);
    if (!model)
        return ExitOk;
    context.out << u"\npredicted vs measured (%1, bare engine steps)\n"_s.arg(qtText(modelId))
                << "test\tconfig\tmeasured_ms\tbefore_ms\terror_before\tafter_ms\terror_after\n";
    for (const ComparisonRow& r : compareWithEngine(fitted->run, *fitted->gpu, *model, fitted->fit->factors))
        context.out << qtText(r.test) << '\t' << qtText(r.config) << '\t' << QString::number(r.measuredMs, 'f', 3)
                    << '\t' << QString::number(r.beforeMs, 'f', 3) << '\t'
                    << QString::number(100 * r.errorBefore(), 'f', 1) << "%\t" << QString::number(r.afterMs, 'f', 3)
                    << '\t' << QString::number(100 * r.errorAfter(), 'f', 1) << "%\n";
    return ExitOk;
}

constexpr const char* kLoadTestFormat = "serveplan-loadtest";

bool isLoadTest(const QString& kind) {
    return kind == u"vllm_bench"_s || kind == u"locust"_s;
}

Result<LoadTestPoint> parseLoadTest(const QString& source, const std::string& content) {
    return source == u"vllm_bench"_s ? parseVllmBenchResult(content) : parseLocustStats(content);
}

/// What follows `import`: FILE and the deployment a load-test result ran on.
const OptionTable kImportOptions{"calibrate",
                                 {{"--gpu", "ID"},
                                  {"--model", "ID"},
                                  {"--engine", "E"},
                                  {"--gpu-count", "N"},
                                  {"--tp", "N"},
                                  {"--input-tokens", "N"},
                                  {"--output-tokens", "N"}},
                                 1};
/// What follows the other subcommands: their bare arguments only.
const OptionTable kListOptions{"calibrate", {}};
const OptionTable kOneArgument{"calibrate", {}, 1};  // show ID, apply ID, remove ID, unapply GPU
const OptionTable kTwoArguments{"calibrate", {}, 2}; // export ID FILE

const OptionTable& tableOf(const QString& verb) {
    if (verb == u"import"_s)
        return kImportOptions;
    if (verb == u"list"_s)
        return kListOptions;
    return verb == u"export"_s ? kTwoArguments : kOneArgument;
}

/// The options of `import` as the import functions read them.
QMap<QString, QString> importOptions(const ParsedArgs& parsed) {
    QMap<QString, QString> options;
    for (const OptionSpec& spec : kImportOptions.options)
        if (parsed.has(QLatin1String(spec.name)))
            options.insert(QLatin1String(spec.name), parsed.value(QLatin1String(spec.name)));
    return options;
}

/// A vLLM or Locust result: stored as a "serveplan-loadtest" document with the deployment it ran on.
int importLoadTest(Session& s, CliContext& context, const QString& path, const QString& source,
                   const QByteArray& content, const LoadTestPoint& point, const QMap<QString, QString>& options) {
    const QString gpu = options.value(u"--gpu"_s), model = options.value(u"--model"_s);
    if (gpu.isEmpty() || model.isEmpty())
        return fail(context, kName, u"%1: a load-test result needs --gpu ID and --model ID (catalog ids)"_s.arg(path),
                    ExitInvalidInput);
    if (!s.catalog.gpu(gpu.toStdString()) || !s.catalog.model(model.toStdString()))
        return fail(context, kName, u"%1: --gpu %2 or --model %3 is not in the catalog"_s.arg(path, gpu, model),
                    ExitInvalidInput);
    const QJsonObject doc{
        {u"format"_s, QLatin1String(kLoadTestFormat)},
        {u"version"_s, 1},
        {u"source"_s, source},
        {u"engine"_s, options.value(u"--engine"_s, source == u"vllm_bench"_s ? u"vllm"_s : u"generic"_s)},
        {u"model"_s, model},
        {u"gpu"_s, gpu},
        {u"gpu_count"_s, options.value(u"--gpu-count"_s, u"1"_s).toInt()},
        {u"tp"_s, options.value(u"--tp"_s, u"1"_s).toInt()},
        {u"input_tokens"_s, options.value(u"--input-tokens"_s, u"0"_s).toDouble()},
        {u"output_tokens"_s, options.value(u"--output-tokens"_s, u"0"_s).toDouble()},
        {u"content"_s, QString::fromUtf8(content)}};
    QStringList parts;
    for (const auto& [metric, value] : point.metrics)
        if (metric == "requests_per_s" || metric == "ttft_ms" || metric == "tpot_ms" || metric == "e2e_latency_ms")
            parts << u"%1 %2"_s.arg(qtText(metric)).arg(value, 0, 'g', 4);
    const QString summary = u"%1 %2 on %3: %4"_s.arg(source, model, gpu, parts.join(u", "_s));
    auto id = s.store->addRun(gpu, source, QJsonDocument(doc).toJson(QJsonDocument::Compact), summary);
    if (!id)
        return fail(context, kName, qtText(id.error()));
    context.out << u"imported %1 as calibration run %2 for GPU %3\n"_s.arg(path).arg(*id).arg(gpu);
    return ExitOk;
}

QString runList(const std::vector<qint64>& ids) {
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(u", "_s);
}

int showLoadTest(Session& s, CliContext& context, const models::CalibrationRunInfo& info) {
    auto group = models::fitLoadTestGroup(*s.store, s.catalog, info.id);
    if (!group)
        return fail(context, kName, qtText(group.error()));
    const LoadTestSetup& setup = group->run.setup;
    std::vector<CalibrationFactor> after;
    if (group->fit) {
        context.out << u"\nload-test fit (%1 on %2, engine %3; runs %4)\nfactor\tbefore\tafter\tbasis\n"_s.arg(
            qtText(setup.modelId), qtText(setup.gpuId), qtText(setup.engine), runList(group->runIds));
        // Before: the profile in use now (the engine's, with what is applied to this GPU and engine).
        const GpuCalibration* current = s.catalog.calibration(setup.gpuId, setup.engine);
        const EngineParams start =
            calibratedProfile(parseServingEngine(setup.engine).value_or(ServingEngine::Generic), current).params;
        for (const CalibrationFactor& f : group->fit->factors) {
            const CalibrationFactor* old = current ? current->find(f.name) : nullptr;
            const double before = f.name == factor::kWeightBandwidthEff ? start.weightBandwidthEff
                                  : f.name == factor::kStepOverheadS    ? start.stepOverheadS
                                  : f.name == factor::kRequestOverheadS ? start.requestOverheadS
                                  : old                                 ? old->value
                                                                        : 0.0;
            context.out << qtText(f.name) << '\t' << QString::number(before, 'g', 4) << '\t'
                        << QString::number(f.value, 'g', 4) << '\t' << qtText(toEnglish(f.basis)) << '\n';
        }
        for (const Message& note : group->fit->notes)
            context.out << "note: " << qtText(toEnglish(note)) << '\n';
        after = group->fit->factors;
    } else {
        context.out << "\nnot fitted: " << qtText(group->fit.error()) << '\n';
    }
    context.out << u"\npredicted vs measured (%1 on %2, engine %3; before = the profile in use, after = with "
                   u"the load-test fit)\n"_s.arg(qtText(setup.modelId), qtText(setup.gpuId), qtText(setup.engine))
                << "metric\tmeasured\tbefore\tafter\tunit\tmessage\n";
    for (const LoadTestComparison& r : compareLoadTest(group->run.point, setup, s.catalog, after))
        context.out << qtText(r.metric) << '\t' << QString::number(r.measured, 'g', 5) << '\t'
                    << QString::number(r.before, 'g', 5) << '\t' << QString::number(r.after, 'g', 5) << '\t'
                    << qtText(r.unit) << '\t' << qtText(toEnglish(r.message)) << '\n';
    return ExitOk;
}

int importRun(Session& s, CliContext& context, const QString& path, const QMap<QString, QString>& options) {
    QString gpu = options.value(u"--gpu"_s);
    QFile raw(path);
    if (!raw.open(QIODevice::ReadOnly))
        return fail(context, kName, u"%1: %2"_s.arg(path, raw.errorString()), ExitInvalidInput);
    const QByteArray content = raw.readAll();
    const QJsonObject asObject = QJsonDocument::fromJson(content).object();
    if (asObject.value(u"format"_s).toString() == QLatin1String(kLoadTestFormat)) {
        // An exported load-test run: its document carries the deployment.
        auto id = s.store->addRun(asObject.value(u"gpu"_s).toString(), asObject.value(u"source"_s).toString(), content,
                                  asObject.value(u"source"_s).toString() + u" (imported)"_s);
        if (!id)
            return fail(context, kName, qtText(id.error()));
        context.out << u"imported %1 as calibration run %2 for GPU %3\n"_s.arg(path).arg(*id).arg(
            asObject.value(u"gpu"_s).toString());
        return ExitOk;
    }
    for (const QString& source : {u"vllm_bench"_s, u"locust"_s})
        if (const auto point = parseLoadTest(source, content.toStdString()))
            return importLoadTest(s, context, path, source, content, *point, options);
    auto file = models::CalibrationStore::readRunFile(path);
    if (!file)
        return fail(context, kName, qtText(file.error()), ExitInvalidInput);
    const auto run = parseProbeOutput(file->probeOutput.toStdString(), true);
    if (gpu.isEmpty())
        gpu = file->gpu;
    if (gpu.isEmpty() && run) {
        const auto memory = run->device.find("memory_bytes");
        gpu = qtText(matchCatalogGpu(s.catalog.gpus, run->deviceName,
                                     memory == run->device.end() ? 0 : std::stod(memory->second)));
        if (gpu.isEmpty())
            gpu = qtText(run->deviceName);
    }
    auto id = s.store->addRun(gpu, file->kind, file->probeOutput,
                              file->summary.isEmpty() && run ? qtText(summarizeProbeRun(*run)) : file->summary,
                              file->created);
    if (!id)
        return fail(context, kName, qtText(id.error()));
    context.out << u"imported %1 as calibration run %2 for GPU %3\n"_s.arg(path).arg(*id).arg(gpu);
    return ExitOk;
}

/// Fits the load test (with the other runs of its deployment) and applies it for its GPU and engine.
int applyLoadTest(Session& s, CliContext& context, const models::CalibrationRunInfo& info) {
    auto group = models::fitLoadTestGroup(*s.store, s.catalog, info.id);
    if (!group)
        return fail(context, kName, qtText(group.error()));
    if (!group->fit)
        return fail(context, kName, u"run %1: %2"_s.arg(info.id).arg(qtText(group->fit.error())));
    const LoadTestSetup& setup = group->run.setup;
    if (auto r = s.store->apply(info.id, group->fit->factors, qtText(setup.engine)); !r)
        return fail(context, kName, qtText(r.error()));
    context.out << u"calibration run %1 applied to GPU %2 for engine %3 (%4 factors from load-test runs %5; rms log "
                   u"error %6 -> %7)\n"_s.arg(info.id)
                       .arg(qtText(setup.gpuId), qtText(setup.engine))
                       .arg(group->fit->factors.size())
                       .arg(runList(group->runIds))
                       .arg(group->fit->rmsLogErrorBefore, 0, 'g', 3)
                       .arg(group->fit->rmsLogErrorAfter, 0, 'g', 3);
    return ExitOk;
}

int apply(Session& s, CliContext& context, qint64 id) {
    if (auto info = s.store->run(id); info && isLoadTest(info->kind))
        return applyLoadTest(s, context, *info);
    auto fitted = fitRun(s, id);
    if (!fitted)
        return fail(context, kName, qtText(fitted.error()));
    if (!fitted->fit)
        return fail(context, kName, qtText(fitted->fit.error()));
    if (auto r = s.store->apply(id, fitted->fit->factors); !r)
        return fail(context, kName, qtText(r.error()));
    context.out << u"calibration run %1 applied to GPU %2 (%3 factors)\n"_s.arg(id)
                       .arg(qtText(fitted->gpu->id))
                       .arg(fitted->fit->factors.size());
    return ExitOk;
}

int runCalibrate(const QStringList& args, CliContext& context) {
    if (args.isEmpty())
        return fail(context, kName,
                    u"expected list, show ID, import FILE, export ID FILE, apply ID, unapply GPU or remove ID"_s,
                    ExitInvalidInput);
    const QString verb = args.first();
    qint64 id = 0;
    const bool needsId = verb == u"show"_s || verb == u"export"_s || verb == u"apply"_s || verb == u"remove"_s;
    if (needsId && (args.size() < 2 || !parseId(args[1], id)))
        return fail(context, kName, u"%1: expected a run id (see calibrate list)"_s.arg(verb), ExitInvalidInput);
    const QStringList known{u"list"_s, u"show"_s, u"import"_s, u"export"_s, u"apply"_s, u"unapply"_s, u"remove"_s};
    if (!known.contains(verb))
        return fail(context, kName, u"unknown subcommand '%1'"_s.arg(verb), ExitInvalidInput);
    const ParsedArgs parsed = parseOptions(args.mid(1), tableOf(verb));
    if (!parsed.ok())
        return fail(context, kName, verb + u": "_s + parsed.error, ExitInvalidInput);
    if ((verb == u"import"_s || verb == u"unapply"_s) && parsed.positionals().isEmpty())
        return fail(context, kName, u"%1: expected an argument"_s.arg(verb), ExitInvalidInput);
    if (verb == u"export"_s && parsed.positionals().size() < 2)
        return fail(context, kName, u"export: expected ID FILE"_s, ExitInvalidInput);
    Session s;
    if (const int code = open(context, s); code != ExitOk)
        return code;
    if (verb == u"list"_s)
        return list(s, context);
    if (verb == u"show"_s)
        return show(s, context, id);
    if (verb == u"import"_s)
        return importRun(s, context, parsed.positional(0), importOptions(parsed));
    if (verb == u"export"_s) {
        if (auto r = s.store->exportRun(id, args[2]); !r)
            return fail(context, kName, qtText(r.error()));
        context.out << u"calibration run %1 written to %2\n"_s.arg(id).arg(args[2]);
        return ExitOk;
    }
    if (verb == u"apply"_s)
        return apply(s, context, id);
    if (verb == u"unapply"_s) {
        // Every engine's entry of the GPU: the probe's ("generic") and the load tests' (per engine).
        if (auto r = models::unapplyGpu(*s.store, args[1]); !r)
            return fail(context, kName, qtText(r.error()));
        context.out << u"no calibration applied to GPU %1\n"_s.arg(args[1]);
        return ExitOk;
    }
    if (auto r = s.store->remove(id); !r)
        return fail(context, kName, qtText(r.error()));
    context.out << u"calibration run %1 removed\n"_s.arg(id);
    return ExitOk;
}

} // namespace

const CommandInfo kCalibrateCommand{
    "calibrate",
    "import, export, list and apply calibration runs",
    "Usage: serveplan-cli calibrate list\n"
    "       serveplan-cli calibrate show ID          the fitted factors and predicted vs measured (before/after)\n"
    "       serveplan-cli calibrate import FILE [--gpu ID]   an exported run or bare probe output (JSON lines)\n"
    "       serveplan-cli calibrate import RESULT --gpu ID --model ID [--engine E] [--gpu-count N] [--tp N]\n"
    "                 [--input-tokens N] [--output-tokens N]\n"
    "                 a `vllm bench serve --save-result` JSON or Locust _stats.csv as a measured point\n"
    "       serveplan-cli calibrate export ID FILE\n"
    "       serveplan-cli calibrate apply ID         use the run's factors for its GPU: predict and plan\n"
    "                 use them from then on (--no-calibration ignores them). A probe run applies to every\n"
    "                 engine; a load test is fitted first (weight bandwidth, step and request overheads,\n"
    "                 from it and the other load tests of the same GPU, engine, model and layout) and\n"
    "                 applies to its engine only\n"
    "       serveplan-cli calibrate unapply GPU      back to the engines' default profiles on that GPU\n"
    "       serveplan-cli calibrate remove ID\n",
    &runCalibrate,
    false,
    {&kImportOptions, &kListOptions, &kOneArgument, &kTwoArguments}};

} // namespace serveplan::cli
