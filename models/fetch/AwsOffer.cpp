#include "AwsOffer.h"

#include "GpuFamilies.h"
#include "JsonCapture.h"

#include <QSet>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace serveplan::models::fetch {
namespace {

QString str(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

double number(const json& value) {
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        bool ok = false;
        const double v = QString::fromStdString(value.get<std::string>()).toDouble(&ok);
        return ok ? v : -1;
    }
    return -1;
}

/// "3.75 GiB" / "1,152 GiB" -> 3.75
double leadingNumber(const QString& text) {
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit() || c == u'.')
            digits += c;
        else if (c == u',')
            continue;
        else if (!digits.isEmpty())
            break;
    }
    return digits.toDouble();
}

QString upfrontOf(const QString& purchaseOption) {
    if (purchaseOption.contains(u"All Upfront"_s, Qt::CaseInsensitive))
        return u"all"_s;
    if (purchaseOption.contains(u"Partial Upfront"_s, Qt::CaseInsensitive))
        return u"partial"_s;
    return u"none"_s;
}

/// Keeps one quote per key (the first one), preserving order.
void dedupe(std::vector<PriceQuote>& quotes) {
    QSet<QString> seen;
    std::vector<PriceQuote> out;
    out.reserve(quotes.size());
    for (PriceQuote& q : quotes)
        if (!seen.contains(q.key())) {
            seen.insert(q.key());
            out.push_back(std::move(q));
        }
    quotes = std::move(out);
}

} // namespace

Result<AwsOffer> readAwsEc2Offer(std::istream& in, const QString& fetchedAt, const QString& source,
                                 const std::atomic<bool>* cancel) {
    AwsOffer offer;
    QSet<QString> skippedTypes;
    bool termsBeforeProducts = false;
    bool sawProducts = false;
    std::size_t events = 0;
    JsonCapture capture;
    capture.topLevel = [&](const std::string& key, const json& value) {
        if (key == "publicationDate" && value.is_string())
            offer.publicationDate = QString::fromStdString(value.get<std::string>());
        else if (key == "version" && value.is_string())
            offer.version = QString::fromStdString(value.get<std::string>());
    };
    capture.wants = [&](const JsonCapture::Path& path) {
        if (cancel && (++events & 0xfff) == 0 && cancel->load())
            capture.stop();
        if (path.size() == 2 && path[0] == "products") {
            sawProducts = true;
            return true;
        }
        if (path.size() == 4 && path[0] == "terms" && (path[1] == "OnDemand" || path[1] == "Reserved")) {
            termsBeforeProducts = termsBeforeProducts || !sawProducts;
            return offer.productsBySku.contains(QString::fromStdString(path[2]));
        }
        return false;
    };
    capture.captured = [&](const JsonCapture::Path& path, json&& value) {
        if (path[0] == "products") {
            const QString family = str(value, "productFamily");
            if (!family.startsWith(u"Compute Instance"_s))
                return;
            const auto attrs = value.find("attributes");
            if (attrs == value.end() || !attrs->is_object())
                return;
            const json& a = *attrs;
            auto is = [&](const char* key, std::initializer_list<const char*> allowed, bool absentOk) {
                const QString v = str(a, key);
                if (v.isEmpty())
                    return absentOk;
                for (const char* ok : allowed)
                    if (v == QLatin1String(ok))
                        return true;
                return false;
            };
            if (!is("operatingSystem", {"Linux"}, false) || !is("tenancy", {"Shared"}, false) ||
                !is("capacitystatus", {"Used"}, true) || !is("preInstalledSw", {"NA", ""}, true) ||
                !is("marketoption", {"OnDemand"}, true) || !is("operation", {"RunInstances"}, true))
                return;
            const QString type = str(a, "instanceType");
            const double gpuAttr = leadingNumber(str(a, "gpu"));
            const auto gpu = awsGpu(type, gpuAttr);
            if (!gpu) {
                skippedTypes.insert(type);
                return;
            }
            AwsProduct product;
            PriceQuote& q = product.instance;
            q.provider = u"aws"_s;
            q.instanceType = type;
            q.region = str(a, "regionCode");
            q.gpuName = gpu->gpuName;
            q.gpuId = gpu->gpuId;
            q.gpuCount = gpu->count;
            const double gpuMemoryTotal = leadingNumber(str(a, "gpuMemory"));
            q.gpuMemoryGbEach = gpuMemoryTotal > 0 && gpu->count > 0 && gpuMemoryTotal / gpu->count >= 8
                                    ? gpuMemoryTotal / gpu->count
                                    : gpu->memoryGbEach;
            q.vcpus = str(a, "vcpu").toInt();
            q.memoryGib = leadingNumber(str(a, "memory"));
            q.fetchedAt = fetchedAt;
            q.source = source;
            offer.productsBySku.insert(str(value, "sku"), std::move(product));
            return;
        }
        // terms.<OnDemand|Reserved>.<sku>.<offerTermCode>
        const QString sku = QString::fromStdString(path[2]);
        const PriceQuote& instance = offer.productsBySku.value(sku).instance;
        PriceQuote q = instance;
        q.effectiveDate = str(value, "effectiveDate").left(10);
        double hourly = -1;
        double upfront = 0;
        const auto dims = value.find("priceDimensions");
        if (dims == value.end() || !dims->is_object())
            return;
        for (const auto& dim : dims->items()) {
            const json& d = dim.value();
            const auto perUnit = d.find("pricePerUnit");
            if (perUnit == d.end() || !perUnit->is_object() || perUnit->empty())
                continue;
            q.currency = QString::fromStdString(perUnit->begin().key());
            const double v = number(perUnit->begin().value());
            const QString unit = str(d, "unit");
            if (unit == u"Hrs"_s)
                hourly = v;
            else if (unit == u"Quantity"_s)
                upfront = v;
        }
        if (path[1] == "OnDemand") {
            if (hourly <= 0)
                return; // no price is never a price of 0
            q.plan = plans::kOnDemand;
            q.amount = hourly;
        } else {
            const auto attrs = value.find("termAttributes");
            if (attrs == value.end())
                return;
            const QString length = str(*attrs, "LeaseContractLength");
            const QString offering = str(*attrs, "OfferingClass");
            if (!offering.isEmpty() && offering != u"standard"_s)
                return; // convertible RIs are another product; the book keeps standard ones
            const int years = length.startsWith(u'3') ? 3 : length.startsWith(u'1') ? 1 : 0;
            if (years == 0 || hourly < 0)
                return;
            q.plan = years == 1 ? plans::kReserved1y : plans::kReserved3y;
            q.upfront = upfrontOf(str(*attrs, "PurchaseOption"));
            q.upfrontAmount = upfront;
            q.amount = hourly + upfront / (years * kHoursPerYear);
            if (q.amount <= 0)
                return;
        }
        offer.result.quotes.push_back(std::move(q));
    };
    if (!capture.parse(in)) {
        if (capture.stopped())
            return Error{"cancelled"};
        return Error{capture.error()};
    }
    if (termsBeforeProducts && offer.result.quotes.empty() && !offer.productsBySku.isEmpty())
        return Error{"the offer lists its terms before its products; this reader needs products first"};
    dedupe(offer.result.quotes);
    offer.result.skippedNoGpu = int(skippedTypes.size());
    return offer;
}

Result<FetchResult> readAwsSavingsPlanOffer(std::istream& in, const AwsOffer& offer, const QString& fetchedAt,
                                            const QString& source, const std::atomic<bool>* cancel) {
    FetchResult result;
    JsonCapture capture;
    std::size_t events = 0;
    // One term at a time: its scalars, its lease and the rates of kept products. A term holds a rate
    // for every instance of the region, so rates are captured one by one, never the whole term.
    struct Term {
        QString description;
        QString effectiveDate;
        int years = 0;
        std::vector<std::pair<QString, json>> rates; ///< kept product sku -> rate
    } term;
    auto inTerm = [](const JsonCapture::Path& p) {
        return p.size() >= 3 && p[0] == "terms" && p[1] == "savingsPlan" && p[2] == "[]";
    };
    capture.wants = [&](const JsonCapture::Path& path) {
        if (cancel && (++events & 0xfff) == 0 && cancel->load())
            capture.stop();
        if (!inTerm(path))
            return false;
        return (path.size() == 4 && path[3] == "leaseContractLength") ||
               (path.size() == 5 && path[3] == "rates" && path[4] == "[]");
    };
    capture.scalarAt = [&](const JsonCapture::Path& path, const std::string& key, const json& value) {
        if (path.size() != 3 || !inTerm(path) || !value.is_string())
            return;
        if (key == "description")
            term.description = QString::fromStdString(value.get<std::string>());
        else if (key == "effectiveDate")
            term.effectiveDate = QString::fromStdString(value.get<std::string>()).left(10);
    };
    capture.captured = [&](const JsonCapture::Path& path, json&& value) {
        if (path.size() == 4) {
            term.years = int(number(value.value("duration", json())));
            return;
        }
        const QString sku = str(value, "discountedSku");
        if (offer.productsBySku.contains(sku))
            term.rates.emplace_back(sku, std::move(value));
    };
    capture.closed = [&](const JsonCapture::Path& path) {
        if (path.size() != 3 || !inTerm(path))
            return;
        const Term done = std::move(term);
        term = Term{};
        // Compute Savings Plans apply to any family and region; EC2 Instance Savings Plans are
        // another product with one price per family, which the book does not keep.
        if (!done.description.contains(u"Compute Savings Plan"_s, Qt::CaseInsensitive))
            return;
        int years = done.years;
        if (years <= 0)
            years = done.description.startsWith(u'3') ? 3 : done.description.startsWith(u'1') ? 1 : 0;
        if (years != 1 && years != 3)
            return;
        const QString upfront = upfrontOf(done.description);
        for (const auto& [sku, rate] : done.rates) {
            const auto discounted = rate.find("discountedRate");
            if (discounted == rate.end())
                continue;
            const double price = number(discounted->value("price", json()));
            if (price <= 0)
                continue;
            PriceQuote q = offer.productsBySku.value(sku).instance;
            q.plan = years == 1 ? plans::kSavingsPlan1y : plans::kSavingsPlan3y;
            q.upfront = upfront;
            q.amount = price; // the effective hourly rate
            const double termHours = years * kHoursPerYear;
            q.upfrontAmount = upfront == u"all"_s       ? price * termHours
                              : upfront == u"partial"_s ? price * termHours / 2
                                                        : 0;
            q.currency = str(*discounted, "currency");
            q.effectiveDate = done.effectiveDate;
            q.fetchedAt = fetchedAt;
            q.source = source;
            result.quotes.push_back(std::move(q));
        }
    };
    if (!capture.parse(in))
        return Error{capture.stopped() ? std::string("cancelled") : capture.error()};
    dedupe(result.quotes);
    return result;
}

Result<FetchResult> readAwsSpotFeed(const QByteArray& bytes, const QHash<QString, const AwsOffer*>& offers,
                                    const QString& fetchedAt, const QString& source) {
    json doc = json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    // The legacy JSONP form wraps the object in callback(...).
    if (doc.is_discarded()) {
        const qsizetype open = bytes.indexOf('(');
        const qsizetype close = bytes.lastIndexOf(')');
        if (open >= 0 && close > open)
            doc = json::parse(bytes.constData() + open + 1, bytes.constData() + close, nullptr, false);
    }
    if (doc.is_discarded() || !doc.is_object())
        return Error{"the spot feed is not JSON"};
    const auto config = doc.find("config");
    if (config == doc.end() || !config->contains("regions") || !(*config)["regions"].is_array())
        return Error{"the spot feed has no config.regions"};
    // Legacy region names of the old feed.
    static const QHash<QString, QString> legacy{
        {u"us-east"_s, u"us-east-1"_s},       {u"us-west"_s, u"us-west-1"_s},
        {u"eu-ireland"_s, u"eu-west-1"_s},    {u"apac-sin"_s, u"ap-southeast-1"_s},
        {u"apac-syd"_s, u"ap-southeast-2"_s}, {u"apac-tokyo"_s, u"ap-northeast-1"_s}};
    FetchResult result;
    const QString date = fetchedAt.left(10);
    for (const json& region : (*config)["regions"]) {
        QString code = str(region, "region");
        code = legacy.value(code, code);
        const AwsOffer* offer = offers.value(code);
        if (!offer || !region.contains("instanceTypes") || !region["instanceTypes"].is_array())
            continue;
        QHash<QString, const PriceQuote*> byType;
        for (const AwsProduct& p : offer->productsBySku)
            byType.insert(p.instance.instanceType, &p.instance);
        for (const json& group : region["instanceTypes"]) {
            if (!group.contains("sizes") || !group["sizes"].is_array())
                continue;
            for (const json& size : group["sizes"]) {
                const PriceQuote* instance = byType.value(str(size, "size"));
                if (!instance || !size.contains("valueColumns") || !size["valueColumns"].is_array())
                    continue;
                for (const json& column : size["valueColumns"]) {
                    if (str(column, "name") != u"linux"_s || !column.contains("prices"))
                        continue;
                    const double price = number(column["prices"].value("USD", json()));
                    if (price <= 0)
                        continue; // "N/A*"
                    PriceQuote q = *instance;
                    q.region = code;
                    q.plan = plans::kSpot;
                    q.amount = price;
                    q.currency = u"USD"_s;
                    q.effectiveDate = date;
                    q.fetchedAt = fetchedAt;
                    q.source = source;
                    result.quotes.push_back(std::move(q));
                }
            }
        }
    }
    dedupe(result.quotes);
    return result;
}

} // namespace serveplan::models::fetch
