// serveplan-cli fit: fit the serving-engine profiles to reference measurements.
#include "CliCommand.h"
#include "Clock.h"
#include "PerfCliSupport.h"
#include "fit/ProfileFit.h"

#include <QDateTime>
#include <QFileInfo>

#include <cmath>

namespace serveplan::cli {

namespace {

constexpr const char* kUsage =
    "Usage: serveplan-cli fit --input REFERENCES.csv[,MORE.csv...] --output FittedProfiles.inc [--folds K]\n"
    "                         [--evaluations N]\n\n"
    "Fits the shared roofline efficiencies, power cap and overheads plus a speed and an overhead offset\n"
    "per serving engine with at least 3 rows, minimising a robust loss on log errors (Nelder-Mead), then\n"
    "runs K-fold cross-validation (default 5; 0 = none) and derives each engine's uncertainty bands from\n"
    "the held-out errors. Writes the C++ include that engine/perf/EngineProfile.cpp compiles in\n"
    "(engine/perf/FittedProfiles.inc in the source tree); rebuild to use it.\n"
    "N = loss evaluations per fit (default 2500). Several comma-separated inputs are fitted together\n"
    "(resources/data/reference_calibration.csv,resources/data/reference_moe.csv); rows predict cannot take\n"
    "are listed and left out.\n";

const OptionTable kOptions{"fit",
                           {{"--input", "REFERENCES.csv[,MORE.csv...]"},
                            {"--output", "FittedProfiles.inc"},
                            {"--folds", "K"},
                            {"--evaluations", "N"}}};

int parseCount(const QString& text, int fallback, bool& ok) {
    if (text.isEmpty())
        return fallback;
    const int v = text.toInt(&ok);
    ok = ok && v >= 0;
    return v;
}

void printSummary(QTextStream& out, const char* what, const std::vector<Residual>& residuals) {
    for (const char* cls : {"throughput", "latency"}) {
        std::vector<const Residual*> subset;
        for (const Residual& r : residuals) {
            const auto m = Metric::parse(r.metric);
            if ((m && m->isLatency()) == (QLatin1String(cls) == QLatin1String("latency")))
                subset.push_back(&r);
        }
        const ProfileFit::Summary s = ProfileFit::summarize(subset);
        out << "  " << what << ' ' << cls << ": " << s.rows << " rows, median APE "
            << QString::number(s.medianApe, 'f', 1) << "%, mean APE " << QString::number(s.meanApe, 'f', 1) << "%\n";
    }
}

int runFit(const QStringList& args, CliContext& context) {
    const ParsedArgs options = parseOptions(args, kOptions);
    if (!options.ok())
        return fail(context, "fit", options.error, ExitInvalidInput);
    const QString input = options.value(QStringLiteral("--input"));
    const QString output = options.value(QStringLiteral("--output"));
    if (input.isEmpty() || output.isEmpty())
        return fail(context, "fit", QStringLiteral("--input and --output are required"), ExitInvalidInput);
    FitOptions fitOptions;
    bool ok = true;
    fitOptions.folds = parseCount(options.value(QStringLiteral("--folds")), fitOptions.folds, ok);
    fitOptions.maxEvaluations =
        parseCount(options.value(QStringLiteral("--evaluations")), fitOptions.maxEvaluations, ok);
    if (!ok || fitOptions.folds == 1 || fitOptions.maxEvaluations < 50)
        return fail(context, "fit", QStringLiteral("--folds must be 0 or >= 2 and --evaluations >= 50"),
                    ExitInvalidInput);
    const auto catalog = loadPerfCatalog(context);
    if (!catalog)
        return fail(context, "fit", qtText(catalog.error()), ExitFailure);
    const Predictor predictor(*catalog);
    std::vector<ReferenceRow> all;
    std::vector<std::string> refused;
    QStringList names;
    for (const QString& path : input.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto table = readCsvFile(path);
        if (!table)
            return fail(context, "fit", qtText(table.error()), ExitInvalidInput);
        const auto part = ProfileFit::references(*table, predictor, &refused);
        if (!part)
            return fail(context, "fit", qtText(part.error()), ExitInvalidInput);
        all.insert(all.end(), part->begin(), part->end());
        names << QFileInfo(path).fileName();
    }
    for (const std::string& why : refused)
        context.out << "refused (left out): " << qtText(why) << '\n';
    const std::vector<ReferenceRow>* rows = &all;

    context.out << "fitting " << rows->size() << " rows of " << input << " ...\n";
    context.out.flush();
    const FitReport report = ProfileFit::fit(predictor, *rows, fitOptions);
    const QString producedBy = QStringLiteral("`serveplan-cli fit --input ") + names.join(QLatin1Char(',')) +
                               QStringLiteral(" --output ") + QFileInfo(output).fileName() +
                               QStringLiteral(" --folds %1 --evaluations %2` on %3")
                                   .arg(fitOptions.folds)
                                   .arg(fitOptions.maxEvaluations)
                                   .arg(models::Clock::nowUtc().toString(Qt::ISODate));
    const auto saved = saveFile(output, ProfileFit::renderInclude(report, producedBy.toStdString()));
    if (!saved)
        return fail(context, "fit", qtText(saved.error()), ExitFailure);
    context.out << "loss " << report.loss << " after " << report.evaluations << " evaluations\n";
    printSummary(context.out, "in-sample", report.inSample);
    if (!report.crossValidated.empty())
        printSummary(context.out, (std::to_string(report.folds) + "-fold cross-validated").c_str(),
                     report.crossValidated);
    for (const FittedEngine& e : report.engines)
        context.out << "  " << qtText(std::string(toString(e.engine))) << ": " << e.rows << " rows, bands x/÷ "
                    << QString::number(std::exp(e.bands.throughput), 'f', 2) << " throughput, "
                    << QString::number(std::exp(e.bands.tpot), 'f', 2) << " TPOT, "
                    << QString::number(std::exp(e.bands.ttft), 'f', 2) << " TTFT\n";
    context.out << "wrote " << output << " (rebuild to compile it in)\n";
    return ExitOk;
}
} // namespace

const CommandInfo kFitCommand{
    "fit", "fit the serving-engine profiles to reference measurements", kUsage, &runFit, false, {&kOptions}};

} // namespace serveplan::cli
