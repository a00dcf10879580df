// serveplan-cli report: the PDF/CSV cost report of a scenario (DESIGN.md §3.1), the same report as the
// GUI's File → Export: both build ReportData from the scenario and the catalog and call ReportWriter.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "QtText.h"
#include "ScenarioFile.h"
#include "plan/Planner.h"
#include "report/ReportData.h"
#include "report/ReportWriter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTranslator>

#include <memory>

namespace serveplan::cli {

namespace {

constexpr const char* kUsage =
    "Usage: serveplan-cli report --scenario FILE.serveplan --pdf OUT.pdf [--csv OUT.csv]\n"
    "                            [--paper a4|letter] [--lang zh_CN] [--bom]\n\n"
    "Plans the scenario against the catalog and writes the cost report: the recommended plan, the\n"
    "assumptions, cost versus load, the ranked plans, memory and latency of the recommended plan, the\n"
    "autoscaling day, the excluded plans, price sources and uncertainty bands.\n\n"
    "  --scenario FILE   the scenario (*.serveplan, as saved by the GUI or `plan --save-scenario`)\n"
    "  --pdf OUT.pdf     the PDF report\n"
    "  --csv OUT.csv     the plans table; the cost-versus-QPS curve points go to OUT-curves.csv\n"
    "                    (columns and units: ui/report/README.md)\n"
    "  --paper P         a4 (default) or letter\n"
    "  --lang L          report language, e.g. zh_CN (default: English)\n"
    "  --bom             start the CSV files with a UTF-8 byte-order mark (for spreadsheet programs)\n\n"
    "The report date is today (UTC), or SOURCE_DATE_EPOCH when set. Files are written whole or not\n"
    "at all. Exit codes: 0 written, 1 a file could not be written or the database failed,\n"
    "2 invalid input (options, scenario).\n";

struct Options {
    QString scenario, pdf, csv, lang;
    ui::ReportWriter::Paper paper = ui::ReportWriter::Paper::A4;
    bool bom = false;
};

const OptionTable kOptions{"report",
                           {{"--scenario", "FILE"},
                            {"--pdf", "OUT.pdf"},
                            {"--csv", "OUT.csv"},
                            {"--paper", "a4|letter"},
                            {"--lang", "L"},
                            {"--bom"}}};

/// Reads the arguments; on failure returns the message.
std::optional<QString> parse(const QStringList& args, Options& o) {
    const ParsedArgs a = parseOptions(args, kOptions);
    if (!a.ok())
        return a.error;
    o.scenario = a.value(QStringLiteral("--scenario"));
    o.pdf = a.value(QStringLiteral("--pdf"));
    o.csv = a.value(QStringLiteral("--csv"));
    o.lang = a.value(QStringLiteral("--lang"));
    o.bom = a.has(QStringLiteral("--bom"));
    if (a.has(QStringLiteral("--paper"))) {
        const QString paper = a.value(QStringLiteral("--paper"));
        if (const auto parsed = ui::ReportWriter::parsePaper(paper))
            o.paper = *parsed;
        else
            return QStringLiteral("--paper must be a4 or letter, not %1").arg(paper);
    }
    if (o.scenario.isEmpty())
        return QStringLiteral("--scenario FILE is required");
    if (o.pdf.isEmpty())
        return QStringLiteral("--pdf OUT.pdf is required");
    return std::nullopt;
}

int runReport(const QStringList& args, CliContext& context) {
    Options o;
    if (const auto error = parse(args, o))
        return fail(context, "report", *error, ExitInvalidInput);

    // The translator must outlive the report: tr() looks strings up while the PDF is painted.
    QTranslator translator;
    if (!o.lang.isEmpty() && o.lang != QLatin1String("en")) {
        if (!translator.load(QStringLiteral(":/i18n/serveplan_") + o.lang + QStringLiteral(".qm")))
            return fail(context, "report",
                        QStringLiteral("no translation for --lang %1 (available: zh_CN)").arg(o.lang),
                        ExitInvalidInput);
        QCoreApplication::installTranslator(&translator);
    }

    const auto scenario = models::ScenarioFile::load(o.scenario);
    if (!scenario)
        return fail(context, "report", qtText(scenario.error()), ExitInvalidInput);
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, "report", qtText(db.error()));
    auto catalog = db.value()->loadCatalog();
    if (!catalog)
        return fail(context, "report", qtText(catalog.error()));
    const auto shared = std::make_shared<const Catalog>(std::move(catalog).value());
    if (Result<void> ok = Planner(*shared).check(*scenario); !ok)
        return fail(context, "report", o.scenario + QStringLiteral(": ") + qtText(ok.error()), ExitInvalidInput);

    ui::ReportData::Options options;
    options.scenarioName = scenario->name.empty() ? QFileInfo(o.scenario).completeBaseName() : QString();
    const auto data = ui::ReportData::plan(shared, *scenario, options);
    if (!data)
        return fail(context, "report", qtText(data.error()), ExitInvalidInput);

    if (Result<void> ok = ui::ReportWriter::writePdf(*data, o.pdf, {o.paper}); !ok)
        return fail(context, "report", qtText(ok.error()));
    context.out << "wrote " << o.pdf << '\n';
    if (!o.csv.isEmpty()) {
        if (Result<void> ok = ui::ReportWriter::writeCsv(*data, o.csv, {o.bom}); !ok)
            return fail(context, "report", qtText(ok.error()));
        context.out << "wrote " << o.csv << " and " << ui::ReportWriter::curvesPath(o.csv) << '\n';
    }
    if (!data->recommended())
        context.err << "serveplan-cli report: note: no plan meets the scenario's targets; the report says why\n";
    return ExitOk;
}

} // namespace

const CommandInfo kReportCommand{"report", "PDF/CSV cost report for a scenario", kUsage, &runReport, true, {&kOptions}};

} // namespace serveplan::cli
