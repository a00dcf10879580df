#pragma once
// One price row as a fetcher produces it (the price-book contract of issue 16): the instance it
// belongs to and one dated price of one plan. Plan and upfront are the contract's text names, so
// the fetchers do not depend on which plans the engine's enum already knows.
#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <vector>

namespace serveplan::models::fetch {

/// Plan names of the price-book contract.
namespace plans {
inline constexpr QLatin1String kOnDemand{"on_demand"};
inline constexpr QLatin1String kSpot{"spot"};
inline constexpr QLatin1String kReserved1y{"reserved_1y"};
inline constexpr QLatin1String kReserved3y{"reserved_3y"};
inline constexpr QLatin1String kSavingsPlan1y{"savings_plan_1y"};
inline constexpr QLatin1String kSavingsPlan3y{"savings_plan_3y"};
inline constexpr QLatin1String kCommittedUse1y{"committed_use_1y"};
inline constexpr QLatin1String kCommittedUse3y{"committed_use_3y"};
inline constexpr QLatin1String kSubscriptionMonth{"subscription_month"};
inline constexpr QLatin1String kSubscriptionYear{"subscription_year"};
} // namespace plans

struct PriceQuote {
    // The instance.
    QString provider;     ///< aws, azure, gcp, alibaba, tencent, runpod, lambda, vast
    QString instanceType; ///< as the provider names it (p5.48xlarge, Standard_ND96isr_H100_v5, ecs.gn8v.4xlarge)
    QString region;       ///< provider region code (us-east-1, eastus, cn-hangzhou, ap-guangzhou)
    QString gpuName;      ///< GPU model as ServePlan's catalog spells it (H100, A100-80GB, L40S, ...)
    QString gpuId;        ///< gpus.csv gpu_id, empty when the catalog has no such GPU
    double gpuCount = 0;
    double gpuMemoryGbEach = 0;
    int vcpus = 0;
    double memoryGib = 0;
    // The price.
    QString plan = plans::kOnDemand;
    QString upfront = QStringLiteral("none"); ///< none | partial | all
    double amount = 0;                        ///< EFFECTIVE price per unit: recurring + upfront amortised over the term
    double upfrontAmount = 0;                 ///< the whole upfront payment in `currency` (0 when none)
    QString currency;                         ///< ISO 4217
    QString unit = QStringLiteral("hour");    ///< hour | month
    QString effectiveDate;                    ///< ISO date the provider gives (or the fetch date when it gives none)
    QString fetchedAt;                        ///< ISO 8601 UTC
    QString source; ///< the interface and version, e.g. "AWS Price List bulk offer 20260721012550"

    /// provider:type@region plan/upfront: one price per key per fetch.
    QString key() const;
    QString instanceKey() const { return provider + u':' + instanceType + u'@' + region; }
};

/// What one provider's fetch produced.
struct FetchResult {
    std::vector<PriceQuote> quotes;
    int skippedNoGpu = 0; ///< instance types (per region) skipped because they have no GPU
    QStringList notes;    ///< non-fatal remarks (a region without GPU instances, an unknown GPU family, ...)
    QStringList regions;  ///< regions actually fetched
};

/// Hours in the terms the providers use to amortise upfront payments (365-day years, as AWS and
/// ec2instances.info do).
inline constexpr double kHoursPerYear = 8760.0;

} // namespace serveplan::models::fetch
