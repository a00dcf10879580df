// PriceBook on a real catalog database: a fetch is compared with the newest stored prices (new,
// changed, unchanged, vanished; biggest change first), applying adds dated rows and never deletes
// one, and a provider's rows are written all or nothing.
#include "CatalogDb.h"
#include "PriceBook.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::models;
using namespace serveplan::models::fetch;
using namespace Qt::StringLiterals;

namespace {

PriceQuote quote(const QString& type, const QString& plan, double amount, const QString& date,
                 const QString& upfront = u"none"_s) {
    PriceQuote q;
    q.provider = u"aws"_s;
    q.instanceType = type;
    q.region = u"us-east-1"_s;
    q.gpuName = u"H100"_s;
    q.gpuId = u"h100-sxm"_s;
    q.gpuCount = 8;
    q.gpuMemoryGbEach = 80;
    q.plan = plan;
    q.upfront = upfront;
    q.amount = amount;
    q.upfrontAmount = upfront == u"all"_s ? amount * 8760 : 0;
    q.currency = u"USD"_s;
    q.effectiveDate = date;
    q.fetchedAt = date + u"T12:00:00Z"_s;
    q.source = u"test fetch"_s;
    return q;
}

qint64 rows(const CatalogDb& db, const QString& type) {
    QSqlQuery q(db.database());
    q.prepare(u"SELECT COUNT(*) FROM prices p JOIN instances i ON i.id = p.instance_id"
              " WHERE i.provider_id = 'aws' AND i.instance_type = ?"_s);
    q.addBindValue(type);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestPriceFetchBook : public QObject {
    Q_OBJECT

private slots:
    void diffApplyKeepsHistory() {
        QTemporaryDir dir;
        auto opened = CatalogDb::open(dir.filePath(u"c.sqlite"_s));
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().c_str());
        CatalogDb& db = **opened;

        FetchResult first;
        first.regions = {u"us-east-1"_s};
        first.quotes = {quote(u"zz.test"_s, u"on_demand"_s, 10, u"2026-11-01"_s),
                        quote(u"zz.test"_s, u"reserved_1y"_s, 6, u"2026-11-01"_s, u"all"_s),
                        quote(u"zz.other"_s, u"savings_plan_3y"_s, 4, u"2026-11-01"_s)};
        auto d1 = PriceBook::diff(db, u"aws"_s, first);
        QVERIFY(d1.ok());
        QCOMPARE(int(d1->added.size()), 3);
        QCOMPARE(d1->unchanged, 0);
        auto a1 = PriceBook::apply(db, *d1);
        QVERIFY2(a1.ok(), a1.ok() ? "" : a1.error().c_str());
        QCOMPARE(a1->pricesWritten, 3);
        QCOMPARE(a1->instancesCreated, 2);

        FetchResult second;
        second.regions = {u"us-east-1"_s};
        second.quotes = {quote(u"zz.test"_s, u"on_demand"_s, 12, u"2026-12-01"_s),
                         quote(u"zz.test"_s, u"reserved_1y"_s, 6, u"2026-12-01"_s, u"all"_s)};
        auto d2 = PriceBook::diff(db, u"aws"_s, second);
        QVERIFY(d2.ok());
        QCOMPARE(int(d2->added.size()), 0);
        QCOMPARE(int(d2->changed.size()), 1);
        QCOMPARE(d2->changed[0].oldAmount, 10.0);
        QVERIFY(qFuzzyCompare(d2->biggestChanges(5)[0].relative(), 0.2));
        QCOMPARE(d2->unchanged, 1);
        bool zzOtherVanished = false;
        for (const StoredPrice& s : d2->vanished)
            zzOtherVanished = zzOtherVanished || s.key == u"aws:zz.other@us-east-1 savings_plan_3y/none"_s;
        QVERIFY(zzOtherVanished);
        auto a2 = PriceBook::apply(db, *d2);
        QVERIFY(a2.ok());
        QCOMPARE(a2->pricesWritten, 1);
        // The old row stays: a fetch adds a dated row, never replaces or deletes one.
        QCOMPARE(rows(db, u"zz.test"_s), 3);
        QCOMPARE(rows(db, u"zz.other"_s), 1);
        auto d3 = PriceBook::diff(db, u"aws"_s, second);
        QVERIFY(d3.ok());
        QCOMPARE(d3->unchanged, 2); // compared with the newest row
        QVERIFY(d3->writesNothing());
    }

    // An instance type only a fetch knows is created as the provider's, not the user's: source
    // "fetched:aws (…)", user_entered 0, so the catalog neither draws it bold as "entered by you" nor
    // confuses it with the seed. A price CSV import still creates the user's own instances.
    void fetchedInstanceHasItsOwnSource() {
        QTemporaryDir dir;
        auto opened = CatalogDb::open(dir.filePath(u"c.sqlite"_s));
        QVERIFY(opened.ok());
        CatalogDb& db = **opened;
        FetchResult fetched;
        fetched.regions = {u"us-east-1"_s};
        fetched.quotes = {quote(u"zz.new"_s, u"on_demand"_s, 10, u"2026-11-01"_s)};
        QCOMPARE(PriceBook::fetchedInstanceSource(fetched.quotes[0]), u"fetched:aws (test fetch)"_s);
        auto d = PriceBook::diff(db, u"aws"_s, fetched);
        QVERIFY(d.ok());
        auto a = PriceBook::apply(db, *d);
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().c_str());
        QCOMPARE(a->instancesCreated, 1);

        QSqlQuery q(db.database());
        QVERIFY(q.exec(u"SELECT i.user_entered, s.text FROM instances i JOIN sources s ON s.id = i.source_id"
                       " WHERE i.provider_id = 'aws' AND i.instance_type = 'zz.new'"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toString(), u"fetched:aws (test fetch)"_s);
        auto catalog = db.loadCatalog();
        QVERIFY(catalog.ok());
        const InstanceSpec* loaded = nullptr;
        for (const InstanceSpec& s : catalog->instances)
            if (s.key() == "aws:zz.new@us-east-1")
                loaded = &s;
        QVERIFY(loaded);
        QVERIFY(!loaded->userEntered);
        QCOMPARE(loaded->source, std::string("fetched:aws (test fetch)"));

        PriceRecord typed;
        typed.instance.provider = "aws";
        typed.instance.instanceType = "zz.mine";
        typed.instance.region = "us-east-1";
        typed.instance.gpuCount = 1;
        typed.price = Price{PricingPlan::OnDemand, 1.0, "USD", PriceUnit::Hour, "2026-11-01", "my quote", true};
        QVERIFY(db.importPrices({typed}, false).ok());
        QVERIFY(q.exec(u"SELECT user_entered FROM instances WHERE instance_type = 'zz.mine'"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void allOrNothing() {
        QTemporaryDir dir;
        auto opened = CatalogDb::open(dir.filePath(u"c.sqlite"_s));
        QVERIFY(opened.ok());
        CatalogDb& db = **opened;
        FetchResult bad;
        bad.regions = {u"us-east-1"_s};
        bad.quotes = {quote(u"zz.good"_s, u"on_demand"_s, 10, u"2026-11-01"_s),
                      quote(u"zz.bad"_s, u"lifetime_deal"_s, 1, u"2026-11-01"_s)};
        auto d = PriceBook::diff(db, u"aws"_s, bad);
        QVERIFY(d.ok());
        auto a = PriceBook::apply(db, *d);
        QVERIFY(!a.ok());
        QVERIFY(QString::fromStdString(a.error()).contains(u"lifetime_deal"_s));
        QCOMPARE(rows(db, u"zz.good"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestPriceFetchBook)
#include "TestPriceFetchBook.moc"
