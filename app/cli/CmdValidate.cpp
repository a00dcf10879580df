// serveplan-cli validate: predict a reference CSV and report the error per metric, engine and GPU.
#include "CliCommand.h"
#include "PerfCliSupport.h"
#include "fit/ProfileFit.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

namespace serveplan::cli {

namespace {

constexpr const char* kUsage =
    "Usage: serveplan-cli validate --input REFERENCES.csv [--output RESIDUALS.csv]\n\n"
    "Predicts every row of a reference file (predict's columns plus `value`, the measurement) with the\n"
    "compiled-in engine profiles (never with the calibrations applied to your GPUs: the references were\n"
    "measured on other hardware) and prints the median and mean absolute percentage error overall, per\n"
    "per metric class, per metric, per engine and per GPU, and the ten worst rows. --output writes one row\n"
    "per reference: id, engine, gpu, metric, measured, predicted, error_pct.\n"
    "Rows predict cannot take (an unknown model or GPU, a missing token count) are listed as refused and\n"
    "left out of the errors.\n";

const OptionTable kOptions{"validate", {{"--input", "REFERENCES.csv"}, {"--output", "RESIDUALS.csv"}}};

using Group = std::function<std::string(const Residual&)>;

std::string metricClass(const Residual& r) {
    const auto m = Metric::parse(r.metric);
    return m && m->isLatency() ? "latency" : "throughput";
}

void printGroup(QTextStream& out, const char* title, const std::vector<Residual>& residuals, const Group& key) {
    std::map<std::string, std::vector<const Residual*>> groups;
    for (const Residual& r : residuals)
        groups[key(r)].push_back(&r);
    out << '\n' << title << '\n';
    out << QStringLiteral("  %1 %2 %3 %4\n")
               .arg(QStringLiteral("group"), -36)
               .arg(QStringLiteral("rows"), 5)
               .arg(QStringLiteral("median APE"), 11)
               .arg(QStringLiteral("mean APE"), 10);
    for (const auto& [name, members] : groups) {
        const ProfileFit::Summary s = ProfileFit::summarize(members);
        out << QStringLiteral("  %1 %2 %3% %4%\n")
                   .arg(qtText(name), -36)
                   .arg(s.rows, 5)
                   .arg(s.medianApe, 10, 'f', 1)
                   .arg(s.meanApe, 9, 'f', 1);
    }
}

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

int runValidate(const QStringList& args, CliContext& context) {
    const ParsedArgs options = parseOptions(args, kOptions);
    if (!options.ok())
        return fail(context, "validate", options.error, ExitInvalidInput);
    const QString input = options.value(QStringLiteral("--input"));
    if (input.isEmpty())
        return fail(context, "validate", QStringLiteral("--input is required"), ExitInvalidInput);
    const auto table = readCsvFile(input);
    if (!table)
        return fail(context, "validate", qtText(table.error()), ExitInvalidInput);
    const auto catalog = loadPerfCatalog(context);
    if (!catalog)
        return fail(context, "validate", qtText(catalog.error()), ExitFailure);
    // The references are other people's measurements on their hardware: the user's applied calibrations
    // (their own cards) must not change what validate reports, so the engines' default profiles are used.
    const Predictor predictor(*catalog, /*useCalibration=*/false);
    std::vector<std::string> refused;
    const auto rows = ProfileFit::references(*table, predictor, &refused);
    if (!rows)
        return fail(context, "validate", qtText(rows.error()), ExitInvalidInput);
    const std::vector<Residual> residuals = ProfileFit::evaluate(predictor, *rows);

    QTextStream& out = context.out;
    out << "validate: " << residuals.size() << " reference rows of " << input
        << " (APE = |predicted / measured - 1|; a failed prediction counts 100%)\n";
    if (!refused.empty()) {
        out << refused.size() << " rows refused (not counted):\n";
        for (const std::string& why : refused)
            out << "  " << qtText(why) << '\n';
    }
    printGroup(out, "overall", residuals, [](const Residual&) { return std::string("all rows"); });
    printGroup(out, "per metric class", residuals, metricClass);
    printGroup(out, "per metric", residuals, [](const Residual& r) { return r.metric; });
    printGroup(out, "per engine", residuals, [](const Residual& r) { return std::string(toString(r.engine)); });
    printGroup(out, "per GPU", residuals, [](const Residual& r) { return r.gpu; });

    std::vector<const Residual*> worst;
    for (const Residual& r : residuals)
        worst.push_back(&r);
    std::sort(worst.begin(), worst.end(), [](const Residual* a, const Residual* b) { return a->ape() > b->ape(); });
    out << "\nworst ten rows\n";
    for (std::size_t i = 0; i < worst.size() && i < 10; ++i) {
        const Residual& r = *worst[i];
        out << QStringLiteral("  %1 %2 %3 %4 measured %5 predicted %6 (%7%)\n")
                   .arg(qtText(r.id), -6)
                   .arg(qtText(std::string(toString(r.engine))), -9)
                   .arg(qtText(r.gpu), -15)
                   .arg(qtText(r.metric), -34)
                   .arg(r.measured, 10, 'g', 6)
                   .arg(r.predicted, 10, 'g', 6)
                   .arg(r.predicted > 0 ? (r.predicted / r.measured - 1) * 100 : -100.0, 0, 'f', 1);
    }
    const QString output = options.value(QStringLiteral("--output"));
    if (!output.isEmpty()) {
        std::string csv = CsvWriter::row({"id", "engine", "gpu", "metric", "measured", "predicted", "error_pct"});
        for (const Residual& r : residuals)
            csv += CsvWriter::row({r.id, std::string(toString(r.engine)), r.gpu, r.metric, number(r.measured),
                                   r.predicted > 0 ? number(r.predicted) : std::string(),
                                   number(r.predicted > 0 ? (r.predicted / r.measured - 1) * 100 : -100.0)});
        const auto saved = saveFile(output, csv);
        if (!saved)
            return fail(context, "validate", qtText(saved.error()), ExitFailure);
    }
    return ExitOk;
}
} // namespace

const CommandInfo kValidateCommand{
    "validate", "predict a reference CSV and report the error per metric, engine and GPU", kUsage, &runValidate, false,
    {&kOptions}};

} // namespace serveplan::cli
