#pragma once
// Readers of the AWS Price List bulk files (docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/
// using-the-aws-price-list-bulk-api.html): the per-region AmazonEC2 offer (On-Demand and Reserved
// terms) streamed through JsonCapture, the per-region Savings Plans offer, and the spot feed.
#include "PriceQuote.h"
#include "common/Result.h"

#include <QHash>
#include <QString>

#include <atomic>
#include <istream>

namespace serveplan::models::fetch {

/// The instance one kept EC2 product (Linux, shared tenancy, used capacity, no pre-installed
/// software, on-demand market) stands for.
struct AwsProduct {
    PriceQuote instance; ///< instance fields only
};

struct AwsOffer {
    FetchResult result;                       ///< on_demand + reserved_1y/3y quotes, skipped count
    QHash<QString, AwsProduct> productsBySku; ///< kept GPU products, for the Savings Plans join
    QString publicationDate;
    QString version;
};

/// Reads one per-region AmazonEC2 offer file. `fetchedAt`/`source` are copied into every quote.
Result<AwsOffer> readAwsEc2Offer(std::istream& in, const QString& fetchedAt, const QString& source,
                                 const std::atomic<bool>* cancel = nullptr);
/// Reads one per-region Savings Plans offer file: savings_plan_1y/3y quotes (Compute Savings Plans,
/// every purchase option) for the products of `offer`.
Result<FetchResult> readAwsSavingsPlanOffer(std::istream& in, const AwsOffer& offer, const QString& fetchedAt,
                                            const QString& source, const std::atomic<bool>* cancel = nullptr);
/// Reads the public spot feed (website.spot.ec2.aws.a2z.com/spot.json): Linux spot prices of the
/// kept products of each region in `offers` (region code -> offer).
Result<FetchResult> readAwsSpotFeed(const QByteArray& json, const QHash<QString, const AwsOffer*>& offers,
                                    const QString& fetchedAt, const QString& source);

} // namespace serveplan::models::fetch
