// serveplan-cli prices: fetch current prices from the providers' own price interfaces (issue 16).
// `prices fetch` shows a summary (new, changed, unchanged, vanished; the biggest changes) before it
// writes anything, then adds the new and changed rows, one transaction per provider.
#include "CatalogDb.h"
#include "CliCommand.h"
#include "PriceBook.h"
#include "QtText.h"
#include "fetch/Credentials.h"
#include "fetch/PriceFetcher.h"

#include <QFile>
#include <QUrl>

#include <cmath>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace serveplan::models::fetch;
using serveplan::models::CatalogDb;
using serveplan::models::PriceBook;
using serveplan::models::PriceDiff;

namespace serveplan::cli {

namespace {

constexpr const char* kName = "prices";

QStringList splitList(const QString& value) {
    QStringList out;
    for (const QString& part : value.split(u',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QString money(double amount) {
    return QString::number(amount, 'f', amount >= 100 ? 2 : 4);
}

struct ProviderRun {
    QString id;
    std::unique_ptr<PriceFetcher> fetcher;
    Credentials credentials;
    QString error; ///< empty when the fetch worked
    PriceDiff diff;
};

const OptionTable kFetchOptions{"prices",
                                {{"--provider", "P[,P...]", true},
                                 {"--region", "R,...", true},
                                 {"--endpoint", "URL"},
                                 {"--dry-run"},
                                 {"--top", "N"},
                                 {"--timeout", "S"}}};
const OptionTable kListOptions{"prices", {}};
const OptionTable kSetKeyOptions{"prices", {}, 2};

/// `name`'s value as a whole number >= `min`, `fallback` when absent; nullopt when it is not one.
std::optional<int> count(const ParsedArgs& a, const QString& name, int min, int fallback) {
    if (!a.has(name))
        return fallback;
    bool ok = false;
    const int v = a.value(name).toInt(&ok);
    return ok && v >= min ? std::optional<int>(v) : std::nullopt;
}

int fetchCommand(const QStringList& args, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kFetchOptions);
    if (!a.ok())
        return fail(context, kName, u"fetch: "_s + a.error, ExitInvalidInput);
    QStringList providers, regions;
    for (const QString& v : a.values(u"--provider"_s))
        providers << splitList(v);
    for (const QString& v : a.values(u"--region"_s))
        regions << splitList(v);
    const QString endpoint = a.value(u"--endpoint"_s);
    const bool dryRun = a.has(u"--dry-run"_s);
    const std::optional<int> top = count(a, u"--top"_s, 0, 5);
    const std::optional<int> timeoutS = count(a, u"--timeout"_s, 1, 60);
    if (!top || !timeoutS)
        return fail(context, kName, u"fetch: --top needs a whole number >= 0, --timeout seconds > 0"_s,
                    ExitInvalidInput);
    if (providers.isEmpty())
        return fail(context, kName,
                    u"fetch: --provider P[,P...] is required; providers: "_s + fetcherIds().join(u", "_s),
                    ExitInvalidInput);
    providers.removeDuplicates();
    std::vector<ProviderRun> runs;
    for (const QString& p : providers) {
        auto fetcher = makeFetcher(p.toLower());
        if (!fetcher)
            return fail(context, kName,
                        u"fetch: unknown provider "_s + p + u"; providers: "_s + fetcherIds().join(u", "_s),
                        ExitInvalidInput);
        runs.push_back(ProviderRun{fetcher->id(), std::move(fetcher), {}, {}, {}});
    }
    if (!endpoint.isEmpty()) {
        const QUrl url(endpoint, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty() ||
            url.hasQuery())
            return fail(context, kName,
                        u"fetch: --endpoint must be a base URL such as https://host[:port][/prefix], got "_s + endpoint,
                        ExitInvalidInput);
    }
    auto opened = CatalogDb::open(context.dbPath);
    if (!opened)
        return fail(context, kName, qtText(opened.error()), ExitFailure);
    std::unique_ptr<CatalogDb> db = std::move(opened).value();

    // 1. Fetch every provider; one that fails keeps its old prices and does not stop the others.
    for (ProviderRun& run : runs) {
        run.credentials = loadCredentials(*run.fetcher);
        FetchOptions options;
        // "aws:us-east-1" is for that provider only; a plain region is for every provider.
        for (const QString& r : regions) {
            const qsizetype colon = r.indexOf(u':');
            if (colon < 0)
                options.regions << r;
            else if (r.left(colon) == run.id)
                options.regions << r.mid(colon + 1);
        }
        options.endpoint = endpoint;
        options.http.timeoutMs = *timeoutS * 1000;
        options.progress = [&](const QString& line) {
            context.err << line << '\n';
            context.err.flush();
        };
        context.err << run.id << ": fetching " << run.fetcher->displayName() << " prices from "
                    << (endpoint.isEmpty() ? run.fetcher->defaultEndpoint() : endpoint) << '\n';
        context.err.flush();
        auto fetched = run.fetcher->fetch(options, run.credentials);
        if (!fetched) {
            run.error = scrubSecrets(qtText(fetched.error()), run.credentials);
            context.err << "serveplan-cli prices: " << run.error << '\n';
            continue;
        }
        for (const QString& note : fetched->notes)
            context.err << scrubSecrets(note, run.credentials) << '\n';
        auto diff = PriceBook::diff(*db, run.id, *fetched);
        if (!diff) {
            run.error = run.id + u": "_s + qtText(diff.error());
            context.err << "serveplan-cli prices: " << run.error << '\n';
            continue;
        }
        run.diff = std::move(*diff);
        context.err.flush();
    }

    // 2. The summary, before anything is written.
    context.out << "provider  new  changed  unchanged  vanished  no_gpu_skipped  status\n";
    for (const ProviderRun& run : runs) {
        if (!run.error.isEmpty()) {
            context.out << run.id.leftJustified(8)
                        << "  -    -        -          -         -               failed: " << run.error << '\n';
            continue;
        }
        const PriceDiff& d = run.diff;
        context.out << run.id.leftJustified(8) << "  " << QString::number(d.added.size()).leftJustified(3) << "  "
                    << QString::number(d.changed.size()).leftJustified(7) << "  "
                    << QString::number(d.unchanged).leftJustified(9) << "  "
                    << QString::number(d.vanished.size()).leftJustified(8) << "  "
                    << QString::number(d.skippedNoGpu).leftJustified(14) << "  ok\n";
    }
    for (const ProviderRun& run : runs) {
        if (!run.error.isEmpty() || run.diff.changed.empty())
            continue;
        context.out << "biggest changes (" << run.id << "):\n";
        for (const auto& c : run.diff.biggestChanges(*top)) {
            const double rel = c.relative();
            context.out << "  " << c.quote.key() << "  " << money(c.oldAmount) << ' ' << c.oldCurrency << " -> "
                        << money(c.quote.amount) << ' ' << c.quote.currency << '/' << c.quote.unit;
            if (rel != 0)
                context.out << " (" << (rel > 0 ? "+" : "") << QString::number(rel * 100, 'f', 1) << " %)";
            context.out << '\n';
        }
    }
    for (const ProviderRun& run : runs)
        if (run.error.isEmpty() && !run.diff.vanished.empty())
            context.out << run.id << ": " << run.diff.vanished.size()
                        << " stored prices are no longer offered; they stay in the book as they were\n";

    // 3. Write, one transaction per provider.
    bool failed = false;
    for (const ProviderRun& run : runs)
        failed = failed || !run.error.isEmpty();
    if (dryRun) {
        context.out << "dry run: nothing written\n";
        return failed ? ExitFailure : ExitOk;
    }
    for (const ProviderRun& run : runs) {
        if (!run.error.isEmpty())
            continue;
        auto applied = PriceBook::apply(*db, run.diff);
        if (!applied) {
            failed = true;
            context.err << "serveplan-cli prices: " << run.id << ": " << qtText(applied.error())
                        << " (its old prices are kept)\n";
            continue;
        }
        context.out << run.id << ": wrote " << applied->pricesWritten << " prices";
        if (applied->instancesCreated > 0)
            context.out << " (" << applied->instancesCreated << " new instance types)";
        context.out << '\n';
    }
    return failed ? ExitFailure : ExitOk;
}

int listCommand(const QStringList& args, CliContext& context) {
    if (const ParsedArgs a = parseOptions(args, kListOptions); !a.ok())
        return fail(context, kName, u"list: "_s + a.error, ExitInvalidInput);
    for (const QString& id : fetcherIds()) {
        auto f = makeFetcher(id);
        context.out << id.leftJustified(8) << "  " << f->displayName().leftJustified(20) << "  "
                    << (f->credentialVariables().isEmpty() ? u"no key"_s : f->credentialVariables().join(u", "_s))
                    << "  " << f->defaultEndpoint() << '\n';
    }
    context.out << "keyring: " << (keyringAvailable() ? "available (service ServePlan)" : "not in this build") << '\n';
    return ExitOk;
}

int setKeyCommand(const QStringList& args, CliContext& context) {
    const ParsedArgs a = parseOptions(args, kSetKeyOptions);
    if (!a.ok() || a.positionals().size() != 2)
        return fail(context, kName, u"set-key PROVIDER VARIABLE (the value is read from stdin)"_s, ExitInvalidInput);
    auto fetcher = makeFetcher(args[0]);
    if (!fetcher || !fetcher->credentialVariables().contains(args[1]))
        return fail(context, kName, u"set-key: "_s + args[0] + u" has no key variable "_s + args[1], ExitInvalidInput);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(context, kName, u"set-key: cannot read stdin"_s, ExitFailure);
    const QString value = QString::fromUtf8(in.readLine()).trimmed();
    if (value.isEmpty())
        return fail(context, kName, u"set-key: no value on stdin"_s, ExitInvalidInput);
    auto stored = storeCredential(fetcher->id(), args[1], value);
    if (!stored)
        return fail(context, kName, u"set-key: "_s + qtText(stored.error()), ExitFailure);
    context.out << "stored " << fetcher->id() << '/' << args[1] << " in the keyring\n";
    return ExitOk;
}

int run(const QStringList& args, CliContext& context) {
    if (args.isEmpty())
        return fail(context, kName, u"a subcommand is needed: fetch, list or set-key (see help prices)"_s,
                    ExitInvalidInput);
    const QString sub = args.first();
    if (sub == u"fetch"_s)
        return fetchCommand(args.mid(1), context);
    if (sub == u"list"_s)
        return listCommand(args.mid(1), context);
    if (sub == u"set-key"_s)
        return setKeyCommand(args.mid(1), context);
    return fail(context, kName, u"unknown subcommand "_s + sub + u" (fetch, list, set-key)"_s, ExitInvalidInput);
}

} // namespace

const CommandInfo kPricesCommand{
    "prices",
    "fetch current prices from the providers' own price interfaces",
    "Usage: serveplan-cli [--db PATH] prices SUBCOMMAND\n"
    "  fetch --provider P[,P...] [--region R,...] [--endpoint URL] [--dry-run] [--top N] [--timeout S]\n"
    "      Fetches every pricing plan of every GPU instance family from each provider's own price interface,\n"
    "      prints progress on stderr, then a summary on stdout (new, changed, unchanged and vanished prices,\n"
    "      instance types skipped for having no GPU, the N biggest changes) BEFORE anything is written, then\n"
    "      adds the new and changed rows (one transaction per provider; a fetch never deletes a price).\n"
    "      A provider that fails keeps its old prices and does not stop the others (exit 1 at the end).\n"
    "      --dry-run     fetch and summarise, write nothing\n"
    "      --region      region codes, each for every provider or as PROVIDER:REGION for one (default: two\n"
    "                    per provider; Tencent rows are keyed by the zone that sells the type)\n"
    "      --endpoint    replaces the provider's base URL (scheme, host, path prefix); every request, pages\n"
    "                    included, follows the provider's documented interface below that base (for tests\n"
    "                    and mirrors)\n"
    "      --timeout S   give up on a request after S seconds without data (default 60); HTTP 429/5xx and\n"
    "                    timeouts are retried 3 times with a doubling back-off (Retry-After honoured)\n"
    "  list               providers, the key variables they need, their interfaces\n"
    "  set-key PROVIDER VARIABLE   store a key (read from stdin) in the desktop keyring\n"
    "Providers and interfaces:\n"
    "  aws      Price List bulk offer files (EC2 On-Demand + Reserved, streamed), Savings Plans offer files,\n"
    "           public spot feed - no key\n"
    "  azure    Retail Prices API (consumption, spot, reservations, savings plan) - no key\n"
    "  gcp      Cloud Billing Catalog API - GOOGLE_CLOUD_API_KEY\n"
    "  alibaba  ECS DescribePrice (ACS3-HMAC-SHA256) - ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET\n"
    "  tencent  CVM InquiryPriceRunInstances (TC3-HMAC-SHA256) - TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY\n"
    "           (optional TENCENTCLOUD_IMAGE_ID: the public image quoted, default img-pmqg1cw7)\n"
    "  runpod   GraphQL gpuTypes - RUNPOD_API_KEY optional\n"
    "  lambda   /api/v1/instance-types - LAMBDA_API_KEY\n"
    "  vast     marketplace bundles (median offer) - no key\n"
    "Keys come from these environment variables, else from the desktop keyring (service ServePlan, key\n"
    "PROVIDER/VARIABLE; SERVEPLAN_NO_KEYRING=1 turns the keyring off). They are never stored in the\n"
    "database, a scenario or a log, and never printed.\n"
    "Exit codes: 0 every provider fetched and written, 1 a provider failed, 2 invalid input.\n",
    run,
    false,
    {&kFetchOptions, &kListOptions, &kSetKeyOptions}};

} // namespace serveplan::cli
