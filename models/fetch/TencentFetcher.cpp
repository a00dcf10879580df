// Tencent Cloud: CVM API 3.0 (version 2017-03-12) with the user's SecretId/SecretKey, signed per
// "Signature v3" (TC3-HMAC-SHA256; cloud.tencent.com/document/api/213/30654).
// DescribeZoneInstanceConfigInfos (cloud.tencent.com/document/api/213/17378) lists every instance
// type of a region with its zone, GPUs and POSTPAID_BY_HOUR price; InquiryPriceRunInstances
// (cloud.tencent.com/document/api/213/15726) prices PREPAID 1 and 12 months and SPOTPAID;
// DescribeReservedInstancesOfferings (Limit/Offset pages) gives reserved-instance prices where the
// account may buy them. Prices carry no currency: CNY on the China site, USD on the international
// one (cvm.intl.tencentcloudapi.com).
#include "FetchJson.h"
#include "Fetchers.h"
#include "GpuFamilies.h"
#include "RequestSigner.h"

#include <QMap>
#include <QSet>

using namespace Qt::StringLiterals;
using serveplan::models::fetch::jsonutil::json;
namespace ju = serveplan::models::fetch::jsonutil;

namespace serveplan::models::fetch {

TencentFetcher::TencentFetcher()
    : PriceFetcher({u"tencent"_s,
                    u"Tencent Cloud"_s,
                    u"https://cvm.tencentcloudapi.com"_s,
                    {u"ap-guangzhou"_s, u"ap-shanghai"_s},
                    {u"TENCENTCLOUD_SECRET_ID"_s, u"TENCENTCLOUD_SECRET_KEY"_s}}) {}

namespace {

class Client {
public:
    Client(const FetchOptions& options, const Credentials& credentials, const QString& base)
        : m_options(options)
        , m_http(u"tencent"_s, options.http, options.cancel, options.tempDir)
        , m_id(credentials.value(u"TENCENTCLOUD_SECRET_ID"_s).toUtf8())
        , m_key(credentials.value(u"TENCENTCLOUD_SECRET_KEY"_s).toUtf8())
        , m_url(detail::joinUrl(base, {}, u"/"_s)) {}

    /// One call; the value is Response. A provider error code comes back in `code`.
    Result<json> call(const QString& region, const QByteArray& action, const json& payload, QString* code) {
        const QByteArray body = QByteArray::fromStdString(payload.dump());
        auto reply = m_http.send(
            [&] {
                HttpRequest r;
                r.url = m_url;
                r.method = "POST";
                r.body = body;
                r.acceptClientErrors = true;
                Tc3Request sign;
                sign.host = m_url.authority().toLatin1();
                sign.action = action;
                sign.payload = body;
                sign.timestamp =
                    (m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch();
                const SignedRequest s = signTc3(sign, m_id, m_key);
                r.headers = {{"Content-Type", sign.contentType},
                             {"X-TC-Action", action},
                             {"X-TC-Version", "2017-03-12"},
                             {"X-TC-Region", region.toUtf8()},
                             {"X-TC-Timestamp", QByteArray::number(sign.timestamp)},
                             {"Authorization", s.authorization}};
                return r;
            },
            [](const HttpResponse& response) {
                const json doc = json::parse(response.body.constData(),
                                             response.body.constData() + response.body.size(), nullptr, false);
                const QString c =
                    doc.is_discarded() ? QString() : ju::str(ju::at(ju::at(doc, "Response"), "Error"), "Code");
                return c.startsWith(u"RequestLimitExceeded"_s) ? ReplyVerdict::Retry : ReplyVerdict::Accept;
            });
        if (!reply)
            return Error{reply.error()};
        auto doc = ju::parse(reply->body, u"tencent"_s, QString::fromLatin1(action) + u" in "_s + region);
        if (!doc)
            return doc;
        const json& response = ju::at(*doc, "Response");
        if (!response.is_object())
            return fetchError(u"tencent: the "_s + QString::fromLatin1(action) + u" reply for "_s + region +
                              u" has no Response object"_s);
        const json& error = ju::at(response, "Error");
        if (error.is_object()) {
            const QString errorCode = ju::str(error, "Code");
            if (errorCode.startsWith(u"AuthFailure"_s) || errorCode.startsWith(u"UnauthorizedOperation.CamNoAuth"_s))
                return fetchError(u"tencent: "_s + QString::fromLatin1(action) + u" in "_s + region +
                                  u" was refused ("_s + errorCode +
                                  u"): check TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY and the CAM "
                                  u"permission cvm:"_s +
                                  QString::fromLatin1(action));
            if (code)
                *code = errorCode + u" ("_s + ju::str(error, "Message").left(200) + u')';
        } else if (reply->status >= 400 && code) {
            *code = u"HTTP "_s + QString::number(reply->status);
        }
        return json(response);
    }

private:
    const FetchOptions& m_options;
    HttpClient m_http;
    QByteArray m_id;
    QByteArray m_key;
    QUrl m_url;
};

} // namespace

Result<FetchResult> TencentFetcher::fetch(const FetchOptions& options, const Credentials& credentials) {
    if (!credentials.has(u"TENCENTCLOUD_SECRET_ID"_s) || !credentials.has(u"TENCENTCLOUD_SECRET_KEY"_s))
        return Error{"tencent: no API key: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY "
                     "(or store them in the keyring)"};
    const QStringList regions = options.regions.isEmpty() ? defaultRegions() : options.regions;
    const QString base = options.endpoint.isEmpty() ? defaultEndpoint() : options.endpoint;
    const QString currency = QUrl(base).host().contains(u".intl."_s) ? u"USD"_s : u"CNY"_s;
    const QString imageId = qEnvironmentVariable("TENCENTCLOUD_IMAGE_ID", u"img-pmqg1cw7"_s);
    const QString fetchedAt = detail::isoNow(options);
    Client client(options, credentials, base);
    FetchResult result;
    for (const QString& region : regions) {
        if (detail::cancelled(options))
            return Error{"tencent: cancelled"};
        QString code;
        json filter = {
            {"Filters", json::array({{{"Name", "instance-charge-type"}, {"Values", {"POSTPAID_BY_HOUR"}}}})}};
        auto configs = client.call(region, "DescribeZoneInstanceConfigInfos", filter, &code);
        if (!configs)
            return Error{configs.error()};
        if (!code.isEmpty())
            return fetchError(u"tencent: DescribeZoneInstanceConfigInfos in "_s + region + u" failed: "_s + code);
        const json& set = ju::at(*configs, "InstanceTypeQuotaSet");
        if (!set.is_array())
            return fetchError(u"tencent: the DescribeZoneInstanceConfigInfos reply for "_s + region +
                              u" has no InstanceTypeQuotaSet"_s);
        // One zone per GPU type: the first (sorted) zone that sells it.
        QMap<QString, PriceQuote> byType;
        QSet<QString> noGpu;
        for (const json& item : set) {
            const QString type = ju::str(item, "InstanceType");
            double count = ju::num(item, "GpuCount");
            if (count <= 0)
                count = ju::num(item, "Gpu");
            const auto gpu = tencentGpu(ju::str(item, "InstanceFamily"), type, count);
            if (!gpu) {
                noGpu.insert(type);
                continue;
            }
            const QString zone = ju::str(item, "Zone");
            auto it = byType.find(type);
            if (it != byType.end() && it->region <= zone)
                continue;
            PriceQuote q;
            q.provider = id();
            q.instanceType = type;
            q.region = zone; // Tencent prices are per zone; the catalog keys them by zone
            q.gpuName = gpu->gpuName;
            q.gpuId = gpu->gpuId;
            q.gpuCount = gpu->count;
            q.gpuMemoryGbEach = gpu->memoryGbEach;
            q.vcpus = int(std::max(0.0, ju::num(item, "Cpu")));
            q.memoryGib = std::max(0.0, ju::num(item, "Memory"));
            q.currency = currency;
            q.effectiveDate = fetchedAt.left(10);
            q.fetchedAt = fetchedAt;
            q.source = u"Tencent Cloud CVM 2017-03-12 DescribeZoneInstanceConfigInfos"_s;
            const json& price = ju::at(item, "Price");
            double hourly = ju::num(price, "UnitPriceDiscount");
            if (hourly <= 0)
                hourly = ju::num(price, "UnitPrice");
            q.amount = hourly; // POSTPAID_BY_HOUR
            byType.insert(type, q);
        }
        result.skippedNoGpu += int(noGpu.size());
        detail::progress(options, u"tencent: %1: %2 GPU instance types"_s.arg(region).arg(byType.size()));
        int done = 0;
        for (const PriceQuote& base : std::as_const(byType)) {
            if (base.amount > 0)
                result.quotes.push_back(base);
            struct Ask {
                QLatin1String plan;
                json charge;
                int months; ///< 0: hourly (spot)
            };
            const std::vector<Ask> asks{
                {plans::kSubscriptionMonth,
                 {{"InstanceChargeType", "PREPAID"},
                  {"InstanceChargePrepaid", {{"Period", 1}, {"RenewFlag", "NOTIFY_AND_MANUAL_RENEW"}}}},
                 1},
                {plans::kSubscriptionYear,
                 {{"InstanceChargeType", "PREPAID"},
                  {"InstanceChargePrepaid", {{"Period", 12}, {"RenewFlag", "NOTIFY_AND_MANUAL_RENEW"}}}},
                 12},
                {plans::kSpot,
                 {{"InstanceChargeType", "SPOTPAID"},
                  {"InstanceMarketOptions", {{"MarketType", "spot"}, {"SpotOptions", {{"MaxPrice", "1000"}}}}}},
                 0},
            };
            for (const Ask& ask : asks) {
                if (detail::cancelled(options))
                    return Error{"tencent: cancelled"};
                json payload = ask.charge;
                payload["Placement"] = {{"Zone", base.region.toStdString()}};
                payload["ImageId"] = imageId.toStdString();
                payload["InstanceType"] = base.instanceType.toStdString();
                QString askCode;
                auto reply = client.call(region, "InquiryPriceRunInstances", payload, &askCode);
                if (!reply)
                    return Error{reply.error()};
                if (!askCode.isEmpty()) {
                    result.notes << (u"tencent: no "_s + ask.plan + u" price for "_s + base.instanceType + u" in "_s +
                                     base.region + u": "_s + askCode);
                    continue;
                }
                const json& price = ju::at(ju::at(*reply, "Price"), "InstancePrice");
                PriceQuote q = base;
                q.plan = ask.plan;
                q.source = u"Tencent Cloud CVM 2017-03-12 InquiryPriceRunInstances"_s;
                if (ask.months > 0) {
                    double total = ju::num(price, "DiscountPrice");
                    if (total <= 0)
                        total = ju::num(price, "OriginalPrice");
                    q.unit = u"month"_s;
                    q.amount = total / ask.months;
                    q.upfront = ask.months > 1 ? u"all"_s : u"none"_s;
                    q.upfrontAmount = ask.months > 1 ? total : 0;
                } else {
                    q.amount = ju::num(price, "UnitPriceDiscount");
                    if (q.amount <= 0)
                        q.amount = ju::num(price, "UnitPrice");
                }
                if (q.amount <= 0) {
                    result.notes << (u"tencent: "_s + ask.plan + u" for "_s + q.instanceType +
                                     u" came back without a price"_s);
                    continue;
                }
                result.quotes.push_back(std::move(q));
            }
            detail::progress(options, u"tencent: %1: %2/%3 types priced"_s.arg(region).arg(++done).arg(byType.size()));
        }
        // Reserved instances, where the account may buy them.
        int offset = 0;
        for (int page = 0; page < 100; ++page) {
            QString riCode;
            json payload = {{"Limit", 100}, {"Offset", offset}};
            auto reply = client.call(region, "DescribeReservedInstancesOfferings", payload, &riCode);
            if (!reply)
                return Error{reply.error()};
            if (!riCode.isEmpty()) {
                result.notes << (u"tencent: no reserved-instance prices in "_s + region + u": "_s + riCode);
                break;
            }
            const json& offers = ju::at(*reply, "ReservedInstancesOfferingsSet");
            if (!offers.is_array() || offers.empty())
                break;
            for (const json& o : offers) {
                const auto it = byType.constFind(ju::str(o, "InstanceType"));
                const QString description = ju::str(o, "ProductDescription");
                if (it == byType.constEnd() ||
                    (!description.isEmpty() && !description.contains(u"linux"_s, Qt::CaseInsensitive)))
                    continue;
                const double seconds = ju::num(o, "Duration");
                const int years = seconds >= 3 * 31536000 - 86400 ? 3 : seconds >= 31536000 - 86400 ? 1 : 0;
                if (years == 0)
                    continue;
                const QString offering = ju::str(o, "OfferingType");
                const double fixed = std::max(0.0, ju::num(o, "FixedPrice"));
                const double usage = std::max(0.0, ju::num(o, "UsagePrice"));
                PriceQuote q = *it;
                q.plan = years == 1 ? plans::kReserved1y : plans::kReserved3y;
                q.upfront = offering.startsWith(u"All"_s)       ? u"all"_s
                            : offering.startsWith(u"Partial"_s) ? u"partial"_s
                                                                : u"none"_s;
                q.upfrontAmount = fixed;
                q.amount = usage + fixed / (years * kHoursPerYear);
                const QString cur = ju::str(o, "CurrencyCode");
                if (!cur.isEmpty())
                    q.currency = cur;
                q.source = u"Tencent Cloud CVM 2017-03-12 DescribeReservedInstancesOfferings"_s;
                if (q.amount > 0)
                    result.quotes.push_back(std::move(q));
            }
            offset += int(offers.size());
            const double total = ju::num(*reply, "TotalCount");
            if (total >= 0 && offset >= total)
                break;
        }
        result.regions << region;
    }
    // One quote per key (reserved offerings may repeat per zone).
    QSet<QString> seen;
    std::vector<PriceQuote> unique;
    for (PriceQuote& q : result.quotes)
        if (!seen.contains(q.key())) {
            seen.insert(q.key());
            unique.push_back(std::move(q));
        }
    result.quotes = std::move(unique);
    return result;
}

} // namespace serveplan::models::fetch
