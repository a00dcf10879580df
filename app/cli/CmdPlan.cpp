// serveplan-cli plan: ranked deployment plans as CSV or JSON (DESIGN.md §3.1). Inputs come from
// --scenario FILE.serveplan and/or flags; flags override the file.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "QtText.h"
#include "SaveFile.h"
#include "ScenarioFile.h"
#include "catalog/InstanceSpec.h"
#include "common/CsvReader.h"
#include "plan/PlanColumns.h"
#include "plan/Planner.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

namespace serveplan::cli {

namespace {

using namespace Qt::StringLiterals;

/// The help's flag descriptions start in this column and wrap before this width.
constexpr std::size_t kHelpIndent = 30;
constexpr std::size_t kHelpWidth = 100;

/// `text` filled word by word into lines of at most kHelpWidth characters, every line after the first
/// indented to kHelpIndent (the first continues a line that already reaches that column).
std::string wrappedHelp(const std::string& text) {
    std::string out, line;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        const std::string word = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && kHelpIndent + line.size() + 1 + word.size() > kHelpWidth) {
            out += line + "\n" + std::string(kHelpIndent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    return out + line + "\n";
}

constexpr const char* kUsageHead =
    "Usage: serveplan-cli plan [--scenario FILE.serveplan] [flags]\n"
    "Ranked deployment plans (cheapest first) as CSV or JSON. Flags override the scenario file.\n\n"
    "  --model ID[,ID...]          models (models.csv model_id); required without --scenario\n"
    "  --gpu ID[,ID...]            keep instances with these GPUs (gpus.csv gpu_id)\n"
    "  --instance P:TYPE[@REGION][,...]  candidate instances (default: every instance)\n"
    "  --provider P[,...]          cloud providers (aws, gcp, azure, lambda, runpod, vast, tencent, alibaba)\n"
    "  --region R[,...]            regions\n"
    "  --qps N                     peak requests per second\n"
    "  --input-tokens N            prompt length (tokens)\n"
    "  --output-tokens N           output length (tokens)\n"
    "  --ttft-p95-ms N             p95 time-to-first-token target (0 = none)\n"
    "  --tpot-p95-ms N             p95 time-per-output-token target (0 = none)\n"
    "  --pricing PLAN              ";
// Then the pricing plans, from the engine's table (a new plan kind lists itself), then the rest.
constexpr const char* kPricingHelp = "(effective price: upfront amortised; of several upfront options the lowest)";
constexpr const char* kUsageTail =
    "  --price-date YYYY-MM-DD     price with each instance's newest price on or before this date\n"
    "  --currency CODE             USD, CNY, EUR, ... (dated FX table of the database)\n"
    "  --engine E[,...]            vllm | sglang | trtllm | tgi | lmdeploy | llamacpp | mlc | hf | generic\n"
    "  --precision P[,...]         fp32 | bf16 | fp16 | fp8 | int8 | int4 | fp4 (weights); without it: bf16\n"
    "                              and each model's native format when narrower (deepseek-r1: fp8)\n"
    "  --kv-cache-precision P      KV cache format: bf16 (default) | fp8\n"
    "  --cache-hit-rate F          share of requests served by a response cache, 0 <= F < 1\n"
    "  --prefix-cache-hit-rate F   share of prompt tokens served from the engine's prefix cache, 0 <= F < 1\n"
    "  --mtp auto|on|off           multi-token prediction for models with an MTP head (deepseek-r1): auto\n"
    "                              tries each layout with and without it (default)\n"
    "  --mtp-draft-tokens N        draft tokens per decode step with MTP (default 1)\n"
    "  --mtp-acceptance-rate F     acceptance rate per draft token, 0 < F < 1 (default 0.85, DeepSeek-V3\n"
    "                              technical report: 85-90 %)\n"
    "  --no-expert-parallel        MoE models: TP layouts only (no DP-attention + EP, no EP across instances)\n"
    "  --disaggregation auto|on|off  prefill/decode pools: auto tries them for MoE models whose load needs\n"
    "                              more than one instance, on for every plan; the cheaper mode is kept\n"
    "  --show-both-modes           keep the disaggregated row next to the aggregated ones even when dearer\n"
    "  --hours-per-month H         730 (default) or 720\n"
    "  --budget N                  monthly budget in the currency; plans over it are over_budget\n"
    "  --max-instances N           instance cap; plans over it are over_budget\n"
    "  --capacity-method M         analytic (default) | simulated\n"
    "  --allow-mig                 also consider MIG slices\n"
    "  --no-calibration            ignore the calibrations applied to GPUs (calibrate apply): engine defaults\n"
    "  --top N                     print the best N plans only\n"
    "  --format csv|json           output format (default csv)\n"
    "  --output FILE               write the plans to FILE instead of stdout\n"
    "  --curves FILE.csv           write cost-versus-QPS step curves of the best plans\n"
    "  --save-scenario FILE        write the scenario that ran (file + flags) as .serveplan\n\n"
    "Layouts (column layout): TP8 = tensor parallel over 8 GPUs; DP8·EP8 = attention data-parallel over\n"
    "8 GPUs with the MoE experts spread over 8 (expert parallel); TP4·DP2·EP8; TP8·PP2 = pipelined over 2\n"
    "instances; MTP 1 = one draft token per step; P: 2×(DP8 EP8) / D: 4×(DP8 EP8) = 2 prefill and 4 decode\n"
    "replicas. MoE models get DP/EP layouts within an instance, and EP over 2-18 instances where one\n"
    "instance does not fit or does not serve the load cheaper.\n"
    "A GPU with an applied calibration is planned with its calibrated efficiencies; a note on stderr\n"
    "(and the JSON warnings) names each calibration run used.\n"
    "Status per plan: ok | no_fit | no_price | slo_miss | over_budget (message says why).\n"
    "Exit codes: 0 success, 1 failure (database, files), 2 invalid input.\n";

/// The options; a flag given twice keeps its last value.
const OptionTable kOptions{"plan",
                           {{"--scenario", "FILE"},
                            {"--model", "ID[,ID...]"},
                            {"--gpu", "ID[,ID...]"},
                            {"--instance", "P:TYPE[@REGION][,...]"},
                            {"--provider", "P[,...]"},
                            {"--region", "R[,...]"},
                            {"--qps", "N"},
                            {"--input-tokens", "N"},
                            {"--output-tokens", "N"},
                            {"--ttft-p95-ms", "N"},
                            {"--tpot-p95-ms", "N"},
                            {"--pricing", "PLAN"},
                            {"--price-date", "YYYY-MM-DD"},
                            {"--currency", "CODE"},
                            {"--engine", "E[,...]"},
                            {"--precision", "P[,...]"},
                            {"--kv-cache-precision", "P"},
                            {"--cache-hit-rate", "F"},
                            {"--prefix-cache-hit-rate", "F"},
                            {"--mtp", "auto|on|off"},
                            {"--mtp-draft-tokens", "N"},
                            {"--mtp-acceptance-rate", "F"},
                            {"--no-expert-parallel"},
                            {"--disaggregation", "auto|on|off"},
                            {"--show-both-modes"},
                            {"--hours-per-month", "H"},
                            {"--budget", "N"},
                            {"--max-instances", "N"},
                            {"--capacity-method", "M"},
                            {"--allow-mig"},
                            {"--no-calibration"},
                            {"--top", "N"},
                            {"--format", "csv|json"},
                            {"--output", "FILE"},
                            {"--curves", "FILE.csv"},
                            {"--save-scenario", "FILE"}}};

std::string s(const QString& t) {
    return t.toStdString();
}
QString q(std::string_view t) {
    return QString::fromUtf8(t.data(), static_cast<qsizetype>(t.size()));
}

struct InvalidInput {
    QString message;
};

using Args = ParsedArgs;

double number(const Args& a, const QString& flag, double min, bool minExclusive, double max = INFINITY) {
    bool ok = false;
    const double v = a.value(flag).trimmed().toDouble(&ok);
    const bool inRange = minExclusive ? v > min : v >= min;
    if (!ok || !std::isfinite(v) || !inRange || v > max)
        throw InvalidInput{flag + u": expected a number "_s + (minExclusive ? u"> "_s : u">= "_s) +
                           QString::number(min) +
                           (std::isfinite(max) ? u" and <= "_s + QString::number(max) : QString()) + u", got \""_s +
                           a.value(flag) + u'"'};
    return v;
}

int integer(const Args& a, const QString& flag, int min) {
    bool ok = false;
    const int v = a.value(flag).trimmed().toInt(&ok);
    if (!ok || v < min)
        throw InvalidInput{flag + u": expected an integer >= "_s + QString::number(min) + u", got \""_s +
                           a.value(flag) + u'"'};
    return v;
}

std::vector<std::string> list(const Args& a, const QString& flag) {
    std::vector<std::string> out;
    for (const QString& part : a.value(flag).split(u',', Qt::SkipEmptyParts))
        out.push_back(s(part.trimmed()));
    if (out.empty())
        throw InvalidInput{flag + u": expected one or more comma-separated values"_s};
    return out;
}

template <typename E, typename Parse>
std::vector<E> enumList(const Args& a, const QString& flag, Parse parse) {
    std::vector<E> out;
    for (const std::string& t : list(a, flag)) {
        const auto e = parse(t);
        if (!e)
            throw InvalidInput{flag + u": unknown value \""_s + q(t) + u"\" (see serveplan-cli help plan)"_s};
        out.push_back(*e);
    }
    return out;
}

void applyLists(const Args& a, Scenario& sc) {
    if (a.has(u"--model"_s))
        sc.models = list(a, u"--model"_s);
    if (a.has(u"--gpu"_s))
        sc.gpus = list(a, u"--gpu"_s);
    if (a.has(u"--instance"_s))
        sc.instances = list(a, u"--instance"_s);
    if (a.has(u"--provider"_s))
        sc.providers = list(a, u"--provider"_s);
    if (a.has(u"--region"_s))
        sc.regions = list(a, u"--region"_s);
    if (a.has(u"--engine"_s))
        sc.engines = enumList<ServingEngine>(a, u"--engine"_s, parseServingEngine);
    if (a.has(u"--precision"_s)) {
        sc.precisions = enumList<Precision>(a, u"--precision"_s, parsePrecision);
        sc.nativePrecision = false; // the precisions asked for, and no others
    }
    if (a.has(u"--kv-cache-precision"_s)) {
        const auto kv = parsePrecision(s(a.value(u"--kv-cache-precision"_s).trimmed()));
        if (!kv || (*kv != Precision::BF16 && *kv != Precision::FP16 && *kv != Precision::FP8))
            throw InvalidInput{u"--kv-cache-precision: expected bf16, fp16 or fp8, got \""_s +
                               a.value(u"--kv-cache-precision"_s) + u'"'};
        sc.kvCachePrecision = *kv;
    }
    if (a.has(u"--no-expert-parallel"_s))
        sc.expertParallel = false;
    if (a.has(u"--show-both-modes"_s))
        sc.showBothModes = true;
    if (a.has(u"--mtp"_s)) {
        const auto mode = parseMtpMode(s(a.value(u"--mtp"_s).trimmed()));
        if (!mode)
            throw InvalidInput{u"--mtp: expected auto, on or off, got \""_s + a.value(u"--mtp"_s) + u'"'};
        sc.mtp = *mode;
    }
    if (a.has(u"--mtp-draft-tokens"_s)) {
        sc.mtpDraftTokens = integer(a, u"--mtp-draft-tokens"_s, 1);
        if (sc.mtpDraftTokens > 8)
            throw InvalidInput{u"--mtp-draft-tokens: expected an integer 1..8, got \""_s +
                               a.value(u"--mtp-draft-tokens"_s) + u'"'};
    }
    if (a.has(u"--mtp-acceptance-rate"_s)) {
        sc.mtpAcceptanceRate = number(a, u"--mtp-acceptance-rate"_s, 0, true, 1);
        if (sc.mtpAcceptanceRate >= 1)
            throw InvalidInput{u"--mtp-acceptance-rate: expected a fraction 0 < F < 1"_s};
    }
    if (a.has(u"--disaggregation"_s)) {
        const auto mode = parseDisaggregationMode(s(a.value(u"--disaggregation"_s).trimmed()));
        if (!mode)
            throw InvalidInput{u"--disaggregation: expected auto, on or off, got \""_s +
                               a.value(u"--disaggregation"_s) + u'"'};
        sc.disaggregation = *mode;
    }
    if (a.has(u"--allow-mig"_s))
        sc.allowMig = true;
    if (a.has(u"--no-calibration"_s))
        sc.useCalibration = false;
}

void applyWorkload(const Args& a, Scenario& sc) {
    if (a.has(u"--qps"_s))
        sc.qps = number(a, u"--qps"_s, 0, true);
    if (a.has(u"--input-tokens"_s)) {
        sc.workloadPreset = WorkloadPreset::Custom;
        sc.workload.inputTokens = LengthDistribution::fixed(integer(a, u"--input-tokens"_s, 1));
    }
    if (a.has(u"--output-tokens"_s)) {
        sc.workloadPreset = WorkloadPreset::Custom;
        sc.workload.outputTokens = LengthDistribution::fixed(integer(a, u"--output-tokens"_s, 1));
    }
    if (a.has(u"--ttft-p95-ms"_s)) {
        sc.slo.ttftMs = number(a, u"--ttft-p95-ms"_s, 0, false);
        sc.slo.ttftPercentile = 0.95;
    }
    if (a.has(u"--tpot-p95-ms"_s)) {
        sc.slo.tpotMs = number(a, u"--tpot-p95-ms"_s, 0, false);
        sc.slo.tpotPercentile = 0.95;
    }
    if (a.has(u"--cache-hit-rate"_s)) {
        sc.cacheHitRate = number(a, u"--cache-hit-rate"_s, 0, false, 1);
        if (sc.cacheHitRate >= 1)
            throw InvalidInput{u"--cache-hit-rate: expected a fraction 0 <= F < 1"_s};
    }
    if (a.has(u"--prefix-cache-hit-rate"_s)) {
        sc.workload.prefixCacheHitRate = number(a, u"--prefix-cache-hit-rate"_s, 0, false, 1);
        if (sc.workload.prefixCacheHitRate >= 1)
            throw InvalidInput{u"--prefix-cache-hit-rate: expected a fraction 0 <= F < 1"_s};
    }
    if (a.has(u"--capacity-method"_s)) {
        const QString m = a.value(u"--capacity-method"_s);
        if (m != u"analytic"_s && m != u"simulated"_s)
            throw InvalidInput{u"--capacity-method: expected analytic or simulated, got \""_s + m + u'"'};
        sc.capacityMethod = m == u"simulated"_s ? CapacityMethod::Simulated : CapacityMethod::Analytic;
    }
}

void applyMoney(const Args& a, Scenario& sc) {
    if (a.has(u"--pricing"_s)) {
        const auto plan = parsePricingPlan(s(a.value(u"--pricing"_s)));
        if (!plan)
            throw InvalidInput{u"--pricing: expected one of "_s + QString::fromStdString(pricingPlanNames(", ")) +
                               u", got \""_s + a.value(u"--pricing"_s) + u'"'};
        sc.pricing = *plan;
    }
    if (a.has(u"--price-date"_s)) {
        const QString date = a.value(u"--price-date"_s).trimmed();
        if (!QDate::fromString(date, Qt::ISODate).isValid())
            throw InvalidInput{u"--price-date: expected an ISO date (YYYY-MM-DD), got \""_s + date + u'"'};
        sc.priceDate = s(date);
    }
    if (a.has(u"--currency"_s))
        sc.currency = s(a.value(u"--currency"_s).trimmed().toUpper());
    if (a.has(u"--hours-per-month"_s))
        sc.hoursPerMonth = number(a, u"--hours-per-month"_s, 0, true, 744);
    if (a.has(u"--budget"_s))
        sc.monthlyBudget = number(a, u"--budget"_s, 0, false);
    if (a.has(u"--max-instances"_s))
        sc.maxInstances = integer(a, u"--max-instances"_s, 0);
    if (a.has(u"--top"_s))
        sc.top = integer(a, u"--top"_s, 0);
}

// ---- output: the columns of engine/plan/PlanColumns, formatted as DESIGN.md §3.1's CSV and JSON

constexpr PlanOutput kCliColumns = PlanOutput::Cli;

/// The CLI's text of a cell: reals with the column's fixed decimals, flags as 1/0.
QString cliText(const PlanCell& cell, int decimals) {
    switch (cell.kind) {
    case PlanCell::Kind::Empty:
        return {};
    case PlanCell::Kind::Text:
        return qtText(cell.text);
    case PlanCell::Kind::Integer:
        return QString::number(cell.integer);
    case PlanCell::Kind::Real:
        return decimals == kGeneralDecimals ? QString::number(cell.real, 'g', 6)
                                            : QString::number(cell.real, 'f', decimals);
    case PlanCell::Kind::Flag:
        return cell.flag ? u"1"_s : u"0"_s;
    }
    return {};
}

std::string csvLine(const QStringList& fields) {
    std::vector<std::string> f;
    f.reserve(static_cast<std::size_t>(fields.size()));
    for (const QString& x : fields)
        f.push_back(stdText(x));
    return CsvWriter::row(f);
}

std::string csvHeader(const std::vector<std::string>& names) {
    return CsvWriter::row(names);
}

QStringList planCells(const PlanRow& r, const PlanTableContext& context) {
    QStringList out;
    for (const PlanColumn& c : planColumns())
        if (carries(kCliColumns, c.scope))
            out.append(cliText(c.cell(r, context), c.decimals));
    return out;
}

QByteArray plansCsv(const PlanResult& result, const Scenario& sc, int top) {
    const PlanTableContext context{result, sc};
    std::string out = csvHeader(planColumnNames(kCliColumns));
    for (const PlanRow& r : result.rows) {
        if (top > 0 && r.rank > top)
            break;
        out += csvLine(planCells(r, context));
    }
    return QByteArray::fromStdString(out);
}

/// One plan as JSON: the CSV's cells, numbers as numbers and empty cells as null, except the
/// columns that are always text (ids, messages, layouts).
QJsonObject planJson(const PlanRow& r, const PlanTableContext& context) {
    QJsonObject o;
    for (const PlanColumn& c : planColumns()) {
        if (!carries(kCliColumns, c.scope))
            continue;
        const QString name = qtText(c.name);
        const QString text = cliText(c.cell(r, context), c.decimals);
        bool isNumber = false;
        const double v = text.toDouble(&isNumber);
        if (c.jsonText)
            o.insert(name, text);
        else if (text.isEmpty())
            o.insert(name, QJsonValue::Null);
        else if (isNumber)
            o.insert(name, v);
        else
            o.insert(name, text);
    }
    return o;
}

QByteArray plansJson(const PlanResult& result, const Scenario& sc, int top) {
    const PlanTableContext context{result, sc};
    QJsonArray plans;
    for (const PlanRow& r : result.rows) {
        if (top > 0 && r.rank > top)
            break;
        plans.append(planJson(r, context));
    }
    QJsonArray warnings;
    for (const Message& w : result.warnings)
        warnings.append(qtText(toEnglish(w)));
    const QJsonObject root{{u"currency"_s, qtText(result.currency)},
                           {u"hours_per_month"_s, sc.hoursPerMonth},
                           {u"fx_note"_s, qtText(result.fxNote)},
                           {u"candidates"_s, static_cast<double>(result.candidates)},
                           {u"warnings"_s, warnings},
                           {u"plans"_s, plans}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray curvesCsv(const PlanResult& result) {
    std::string out = csvHeader(curveColumnNames(kCliColumns));
    for (const CostCurve& curve : result.curves) {
        int step = 0;
        for (const CurveStep& at : curve.steps) {
            const CurvePoint point{curve, ++step, at, result.currency};
            QStringList cells;
            for (const CurveColumn& c : curveColumns())
                if (carries(kCliColumns, c.scope))
                    cells.append(cliText(c.cell(point), c.decimals));
            out += csvLine(cells);
        }
    }
    return QByteArray::fromStdString(out);
}

bool writeFile(const QString& path, const QByteArray& bytes, QString& error) {
    if (const Result<void> saved = models::saveFile(path, bytes); !saved) {
        error = qtText(saved.error());
        return false;
    }
    return true;
}

Scenario buildScenario(const Args& a) {
    Scenario sc;
    if (a.has(u"--scenario"_s)) {
        auto loaded = models::ScenarioFile::load(a.value(u"--scenario"_s));
        if (!loaded)
            throw InvalidInput{q(loaded.error())};
        sc = std::move(loaded.value());
    }
    applyLists(a, sc);
    applyWorkload(a, sc);
    applyMoney(a, sc);
    if (sc.models.empty())
        throw InvalidInput{u"--model: at least one model id is needed (or a --scenario file)"_s};
    const QString format = a.has(u"--format"_s) ? a.value(u"--format"_s) : u"csv"_s;
    if (format != u"csv"_s && format != u"json"_s)
        throw InvalidInput{u"--format: expected csv or json, got \""_s + format + u'"'};
    return sc;
}

int writeOutputs(const Args& a, const Scenario& sc, const PlanResult& result, CliContext& context) {
    const bool json = a.value(u"--format"_s) == u"json"_s;
    const QByteArray plans = json ? plansJson(result, sc, sc.top) : plansCsv(result, sc, sc.top);
    QString error;
    if (a.has(u"--output"_s)) {
        if (!writeFile(a.value(u"--output"_s), plans, error))
            return fail(context, "plan", error);
    } else {
        context.out << QString::fromUtf8(plans);
    }
    if (a.has(u"--curves"_s) && !writeFile(a.value(u"--curves"_s), curvesCsv(result), error))
        return fail(context, "plan", error);
    if (a.has(u"--save-scenario"_s))
        if (Result<void> saved = models::ScenarioFile::save(sc, a.value(u"--save-scenario"_s)); !saved)
            return fail(context, "plan", q(saved.error()));
    for (const Message& w : result.warnings)
        context.err << "serveplan-cli plan: note: " << q(toEnglish(w)) << '\n';
    if (!result.fxNote.empty())
        context.err << "serveplan-cli plan: FX rates used: " << q(result.fxNote) << '\n';
    return ExitOk;
}

int runPlan(const QStringList& args, CliContext& context) {
    const Args a = parseOptions(args, kOptions);
    if (!a.ok())
        return fail(context, "plan", a.error, ExitInvalidInput);
    Scenario sc;
    try {
        sc = buildScenario(a);
    } catch (const InvalidInput& e) {
        return fail(context, "plan", e.message, ExitInvalidInput);
    }
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, "plan", q(db.error()));
    const auto catalog = db.value()->loadCatalog();
    if (!catalog)
        return fail(context, "plan", q(catalog.error()));
    const Planner planner(*catalog);
    if (Result<void> ok = planner.check(sc); !ok)
        return fail(context, "plan", q(ok.error()), ExitInvalidInput);
    const auto result = planner.run(sc);
    if (!result)
        return fail(context, "plan", q(result.error()), ExitInvalidInput);
    return writeOutputs(a, sc, *result, context);
}

/// The whole help text, built once: CommandInfo keeps a pointer into it for the life of the program.
const std::string kUsage = kUsageHead + wrappedHelp(pricingPlanNames(" | ") + " " + kPricingHelp) + kUsageTail;

} // namespace

const CommandInfo kPlanCommand{"plan",     "ranked deployment plans as CSV or JSON", kUsage.c_str(), &runPlan, false,
                               {&kOptions}};

} // namespace serveplan::cli
