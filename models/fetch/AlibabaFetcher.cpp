// Alibaba Cloud: ECS OpenAPI 2014-05-26 with the user's AccessKey, signed per "V3 request
// structure and signature" (ACS3-HMAC-SHA256; alibabacloud.com/help/en/sdk/product-overview/
// v3-request-structure-and-signature). DescribeInstanceTypes (NextToken pages) lists the types and
// their GPUs; DescribePrice (alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-
// describeprice) prices each GPU type: PriceUnit=Hour (pay-as-you-go), SpotStrategy=SpotAsPriceGo
// (spot), PriceUnit=Month/Year (subscription), ResourceType=reservedinstance with OfferingType
// (reserved instances: ReservedInstanceHourPrice + the upfront TradePrice).
#include "FetchJson.h"
#include "Fetchers.h"
#include "GpuFamilies.h"
#include "RequestSigner.h"

#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using serveplan::models::fetch::jsonutil::json;
namespace ju = serveplan::models::fetch::jsonutil;

namespace serveplan::models::fetch {

AlibabaFetcher::AlibabaFetcher()
    : PriceFetcher({u"alibaba"_s,
                    u"Alibaba Cloud"_s,
                    u"https://ecs.{region}.aliyuncs.com"_s,
                    {u"cn-hangzhou"_s, u"cn-beijing"_s},
                    {u"ALIBABA_CLOUD_ACCESS_KEY_ID"_s, u"ALIBABA_CLOUD_ACCESS_KEY_SECRET"_s}}) {}

namespace {

using Params = QList<QPair<QByteArray, QByteArray>>;

/// Error codes that end the whole provider (keys or signature refused).
bool fatalCode(const QString& code) {
    return code.startsWith(u"SignatureDoesNotMatch"_s) || code.startsWith(u"IncompleteSignature"_s) ||
           code.startsWith(u"InvalidAccessKeyId"_s) || code.startsWith(u"Forbidden"_s) ||
           code.startsWith(u"InvalidSecurityToken"_s) || code == u"SignatureNonceUsed"_s;
}

class Client {
public:
    Client(const FetchOptions& options, const Credentials& credentials, const QString& defaultEndpoint)
        : m_options(options)
        , m_http(u"alibaba"_s, options.http, options.cancel, options.tempDir)
        , m_id(credentials.value(u"ALIBABA_CLOUD_ACCESS_KEY_ID"_s).toUtf8())
        , m_secret(credentials.value(u"ALIBABA_CLOUD_ACCESS_KEY_SECRET"_s).toUtf8())
        , m_default(defaultEndpoint) {}

    /// One RPC call. The value is the reply JSON; a provider error code comes back in `code`.
    Result<json> call(const QString& region, const QByteArray& action, const Params& params, QString* code) {
        const QString base =
            m_options.endpoint.isEmpty() ? QString(m_default).replace(u"{region}"_s, region) : m_options.endpoint;
        auto reply = m_http.send(
            [&] {
                HttpRequest r;
                QUrl url = detail::joinUrl(base, {}, u"/"_s);
                url.setQuery(QString::fromLatin1(acsCanonicalQuery(params)), QUrl::StrictMode);
                r.url = url;
                r.method = "POST";
                r.acceptClientErrors = true;
                Acs3Request sign;
                sign.query = params;
                const QByteArray nonce = QByteArray::number(QRandomGenerator::global()->generate64(), 16) +
                                         QByteArray::number(QRandomGenerator::global()->generate64(), 16);
                const QByteArray date = (m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc())
                                            .toUTC()
                                            .toString(u"yyyy-MM-ddTHH:mm:ssZ"_s)
                                            .toLatin1();
                sign.headers = {{"host", url.authority().toLatin1()},
                                {"x-acs-action", action},
                                {"x-acs-version", "2014-05-26"},
                                {"x-acs-date", date},
                                {"x-acs-signature-nonce", nonce}};
                const SignedRequest s = signAcs3(sign, m_id, m_secret);
                for (const auto& [name, value] : sign.headers)
                    if (name != "host")
                        r.headers.append({name, value});
                r.headers.append({"x-acs-content-sha256", sha256Hex({})});
                r.headers.append({"Authorization", s.authorization});
                return r;
            },
            [](const HttpResponse& response) {
                const json doc = json::parse(response.body.constData(),
                                             response.body.constData() + response.body.size(), nullptr, false);
                const QString c = doc.is_discarded() ? QString() : ju::str(doc, "Code");
                return c.startsWith(u"Throttling"_s) || c == u"ServiceUnavailable"_s ? ReplyVerdict::Retry
                                                                                     : ReplyVerdict::Accept;
            });
        if (!reply)
            return Error{reply.error()};
        auto doc = ju::parse(reply->body, u"alibaba"_s, QString::fromLatin1(action) + u" in "_s + region);
        if (!doc)
            return doc;
        const QString errorCode = ju::str(*doc, "Code");
        if (!errorCode.isEmpty() || reply->status >= 400) {
            const QString message = ju::str(*doc, "Message").left(200);
            if (fatalCode(errorCode))
                return fetchError(u"alibaba: "_s + QString::fromLatin1(action) + u" in "_s + region +
                                  u" was refused (HTTP "_s + QString::number(reply->status) + u", "_s + errorCode +
                                  u"): check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET and the RAM "
                                  u"permission ecs:"_s +
                                  QString::fromLatin1(action));
            if (code)
                *code = errorCode.isEmpty() ? u"HTTP "_s + QString::number(reply->status) : errorCode;
            if (!message.isEmpty() && code)
                *code += u" ("_s + message + u')';
        }
        return doc;
    }

private:
    const FetchOptions& m_options;
    HttpClient m_http;
    QByteArray m_id;
    QByteArray m_secret;
    QString m_default;
};

/// The instance-type part of a DescribePrice reply: {trade price, hourly RI part, currency}.
struct Quoted {
    double trade = -1;
    double reservedHourly = 0;
    QString currency;
};

Quoted readPrice(const json& doc) {
    const json& price = ju::at(ju::at(doc, "PriceInfo"), "Price");
    Quoted q;
    q.currency = ju::str(price, "Currency");
    q.trade = ju::num(price, "TradePrice");
    q.reservedHourly = std::max(0.0, ju::num(price, "ReservedInstanceHourPrice"));
    const json& details = ju::at(ju::at(price, "DetailInfos"), "DetailInfo");
    if (details.is_array())
        for (const json& d : details)
            if (ju::str(d, "Resource").compare(u"instanceType"_s, Qt::CaseInsensitive) == 0 &&
                ju::num(d, "TradePrice") >= 0)
                q.trade = ju::num(d, "TradePrice");
    return q;
}

} // namespace

Result<FetchResult> AlibabaFetcher::fetch(const FetchOptions& options, const Credentials& credentials) {
    if (!credentials.has(u"ALIBABA_CLOUD_ACCESS_KEY_ID"_s) || !credentials.has(u"ALIBABA_CLOUD_ACCESS_KEY_SECRET"_s))
        return Error{"alibaba: no AccessKey: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET "
                     "(or store them in the keyring)"};
    const QStringList regions = options.regions.isEmpty() ? defaultRegions() : options.regions;
    const QString fetchedAt = detail::isoNow(options);
    Client client(options, credentials, defaultEndpoint());
    FetchResult result;
    for (const QString& region : regions) {
        const QByteArray regionId = region.toUtf8();
        // 1. The instance types and their GPUs.
        struct Type {
            PriceQuote instance;
        };
        std::vector<Type> types;
        QString token;
        int pages = 0;
        do {
            if (detail::cancelled(options))
                return Error{"alibaba: cancelled"};
            Params params{{"RegionId", regionId}, {"MaxResults", "100"}};
            if (!token.isEmpty())
                params.append({"NextToken", token.toUtf8()});
            QString code;
            auto doc = client.call(region, "DescribeInstanceTypes", params, &code);
            if (!doc)
                return Error{doc.error()};
            if (!code.isEmpty())
                return fetchError(u"alibaba: DescribeInstanceTypes in "_s + region + u" failed: "_s + code);
            const json& list = ju::at(ju::at(*doc, "InstanceTypes"), "InstanceType");
            if (!list.is_array())
                return fetchError(u"alibaba: the DescribeInstanceTypes reply for "_s + region +
                                  u" has no InstanceTypes"_s);
            for (const json& t : list) {
                const QString typeId = ju::str(t, "InstanceTypeId");
                const auto gpu = alibabaGpu(typeId, ju::str(t, "GPUSpec"), std::max(0.0, ju::num(t, "GPUAmount")),
                                            std::max(0.0, ju::num(t, "GPUMemorySize")));
                if (!gpu) {
                    ++result.skippedNoGpu;
                    continue;
                }
                Type type;
                PriceQuote& q = type.instance;
                q.provider = id();
                q.instanceType = typeId;
                q.region = region;
                q.gpuName = gpu->gpuName;
                q.gpuId = gpu->gpuId;
                q.gpuCount = gpu->count;
                q.gpuMemoryGbEach = gpu->memoryGbEach;
                q.vcpus = int(std::max(0.0, ju::num(t, "CpuCoreCount")));
                q.memoryGib = std::max(0.0, ju::num(t, "MemorySize"));
                q.effectiveDate = fetchedAt.left(10); // DescribePrice is a quote for now
                q.fetchedAt = fetchedAt;
                q.source = u"Alibaba Cloud ECS DescribePrice 2014-05-26"_s;
                types.push_back(std::move(type));
            }
            token = ju::str(*doc, "NextToken");
        } while (!token.isEmpty() && ++pages < 100);
        detail::progress(options, u"alibaba: %1: %2 GPU instance types"_s.arg(region).arg(types.size()));

        // 2. Every plan of every GPU type.
        struct Ask {
            QLatin1String plan;
            QString upfront;
            Params params;
            double termYears; ///< reserved: years to amortise the upfront part over
            bool perMonth;    ///< subscription prices are per month
            double months;    ///< months the quoted total covers
        };
        bool reservedSupported = true;
        int done = 0;
        for (const Type& type : types) {
            const QByteArray typeId = type.instance.instanceType.toUtf8();
            const Params common{{"RegionId", regionId}, {"InstanceType", typeId}};
            std::vector<Ask> asks{
                {plans::kOnDemand,
                 u"none"_s,
                 {{"ResourceType", "instance"}, {"PriceUnit", "Hour"}, {"Period", "1"}},
                 0,
                 false,
                 0},
                {plans::kSpot,
                 u"none"_s,
                 {{"ResourceType", "instance"},
                  {"PriceUnit", "Hour"},
                  {"Period", "1"},
                  {"SpotStrategy", "SpotAsPriceGo"}},
                 0,
                 false,
                 0},
                {plans::kSubscriptionMonth,
                 u"none"_s,
                 {{"ResourceType", "instance"}, {"PriceUnit", "Month"}, {"Period", "1"}},
                 0,
                 true,
                 1},
                {plans::kSubscriptionYear,
                 u"all"_s,
                 {{"ResourceType", "instance"}, {"PriceUnit", "Year"}, {"Period", "1"}},
                 0,
                 true,
                 12},
            };
            for (int years : {1, 3})
                for (const char* offering : {"No Upfront", "Partial Upfront", "All Upfront"}) {
                    const QString o = QString::fromLatin1(offering);
                    asks.push_back({years == 1 ? plans::kReserved1y : plans::kReserved3y,
                                    o.startsWith(u"All"_s)       ? u"all"_s
                                    : o.startsWith(u"Partial"_s) ? u"partial"_s
                                                                 : u"none"_s,
                                    {{"ResourceType", "reservedinstance"},
                                     {"PriceUnit", "Year"},
                                     {"Period", QByteArray::number(years)},
                                     {"OfferingType", offering},
                                     {"Scope", "Region"},
                                     {"InstanceAmount", "1"}},
                                    double(years),
                                    false,
                                    0});
                }
            for (const Ask& ask : asks) {
                if (detail::cancelled(options))
                    return Error{"alibaba: cancelled"};
                const bool reserved = ask.termYears > 0;
                if (reserved && !reservedSupported)
                    continue;
                QString code;
                auto doc = client.call(region, "DescribePrice", common + ask.params, &code);
                if (!doc)
                    return Error{doc.error()};
                if (!code.isEmpty()) {
                    result.notes << (u"alibaba: no "_s + ask.plan + u" price for "_s + type.instance.instanceType +
                                     u" in "_s + region + u": "_s + code);
                    if (reserved && code.contains(u"ResourceType"_s))
                        reservedSupported = false;
                    continue;
                }
                const Quoted price = readPrice(*doc);
                PriceQuote q = type.instance;
                q.plan = ask.plan;
                q.upfront = ask.upfront;
                q.currency = price.currency;
                if (reserved) {
                    const double upfront = std::max(0.0, price.trade);
                    q.upfrontAmount = ask.upfront == u"none"_s ? 0 : upfront;
                    q.amount = price.reservedHourly + q.upfrontAmount / (ask.termYears * kHoursPerYear);
                } else if (ask.perMonth) {
                    q.unit = u"month"_s;
                    q.amount = price.trade / ask.months;
                    q.upfrontAmount = ask.months > 1 ? price.trade : 0;
                } else {
                    q.amount = price.trade;
                }
                if (q.amount <= 0 || q.currency.isEmpty()) {
                    result.notes << (u"alibaba: "_s + ask.plan + u" for "_s + q.instanceType + u" in "_s + region +
                                     u" came back without a price"_s);
                    continue;
                }
                result.quotes.push_back(std::move(q));
            }
            detail::progress(options, u"alibaba: %1: %2/%3 types priced"_s.arg(region).arg(++done).arg(types.size()));
        }
        result.regions << region;
    }
    return result;
}

} // namespace serveplan::models::fetch
