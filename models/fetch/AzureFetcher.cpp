// Azure: the public Retail Prices API, no credentials
// (learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices):
// GET /api/retail/prices?api-version=2023-01-01-preview&$filter=... and every NextPageLink after it
// ($skip when a full page comes without one, see pageIsFull).
// Consumption items give on-demand (and, with this api-version, savingsPlan[] 1y/3y hourly rates),
// " Spot" meters give spot, Reservation items give the TOTAL price of a 1- or 3-year term.
#include "FetchJson.h"
#include "Fetchers.h"
#include "GpuFamilies.h"

#include <QSet>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;
using serveplan::models::fetch::jsonutil::json;
namespace ju = serveplan::models::fetch::jsonutil;

namespace serveplan::models::fetch {

AzureFetcher::AzureFetcher()
    : PriceFetcher(
          {u"azure"_s, u"Microsoft Azure"_s, u"https://prices.azure.com"_s, {u"eastus"_s, u"westeurope"_s}, {}}) {}

namespace {

struct Candidate {
    PriceQuote quote;
    QString start; ///< effectiveStartDate, to keep the newest interval already in force
};

// Paging. The reference page ("API response pagination") says to follow NextPageLink; the page size
// was 100 in 2021 and is 1,000 now. NextPageLink has come back empty on full pages (Microsoft Q&A
// 1188465, 2023-03-10), where Microsoft's answer is to check the item count and, when the page is
// full, request again with $skip advanced by the items read. A page counts as full when it holds at
// least the smallest documented page size and as many items as the largest page of this region so
// far; a shorter page is the last one.
constexpr int kSmallestPageSize = 100;

bool pageIsFull(int pageItems, int largestPage) {
    return pageItems >= kSmallestPageSize && pageItems == largestPage;
}

/// The first page's request (api-version, $filter) with $skip = the items already read.
QUrl withSkip(QUrl firstPage, int itemsRead) {
    QUrlQuery query(firstPage);
    query.removeAllQueryItems(u"$skip"_s);
    query.addQueryItem(u"$skip"_s, QString::number(itemsRead));
    firstPage.setQuery(query);
    return firstPage;
}

} // namespace

Result<FetchResult> AzureFetcher::fetch(const FetchOptions& options, const Credentials&) {
    const QStringList regions = options.regions.isEmpty() ? defaultRegions() : options.regions;
    const QString fetchedAt = detail::isoNow(options);
    HttpClient http(id(), options.http, options.cancel, options.tempDir);
    FetchResult result;
    QHash<QString, Candidate> best;
    QStringList order;
    constexpr int kMaxPages = 2000; // ~2M items: far above any region; stops a server that loops
    for (const QString& region : regions) {
        QUrl url = detail::joinUrl(options.endpoint, defaultEndpoint(), u"/api/retail/prices"_s);
        QUrlQuery query;
        query.addQueryItem(u"api-version"_s, u"2023-01-01-preview"_s);
        query.addQueryItem(u"$filter"_s,
                           u"serviceName eq 'Virtual Machines' and armRegionName eq '"_s + region + u'\'');
        url.setQuery(query);
        const QUrl firstPage = url;
        QSet<QString> skipped;
        int pages = 0;
        int items = 0;
        int largestPage = 0;
        while (url.isValid() && !url.isEmpty()) {
            if (++pages > kMaxPages)
                return Error{"azure: more than 2000 pages for " + region.toStdString() + "; the server loops"};
            auto reply = http.get(url);
            if (!reply)
                return Error{reply.error()};
            auto page = ju::parse(reply->body, id(), u"page %1 of %2"_s.arg(pages).arg(region));
            if (!page)
                return Error{page.error()};
            const json& list = ju::at(*page, "Items");
            if (!list.is_array())
                return fetchError(u"azure: page "_s + QString::number(pages) + u" of "_s + region +
                                  u" has no Items array"_s);
            for (const json& item : list) {
                ++items;
                if (ju::str(item, "serviceName") != u"Virtual Machines"_s)
                    continue;
                const QString sku = ju::str(item, "armSkuName");
                const QString productName = ju::str(item, "productName");
                const QString skuName = ju::str(item, "skuName");
                const QString type = ju::str(item, "type");
                if (productName.contains(u"Windows"_s) || productName.endsWith(u" Win"_s) ||
                    productName.contains(u"Cloud Services"_s) || productName.contains(u"CloudServices"_s) ||
                    skuName.contains(u"Low Priority"_s) || type == u"DevTestConsumption"_s)
                    continue;
                const auto gpu = azureGpu(sku);
                if (!gpu) {
                    if (!sku.isEmpty())
                        skipped.insert(sku);
                    continue;
                }
                const QString start = ju::str(item, "effectiveStartDate");
                const QString end = ju::str(item, "effectiveEndDate");
                if (start > fetchedAt || (!end.isEmpty() && end <= fetchedAt))
                    continue; // a past or future interval
                const double price = ju::num(item, "retailPrice");
                if (price <= 0)
                    continue;
                PriceQuote q;
                q.provider = id();
                q.instanceType = sku;
                q.region = ju::str(item, "armRegionName");
                q.gpuName = gpu->gpuName;
                q.gpuId = gpu->gpuId;
                q.gpuCount = gpu->count;
                q.gpuMemoryGbEach = gpu->memoryGbEach;
                q.currency = ju::str(item, "currencyCode");
                q.effectiveDate = start.left(10);
                q.fetchedAt = fetchedAt;
                q.source = u"Azure Retail Prices API 2023-01-01-preview (meter "_s + ju::str(item, "meterId") + u')';
                std::vector<PriceQuote> quotes;
                if (type == u"Reservation"_s) {
                    const QString term = ju::str(item, "reservationTerm");
                    const int years = term.startsWith(u'1') ? 1 : term.startsWith(u'3') ? 3 : 0;
                    if (years == 0)
                        continue; // 5-year terms are not a plan of the book
                    q.plan = years == 1 ? plans::kReserved1y : plans::kReserved3y;
                    q.upfront = u"all"_s; // retailPrice is the whole term's price
                    q.upfrontAmount = price;
                    q.amount = price / (years * kHoursPerYear);
                    quotes.push_back(q);
                } else if (type == u"Consumption"_s) {
                    if (ju::str(item, "unitOfMeasure") != u"1 Hour"_s)
                        continue;
                    const bool spot = skuName.endsWith(u" Spot"_s) || ju::str(item, "meterName").endsWith(u" Spot"_s);
                    q.plan = spot ? plans::kSpot : plans::kOnDemand;
                    q.amount = price;
                    quotes.push_back(q);
                    const json& savings = ju::at(item, "savingsPlan");
                    if (!spot && savings.is_array())
                        for (const json& s : savings) {
                            const QString term = ju::str(s, "term");
                            const double rate = ju::num(s, "retailPrice");
                            if (rate <= 0 || (!term.startsWith(u'1') && !term.startsWith(u'3')))
                                continue;
                            PriceQuote sp = q;
                            sp.plan = term.startsWith(u'1') ? plans::kSavingsPlan1y : plans::kSavingsPlan3y;
                            sp.amount = rate; // hourly, paid monthly: no upfront
                            quotes.push_back(sp);
                        }
                } else {
                    continue;
                }
                for (PriceQuote& quote : quotes) {
                    const QString key = quote.key();
                    auto it = best.find(key);
                    if (it == best.end()) {
                        order << key;
                        best.insert(key, Candidate{std::move(quote), start});
                    } else if (start > it->start) {
                        *it = Candidate{std::move(quote), start};
                    }
                }
            }
            detail::progress(options, u"azure: %1: page %2 (%3 items)"_s.arg(region).arg(pages).arg(items));
            const int pageItems = int(list.size());
            largestPage = std::max(largestPage, pageItems);
            const QString next = ju::str(*page, "NextPageLink");
            if (list.empty())
                url = QUrl();
            else if (!next.isEmpty())
                url = detail::rebase(next, defaultEndpoint(), options.endpoint);
            else if (pageIsFull(pageItems, largestPage))
                url = withSkip(firstPage, items); // NextPageLink missing on a full page: ask for the rest
            else
                url = QUrl();
        }
        result.skippedNoGpu += int(skipped.size());
        result.regions << region;
    }
    for (const QString& key : order)
        result.quotes.push_back(best.value(key).quote);
    return result;
}

} // namespace serveplan::models::fetch
