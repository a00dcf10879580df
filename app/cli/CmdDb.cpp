// serveplan-cli db: the catalog database: info, check, import-prices, export-prices.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "CmdImportModel.h"
#include "PriceCsv.h"
#include "PriceImport.h"
#include "QtText.h"
#include "SaveFile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using serveplan::models::CatalogDb;
using serveplan::models::importPriceFile;
using serveplan::models::ImportSummary;
using serveplan::models::PriceCsv;
using serveplan::models::PriceFormat;
using serveplan::models::PriceImportOptions;

namespace serveplan::cli {

namespace {

/// Files from this size on report their import progress on stderr (every 10 %).
constexpr qint64 kProgressFromBytes = 16 << 20;

// One table per subcommand (import-model's is in CmdImportModel.cpp).
const OptionTable kInfoOptions{"db", {{"--json"}}};
const OptionTable kCheckOptions{"db", {}};
const OptionTable kImportOptions{
    "db", {{"--format", "serveplan|skypilot"}, {"--provider", "NAME"}, {"--date", "YYYY-MM-DD"}}, 1};
const OptionTable kExportOptions{"db", {}, 1};

std::unique_ptr<CatalogDb> openDb(CliContext& context) {
    auto db = CatalogDb::open(context.dbPath);
    if (!db) {
        fail(context, "db", qtText(db.error()), ExitFailure);
        return nullptr;
    }
    return std::move(db).value();
}

QJsonObject infoJson(const models::CatalogInfo& info) {
    QJsonObject tables;
    for (const models::TableCount& c : info.counts)
        tables.insert(c.table, c.rows);
    QJsonArray sources;
    for (const models::SourceUse& s : info.sources)
        sources.append(QJsonObject{{u"id"_s, s.id}, {u"text"_s, s.text}, {u"rows"_s, s.rows}});
    return QJsonObject{
        {u"path"_s, info.path},
        {u"schema_version"_s, info.schemaVersion},
        {u"seed_hash"_s, info.seedHash},
        {u"summary"_s, QJsonObject{{u"gpus"_s, info.count(u"gpus"_s)},
                                   {u"models"_s, info.count(u"llm_models"_s)},
                                   {u"instances"_s, info.count(u"instances"_s)},
                                   {u"providers"_s, info.count(u"providers"_s)},
                                   {u"regions"_s, info.count(u"regions"_s)},
                                   {u"prices"_s, info.count(u"prices"_s)},
                                   {u"mig_profiles"_s, info.count(u"mig_profiles"_s)},
                                   {u"fx_rates"_s, info.count(u"fx_rates"_s)}}},
        {u"tables"_s, tables},
        {u"price_dates"_s, QJsonObject{{u"min"_s, info.priceDateMin}, {u"max"_s, info.priceDateMax}}},
        {u"user_entered_prices"_s, info.userEnteredPrices},
        {u"sources"_s, sources},
    };
}

void printInfo(const models::CatalogInfo& info, QTextStream& out) {
    out << "database:        " << info.path << '\n'
        << "schema version:  " << info.schemaVersion << '\n'
        << "price dates:     " << (info.priceDateMin.isEmpty() ? u"none"_s : info.priceDateMin) << " .. "
        << info.priceDateMax << '\n'
        << "user-entered prices: " << info.userEnteredPrices << '\n'
        << "rows per table:\n";
    for (const models::TableCount& c : info.counts)
        out << "  " << c.table.leftJustified(22) << c.rows << '\n';
    out << "sources: " << info.sources.size() << " (most cited first; --json lists them all)\n";
    for (std::size_t i = 0; i < info.sources.size() && i < 8; ++i) {
        const QString text = info.sources[i].text;
        out << "  " << QString::number(info.sources[i].rows).rightJustified(5) << "  "
            << (text.size() > 100 ? text.left(97) + u"..."_s : text) << '\n';
    }
}

int runInfo(const QStringList& args, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kInfoOptions);
    if (!a.ok())
        return fail(context, "db info", a.error, ExitInvalidInput);
    const bool json = a.has(u"--json"_s);
    auto db = openDb(context);
    if (!db)
        return ExitFailure;
    auto info = db->info();
    if (!info)
        return fail(context, "db info", qtText(info.error()));
    if (json)
        context.out << QJsonDocument(infoJson(*info)).toJson(QJsonDocument::Indented);
    else
        printInfo(*info, context.out);
    return ExitOk;
}

int runCheck(const QStringList& args, CliContext& context) {
    if (const ParsedArgs a = parseOptions(args, kCheckOptions); !a.ok())
        return fail(context, "db check", a.error, ExitInvalidInput);
    auto db = openDb(context); // open itself refuses a damaged file: that is a failed check
    if (!db)
        return ExitFailure;
    auto problems = db->check();
    if (!problems)
        return fail(context, "db check", qtText(problems.error()));
    for (const QString& problem : *problems)
        context.err << context.dbPath << ": " << problem << '\n';
    if (!problems->isEmpty())
        return fail(context, "db check", u"%1 problem(s) found"_s.arg(problems->size()));
    context.out << "ok: integrity and foreign keys are sound (" << context.dbPath << ")\n";
    return ExitOk;
}

int runImport(const QStringList& args, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kImportOptions);
    if (!a.ok())
        return fail(context, "db import-prices", a.error, ExitInvalidInput);
    const QString file = a.positional(0);
    PriceImportOptions options;
    const QString format = a.value(u"--format"_s, u"serveplan"_s);
    if (format == "skypilot"_L1)
        options.format = PriceFormat::SkyPilot;
    else if (format != "serveplan"_L1)
        return fail(context, "db import-prices", u"--format must be serveplan or skypilot, not "_s + format,
                    ExitInvalidInput);
    if (a.has(u"--provider"_s))
        options.provider = a.value(u"--provider"_s);
    if (a.has(u"--date"_s))
        options.effectiveDate = a.value(u"--date"_s);
    if (file.isEmpty())
        return fail(context, "db import-prices", u"needs FILE.csv (see help db)"_s, ExitInvalidInput);
    if (!QFileInfo(file).isFile())
        return fail(context, "db import-prices", file + u": no such file"_s, ExitInvalidInput);
    auto db = openDb(context);
    if (!db)
        return ExitFailure;
    // Two streamed passes (validate everything, then write in one transaction): any bad row means
    // nothing changes, and memory stays bounded whatever the file's size. Progress goes to stderr.
    int lastShown = -10; // so that 0 % is shown too
    const auto progress = [&](qint64 done, qint64 total) {
        const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
        if (percent / 10 != lastShown / 10 && total >= kProgressFromBytes) {
            lastShown = percent;
            context.err << "import-prices: " << percent << "% ("
                        << (done * 2 < total ? "pass 1 of 2: validating" : "pass 2 of 2: writing") << ")\n";
            context.err.flush();
        }
        return true;
    };
    const auto imported = importPriceFile(*db, file, options, progress);
    const auto& parsed = imported.parsed;
    if (!parsed.problems.isEmpty()) {
        for (const QString& problem : parsed.problems)
            context.err << problem << '\n';
        return fail(context, "db import-prices", u"%1 problem(s); nothing was imported"_s.arg(parsed.problemCount),
                    ExitInvalidInput);
    }
    if (!imported.summary)
        return fail(context, "db import-prices", imported.error);
    const ImportSummary& summary = *imported.summary;
    context.out << "imported " << parsed.recordCount << " price(s) from " << file << ": " << summary.pricesInserted
                << " new, " << summary.pricesUpdated << " updated, " << summary.instancesCreated << " new instance(s)";
    if (parsed.encoding != "UTF-8"_L1)
        context.out << " (read as " << parsed.encoding << ")";
    if (parsed.skippedRows > 0)
        context.out << "; skipped " << parsed.skippedRows << " row(s) without an accelerator";
    context.out << '\n';
    return ExitOk;
}

int runExport(const QStringList& args, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kExportOptions);
    if (!a.ok() || a.positionals().size() != 1)
        return fail(context, "db export-prices", u"needs exactly one FILE.csv (or - for stdout)"_s, ExitInvalidInput);
    auto db = openDb(context);
    if (!db)
        return ExitFailure;
    auto records = db->exportPrices();
    if (!records)
        return fail(context, "db export-prices", qtText(records.error()));
    const QByteArray bytes = PriceCsv::write(*records);
    const QString target = a.positional(0);
    if (target == "-"_L1) {
        // Through the command's own stdout stream (UTF-8, as written), so an in-process caller gets it too.
        context.out << QString::fromUtf8(bytes);
        context.out.flush();
        if (context.out.status() != QTextStream::Ok)
            return fail(context, "db export-prices", u"cannot write to stdout"_s);
        return ExitOk;
    }
    if (const Result<void> saved = models::saveFile(target, bytes); !saved)
        return fail(context, "db export-prices", qtText(saved.error()));
    context.err << "exported " << records->size() << " price(s) to " << target << '\n';
    return ExitOk;
}

int runDb(const QStringList& args, CliContext& context) {
    if (args.isEmpty())
        return fail(context, "db", u"needs a subcommand: info, check, import-prices, export-prices"_s,
                    ExitInvalidInput);
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == "info"_L1)
        return runInfo(rest, context);
    if (sub == "check"_L1)
        return runCheck(rest, context);
    if (sub == "import-prices"_L1)
        return runImport(rest, context);
    if (sub == "export-prices"_L1)
        return runExport(rest, context);
    if (sub == "import-model"_L1)
        return runImportModel(rest, context);
    return fail(context, "db", u"unknown subcommand "_s + sub + u" (see help db)"_s, ExitInvalidInput);
}

} // namespace

const CommandInfo kDbCommand{
    "db",
    "catalog database: info, check, import-prices, export-prices",
    "Usage: serveplan-cli [--db PATH] db SUBCOMMAND\n"
    "  info [--json]            schema version, rows per table, price date range, data sources\n"
    "  check                    integrity and foreign-key check; exit 1 on damage\n"
    "  import-prices FILE.csv [--format serveplan|skypilot] [--provider NAME] [--date YYYY-MM-DD]\n"
    "                           validate every row first; on any error print FILE:LINE: reason for each,\n"
    "                           exit 2 and change nothing. serveplan = the export format (or the seed's\n"
    "                           instances.csv layout); skypilot = SkyPilot vms.csv (USD per hour; the\n"
    "                           provider comes from --provider or the file name, the date from --date or today).\n"
    "                           Text in UTF-8, UTF-16 with a byte-order mark or GB18030/GBK is read; other\n"
    "                           encodings (Latin-1, ...) are refused with a message naming them. The file is\n"
    "                           streamed twice (validate, then write in one transaction) in bounded memory;\n"
    "                           files of 16 MiB or more report their progress on stderr. The serveplan format\n"
    "                           takes optional trailing columns upfront (none|partial|all), upfront_amount and\n"
    "                           fetched_at (ISO 8601 UTC); export writes them\n"
    "  export-prices FILE.csv   every price, one row per instance and plan (- for stdout)\n"
    "  import-model config.json --id ID [--name NAME] [--family FAMILY]\n"
    "                           add a model from a Hugging Face config.json (parameters computed)\n",
    &runDb,
    false,
    {&kInfoOptions, &kCheckOptions, &kImportOptions, &kExportOptions, &kImportModelOptions}};

} // namespace serveplan::cli
