// UserCatalog: user models, GPUs, instances and prices land in the database flagged user-entered,
// come back through loadCatalog(), survive a re-seed, and seed rows cannot be replaced or deleted.
#include "CatalogDb.h"
#include "TestSupport.h"
#include "UserCatalog.h"
#include "catalog/HfConfig.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace serveplan;
using serveplan::models::CatalogDb;
using serveplan::models::UserCatalog;

namespace {

const ModelSpec* findModel(const Catalog& c, const std::string& id) {
    const auto it = std::find_if(c.models.begin(), c.models.end(), [&](const ModelSpec& m) { return m.id == id; });
    return it == c.models.end() ? nullptr : &*it;
}

const GpuSpec* findGpu(const Catalog& c, const std::string& id) {
    const auto it = std::find_if(c.gpus.begin(), c.gpus.end(), [&](const GpuSpec& g) { return g.id == id; });
    return it == c.gpus.end() ? nullptr : &*it;
}

} // namespace

class TestUserCatalog final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void modelFromConfigRoundTrips();
    void seedRowsAreProtected();
    void gpuSaveUpdateRemove();
    void onPremInstanceAndPriceEdit();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CatalogDb> m_db;
};

void TestUserCatalog::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = CatalogDb::open(m_dir->filePath(u"catalog.sqlite"_s));
    QVERIFY2(db, db ? "" : db.error().c_str());
    m_db = std::move(db).value();
}

void TestUserCatalog::cleanup() {
    m_db.reset();
    m_dir.reset();
}

void TestUserCatalog::modelFromConfigRoundTrips() {
    auto spec = readHfConfigFile(test::testDataPath(u"hf/qwen3-30b-a3b.json"_s).toStdString());
    QVERIFY(spec);
    spec->id = "my-qwen3-moe";
    spec->name = "My Qwen3 MoE";
    UserCatalog user(*m_db);
    auto saved = user.saveModel(*spec);
    QVERIFY2(saved, saved.error().c_str());
    QVERIFY(user.isUserModel(u"my-qwen3-moe"_s));

    auto catalog = m_db->loadCatalog();
    QVERIFY(catalog);
    const ModelSpec* m = findModel(*catalog, "my-qwen3-moe");
    QVERIFY(m);
    QVERIFY(m->userEntered);
    QCOMPARE(m->numExperts, 128);
    QCOMPARE(m->numExpertsPerTok, 8);
    QCOMPARE(m->moeIntermediateSize, 768);
    QCOMPARE(m->paramsB, spec->paramsB);
    // A re-seed (as on every start with a newer seed) keeps the user's row.
    auto seed = CatalogDb::embeddedSeed();
    QVERIFY(seed);
    QVERIFY(m_db->applySeed(*seed, u"another-hash"_s));
    QVERIFY(user.isUserModel(u"my-qwen3-moe"_s));

    QVERIFY(user.removeModel(u"my-qwen3-moe"_s));
    QVERIFY(!user.isUserModel(u"my-qwen3-moe"_s));
    QVERIFY(!user.removeModel(u"my-qwen3-moe"_s)); // gone: "no such row"
}

void TestUserCatalog::seedRowsAreProtected() {
    UserCatalog user(*m_db);
    auto catalog = m_db->loadCatalog();
    QVERIFY(catalog);
    const ModelSpec* seedModel = findModel(*catalog, "llama-3.1-8b-instruct");
    QVERIFY(seedModel);
    ModelSpec clash = *seedModel;
    clash.paramsB = 1;
    auto refused = user.saveModel(clash);
    QVERIFY(!refused);
    QVERIFY2(QString::fromStdString(refused.error()).contains(u"built-in catalog"_s), refused.error().c_str());
    QVERIFY(!user.removeModel(u"llama-3.1-8b-instruct"_s));
    QVERIFY(findGpu(*catalog, "h100-sxm"));
    QVERIFY(!user.removeGpu(u"h100-sxm"_s));
    auto after = m_db->loadCatalog();
    QVERIFY(after);
    QCOMPARE(findModel(*after, "llama-3.1-8b-instruct")->paramsB, seedModel->paramsB);
}

void TestUserCatalog::gpuSaveUpdateRemove() {
    UserCatalog user(*m_db);
    GpuSpec g;
    g.id = "lab-card";
    g.vendor = "Lab";
    g.name = "Lab Card 48GB";
    g.memoryGb = 48;
    g.memoryBandwidthGBps = 864;
    g.bf16Tflops = 181;
    QVERIFY(user.saveGpu(g));
    g.memoryBandwidthGBps = 960;
    QVERIFY(user.saveGpu(g)); // update of the user's own row
    auto catalog = m_db->loadCatalog();
    QVERIFY(catalog);
    const GpuSpec* stored = findGpu(*catalog, "lab-card");
    QVERIFY(stored);
    QVERIFY(stored->userEntered);
    QCOMPARE(stored->memoryBandwidthGBps, 960.0);
    g.memoryGb = 0;
    QVERIFY(!user.saveGpu(g)); // memory must be positive
    QVERIFY(user.removeGpu(u"lab-card"_s));
}

void TestUserCatalog::onPremInstanceAndPriceEdit() {
    UserCatalog user(*m_db);
    InstanceSpec box;
    box.provider = "onprem";
    box.instanceType = "rack-8x-h100";
    box.region = "basement";
    box.gpuName = "H100";
    box.gpuCount = 8;
    box.onPrem = true;
    box.prices.push_back(Price{PricingPlan::SubscriptionMonth, 21000, "USD", PriceUnit::Month, "2026-11-01", {}, true});
    auto saved = user.saveInstance(box);
    QVERIFY2(saved, saved.error().c_str());

    QSqlQuery q(m_db->database());
    QVERIFY(q.prepare(u"SELECT i.id, i.user_entered, p.amount, p.user_entered FROM instances i JOIN prices p"
                      " ON p.instance_id = i.id WHERE i.instance_type = ?"_s));
    q.addBindValue(u"rack-8x-h100"_s);
    QVERIFY(q.exec() && q.next());
    const qint64 id = q.value(0).toLongLong();
    QCOMPARE(q.value(1).toInt(), 1);
    QCOMPARE(q.value(2).toDouble(), 21000.0);
    QCOMPARE(q.value(3).toInt(), 1);
    q.finish();

    QVERIFY(user.setPrice(id, Price{PricingPlan::SubscriptionMonth, 19500, "USD", PriceUnit::Month, {}, {}, true}));
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(2).toDouble(), 19500.0);
    q.finish();
    QVERIFY(!user.setPrice(id, Price{PricingPlan::OnDemand, -1, "USD", PriceUnit::Hour, {}, {}, true}));
    QVERIFY(user.removeInstance(id));
    QVERIFY(q.exec());
    QVERIFY(!q.next()); // the price went with it (ON DELETE CASCADE)
}

QTEST_GUILESS_MAIN(TestUserCatalog)
#include "TestUserCatalog.moc"
