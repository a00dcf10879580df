#pragma once
// The price book's write side for fetched prices (issue 16): compares what a provider's fetcher
// returned with the newest prices the database holds for that provider (new / changed / unchanged /
// vanished, biggest changes first) and applies the new and changed rows in ONE transaction per
// provider through CatalogDb::importPrices, the same row-writing code the import uses. A fetch adds
// dated rows; it never deletes one, and a vanished price stays as it was.
#include "CatalogDb.h"
#include "common/Result.h"
#include "fetch/PriceQuote.h"

#include <QString>

#include <vector>

namespace serveplan::models {

/// The newest stored price of one key (provider:type@region plan/upfront).
struct StoredPrice {
    QString key;
    QString instanceType;
    QString region;
    QString plan;
    QString upfront;
    double amount = 0;
    QString currency;
    QString effectiveDate;
};

struct PriceChange {
    fetch::PriceQuote quote;
    double oldAmount = 0;
    QString oldCurrency;
    /// (new - old) / old when the currency is the same; 0 otherwise.
    double relative() const;
};

struct PriceDiff {
    QString provider;
    std::vector<fetch::PriceQuote> added;
    std::vector<PriceChange> changed;
    int unchanged = 0;
    std::vector<StoredPrice> vanished; ///< stored for the fetched regions, absent from the fetch (kept as they are)
    int skippedNoGpu = 0;
    QStringList notes;

    /// The `n` changes with the largest relative change, largest first.
    std::vector<PriceChange> biggestChanges(int n) const;
    bool writesNothing() const { return added.empty() && changed.empty(); }
};

struct PriceBookApplied {
    int pricesWritten = 0;
    int instancesCreated = 0;
};

class PriceBook final {
public:
    /// Compares a fetch with the newest stored price of each key of its provider.
    static Result<PriceDiff> diff(const CatalogDb& db, const QString& provider, const fetch::FetchResult& fetched);
    /// The source of an instance type a fetch creates: "fetched:<provider> (<interface and version>)",
    /// so the catalog tells it apart from the seed's rows and the user's own.
    static QString fetchedInstanceSource(const fetch::PriceQuote& quote);
    /// Writes the diff's new and changed rows in one transaction: all or nothing. An instance type the
    /// database lacks is created as fetched (not user-entered) with fetchedInstanceSource().
    static Result<PriceBookApplied> apply(CatalogDb& db, const PriceDiff& diff);
};

} // namespace serveplan::models
