#include "PriceBook.h"

#include "fetch/HttpClient.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace serveplan::models {

double PriceChange::relative() const {
    if (oldCurrency != quote.currency || oldAmount <= 0)
        return 0;
    return (quote.amount - oldAmount) / oldAmount;
}

std::vector<PriceChange> PriceDiff::biggestChanges(int n) const {
    std::vector<PriceChange> out = changed;
    std::stable_sort(out.begin(), out.end(), [](const PriceChange& a, const PriceChange& b) {
        return std::abs(a.relative()) > std::abs(b.relative());
    });
    if (int(out.size()) > n)
        out.resize(std::size_t(std::max(0, n)));
    return out;
}

namespace {

bool sameAmount(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

/// Whether a stored region belongs to a fetched one (Tencent stores zones: ap-guangzhou-6 in ap-guangzhou).
bool inRegions(const QString& region, const QStringList& regions) {
    for (const QString& r : regions)
        if (region == r || region.startsWith(r + u'-'))
            return true;
    return false;
}

} // namespace

Result<PriceDiff> PriceBook::diff(const CatalogDb& db, const QString& provider, const fetch::FetchResult& fetched) {
    PriceDiff diff;
    diff.provider = provider;
    diff.skippedNoGpu = fetched.skippedNoGpu;
    diff.notes = fetched.notes;
    QSqlQuery query(db.database());
    if (!query.prepare(u"SELECT i.instance_type, i.region_id, p.plan, p.upfront, p.amount, p.currency, p.effective_date"
                       " FROM prices p JOIN instances i ON i.id = p.instance_id WHERE i.provider_id = ?"
                       " ORDER BY p.effective_date, p.fetched_at"_s))
        return fetch::fetchError(u"cannot read the stored prices of "_s + provider + u": "_s +
                                 query.lastError().text());
    query.addBindValue(provider);
    if (!query.exec())
        return fetch::fetchError(u"cannot read the stored prices of "_s + provider + u": "_s +
                                 query.lastError().text());
    QHash<QString, StoredPrice> newest; // later rows (newer dates) overwrite earlier ones
    while (query.next()) {
        StoredPrice s;
        s.instanceType = query.value(0).toString();
        s.region = query.value(1).toString();
        s.plan = query.value(2).toString();
        s.upfront = query.value(3).toString();
        s.amount = query.value(4).toDouble();
        s.currency = query.value(5).toString();
        s.effectiveDate = query.value(6).toString();
        s.key = provider + u':' + s.instanceType + u'@' + s.region + u' ' + s.plan + u'/' + s.upfront;
        newest.insert(s.key, s);
    }
    QSet<QString> seen;
    for (const fetch::PriceQuote& q : fetched.quotes) {
        const QString key = q.key();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        const auto it = newest.constFind(key);
        if (it == newest.constEnd())
            diff.added.push_back(q);
        else if (it->currency != q.currency || !sameAmount(q.amount, it->amount))
            diff.changed.push_back(PriceChange{q, it->amount, it->currency});
        else
            ++diff.unchanged;
    }
    for (const StoredPrice& s : std::as_const(newest))
        if (!seen.contains(s.key) && inRegions(s.region, fetched.regions))
            diff.vanished.push_back(s);
    std::sort(diff.vanished.begin(), diff.vanished.end(),
              [](const StoredPrice& a, const StoredPrice& b) { return a.key < b.key; });
    return diff;
}

QString PriceBook::fetchedInstanceSource(const fetch::PriceQuote& quote) {
    const QString origin = u"fetched:"_s + quote.provider;
    return quote.source.isEmpty() ? origin : origin + u" ("_s + quote.source + u')';
}

Result<PriceBookApplied> PriceBook::apply(CatalogDb& db, const PriceDiff& diff) {
    std::vector<PriceRecord> records;
    auto add = [&](const fetch::PriceQuote& q) -> Result<void> {
        const auto plan = parsePricingPlan(q.plan.toStdString());
        const auto upfront = parseUpfront(q.upfront.toStdString());
        if (!plan || !upfront)
            return fetch::fetchError(u"unknown plan "_s + q.plan + u'/' + q.upfront + u" for "_s + q.instanceKey());
        PriceRecord r;
        InstanceSpec& s = r.instance;
        s.provider = q.provider.toStdString();
        s.instanceType = q.instanceType.toStdString();
        s.region = q.region.toStdString();
        s.gpuName = q.gpuName.toStdString();
        s.gpuId = q.gpuId.toStdString();
        s.gpuCount = q.gpuCount;
        s.gpuMemoryGbEach = q.gpuMemoryGbEach;
        s.vcpus = q.vcpus;
        s.memoryGib = q.memoryGib;
        s.source = fetchedInstanceSource(q).toStdString();
        r.instanceFetched = true;
        Price& p = r.price;
        p.plan = *plan;
        p.upfront = *upfront;
        p.amount = q.amount;
        p.upfrontAmount = q.upfrontAmount;
        p.currency = q.currency.toStdString();
        p.unit = q.unit == u"month"_s ? PriceUnit::Month : PriceUnit::Hour;
        p.effectiveDate = q.effectiveDate.toStdString();
        p.fetchedAt = q.fetchedAt.toStdString();
        p.source = q.source.toStdString();
        p.userEntered = false;
        records.push_back(std::move(r));
        return {};
    };
    for (const fetch::PriceQuote& q : diff.added)
        if (auto ok = add(q); !ok)
            return Error{ok.error()};
    for (const PriceChange& c : diff.changed)
        if (auto ok = add(c.quote); !ok)
            return Error{ok.error()};
    if (records.empty())
        return PriceBookApplied{};
    auto written = db.importPrices(records, false);
    if (!written)
        return Error{diff.provider.toStdString() + ": nothing written: " + written.error()};
    return PriceBookApplied{written->pricesInserted + written->pricesUpdated, written->instancesCreated};
}

} // namespace serveplan::models
