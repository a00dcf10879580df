// Applied calibrations reach the catalog the engine reads: CalibrationStore::apply writes
// calibration_factors per GPU and engine, CatalogDb::loadCatalog() groups them into
// Catalog::calibrations with their run, and unapply or remove takes them out again.
#include "CalibrationStore.h"
#include "CatalogDb.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace serveplan;
using serveplan::models::CalibrationStore;
using serveplan::models::CatalogDb;

class TestCalibrationCatalog final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CatalogDb> m_db;

    Catalog load() const {
        auto c = m_db->loadCatalog();
        if (!c)
            qFatal("%s", c.error().c_str());
        return std::move(c).value();
    }

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>(); // a fresh database per test function
        auto db = CatalogDb::open(m_dir->filePath(u"catalog.sqlite"_s));
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
        m_db = std::move(db).value();
    }
    void cleanup() {
        m_db.reset();
        m_dir.reset();
    }

    void freshCatalogHasNone() { QVERIFY(load().calibrations.empty()); }

    void appliedRunsAreLoadedPerGpuAndEngine() {
        CalibrationStore store(m_db->database());
        const auto probe = store.addRun(u"h200-sxm"_s, u"probe"_s, "{}\n", u"probe run"_s);
        const auto older = store.addRun(u"h100-sxm"_s, u"probe"_s, "{}\n", u"older probe run"_s);
        const auto bench = store.addRun(u"h100-sxm"_s, u"vllm_bench"_s, "{}", u"load test"_s);
        QVERIFY(probe.ok() && older.ok() && bench.ok());
        QVERIFY(store.apply(*probe, {{"weight_bandwidth_eff", 0.696, {}}, {"kv_bandwidth_eff", 0.826, {}}}).ok());
        QVERIFY(store.apply(*older, {{"weight_bandwidth_eff", 0.5, {}}}).ok());
        QVERIFY(store.apply(*bench, {{"step_overhead_s", 2e-4, {}}}, u"vllm"_s).ok());

        const Catalog c = load();
        QCOMPARE(c.calibrations.size(), std::size_t(3));
        const GpuCalibration* h200 = c.calibration("h200-sxm", "trtllm");
        QVERIFY(h200);
        QCOMPARE(h200->engine, std::string("generic"));
        QCOMPARE(h200->runId, std::int64_t(*probe));
        QCOMPARE(h200->factors.size(), std::size_t(2));
        QCOMPARE(h200->find("kv_bandwidth_eff")->value, 0.826);
        QCOMPARE(toEnglish(h200->find("weight_bandwidth_eff")->basis), "calibration run " + std::to_string(*probe));
        QCOMPARE(c.calibration("h100-sxm", "vllm")->runId, std::int64_t(*bench));
        QCOMPARE(c.calibration("h100-sxm", "vllm")->find("step_overhead_s")->value, 2e-4);
        QCOMPARE(c.calibration("h100-sxm", "sglang")->runId, std::int64_t(*older));
        QVERIFY(!c.calibration("l4", "generic"));

        // A new run applied to the same GPU and engine replaces the old one.
        const auto newer = store.addRun(u"h100-sxm"_s, u"probe"_s, "{}\n", u"newer probe run"_s);
        QVERIFY(store.apply(*newer, {{"weight_bandwidth_eff", 0.61, {}}}).ok());
        QCOMPARE(load().calibration("h100-sxm", "sglang")->runId, std::int64_t(*newer));
        QCOMPARE(load().calibration("h100-sxm", "sglang")->factors.front().value, 0.61);

        QVERIFY(store.unapply(u"h100-sxm"_s, u"vllm"_s).ok());
        QCOMPARE(load().calibration("h100-sxm", "vllm")->runId, std::int64_t(*newer)); // back to generic
        QVERIFY(store.remove(*probe).ok());
        QVERIFY(!load().calibration("h200-sxm", "generic"));
        QCOMPARE(load().calibrations.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestCalibrationCatalog)
#include "TestCalibrationCatalog.moc"
