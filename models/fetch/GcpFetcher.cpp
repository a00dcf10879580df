// Google Cloud: the Cloud Billing Catalog API with the user's API key
// (cloud.google.com/billing/docs/reference/rest/v1/services.skus/list): GET
// /v1/services/6F81-5844-456A/skus?key=..&currencyCode=USD&pageSize=5000&pageToken=.. (Compute Engine).
// An instance's price is assembled from per-unit SKUs (vCPU, RAM and GPU hours, as gpuhunt and
// SkyPilot do) for each usageType: OnDemand, Preemptible (spot), Commit1Yr, Commit3Yr.
#include "FetchJson.h"
#include "Fetchers.h"
#include "GpuFamilies.h"

#include <QUrlQuery>

#include <array>

using namespace Qt::StringLiterals;
using serveplan::models::fetch::jsonutil::json;
namespace ju = serveplan::models::fetch::jsonutil;

namespace serveplan::models::fetch {

GcpFetcher::GcpFetcher()
    : PriceFetcher({u"gcp"_s,
                    u"Google Cloud"_s,
                    u"https://cloudbilling.googleapis.com"_s,
                    {u"us-central1"_s, u"europe-west4"_s},
                    {u"GOOGLE_CLOUD_API_KEY"_s}}) {}

namespace {

/// GPU machine shapes (Compute Engine "GPU machine types" page); the catalog API has no shapes.
struct Shape {
    const char* type;
    const char* series;  ///< as the SKU descriptions spell it
    const char* gpuSku;  ///< GPU SKU description words
    const char* gpuName; ///< for gpuByName
    int vcpus;
    double ramGib;
    int gpus;
};
constexpr std::array kShapes{
    Shape{"a3-highgpu-8g", "A3", "H100 80GB GPU", "H100", 208, 1872, 8},
    Shape{"a2-highgpu-1g", "A2", "Tesla A100 GPU", "A100", 12, 85, 1},
    Shape{"a2-highgpu-8g", "A2", "Tesla A100 GPU", "A100", 96, 680, 8},
    Shape{"a2-ultragpu-1g", "A2", "A100 80GB GPU", "A100-80GB", 12, 170, 1},
    Shape{"a2-ultragpu-8g", "A2", "A100 80GB GPU", "A100-80GB", 96, 1360, 8},
    Shape{"g2-standard-4", "G2", "L4 GPU", "L4", 4, 16, 1},
    Shape{"g2-standard-48", "G2", "L4 GPU", "L4", 48, 192, 4},
};

double unitPrice(const json& sku) {
    const json& info = ju::at(sku, "pricingInfo");
    if (!info.is_array() || info.empty())
        return -1;
    const json& rates = ju::at(ju::at(info.back(), "pricingExpression"), "tieredRates");
    if (!rates.is_array() || rates.empty())
        return -1;
    const json& price = ju::at(rates.back(), "unitPrice");
    return std::max(0.0, ju::num(price, "units")) + std::max(0.0, ju::num(price, "nanos")) / 1e9;
}

} // namespace

Result<FetchResult> GcpFetcher::fetch(const FetchOptions& options, const Credentials& credentials) {
    if (!credentials.has(u"GOOGLE_CLOUD_API_KEY"_s))
        return Error{"gcp: no API key: set GOOGLE_CLOUD_API_KEY (a key of a project with the Cloud Billing API "
                     "enabled) or store it in the keyring"};
    const QStringList regions = options.regions.isEmpty() ? defaultRegions() : options.regions;
    const QString fetchedAt = detail::isoNow(options);
    HttpClient http(id(), options.http, options.cancel, options.tempDir);
    // component prices: usageType -> region -> description -> price
    struct Sku {
        QString description;
        QString usage;
        QStringList regions;
        double price;
        QString currency;
        QString effective;
    };
    std::vector<Sku> skus;
    QString token;
    int pages = 0;
    do {
        QUrl url = detail::joinUrl(options.endpoint, defaultEndpoint(), u"/v1/services/6F81-5844-456A/skus"_s);
        QUrlQuery query;
        query.addQueryItem(u"key"_s, credentials.value(u"GOOGLE_CLOUD_API_KEY"_s));
        query.addQueryItem(u"currencyCode"_s, u"USD"_s);
        query.addQueryItem(u"pageSize"_s, u"5000"_s);
        if (!token.isEmpty())
            query.addQueryItem(u"pageToken"_s, token);
        url.setQuery(query);
        auto reply = http.get(url);
        if (!reply)
            return Error{reply.error()};
        auto page = ju::parse(reply->body, id(), u"SKU page %1"_s.arg(pages + 1));
        if (!page)
            return Error{page.error()};
        const json& list = ju::at(*page, "skus");
        if (!list.is_array())
            return Error{"gcp: a SKU page has no skus array"};
        for (const json& s : list) {
            const json& category = ju::at(s, "category");
            if (ju::str(category, "resourceFamily") != u"Compute"_s)
                continue;
            Sku sku;
            sku.description = ju::str(s, "description");
            sku.usage = ju::str(category, "usageType");
            for (const json& r : ju::at(s, "serviceRegions"))
                if (r.is_string())
                    sku.regions << QString::fromStdString(r.get<std::string>());
            sku.price = unitPrice(s);
            const json& info = ju::at(s, "pricingInfo");
            sku.effective =
                info.is_array() && !info.empty() ? ju::str(info.back(), "effectiveTime").left(10) : QString();
            skus.push_back(std::move(sku));
        }
        token = ju::str(*page, "nextPageToken");
        detail::progress(options, u"gcp: SKU page %1 (%2 compute SKUs so far)"_s.arg(++pages).arg(skus.size()));
    } while (!token.isEmpty() && pages < 200);

    FetchResult result;
    const std::array<std::pair<const char*, QLatin1String>, 4> usages{
        std::pair{"OnDemand", plans::kOnDemand}, std::pair{"Preemptible", plans::kSpot},
        std::pair{"Commit1Yr", plans::kCommittedUse1y}, std::pair{"Commit3Yr", plans::kCommittedUse3y}};
    for (const QString& region : regions) {
        for (const Shape& shape : kShapes) {
            const auto gpu = gpuByName(QString::fromLatin1(shape.gpuName));
            for (const auto& [usage, plan] : usages) {
                double cpu = -1, ram = -1, gpuPrice = -1;
                QString effective;
                const QString series = QString::fromLatin1(shape.series) + u' ';
                for (const Sku& s : skus) {
                    if (s.usage != QLatin1String(usage) || !s.regions.contains(region) || s.price <= 0)
                        continue;
                    const QString& d = s.description;
                    if (d.contains(u"Mega"_s) || d.contains(u"Plus"_s) || d.contains(u"DWS"_s) ||
                        d.contains(u"Reserved"_s))
                        continue;
                    if (d.contains(QString::fromLatin1(shape.gpuSku)))
                        gpuPrice = s.price;
                    else if (d.contains(series) && (d.contains(u"Core"_s) || d.contains(u"Cpu"_s)))
                        cpu = s.price;
                    else if (d.contains(series) && d.contains(u"Ram"_s))
                        ram = s.price;
                    else
                        continue;
                    effective = std::max(effective, s.effective);
                }
                if (cpu < 0 || ram < 0 || gpuPrice < 0)
                    continue;
                PriceQuote q;
                q.provider = id();
                q.instanceType = QString::fromLatin1(shape.type);
                q.region = region;
                q.gpuName = gpu ? gpu->gpuName : QString::fromLatin1(shape.gpuName);
                q.gpuId = gpu ? gpu->gpuId : QString();
                q.gpuCount = shape.gpus;
                q.gpuMemoryGbEach = gpu ? gpu->memoryGbEach : 0;
                q.vcpus = shape.vcpus;
                q.memoryGib = shape.ramGib;
                q.plan = plan;
                q.amount = cpu * shape.vcpus + ram * shape.ramGib + gpuPrice * shape.gpus;
                q.currency = u"USD"_s;
                q.effectiveDate = effective.isEmpty() ? fetchedAt.left(10) : effective;
                q.fetchedAt = fetchedAt;
                q.source = u"Google Cloud Billing Catalog API v1 (Compute Engine SKUs, summed per machine type)"_s;
                result.quotes.push_back(std::move(q));
            }
        }
        result.regions << region;
    }
    return result;
}

} // namespace serveplan::models::fetch
