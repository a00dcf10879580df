// serveplan-cli probe: run serveplan-probe on this machine and store the run.
#include "CliCommand.h"

#include "CalibrationImport.h"
#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "ProbeRunner.h"
#include "QtText.h"
#include "calib/CalibrationFit.h"
#include "calib/ProbeRun.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace serveplan::cli {

namespace {

struct ProbeArgs {
    bool quick = false;
    QString model;
    QString gpu;
    int timeoutS = 0;
};

const OptionTable kOptions{"probe", {{"--quick"}, {"--model", "ID"}, {"--gpu", "ID"}, {"--timeout", "SECONDS"}}};

int parseArgs(const QStringList& args, ProbeArgs& out, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kOptions);
    if (!a.ok())
        return fail(context, "probe", a.error, ExitInvalidInput);
    out.quick = a.has(u"--quick"_s);
    out.model = a.value(u"--model"_s);
    out.gpu = a.value(u"--gpu"_s);
    if (a.has(u"--timeout"_s)) {
        bool ok = false;
        out.timeoutS = a.value(u"--timeout"_s).toInt(&ok);
        if (!ok || out.timeoutS <= 0)
            return fail(context, "probe", u"--timeout: expected seconds > 0, got '%1'"_s.arg(a.value(u"--timeout"_s)),
                        ExitInvalidInput);
    }
    return ExitOk;
}

int runProbe(const QStringList& args, CliContext& context) {
    ProbeArgs options;
    if (const int code = parseArgs(args, options, context); code != ExitOk)
        return code;
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, "probe", qtText(db.error()));
    auto catalog = (*db)->loadCatalog();
    if (!catalog)
        return fail(context, "probe", qtText(catalog.error()));
    QStringList probeArgs;
    if (options.quick)
        probeArgs << u"--quick"_s;
    if (!options.model.isEmpty()) {
        const ModelSpec* model = catalog->model(options.model.toStdString());
        if (!model)
            return fail(context, "probe", u"--model: no model '%1' in the catalog"_s.arg(options.model),
                        ExitInvalidInput);
        probeArgs << models::probeShapeArguments(*model); // the probe then needs no models.csv
    }
    const QString program = models::ProbeRunner::locateProbe();
    if (program.isEmpty())
        return fail(context, "probe",
                    u"serveplan-probe not found: install it beside serveplan-cli or set SERVEPLAN_PROBE"_s);

    models::ProbeRunner runner;
    runner.setTimeoutMs((options.timeoutS > 0 ? options.timeoutS : (options.quick ? 120 : 600)) * 1000);
    QObject::connect(&runner, &models::ProbeRunner::progressed, &runner,
                     [&](const QString& stage, double fraction, const QString& message) {
                         context.err << u"[%1%] %2: %3\n"_s.arg(int(100 * fraction), 3).arg(stage, message);
                         context.err.flush();
                     });
    QObject::connect(&runner, &models::ProbeRunner::errorReported, &runner,
                     [&](const QString& stage, const QString& message) {
                         context.err << u"probe error in %1: %2\n"_s.arg(stage, message);
                     });
    const auto outcome = runner.runBlocking(program, probeArgs);
    if (outcome != models::ProbeRunner::Outcome::Complete && outcome != models::ProbeRunner::Outcome::TestFailed)
        return fail(context, "probe", models::ProbeRunner::outcomeText(outcome) + u": "_s + runner.message());

    models::CalibrationStore store((*db)->database());
    auto stored = models::storeProbeRun(store, *catalog, runner.rawOutput(), options.quick, options.gpu);
    if (!stored)
        return fail(context, "probe", qtText(stored.error()));
    const auto& [id, gpu, summary, run] = *stored;
    context.out << summary << '\n'
                << u"%1 results, %2 errors; stored as calibration run %3 for GPU %4\n"_s.arg(run.results.size())
                       .arg(run.errors.size())
                       .arg(id)
                       .arg(gpu)
                << u"apply it with: serveplan-cli calibrate apply %1\n"_s.arg(id);
    return outcome == models::ProbeRunner::Outcome::Complete ? ExitOk : ExitFailure;
}

} // namespace

const CommandInfo kProbeCommand{
    "probe",
    "run serveplan-probe on this machine and store the run",
    "Usage: serveplan-cli probe [--quick] [--model ID] [--gpu ID] [--timeout SECONDS]\n"
    "Runs serveplan-probe (beside serveplan-cli, or $SERVEPLAN_PROBE), stores the run as a calibration\n"
    "run and prints a summary. Without a GPU the probe measures the CPU.\n"
    "  --quick         short run (about 20 s)\n"
    "  --model ID      benchmark this catalog model's shapes (default llama-2-7b)\n"
    "  --gpu ID        the catalog GPU the run belongs to (default: matched from the device name)\n"
    "  --timeout S     stop the probe after S seconds (default 120 quick, 600 full)\n",
    &runProbe,
    false,
    {&kOptions}};

} // namespace serveplan::cli
