// serveplan-cli calibrate: import, export, list and apply calibration runs.
#include "CliCommand.h"

#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "calib/CalibrationFit.h"
#include "calib/ProbeRun.h"

using namespace Qt::StringLiterals;

namespace serveplan::cli {

namespace {

constexpr const char* kName = "calibrate";

QString str(const std::string& text) {
    return QString::fromStdString(text);
}

struct Session {
    std::unique_ptr<models::CatalogDb> db;
    Catalog catalog;
    std::unique_ptr<models::CalibrationStore> store;
};

int open(CliContext& context, Session& s) {
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, kName, str(db.error()));
    s.db = std::move(db).value();
    auto catalog = s.db->loadCatalog();
    if (!catalog)
        return fail(context, kName, str(catalog.error()));
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
        return fail(context, kName, str(runs.error()));
    context.out << "id\tcreated\tgpu\tkind\tapplied\tsummary\n";
    for (const models::CalibrationRunInfo& r : *runs)
        context.out << r.id << '\t' << r.created << '\t' << r.gpu << '\t' << r.kind << '\t'
                    << (r.applied ? "yes" : "no") << '\t' << r.summary << '\n';
    return ExitOk;
}

int show(Session& s, CliContext& context, qint64 id) {
    auto info = s.store->run(id);
    if (!info)
        return fail(context, kName, str(info.error()));
    context.out << u"run %1: %2, %3, GPU %4%5\n"_s.arg(id).arg(info->kind, info->created, info->gpu,
                                                               info->applied ? u" (applied)"_s : QString())
                << info->summary << '\n';
    auto fitted = fitRun(s, id);
    if (!fitted)
        return fail(context, kName, str(fitted.error()));
    if (!fitted->fit)
        return fail(context, kName, str(fitted->fit.error()));
    context.out << "\nfactor\tvalue\tbasis\n";
    for (const CalibrationFactor& f : fitted->fit->factors)
        context.out << str(f.name) << '\t' << QString::number(f.value, 'g', 4) << '\t' << str(f.basis) << '\n';
    for (const std::string& note : fitted->fit->notes)
        context.out << "note: " << str(note) << '\n';
    // Predicted versus measured, for the model the probe's synthetic transformer had.
    std::string modelId;
    for (const ProbeResult& r : fitted->run.results)
        if (!r.text("model").empty())
            modelId = r.text("model");
    const ModelSpec* model = s.catalog.model(modelId);
    if (!model)
        return ExitOk;
    context.out << u"\npredicted vs measured (%1, bare engine steps)\n"_s.arg(str(modelId))
                << "test\tconfig\tmeasured_ms\tbefore_ms\terror_before\tafter_ms\terror_after\n";
    for (const ComparisonRow& r : compareWithEngine(fitted->run, *fitted->gpu, *model, fitted->fit->factors))
        context.out << str(r.test) << '\t' << str(r.config) << '\t' << QString::number(r.measuredMs, 'f', 3) << '\t'
                    << QString::number(r.beforeMs, 'f', 3) << '\t' << QString::number(100 * r.errorBefore(), 'f', 1)
                    << "%\t" << QString::number(r.afterMs, 'f', 3) << '\t'
                    << QString::number(100 * r.errorAfter(), 'f', 1) << "%\n";
    return ExitOk;
}

int importRun(Session& s, CliContext& context, const QString& path, QString gpu) {
    auto file = models::CalibrationStore::readRunFile(path);
    if (!file)
        return fail(context, kName, str(file.error()), ExitInvalidInput);
    const auto run = parseProbeOutput(file->probeOutput.toStdString(), true);
    if (gpu.isEmpty())
        gpu = file->gpu;
    if (gpu.isEmpty() && run) {
        const auto memory = run->device.find("memory_bytes");
        gpu = str(matchCatalogGpu(s.catalog.gpus, run->deviceName,
                                  memory == run->device.end() ? 0 : std::stod(memory->second)));
        if (gpu.isEmpty())
            gpu = str(run->deviceName);
    }
    auto id =
        s.store->addRun(gpu, file->kind, file->probeOutput,
                        file->summary.isEmpty() && run ? str(summarizeProbeRun(*run)) : file->summary, file->created);
    if (!id)
        return fail(context, kName, str(id.error()));
    context.out << u"imported %1 as calibration run %2 for GPU %3\n"_s.arg(path).arg(*id).arg(gpu);
    return ExitOk;
}

int apply(Session& s, CliContext& context, qint64 id) {
    auto fitted = fitRun(s, id);
    if (!fitted)
        return fail(context, kName, str(fitted.error()));
    if (!fitted->fit)
        return fail(context, kName, str(fitted->fit.error()));
    if (auto r = s.store->apply(id, fitted->fit->factors); !r)
        return fail(context, kName, str(r.error()));
    context.out << u"calibration run %1 applied to GPU %2 (%3 factors)\n"_s.arg(id)
                       .arg(str(fitted->gpu->id))
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
    if ((verb == u"import"_s || verb == u"unapply"_s) && args.size() < 2)
        return fail(context, kName, u"%1: expected an argument"_s.arg(verb), ExitInvalidInput);
    if (verb == u"export"_s && args.size() < 3)
        return fail(context, kName, u"export: expected ID FILE"_s, ExitInvalidInput);
    Session s;
    if (const int code = open(context, s); code != ExitOk)
        return code;
    if (verb == u"list"_s)
        return list(s, context);
    if (verb == u"show"_s)
        return show(s, context, id);
    if (verb == u"import"_s) {
        const qsizetype gpuAt = args.indexOf(u"--gpu"_s);
        return importRun(s, context, args[1], gpuAt > 0 && gpuAt + 1 < args.size() ? args[gpuAt + 1] : QString());
    }
    if (verb == u"export"_s) {
        if (auto r = s.store->exportRun(id, args[2]); !r)
            return fail(context, kName, str(r.error()));
        context.out << u"calibration run %1 written to %2\n"_s.arg(id).arg(args[2]);
        return ExitOk;
    }
    if (verb == u"apply"_s)
        return apply(s, context, id);
    if (verb == u"unapply"_s) {
        if (auto r = s.store->unapply(args[1]); !r)
            return fail(context, kName, str(r.error()));
        context.out << u"no calibration applied to GPU %1\n"_s.arg(args[1]);
        return ExitOk;
    }
    if (auto r = s.store->remove(id); !r)
        return fail(context, kName, str(r.error()));
    context.out << u"calibration run %1 removed\n"_s.arg(id);
    return ExitOk;
}

} // namespace

const CommandInfo kCalibrateCommand{
    "calibrate", "import, export, list and apply calibration runs",
    "Usage: serveplan-cli calibrate list\n"
    "       serveplan-cli calibrate show ID          the fitted factors and predicted vs measured steps\n"
    "       serveplan-cli calibrate import FILE [--gpu ID]   an exported run or bare probe output (JSON lines)\n"
    "       serveplan-cli calibrate export ID FILE\n"
    "       serveplan-cli calibrate apply ID         use the run's factors for its GPU\n"
    "       serveplan-cli calibrate unapply GPU\n"
    "       serveplan-cli calibrate remove ID\n",
    &runCalibrate, false};

} // namespace serveplan::cli
