// serveplan-cli bench: benchmarks that print their figures. One subcommand per area (`bench catalog`;
// add others such as `bench planner` to kBenches). Times are wall-clock medians over several runs.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "PriceCsv.h"
#include "QtText.h"
#include "plan/Planner.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;

namespace serveplan::cli {

namespace {

struct Timing {
    QString name;
    QString what;
    std::vector<double> ms;

    double median() const {
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const std::size_t n = sorted.size();
        return n == 0 ? 0 : (n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }
    double min() const { return ms.empty() ? 0 : *std::min_element(ms.begin(), ms.end()); }
};

struct BenchOptions {
    int runs = 5;
    bool json = false;
};

/// Times `body` `runs` times; a failure stops the benchmark with its message.
bool measure(Timing& timing, int runs, const std::function<bool(QString&)>& body, QString& error) {
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer clock;
        clock.start();
        if (!body(error))
            return false;
        timing.ms.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    return true;
}

void report(const std::vector<Timing>& timings, const BenchOptions& options, CliContext& context) {
    if (options.json) {
        QJsonArray rows;
        for (const Timing& t : timings)
            rows.append(QJsonObject{{u"name"_s, t.name},
                                    {u"what"_s, t.what},
                                    {u"runs"_s, int(t.ms.size())},
                                    {u"median_ms"_s, t.median()},
                                    {u"min_ms"_s, t.min()}});
        context.out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return;
    }
    context.out << u"benchmark"_s.leftJustified(22) << u"runs"_s.rightJustified(5) << u"median ms"_s.rightJustified(11)
                << u"min ms"_s.rightJustified(9) << "  what\n";
    for (const Timing& t : timings)
        context.out << t.name.leftJustified(22) << QString::number(t.ms.size()).rightJustified(5)
                    << QString::number(t.median(), 'f', 2).rightJustified(11)
                    << QString::number(t.min(), 'f', 2).rightJustified(9) << "  " << t.what << '\n';
}

// --- bench catalog ---------------------------------------------------------------------------------

/// Each step returns false with `error` set when it fails.
using Step = std::function<bool(QString& error)>;

Step openStep(const std::function<QString()>& path, bool load) {
    return [path, load](QString& error) {
        auto db = models::CatalogDb::open(path());
        if (!db) {
            error = qtText(db.error());
            return false;
        }
        if (!load)
            return true;
        auto catalog = (*db)->loadCatalog();
        if (!catalog)
            error = qtText(catalog.error());
        return catalog.ok();
    };
}

int benchCatalog(const BenchOptions& options, CliContext& context) {
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(context, "bench catalog", u"cannot create a temporary folder"_s);
    std::vector<Timing> timings;
    QString error;
    const auto run = [&](const QString& name, const QString& what, const Step& body) {
        timings.push_back(Timing{name, what, {}});
        return measure(timings.back(), options.runs, body, error);
    };
    const Step parseSeed = [](QString& e) {
        auto seed = models::CatalogDb::embeddedSeed();
        if (!seed)
            e = qtText(seed.error());
        return seed.ok();
    };
    if (!run(u"parse_seed_csv"_s, u"parse the 5 embedded seed CSVs into a Catalog"_s, parseSeed))
        return fail(context, "bench catalog", error);
    int created = 0;
    const auto newPath = [&] { return dir.filePath(u"new-%1.sqlite"_s.arg(created++)); };
    if (!run(u"create_and_seed"_s, u"create a new database file, migrate, seed it, close"_s, openStep(newPath, false)))
        return fail(context, "bench catalog", error);
    const QString seeded = dir.filePath(u"new-0.sqlite"_s); // made by the first create_and_seed run
    if (!run(u"open_and_load"_s, u"open the seeded database (with its checks) and load the whole catalog"_s,
             openStep([seeded] { return seeded; }, true)))
        return fail(context, "bench catalog", error);

    auto db = models::CatalogDb::open(seeded);
    if (!db)
        return fail(context, "bench catalog", qtText(db.error()));
    const Step load = [&](QString& e) {
        auto catalog = (*db)->loadCatalog();
        if (!catalog)
            e = qtText(catalog.error());
        return catalog.ok();
    };
    QByteArray exported;
    const Step exportAll = [&](QString& e) {
        auto records = (*db)->exportPrices();
        if (!records)
            e = qtText(records.error());
        else
            exported = models::PriceCsv::write(*records);
        return records.ok();
    };
    const Step importAll = [&](QString& e) {
        const auto parsed = models::PriceCsv::read(exported, u"prices.csv"_s, {}, (*db)->priceLookups());
        if (!parsed.problems.isEmpty()) {
            e = parsed.problems.first();
            return false;
        }
        auto summary = (*db)->importPrices(parsed.records, true);
        if (!summary)
            e = qtText(summary.error());
        return summary.ok();
    };
    if (!run(u"load_catalog"_s, u"load the whole catalog from an open database"_s, load) ||
        !run(u"export_prices"_s, u"read every price and write the export CSV (in memory)"_s, exportAll) ||
        !run(u"import_prices"_s, u"parse + validate the full price list and write it in one transaction"_s, importAll))
        return fail(context, "bench catalog", error);
    report(timings, options, context);
    if (!options.json)
        context.out << "price list: " << exported.count('\n') - 1 << " prices, " << exported.size() << " bytes\n";
    return ExitOk;
}

// --- bench planner ---------------------------------------------------------------------------------

/// The worked example's workload (DESIGN.md issue 4): 500 QPS, 512 in / 256 out, p95 TTFT 1 s, TPOT 50 ms.
Scenario plannerWorkload() {
    Scenario s;
    s.qps = 500;
    s.workload.inputTokens = LengthDistribution::fixed(512);
    s.workload.outputTokens = LengthDistribution::fixed(256);
    s.slo.ttftMs = 1000;
    s.slo.tpotMs = 50;
    return s;
}

int benchPlanner(const BenchOptions& options, CliContext& context) {
    auto seed = models::CatalogDb::embeddedSeed();
    if (!seed)
        return fail(context, "bench planner", qtText(seed.error()));
    const Catalog& catalog = *seed;
    const Planner planner(catalog);
    Scenario sweep = plannerWorkload();
    for (const ModelSpec& m : catalog.models)
        sweep.models.push_back(m.id);
    sweep.precisions = {Precision::BF16, Precision::FP8, Precision::INT4};
    sweep.engines = {ServingEngine::Vllm, ServingEngine::Sglang, ServingEngine::Trtllm};
    Scenario interactive = plannerWorkload();
    interactive.models = {"deepseek-r1-distill-qwen-7b"};
    interactive.providers = {"aws", "tencent"};
    interactive.regions = {"us-east-1", "ap-guangzhou-3"};
    interactive.capacityMethod = CapacityMethod::Simulated;
    std::size_t sweepCandidates = 0;
    std::size_t interactiveCandidates = 0;
    PlanOptions oneThread;
    oneThread.threads = 1; // the one-core figure of the targets
    const PlanOptions allThreads;
    const auto step = [&planner](const Scenario& s, const PlanOptions& o, std::size_t& candidates) {
        return [&planner, &s, &o, &candidates](QString& e) {
            auto result = planner.run(s, o);
            if (!result)
                e = qtText(result.error());
            else
                candidates = result->candidates;
            return result.ok();
        };
    };
    std::vector<Timing> timings{
        {u"full_sweep_analytic"_s,
         u"every model x instance x {bf16,fp8,int4} x {vllm,sglang,trtllm}, one thread"_s,
         {}},
        {u"interactive_simulated"_s, u"one model, AWS us-east-1 + Tencent, simulated capacity, one thread"_s, {}},
        {u"interactive_threads"_s, u"the same on every hardware thread (as the GUI plans)"_s, {}}};
    QString error;
    if (!measure(timings[0], options.runs, step(sweep, oneThread, sweepCandidates), error) ||
        !measure(timings[1], options.runs, step(interactive, oneThread, interactiveCandidates), error) ||
        !measure(timings[2], options.runs, step(interactive, allThreads, interactiveCandidates), error))
        return fail(context, "bench planner", error);
    report(timings, options, context);
    if (!options.json)
        context.out << "full sweep: " << sweepCandidates << " candidates, "
                    << QString::number(sweepCandidates / (timings[0].median() / 1e3), 'f', 0)
                    << " candidates/s (median); interactive: " << interactiveCandidates << " candidates\n";
    return ExitOk;
}

struct Bench {
    const char* name;
    const char* summary;
    int (*run)(const BenchOptions&, CliContext&);
};

const std::array<Bench, 2> kBenches{{
    {"catalog", "create+seed, open+load, import/export of the full price list", &benchCatalog},
    {"planner", "full-catalog analytic sweep and an interactive simulated sweep", &benchPlanner},
}};

/// bench NAME [--runs N] [--json]
const OptionTable kOptions{"bench", {{"--runs", "N"}, {"--json"}}, 1};

int runBench(const QStringList& args, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kOptions);
    if (!a.ok())
        return fail(context, "bench", a.error, ExitInvalidInput);
    BenchOptions options;
    options.json = a.has(u"--json"_s);
    if (a.has(u"--runs"_s)) {
        bool ok = false;
        options.runs = a.value(u"--runs"_s).toInt(&ok);
        if (!ok || options.runs < 1 || options.runs > 1000)
            return fail(context, "bench", u"--runs must be a whole number from 1 to 1000"_s, ExitInvalidInput);
    }
    const QString which = a.positional(0);
    for (const Bench& bench : kBenches)
        if (which == QLatin1String(bench.name))
            return bench.run(options, context);
    QStringList names;
    for (const Bench& bench : kBenches)
        names << QLatin1String(bench.name);
    return fail(context, "bench", u"which benchmark? one of: "_s + names.join(u", "_s), ExitInvalidInput);
}

} // namespace

const CommandInfo kBenchCommand{"bench",
                                "benchmarks that print their figures (bench catalog, ...)",
                                "Usage: serveplan-cli bench NAME [--runs N] [--json]\n"
                                "  catalog   create+seed a database, open+load the catalog, import/export the full\n"
                                "            price list (temporary files; your database is not touched)\n"
                                "  planner   full-catalog planning sweep (analytic) and an interactive sweep\n"
                                "            (simulated capacity) on the embedded seed catalog\n"
                                "Prints the median and minimum wall-clock time of N runs (default 5).\n",
                                &runBench,
                                false,
                                {&kOptions}};

} // namespace serveplan::cli
