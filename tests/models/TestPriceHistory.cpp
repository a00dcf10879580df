// The price book (schema version 3): a version-2 file migrates keeping every price, dated rows are
// kept side by side, the loader picks per plan the newest price on or before a date, and the plan and
// upfront CHECKs come from the engine's lists (every name accepted, an unknown one refused).
#include "CatalogDb.h"
#include "CatalogDbTestSupport.h"
#include "CatalogSchema.h"
#include "PricingPlanLabels.h"
#include "ScenarioFile.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::models;
using serveplan::test::execAll;
using serveplan::test::openOrFail;
using serveplan::test::scalar;
using namespace Qt::StringLiterals;

namespace {

PriceRecord record(const std::string& type, PricingPlan plan, double amount, const std::string& date,
                   Upfront upfront = Upfront::None, double upfrontAmount = 0) {
    PriceRecord r;
    r.instance.provider = "testcloud";
    r.instance.instanceType = type;
    r.instance.region = "r1";
    r.instance.gpuName = "T4";
    r.instance.gpuId = "t4";
    r.instance.gpuCount = 1;
    r.instance.source = "test";
    r.price = Price{plan, amount, "USD", PriceUnit::Hour, date, "quote of " + date, false, upfront, upfrontAmount};
    return r;
}

const InstanceSpec* find(const Catalog& catalog, const std::string& key) {
    for (const InstanceSpec& s : catalog.instances)
        if (s.key() == key)
            return &s;
    return nullptr;
}

} // namespace

class TestPriceHistory final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void migratesFromVersion2KeepingEveryPrice();
    void keepsDatedRowsAndPicksByDate();
    void upfrontOptionsAreSeparateRows();
    void checkAcceptsEveryPlanAndRejectsUnknown_data();
    void checkAcceptsEveryPlanAndRejectsUnknown();
    void everyPlanHasOneLabel();
    void scenarioFileKeepsPlanAndPriceDate();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString& name) const { return m_dir->filePath(name); }
};

void TestPriceHistory::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestPriceHistory::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// A version-2 database made by this build's own migrations 1 and 2, holding a price of every version-2
// plan (one of them user-entered) for an instance the seed does not have: version 3 keeps each one.
void TestPriceHistory::migratesFromVersion2KeepingEveryPrice() {
    const QString file = path(u"v2.sqlite"_s);
    QStringList statements;
    for (const Migration& m : CatalogSchema::migrations())
        if (m.version <= 2)
            statements += m.statements;
    statements << u"INSERT INTO meta VALUES ('schema_version', '2')"_s
               << u"INSERT INTO meta VALUES ('seed_hash', 'old')"_s
               << u"INSERT INTO sources (id, text) VALUES (1, 'a 2025 quote')"_s
               << u"INSERT INTO providers (id, name) VALUES ('oldcloud', 'oldcloud')"_s
               << u"INSERT INTO regions VALUES ('oldcloud', 'r9')"_s
               << u"INSERT INTO instances (id, provider_id, region_id, instance_type, gpu_count) VALUES"
                  " (1, 'oldcloud', 'r9', 'box', 1)"_s
               << u"INSERT INTO prices VALUES (1, 'on_demand', 2.5, 'USD', 'hour', '2025-03-01', 1, 0)"_s
               << u"INSERT INTO prices VALUES (1, 'spot', 0.75, 'USD', 'hour', '', 1, 0)"_s
               << u"INSERT INTO prices VALUES (1, 'reserved_1y', 1.625, 'USD', 'hour', '2025-03-01', 1, 0)"_s
               << u"INSERT INTO prices VALUES (1, 'reserved_3y', 1.125, 'USD', 'hour', '2025-03-01', 1, 0)"_s
               << u"INSERT INTO prices VALUES (1, 'subscription_month', 1400, 'CNY', 'month', '2025-04-01', 1, 1)"_s;
    QVERIFY(execAll(file, statements));

    auto db = openOrFail(file);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 3);
    QCOMPARE(db->migrationBackupPath(), file + u".schema-v2.bak"_s);
    QVERIFY(QFile::exists(db->migrationBackupPath()));
    // The new columns exist with their defaults on the copied rows.
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM prices WHERE instance_id = 1"_s).toInt(), 5);
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM prices WHERE instance_id = 1 AND upfront = 'none' AND"
                         " upfront_amount = 0 AND fetched_at = ''"_s)
                 .toInt(),
             5);
    auto catalog = db->loadCatalog();
    QVERIFY2(catalog.ok(), catalog.ok() ? "" : catalog.error().c_str());
    const InstanceSpec* box = find(*catalog, "oldcloud:box@r9");
    QVERIFY(box);
    QCOMPARE(box->prices.size(), std::size_t(5));
    QCOMPARE(box->priceHistory.size(), std::size_t(5));
    QCOMPARE(box->price(PricingPlan::OnDemand)->amount, 2.5);
    QCOMPARE(box->price(PricingPlan::OnDemand)->effectiveDate, std::string("2025-03-01"));
    QCOMPARE(box->price(PricingPlan::OnDemand)->source, std::string("a 2025 quote"));
    QCOMPARE(box->price(PricingPlan::Spot)->amount, 0.75);
    QCOMPARE(box->price(PricingPlan::Reserved1y)->amount, 1.625);
    QCOMPARE(box->price(PricingPlan::Reserved3y)->amount, 1.125);
    const Price* monthly = box->price(PricingPlan::SubscriptionMonth);
    QVERIFY(monthly);
    QCOMPARE(monthly->amount, 1400.0);
    QCOMPARE(monthly->currency, std::string("CNY"));
    QVERIFY(monthly->unit == PriceUnit::Month);
    QVERIFY(monthly->userEntered);
    QVERIFY(!box->price(PricingPlan::SavingsPlan1y));
    auto problems = db->check();
    QVERIFY(problems.ok());
    QVERIFY2(problems->isEmpty(), qPrintable(problems->join(u'\n')));
}

void TestPriceHistory::keepsDatedRowsAndPicksByDate() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    const std::vector<PriceRecord> first{record("a", PricingPlan::OnDemand, 1.0, "2025-01-01")};
    const std::vector<PriceRecord> second{record("a", PricingPlan::OnDemand, 2.0, "2026-06-01")};
    auto added = db->importPrices(first, false);
    QVERIFY(added.ok());
    QCOMPARE(added->pricesInserted, 1);
    added = db->importPrices(second, false);
    QVERIFY(added.ok());
    QCOMPARE(added->pricesInserted, 1); // a new date is a new row, the old one stays
    QCOMPARE(added->pricesUpdated, 0);
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM prices p JOIN instances i ON i.id = p.instance_id"
                         " WHERE i.provider_id = 'testcloud'"_s)
                 .toInt(),
             2);

    struct Case {
        std::string date;
        double expected; ///< 0 = no price on that date
    };
    for (const Case& c : {Case{"", 2.0}, Case{"2026-06-01", 2.0}, Case{"2026-05-31", 1.0}, Case{"2025-01-01", 1.0},
                          Case{"2024-12-31", 0.0}}) {
        auto catalog = db->loadCatalog(c.date);
        QVERIFY(catalog.ok());
        const InstanceSpec* a = find(*catalog, "testcloud:a@r1");
        QVERIFY(a);
        QCOMPARE(a->priceHistory.size(), std::size_t(2));
        const Price* loaded = a->price(PricingPlan::OnDemand);
        QCOMPARE(loaded ? loaded->amount : 0.0, c.expected);
        if (loaded)
            QCOMPARE(loaded->source, "quote of " + loaded->effectiveDate);
    }
    // The engine picks from the history without a reload (the planner's Scenario::priceDate).
    auto catalog = db->loadCatalog();
    QVERIFY(catalog.ok());
    const InstanceSpec* a = find(*catalog, "testcloud:a@r1");
    QVERIFY(a);
    QCOMPARE(a->price(PricingPlan::OnDemand, "2025-07-01")->amount, 1.0);
    QCOMPARE(a->price(PricingPlan::OnDemand, "2027-01-01")->amount, 2.0);
    QVERIFY(!a->price(PricingPlan::OnDemand, "2024-01-01"));

    // The same date again updates that row in place.
    const std::vector<PriceRecord> again{record("a", PricingPlan::OnDemand, 2.25, "2026-06-01")};
    added = db->importPrices(again, false);
    QVERIFY(added.ok());
    QCOMPARE(added->pricesUpdated, 1);
    QCOMPARE(added->pricesInserted, 0);
    catalog = db->loadCatalog();
    QVERIFY(catalog.ok());
    QCOMPARE(find(*catalog, "testcloud:a@r1")->price(PricingPlan::OnDemand)->amount, 2.25);
}

void TestPriceHistory::upfrontOptionsAreSeparateRows() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    // A 1-year reservation: no upfront 1.30/h; all upfront 10512 paid once = 1.20/h effective.
    std::vector<PriceRecord> rows{record("b", PricingPlan::Reserved1y, 1.30, "2026-10-01"),
                                  record("b", PricingPlan::Reserved1y, 1.20, "2026-10-01", Upfront::All, 10512),
                                  record("b", PricingPlan::SavingsPlan3y, 0.90, "2026-10-01")};
    rows[1].price.fetchedAt = "2026-10-02T08:00:00Z";
    auto added = db->importPrices(rows, false);
    QVERIFY2(added.ok(), added.ok() ? "" : added.error().c_str());
    QCOMPARE(added->pricesInserted, 3);
    auto catalog = db->loadCatalog();
    QVERIFY(catalog.ok());
    const InstanceSpec* b = find(*catalog, "testcloud:b@r1");
    QVERIFY(b);
    QCOMPARE(b->prices.size(), std::size_t(3));
    const Price* all = b->price(PricingPlan::Reserved1y, Upfront::All);
    QVERIFY(all);
    QCOMPARE(all->upfrontAmount, 10512.0);
    QCOMPARE(all->fetchedAt, std::string("2026-10-02T08:00:00Z"));
    QCOMPARE(b->price(PricingPlan::Reserved1y, Upfront::None)->amount, 1.30);
    QVERIFY(!b->price(PricingPlan::Reserved1y, Upfront::Partial));
    QCOMPARE(b->price(PricingPlan::Reserved1y)->amount, 1.20); // the lowest effective price of the options
    QCOMPARE(b->price(PricingPlan::SavingsPlan3y)->amount, 0.90);
    // Export carries the upfront part and the fetch time.
    auto exported = db->exportPrices();
    QVERIFY(exported.ok());
    bool seen = false;
    for (const PriceRecord& r : *exported)
        if (r.instance.key() == "testcloud:b@r1" && r.price.upfront == Upfront::All) {
            seen = true;
            QCOMPARE(r.price.upfrontAmount, 10512.0);
            QCOMPARE(r.price.fetchedAt, std::string("2026-10-02T08:00:00Z"));
        }
    QVERIFY(seen);
}

void TestPriceHistory::checkAcceptsEveryPlanAndRejectsUnknown_data() {
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("upfront");
    QTest::addColumn<bool>("accepted");
    for (PricingPlan plan : allPricingPlans()) {
        const QString name = QString::fromUtf8(toString(plan));
        QTest::addRow("%s", qPrintable(name)) << name << u"none"_s << true;
    }
    QTest::addRow("all upfront") << u"reserved_3y"_s << u"all"_s << true;
    QTest::addRow("partial upfront") << u"committed_use_1y"_s << u"partial"_s << true;
    QTest::addRow("unknown plan") << u"lifetime"_s << u"none"_s << false;
    QTest::addRow("plan in capitals") << u"ON_DEMAND"_s << u"none"_s << false;
    QTest::addRow("unknown upfront") << u"reserved_1y"_s << u"half"_s << false;
}

void TestPriceHistory::checkAcceptsEveryPlanAndRejectsUnknown() {
    QFETCH(QString, plan);
    QFETCH(QString, upfront);
    QFETCH(bool, accepted);
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    QSqlQuery q(db->database());
    QVERIFY(q.prepare(u"INSERT INTO prices (instance_id, plan, upfront, amount, currency, unit, effective_date)"
                      " VALUES ((SELECT min(id) FROM instances), ?, ?, 1, 'USD', 'hour', '2099-01-01')"_s));
    q.addBindValue(plan);
    q.addBindValue(upfront);
    const bool ok = q.exec();
    QVERIFY2(ok == accepted, qPrintable(q.lastError().text()));
    if (!accepted)
        QVERIFY2(q.lastError().text().contains(u"CHECK"_s, Qt::CaseInsensitive), qPrintable(q.lastError().text()));
}

void TestPriceHistory::everyPlanHasOneLabel() {
    QStringList labels;
    for (PricingPlan plan : allPricingPlans()) {
        const QString label = PricingPlanLabels::label(plan);
        QVERIFY2(!label.isEmpty() && !labels.contains(label), qPrintable(label));
        labels << label;
        QCOMPARE(parsePricingPlan(toString(plan)), std::optional<PricingPlan>(plan));
    }
    QCOMPARE(labels.size(), 10);
    QCOMPARE(PricingPlanLabels::label(PricingPlan::Reserved1y), u"Reserved, 1 year"_s);
    QCOMPARE(PricingPlanLabels::columnTitle(PricingPlan::SubscriptionYear), u"Yearly subscription /month"_s);
    Price p{PricingPlan::Reserved3y, 1, "USD", PriceUnit::Hour};
    p.upfront = Upfront::Partial;
    QCOMPARE(PricingPlanLabels::label(p), u"Reserved, 3 years (partial upfront)"_s);
}

// The scenario file takes every plan name and the optional cost.price_date (version stays 1): written
// only when set, so files without it are byte for byte as before; a bad date is refused by name.
void TestPriceHistory::scenarioFileKeepsPlanAndPriceDate() {
    Scenario s;
    s.models = {"deepseek-r1-distill-qwen-7b"};
    const QByteArray plain = ScenarioFile::toJson(s);
    QVERIFY(!plain.contains("price_date"));
    s.pricing = PricingPlan::CommittedUse1y;
    s.priceDate = "2025-12-31";
    const QByteArray json = ScenarioFile::toJson(s);
    QVERIFY(json.contains("\"price_date\": \"2025-12-31\""));
    QVERIFY(json.contains("\"committed_use_1y\""));
    auto back = ScenarioFile::fromJson(json);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QVERIFY(back->pricing == PricingPlan::CommittedUse1y);
    QCOMPARE(back->priceDate, std::string("2025-12-31"));
    QByteArray bad = json;
    bad.replace("2025-12-31", "31/12/2025");
    auto refused = ScenarioFile::fromJson(bad);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().find("price_date") != std::string::npos, refused.error().c_str());
    bad = json;
    bad.replace("committed_use_1y", "lifetime");
    refused = ScenarioFile::fromJson(bad);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().find("savings_plan_3y") != std::string::npos, refused.error().c_str());
}

QTEST_GUILESS_MAIN(TestPriceHistory)
#include "TestPriceHistory.moc"
