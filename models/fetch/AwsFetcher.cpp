// AWS: the public Price List bulk offer files, no credentials
// (docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-the-aws-price-list-bulk-api.html):
// index.json -> offers.AmazonEC2.currentRegionIndexUrl -> regions.<code>.currentVersionUrl (EC2
// offer, streamed) and currentSavingsPlanIndexUrl -> regions[].versionUrl (Savings Plans offer);
// spot prices from the public feed behind the AWS spot pricing page (undocumented: a failure there
// is a note, not an error).
#include "AwsOffer.h"
#include "FetchJson.h"
#include "Fetchers.h"

#include <fstream>

using namespace Qt::StringLiterals;
using serveplan::models::fetch::jsonutil::json;
namespace ju = serveplan::models::fetch::jsonutil;

namespace serveplan::models::fetch {

AwsFetcher::AwsFetcher()
    : PriceFetcher({u"aws"_s,
                    u"Amazon Web Services"_s,
                    u"https://pricing.us-east-1.amazonaws.com"_s,
                    {u"us-east-1"_s, u"us-west-2"_s},
                    {}}) {}

namespace {

const QString kSpotFeed = u"https://website.spot.ec2.aws.a2z.com/spot.json"_s;

Result<json> getJson(HttpClient& http, const QUrl& url, const QString& what) {
    auto reply = http.get(url);
    if (!reply)
        return Error{reply.error()};
    return ju::parse(reply->body, u"aws"_s, what);
}

template <typename Reader>
auto readFile(const HttpResponse& reply, Reader&& reader) {
    std::vector<char> buffer(1 << 20);
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), std::streamsize(buffer.size()));
    in.open(reply.file->fileName().toStdString(), std::ios::binary);
    return reader(in);
}

} // namespace

Result<FetchResult> AwsFetcher::fetch(const FetchOptions& options, const Credentials&) {
    const QString base = options.endpoint.isEmpty() ? defaultEndpoint() : options.endpoint;
    const QStringList regions = options.regions.isEmpty() ? defaultRegions() : options.regions;
    const QString fetchedAt = detail::isoNow(options);
    HttpClient http(id(), options.http, options.cancel, options.tempDir);
    http.setProgress([&](qint64 received, qint64 total) {
        if (received > 0 && (received % (64 << 20)) < 65536)
            detail::progress(options,
                             u"aws: downloaded %1 MB%2"_s.arg(received >> 20)
                                 .arg(total > 0 ? u" of "_s + QString::number(total >> 20) + u" MB"_s : QString()));
    });

    detail::progress(options, u"aws: reading the offer index"_s);
    auto index = getJson(http, detail::joinUrl(options.endpoint, defaultEndpoint(), u"/offers/v1.0/aws/index.json"_s),
                         u"the offer index"_s);
    if (!index)
        return Error{index.error()};
    const json& ec2 = ju::at(ju::at(*index, "offers"), "AmazonEC2");
    const QString regionIndexUrl = ju::str(ec2, "currentRegionIndexUrl");
    const QString savingsIndexUrl = ju::str(ec2, "currentSavingsPlanIndexUrl");
    if (regionIndexUrl.isEmpty())
        return Error{"aws: the offer index has no offers.AmazonEC2.currentRegionIndexUrl"};
    auto regionIndex =
        getJson(http, detail::rebase(regionIndexUrl, defaultEndpoint(), options.endpoint), u"the EC2 region index"_s);
    if (!regionIndex)
        return Error{regionIndex.error()};
    const json& byRegion = ju::at(*regionIndex, "regions");
    if (!byRegion.is_object())
        return Error{"aws: the EC2 region index has no regions object"};

    FetchResult all;
    std::vector<std::unique_ptr<AwsOffer>> offers;
    QHash<QString, const AwsOffer*> offerByRegion;
    for (const QString& region : regions) {
        const QString url = ju::str(ju::at(byRegion, region.toStdString().c_str()), "currentVersionUrl");
        if (url.isEmpty())
            return fetchError(u"aws: the EC2 region index has no region "_s + region);
        detail::progress(options, u"aws: downloading the EC2 offer for "_s + region);
        auto reply = http.send([&] {
            HttpRequest r;
            r.url = detail::rebase(url, defaultEndpoint(), options.endpoint);
            r.toFile = true;
            return r;
        });
        if (!reply)
            return Error{reply.error()};
        detail::progress(options, u"aws: reading the EC2 offer for %1 (%2 MB, streamed)"_s.arg(region).arg(
                                      double(reply->bytes) / (1 << 20), 0, 'f', 1));
        auto offer = readFile(*reply, [&](std::istream& in) {
            return readAwsEc2Offer(in, fetchedAt, u"AWS Price List bulk offer AmazonEC2 "_s + region, options.cancel);
        });
        if (!offer)
            return Error{("aws: the EC2 offer for " + region.toStdString() + ": " + offer.error())};
        auto kept = std::make_unique<AwsOffer>(std::move(*offer));
        for (PriceQuote& q : kept->result.quotes) {
            if (!kept->version.isEmpty())
                q.source += u" version "_s + kept->version;
            all.quotes.push_back(q);
        }
        all.skippedNoGpu += kept->result.skippedNoGpu;
        detail::progress(options,
                         u"aws: %1: %2 GPU instance types, %3 prices, %4 types without a GPU skipped"_s.arg(region)
                             .arg(kept->productsBySku.size())
                             .arg(kept->result.quotes.size())
                             .arg(kept->result.skippedNoGpu));
        if (kept->productsBySku.isEmpty())
            all.notes << (u"aws: no GPU instance in the EC2 offer for "_s + region);
        offerByRegion.insert(region, kept.get());
        offers.push_back(std::move(kept));
        all.regions << region;
    }

    if (savingsIndexUrl.isEmpty()) {
        all.notes << u"aws: the offer index names no Savings Plans index; no savings-plan prices"_s;
    } else {
        auto spIndex = getJson(http, detail::rebase(savingsIndexUrl, defaultEndpoint(), options.endpoint),
                               u"the Savings Plans region index"_s);
        if (!spIndex)
            return Error{spIndex.error()};
        const json& list = ju::at(*spIndex, "regions");
        for (const QString& region : regions) {
            QString url;
            if (list.is_array())
                for (const json& r : list)
                    if (ju::str(r, "regionCode") == region)
                        url = ju::str(r, "versionUrl");
            if (url.isEmpty()) {
                all.notes << (u"aws: no Savings Plans offer for "_s + region);
                continue;
            }
            detail::progress(options, u"aws: downloading the Savings Plans offer for "_s + region);
            auto reply = http.send([&] {
                HttpRequest r;
                r.url = detail::rebase(url, defaultEndpoint(), options.endpoint);
                r.toFile = true;
                return r;
            });
            if (!reply)
                return Error{reply.error()};
            auto sp = readFile(*reply, [&](std::istream& in) {
                return readAwsSavingsPlanOffer(in, *offerByRegion.value(region), fetchedAt,
                                               u"AWS Price List Savings Plans offer (Compute) "_s + region,
                                               options.cancel);
            });
            if (!sp)
                return Error{("aws: the Savings Plans offer for " + region.toStdString() + ": " + sp.error())};
            for (PriceQuote& q : sp->quotes)
                all.quotes.push_back(std::move(q));
        }
    }

    detail::progress(options, u"aws: reading the spot price feed"_s);
    const QUrl spotUrl =
        options.endpoint.isEmpty() ? QUrl(kSpotFeed) : detail::joinUrl(options.endpoint, {}, u"/spot.json"_s);
    HttpPolicy spotPolicy = options.http;
    spotPolicy.maxAttempts = std::min(spotPolicy.maxAttempts, 2);
    HttpClient spotHttp(id(), spotPolicy, options.cancel, options.tempDir);
    auto spotReply = spotHttp.get(spotUrl);
    if (!spotReply) {
        if (detail::cancelled(options))
            return Error{"aws: cancelled"};
        all.notes << (u"aws: no spot prices ("_s + QString::fromStdString(spotReply.error()) + u')');
    } else {
        auto spot = readAwsSpotFeed(spotReply->body, offerByRegion, fetchedAt, u"AWS spot price feed"_s);
        if (!spot)
            all.notes << (u"aws: no spot prices: "_s + QString::fromStdString(spot.error()));
        else
            for (PriceQuote& q : spot->quotes)
                all.quotes.push_back(std::move(q));
    }
    return all;
}

} // namespace serveplan::models::fetch
