// Neoclouds and marketplaces.
// RunPod: GraphQL POST https://api.runpod.io/graphql, gpuTypes { securePrice secureSpotPrice maxGpuCount }
//   (docs.runpod.io/sdks/graphql/manage-pods; per GPU-hour; a key is sent when RUNPOD_API_KEY is set).
//   Pods of 1, 2, 4 and 8 GPUs (up to maxGpuCount) are named as the seed catalog names them.
// Lambda: GET https://cloud.lambda.ai/api/v1/instance-types with a bearer key
//   (docs.lambda.ai/api/cloud, price_cents_per_hour).
// Vast.ai: POST https://console.vast.ai/api/v0/bundles/ (docs.vast.ai/api-reference/search/search-offers):
//   a marketplace, so the book keeps the median dph_total (on-demand) and median min_bid (spot)
//   per GPU model and count.
#include "Credentials.h"
#include "FetchJson.h"
#include "Fetchers.h"
#include "GpuFamilies.h"

#include <QMap>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;
using serveplan::models::fetch::jsonutil::json;
namespace ju = serveplan::models::fetch::jsonutil;

namespace serveplan::models::fetch {

namespace {

PriceQuote base(const QString& provider, const QString& type, const QString& region, const GpuOfType& gpu, double count,
                const FetchOptions& options, const QString& source) {
    PriceQuote q;
    q.provider = provider;
    q.instanceType = type;
    q.region = region;
    q.gpuName = gpu.gpuName;
    q.gpuId = gpu.gpuId;
    q.gpuCount = count;
    q.gpuMemoryGbEach = gpu.memoryGbEach;
    q.currency = u"USD"_s;
    q.fetchedAt = detail::isoNow(options);
    q.effectiveDate = detail::today(options);
    q.source = source;
    return q;
}

/// " (GraphQL error: <first message>)" from a GraphQL reply's `errors` (HTTP 200 with no data is how
/// a GraphQL server refuses a query, e.g. an unknown field or a bad key); keys scrubbed, kept short.
QString graphQlErrors(const json& doc, const Credentials& credentials) {
    const json& errors = ju::at(doc, "errors");
    if (!errors.is_array() || errors.empty())
        return {};
    const QString message = scrubSecrets(ju::str(errors.front(), "message").left(200).simplified(), credentials);
    return u" (GraphQL error: "_s + (message.isEmpty() ? u"no message"_s : message) + u')';
}

/// " (error: <error> <msg>)" from Vast's documented error shape {"success": false, "error", "msg"}.
QString vastError(const json& doc) {
    const QString text =
        QString(ju::str(doc, "error") + u' ' + ju::str(doc, "msg") + ju::str(doc, "message")).simplified();
    return text.isEmpty() ? QString() : u" (error: "_s + text.left(200) + u')';
}

/// RunPod's GPU as the seed catalog (SkyPilot's RunPod catalog, skypilot-org/skypilot
/// sky/catalog/data_fetchers/fetch_runpod.py) names it, from the reply's displayName: "H100 SXM" ->
/// "H100-SXM", "RTX 4090" -> "RTX4090", "RTX PRO 6000" -> "RTXPRO6000", and the three older names
/// that catalog kept ("A100 PCIe" -> "A100-80GB", "A100 SXM" -> "A100-80GB-SXM", "H100 PCIe" -> "H100").
/// Fetched prices then land on the seed's instances as dated prices instead of beside them.
QString runPodGpuName(const QString& displayName) {
    QString name = displayName.simplified();
    name.replace(u"RTX PRO "_s, u"RTXPRO"_s).replace(u"RTX "_s, u"RTX"_s).replace(u' ', u'-');
    static const QMap<QString, QString> kKeptNames{
        {u"A100-PCIe"_s, u"A100-80GB"_s}, {u"A100-SXM"_s, u"A100-80GB-SXM"_s}, {u"H100-PCIe"_s, u"H100"_s}};
    return kKeptNames.value(name, name);
}

/// The pod sizes the seed lists (1, 2, 4, 8 GPUs), up to the GPU's maxGpuCount when the reply has one.
std::vector<int> runPodPodSizes(const json& gpuType) {
    const double maxCount = ju::num(gpuType, "maxGpuCount");
    std::vector<int> sizes;
    for (int n : {1, 2, 4, 8})
        if (maxCount <= 0 || n <= maxCount)
            sizes.push_back(n);
    return sizes;
}

double median(std::vector<double> v) {
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

// RunPod --------------------------------------------------------------------------------------
RunPodFetcher::RunPodFetcher()
    : PriceFetcher({u"runpod"_s, u"RunPod"_s, u"https://api.runpod.io"_s, {u"global"_s}, {u"RUNPOD_API_KEY"_s}}) {}

Result<FetchResult> RunPodFetcher::fetch(const FetchOptions& options, const Credentials& credentials) {
    HttpClient http(id(), options.http, options.cancel, options.tempDir);
    const QByteArray body =
        R"({"query":"query GpuTypes { gpuTypes { id displayName memoryInGb maxGpuCount securePrice secureSpotPrice communityPrice } }"})";
    auto reply = http.send([&] {
        HttpRequest r;
        r.url = detail::joinUrl(options.endpoint, defaultEndpoint(), u"/graphql"_s);
        r.method = "POST";
        r.body = body;
        r.headers = {{"Content-Type", "application/json"}};
        if (credentials.has(u"RUNPOD_API_KEY"_s))
            r.headers.append({"Authorization", "Bearer " + credentials.value(u"RUNPOD_API_KEY"_s).toUtf8()});
        return r;
    });
    if (!reply)
        return Error{reply.error()};
    auto doc = ju::parse(reply->body, id(), u"gpuTypes"_s);
    if (!doc)
        return Error{doc.error()};
    const json& types = ju::at(ju::at(*doc, "data"), "gpuTypes");
    if (!types.is_array())
        return fetchError(u"runpod: the reply has no data.gpuTypes"_s + graphQlErrors(*doc, credentials));
    FetchResult result;
    for (const json& t : types) {
        const QString name = ju::str(t, "displayName");
        const auto gpu = gpuByName(name, std::max(0.0, ju::num(t, "memoryInGb")));
        if (!gpu) {
            ++result.skippedNoGpu;
            continue;
        }
        const QString gpuName = runPodGpuName(name);
        for (const int count : runPodPodSizes(t)) {
            const QString type = QString::number(count) + u"x_"_s + gpuName + u"_SECURE"_s;
            for (const auto& [field, plan] :
                 {std::pair{"securePrice", plans::kOnDemand}, std::pair{"secureSpotPrice", plans::kSpot}}) {
                const double perGpu = ju::num(t, field);
                if (perGpu <= 0)
                    continue;
                PriceQuote q = base(id(), type, u"global"_s, *gpu, count, options,
                                    u"RunPod GraphQL gpuTypes (secure cloud, per GPU-hour x %1)"_s.arg(count));
                q.plan = plan;
                q.amount = perGpu * count;
                result.quotes.push_back(std::move(q));
            }
        }
    }
    result.regions << u"global"_s;
    return result;
}

// Lambda --------------------------------------------------------------------------------------
LambdaFetcher::LambdaFetcher()
    : PriceFetcher({u"lambda"_s, u"Lambda"_s, u"https://cloud.lambda.ai"_s, {}, {u"LAMBDA_API_KEY"_s}}) {}

Result<FetchResult> LambdaFetcher::fetch(const FetchOptions& options, const Credentials& credentials) {
    if (!credentials.has(u"LAMBDA_API_KEY"_s))
        return Error{"lambda: no API key: set LAMBDA_API_KEY (or store it in the keyring)"};
    HttpClient http(id(), options.http, options.cancel, options.tempDir);
    auto reply = http.send([&] {
        HttpRequest r;
        r.url = detail::joinUrl(options.endpoint, defaultEndpoint(), u"/api/v1/instance-types"_s);
        r.headers = {{"Authorization", "Bearer " + credentials.value(u"LAMBDA_API_KEY"_s).toUtf8()}};
        return r;
    });
    if (!reply)
        return Error{reply.error()};
    auto doc = ju::parse(reply->body, id(), u"instance-types"_s);
    if (!doc)
        return Error{doc.error()};
    const json& data = ju::at(*doc, "data");
    if (!data.is_object())
        return Error{"lambda: the reply has no data object"};
    static const QRegularExpression kDescription(u"^(\\d+)x (?:Tesla )?(.+?) \\((\\d+) GB"_s);
    FetchResult result;
    for (const auto& [name, entry] : data.items()) {
        const json& type = ju::at(entry, "instance_type");
        const auto match = kDescription.match(ju::str(type, "description"));
        const auto gpu = match.hasMatch() ? gpuByName(match.captured(2), match.captured(3).toDouble()) : std::nullopt;
        const double cents = ju::num(type, "price_cents_per_hour");
        if (!gpu) {
            ++result.skippedNoGpu;
            continue;
        }
        if (cents <= 0)
            continue;
        QStringList regions;
        for (const json& r : ju::at(entry, "regions_with_capacity_available"))
            regions << ju::str(r, "name");
        regions.removeAll(QString());
        if (!options.regions.isEmpty())
            regions = options.regions;
        if (regions.isEmpty())
            regions << u"us-east-1"_s;
        for (const QString& region : regions) {
            PriceQuote q = base(id(), QString::fromStdString(name), region, *gpu, match.captured(1).toDouble(), options,
                                u"Lambda Cloud API v1 instance-types"_s);
            q.amount = cents / 100.0;
            q.vcpus = int(std::max(0.0, ju::num(ju::at(type, "specs"), "vcpus")));
            q.memoryGib = std::max(0.0, ju::num(ju::at(type, "specs"), "memory_gib"));
            result.quotes.push_back(std::move(q));
            if (!result.regions.contains(region))
                result.regions << region;
        }
    }
    return result;
}

// Vast.ai -------------------------------------------------------------------------------------
VastFetcher::VastFetcher()
    : PriceFetcher({u"vast"_s, u"Vast.ai"_s, u"https://console.vast.ai"_s, {u"global"_s}, {}}) {}

Result<FetchResult> VastFetcher::fetch(const FetchOptions& options, const Credentials&) {
    HttpClient http(id(), options.http, options.cancel, options.tempDir);
    const QByteArray body =
        R"({"num_gpus":{"gte":1},"rentable":{"eq":true},"rented":{"eq":false},"order":[["score","desc"]],"limit":3000})";
    auto reply = http.send([&] {
        HttpRequest r;
        r.url = detail::joinUrl(options.endpoint, defaultEndpoint(), u"/api/v0/bundles/"_s);
        r.method = "POST";
        r.body = body;
        r.headers = {{"Content-Type", "application/json"}};
        return r;
    });
    if (!reply)
        return Error{reply.error()};
    auto doc = ju::parse(reply->body, id(), u"bundles"_s);
    if (!doc)
        return Error{doc.error()};
    const json& offers = ju::at(*doc, "offers");
    if (!offers.is_array())
        return fetchError(u"vast: the reply has no offers array"_s + vastError(*doc));
    struct Group {
        GpuOfType gpu;
        double count = 0;
        std::vector<double> onDemand, bids;
    };
    QMap<QString, Group> groups;
    FetchResult result;
    for (const json& o : offers) {
        const auto gpu = gpuByName(ju::str(o, "gpu_name"), std::max(0.0, ju::num(o, "gpu_ram")) / 1024.0);
        const double count = ju::num(o, "num_gpus");
        if (!gpu || count <= 0) {
            ++result.skippedNoGpu;
            continue;
        }
        const QString type = QString::number(count) + u"x_"_s + ju::str(o, "gpu_name").replace(u' ', u'_');
        Group& g = groups[type];
        g.gpu = *gpu;
        g.count = count;
        if (ju::num(o, "dph_total") > 0)
            g.onDemand.push_back(ju::num(o, "dph_total"));
        if (ju::num(o, "min_bid") > 0)
            g.bids.push_back(ju::num(o, "min_bid"));
    }
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        for (const auto& [values, plan] :
             {std::pair{&it->onDemand, plans::kOnDemand}, std::pair{&it->bids, plans::kSpot}}) {
            const double m = median(*values);
            if (m <= 0)
                continue;
            PriceQuote q = base(id(), it.key(), u"global"_s, it->gpu, it->count, options,
                                u"Vast.ai bundles, median of %1 offers"_s.arg(values->size()));
            q.plan = plan;
            q.amount = m;
            result.quotes.push_back(std::move(q));
        }
    }
    result.regions << u"global"_s;
    return result;
}

} // namespace serveplan::models::fetch
