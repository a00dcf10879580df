// CatalogDb: creation and seeding, reopening, seed updates, migration from a v1 fixture, refusal of
// damaged or newer files (left byte-for-byte untouched), price import/export.
#include "CatalogDb.h"
#include "CatalogDbTestSupport.h"
#include "CatalogSchema.h"
#include "PriceCsv.h"
#include "TestSupport.h"
#include "catalog/CatalogCsv.h"

#include <QCryptographicHash>
#include <QFile>
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

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QStringList sqlStatements(const QString& fixture) {
    QFile file(fixture);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList statements;
    for (const QString& chunk : QString::fromUtf8(file.readAll()).split(u";\n"_s)) {
        QStringList lines;
        for (const QString& line : chunk.split(u'\n'))
            if (!line.startsWith(u"--"_s))
                lines << line;
        statements << lines.join(u'\n');
    }
    return statements;
}

} // namespace

class TestCatalogDb final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void createsAndSeedsSchema();
    void catalogMatchesSeedFiles();
    void reopenWritesNothing();
    void seedUpdateKeepsUserPrices();
    void migratesFromVersion1();
    void failedMigrationKeepsVersion1();
    void refusesNewerSchema();
    void refusesDamagedFile_data();
    void refusesDamagedFile();
    void refusesForeignSqlite();
    void infoAndCheck();
    void checkFindsBrokenForeignKey();
    void exportImportRoundTrip();
    void importIsAllOrNothing();
    void importRejectsBadRows_data();
    void importRejectsBadRows();
    void importsInstancesCsvLayout();
    void importsSkyPilot();
    void defaultPathIsInTestLocation();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString& name) const { return m_dir->filePath(name); }
    QByteArray seededFileHash();
};

void TestCatalogDb::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestCatalogDb::init() {
    m_dir = std::make_unique<QTemporaryDir>(); // a fresh database per test function
    QVERIFY(m_dir->isValid());
}

QByteArray TestCatalogDb::seededFileHash() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    db.reset();
    return fileHash(path(u"c.sqlite"_s));
}

void TestCatalogDb::createsAndSeedsSchema() {
    auto db = openOrFail(path(u"sub/dir/c.sqlite"_s));
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), CatalogSchema::kCurrentVersion);
    QCOMPARE(scalar(*db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(*db, u"PRAGMA foreign_keys"_s).toInt(), 1);
    auto info = db->info();
    QVERIFY(info.ok());
    // Seed row counts: resources/data/README.md (55 GPUs, 131 MIG profiles, 33 models), PRICES.md
    // (702 instances over 8 providers), and 686 on-demand + 511 spot + 31 monthly price cells
    // counted with Python's csv module.
    QCOMPARE(info->count(u"gpus"_s), 55);
    QCOMPARE(info->count(u"mig_profiles"_s), 131);
    QCOMPARE(info->count(u"llm_models"_s), 33);
    QCOMPARE(info->count(u"instances"_s), 702);
    QCOMPARE(info->count(u"providers"_s), 8);
    QCOMPARE(info->count(u"prices"_s), 1228);
    QCOMPARE(info->count(u"fx_rates"_s), 5);
    QCOMPARE(info->count(u"calibration_runs"_s), 0);
    QCOMPARE(info->priceDateMin, u"2023-06-30"_s); // Tencent's doc date, PRICES.md
    QCOMPARE(info->priceDateMax, u"2026-11-27"_s); // RunPod rows: the day their source was read (PRICES.md)
    QVERIFY(!info->sources.empty());
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM prices WHERE amount = 0"_s).toInt(), 0);
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM prices WHERE plan LIKE 'reserved%'"_s).toInt(), 0);
}

void TestCatalogDb::catalogMatchesSeedFiles() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    auto fromDb = db->loadCatalog();
    QVERIFY2(fromDb.ok(), fromDb.ok() ? "" : fromDb.error().c_str());
    auto fromCsv = CatalogCsv::loadDirectory(test::sourcePath(u"resources/data"_s).toStdString());
    QVERIFY(fromCsv.ok());
    QCOMPARE(fromDb->gpus.size(), fromCsv->gpus.size());
    for (std::size_t i = 0; i < fromCsv->gpus.size(); ++i) {
        const GpuSpec& a = fromDb->gpus[i];
        const GpuSpec& b = fromCsv->gpus[i];
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.memoryGb, b.memoryGb);
        QCOMPARE(a.memoryBandwidthGBps, b.memoryBandwidthGBps);
        QCOMPARE(a.bf16Tflops, b.bf16Tflops);
        QCOMPARE(a.fp8Tflops, b.fp8Tflops);
        QCOMPARE(a.migMaxInstances, b.migMaxInstances);
        QCOMPARE(a.source, b.source);
    }
    QCOMPARE(fromDb->models.size(), fromCsv->models.size());
    for (std::size_t i = 0; i < fromCsv->models.size(); ++i) {
        QCOMPARE(fromDb->models[i].id, fromCsv->models[i].id);
        QCOMPARE(fromDb->models[i].paramsB, fromCsv->models[i].paramsB);
        QCOMPARE(fromDb->models[i].attention, fromCsv->models[i].attention);
        QCOMPARE(fromDb->models[i].kvLoraRank, fromCsv->models[i].kvLoraRank);
        QCOMPARE(fromDb->models[i].numExperts, fromCsv->models[i].numExperts);
    }
    QCOMPARE(fromDb->migProfiles.size(), fromCsv->migProfiles.size());
    QCOMPARE(fromDb->instances.size(), fromCsv->instances.size());
    for (std::size_t i = 0; i < fromCsv->instances.size(); ++i) {
        const InstanceSpec& a = fromDb->instances[i];
        const InstanceSpec& b = fromCsv->instances[i];
        QCOMPARE(a.key(), b.key());
        QCOMPARE(a.gpuId, b.gpuId);
        QCOMPARE(a.gpuCount, b.gpuCount);
        QCOMPARE(a.prices.size(), b.prices.size());
        for (std::size_t k = 0; k < b.prices.size(); ++k) {
            QVERIFY(a.prices[k].plan == b.prices[k].plan);
            QCOMPARE(a.prices[k].amount, b.prices[k].amount);
            QCOMPARE(a.prices[k].currency, b.prices[k].currency);
            QCOMPARE(a.prices[k].unit, b.prices[k].unit);
            QCOMPARE(a.prices[k].effectiveDate, b.prices[k].effectiveDate);
        }
    }
    QCOMPARE(fromDb->fxRates.size(), fromCsv->fxRates.size());
    QVERIFY(fromDb->fxRate("CNY"));
}

void TestCatalogDb::reopenWritesNothing() {
    const QByteArray first = seededFileHash();
    QVERIFY(!first.isEmpty());
    QCOMPARE(seededFileHash(), first); // no re-seed, no migration, no write
}

void TestCatalogDb::seedUpdateKeepsUserPrices() {
    const QString file = path(u"c.sqlite"_s);
    {
        auto db = openOrFail(file);
        QVERIFY(db);
        QSqlQuery q(db->database());
        const QString instance = u"(SELECT id FROM instances WHERE provider_id = 'aws' AND instance_type ="
                                 " 'g4dn.12xlarge' AND region_id = '%1')"_s;
        // The user's own spot quote, and a seed price someone edited by hand without the flag.
        QVERIFY(q.exec(u"UPDATE prices SET amount = 0.5, user_entered = 1 WHERE plan = 'spot' AND instance_id = "_s +
                       instance.arg(u"us-east-1"_s)));
        QVERIFY(q.exec(u"UPDATE prices SET amount = 123 WHERE plan = 'on_demand' AND instance_id = "_s +
                       instance.arg(u"us-west-2"_s)));
        QVERIFY(q.exec(u"UPDATE meta SET value = 'an older seed' WHERE key = 'seed_hash'"_s));
    }
    auto db = openOrFail(file); // the embedded seed differs from the stored hash: it is applied again
    QVERIFY(db);
    auto catalog = db->loadCatalog();
    QVERIFY(catalog.ok());
    const InstanceSpec* east = nullptr;
    const InstanceSpec* west = nullptr;
    for (const InstanceSpec& s : catalog->instances) {
        if (s.key() == "aws:g4dn.12xlarge@us-east-1")
            east = &s;
        if (s.key() == "aws:g4dn.12xlarge@us-west-2")
            west = &s;
    }
    QVERIFY(east && west);
    QCOMPARE(east->price(PricingPlan::Spot)->amount, 0.5);
    QVERIFY(east->price(PricingPlan::Spot)->userEntered);
    QCOMPARE(west->price(PricingPlan::OnDemand)->amount, 3.912); // instances.csv line 3
    QVERIFY(scalar(*db, u"SELECT value FROM meta WHERE key = 'seed_hash'"_s).toString() != u"an older seed"_s);
}

void TestCatalogDb::migratesFromVersion1() {
    const QString file = path(u"old.sqlite"_s);
    QVERIFY(execAll(file, sqlStatements(test::testDataPath(u"db/catalog-v1.sql"_s))));
    auto db = openOrFail(file);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), CatalogSchema::kCurrentVersion);
    // A copy was made before migrating (checked below to still be the version-1 database).
    QCOMPARE(db->migrationBackupPath(), file + u".schema-v1.bak"_s);
    QVERIFY(QFile::exists(db->migrationBackupPath()));
    // Version 2 columns and tables exist.
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM pragma_table_info('gpus') WHERE name = 'user_entered'"_s).toInt(), 1);
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM calibration_runs"_s).toInt(), 0);
    // User data survives: the on-prem box, the user's spot quote and monthly price; the seed arrived.
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM gpus"_s).toInt(), 55);
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM llm_models"_s).toInt(), 34); // 33 seed + the fixture's
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM instances"_s).toInt(), 703); // 702 seed + myrack t4-box
    QCOMPARE(scalar(*db, u"SELECT amount FROM prices p JOIN instances i ON i.id = p.instance_id WHERE"
                         " i.instance_type = 'g4dn.12xlarge' AND i.region_id = 'us-east-1' AND p.plan = 'spot'"
                         " AND p.user_entered = 1"_s)
                 .toDouble(),
             0.99);
    QCOMPARE(scalar(*db, u"SELECT amount FROM prices p JOIN instances i ON i.id = p.instance_id WHERE"
                         " i.instance_type = 'g4dn.12xlarge' AND i.region_id = 'us-east-1' AND"
                         " p.plan = 'on_demand' ORDER BY p.effective_date DESC LIMIT 1"_s)
                 .toDouble(),
             3.912); // the seed's newer price is added (user_entered = 0)...
    QCOMPARE(scalar(*db, u"SELECT amount FROM prices p JOIN instances i ON i.id = p.instance_id WHERE"
                         " i.instance_type = 'g4dn.12xlarge' AND i.region_id = 'us-east-1' AND"
                         " p.plan = 'on_demand' AND p.effective_date = '2024-01-01'"_s)
                 .toDouble(),
             4.5); // ...and the old one stays in the price history (schema version 3)
    QCOMPARE(scalar(*db, u"SELECT amount FROM prices p JOIN instances i ON i.id = p.instance_id WHERE"
                         " i.instance_type = 't4-box'"_s)
                 .toDouble(),
             350.0);
    auto problems = db->check();
    QVERIFY(problems.ok());
    QVERIFY2(problems->isEmpty(), qPrintable(problems->join(u'\n')));
    db.reset();
    // The backup still says version 1.
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup-check"_s);
        raw.setDatabaseName(file + u".schema-v1.bak"_s);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"1"_s);
        QVERIFY(q.exec(u"SELECT count(*) FROM gpus"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        raw.close();
    }
    QSqlDatabase::removeDatabase(u"backup-check"_s);
}

void TestCatalogDb::failedMigrationKeepsVersion1() {
    const QString file = path(u"old.sqlite"_s);
    // A version-1 file that already has a table migration 2 creates: migration 2 fails part-way.
    QVERIFY(execAll(file, sqlStatements(test::testDataPath(u"db/catalog-v1.sql"_s)) +
                              QStringList{u"CREATE TABLE calibration_runs (id INTEGER PRIMARY KEY)"_s}));
    auto db = CatalogDb::open(file);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().find("migration to schema version 2 failed and was rolled back") != std::string::npos,
             db.error().c_str());
    QVERIFY2(db.error().find(".schema-v1.bak") != std::string::npos, db.error().c_str());
    // The transaction rolled back: still version 1, and none of migration 2's columns exist.
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"rollback-check"_s);
        raw.setDatabaseName(file);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"1"_s);
        QVERIFY(q.exec(u"SELECT count(*) FROM pragma_table_info('gpus') WHERE name = 'is_cpu'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        raw.close();
    }
    QSqlDatabase::removeDatabase(u"rollback-check"_s);
}

void TestCatalogDb::refusesNewerSchema() {
    const QString file = path(u"c.sqlite"_s);
    {
        auto db = openOrFail(file);
        QVERIFY(db);
        QSqlQuery q(db->database());
        QVERIFY(q.exec(u"UPDATE meta SET value = '99' WHERE key = 'schema_version'"_s));
    }
    const QByteArray before = fileHash(file);
    auto db = CatalogDb::open(file);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().find("schema version 99 is newer") != std::string::npos, db.error().c_str());
    QCOMPARE(fileHash(file), before);
}

void TestCatalogDb::refusesDamagedFile_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::addRow("not sqlite") << u"text"_s << u"does not start with the SQLite header"_s;
    QTest::addRow("truncated to half") << u"half"_s << u"truncated"_s;
    QTest::addRow("truncated mid-header") << u"header"_s << u"truncated"_s;
    QTest::addRow("btree pages overwritten") << u"pages"_s << u"damaged"_s;
}

void TestCatalogDb::refusesDamagedFile() {
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    const QString file = path(u"c.sqlite"_s);
    if (damage == "text"_L1) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("gpu_id,name\nh100,H100\n");
    } else {
        seededFileHash();
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        if (damage == "half"_L1) {
            QVERIFY(f.resize(size / 2));
        } else if (damage == "header"_L1) {
            QVERIFY(f.resize(60));
        } else {
            // Overwrite pages 2..9 (page size 4096) with a pattern: the schema's b-trees become garbage.
            QVERIFY(f.seek(4096));
            f.write(QByteArray(8 * 4096, '\x5a'));
        }
    }
    const QByteArray before = fileHash(file);
    auto db = CatalogDb::open(file);
    QVERIFY(!db.ok());
    QVERIFY2(QString::fromStdString(db.error()).contains(expected), db.error().c_str());
    QVERIFY2(QString::fromStdString(db.error()).startsWith(file), db.error().c_str()); // names the file
    QCOMPARE(fileHash(file), before);
}

void TestCatalogDb::refusesForeignSqlite() {
    const QString file = path(u"other.sqlite"_s);
    QVERIFY(execAll(file, {u"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"_s,
                           u"INSERT INTO notes (text) VALUES ('keep me')"_s}));
    const QByteArray before = fileHash(file);
    auto db = CatalogDb::open(file);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().find("not a ServePlan database") != std::string::npos, db.error().c_str());
    QCOMPARE(fileHash(file), before);
}

void TestCatalogDb::infoAndCheck() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    auto problems = db->check();
    QVERIFY(problems.ok());
    QVERIFY(problems->isEmpty());
    auto info = db->info();
    QVERIFY(info.ok());
    QCOMPARE(info->schemaVersion, CatalogSchema::kCurrentVersion);
    QCOMPARE(info->seedHash.size(), 64);
    qint64 cited = 0;
    for (const SourceUse& s : info->sources)
        cited += s.rows;
    // Every GPU, model, instance, price and FX rate of the seed cites a source.
    QCOMPARE(cited, 55 + 33 + 702 + 1228 + 5);
}

void TestCatalogDb::checkFindsBrokenForeignKey() {
    const QString file = path(u"c.sqlite"_s);
    seededFileHash();
    QVERIFY(execAll(file, {u"PRAGMA foreign_keys = OFF"_s,
                           u"INSERT INTO prices (instance_id, plan, amount, currency, unit) VALUES"
                           " (999999, 'spot', 1, 'USD', 'hour')"_s}));
    auto db = openOrFail(file);
    QVERIFY(db);
    auto problems = db->check();
    QVERIFY(problems.ok());
    QCOMPARE(problems->size(), 1);
    QVERIFY(problems->first().contains(u"prices"_s));
}

void TestCatalogDb::exportImportRoundTrip() {
    auto first = openOrFail(path(u"a.sqlite"_s));
    auto second = openOrFail(path(u"b.sqlite"_s));
    QVERIFY(first && second);
    auto exported = first->exportPrices();
    QVERIFY(exported.ok());
    QCOMPARE(exported->size(), std::size_t(1228));
    const QByteArray text = PriceCsv::write(*exported);

    const auto parsed = PriceCsv::read(text, u"prices.csv"_s, {}, second->priceLookups());
    QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.mid(0, 5).join(u'\n')));
    QCOMPARE(parsed.records.size(), std::size_t(1228));
    auto summary = second->importPrices(parsed.records, true);
    QVERIFY(summary.ok());
    QCOMPARE(summary->pricesUpdated, 1228);
    QCOMPARE(summary->instancesCreated, 0);
    auto again = second->exportPrices();
    QVERIFY(again.ok());
    QCOMPARE(PriceCsv::write(*again), text); // byte for byte

    // Into an empty-priced database: every price and instance comes back from the file alone.
    {
        QSqlQuery q(second->database());
        QVERIFY(q.exec(u"DELETE FROM prices"_s));
        QVERIFY(q.exec(u"DELETE FROM instances"_s));
    }
    auto fresh = second->importPrices(parsed.records, true);
    QVERIFY(fresh.ok());
    QCOMPARE(fresh->pricesInserted, 1228);
    QCOMPARE(fresh->instancesCreated, 687); // the seed instances with a price (15 Alibaba H20/L20 have none)
    auto third = second->exportPrices();
    QVERIFY(third.ok());
    QCOMPARE(PriceCsv::write(*third), text);
}

void TestCatalogDb::importIsAllOrNothing() {
    const QString file = path(u"c.sqlite"_s);
    const QByteArray before = seededFileHash();
    {
        auto db = openOrFail(file);
        QVERIFY(db);
        auto records = db->exportPrices();
        QVERIFY(records.ok());
        records->resize(10);
        for (PriceRecord& r : *records)
            r.price.amount += 1;
        // A record that passed no validation: its GPU does not exist, so the foreign key fails at row 11.
        PriceRecord bad = records->front();
        bad.instance.instanceType = "made-up.xlarge";
        bad.instance.gpuId = "no-such-gpu";
        records->push_back(bad);
        auto result = db->importPrices(*records, true);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().find("nothing was imported") != std::string::npos, result.error().c_str());
    }
    QCOMPARE(fileHash(file), before);
}

void TestCatalogDb::importRejectsBadRows_data() {
    QTest::addColumn<QByteArray>("rows");
    QTest::addColumn<QStringList>("expected");
    const QByteArray header = "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,"
                              "memory_gib,interconnect,plan,price,currency,unit,effective_date,source,user_entered\n";
    const QByteArray good =
        "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,on_demand,4.1,USD,hour,2026-11-01,me,true\n";
    QTest::addRow("unknown gpu") << header + good + "aws,x.large,us-east-1,Z9,z9000,1,,,,,on_demand,1,USD,hour,,me,\n"
                                 << QStringList{u"bad.csv:3: gpu_id: unknown GPU 'z9000'"_s};
    QTest::addRow("unknown gpu name") << header + "aws,x.large,us-east-1,Z9000,,1,,,,,on_demand,1,USD,hour,,me,\n"
                                      << QStringList{u"bad.csv:2: gpu_name: unknown GPU 'Z9000'"_s};
    QTest::addRow("negative price") << header + QByteArray(good).replace("4.1", "-4.1")
                                    << QStringList{u"bad.csv:2: price: negative value -4.1"_s};
    QTest::addRow("non-numeric price") << header + good +
                                              QByteArray(good).replace("4.1", "4,1").replace("on_demand", "spot")
                                       << QStringList{u"bad.csv:3: expected 17 fields"_s};
    QTest::addRow("text price") << header + QByteArray(good).replace("4.1", "cheap")
                                << QStringList{u"bad.csv:2: price: expected a number, got 'cheap'"_s};
    QTest::addRow("nan price") << header + QByteArray(good).replace("4.1", "nan")
                               << QStringList{u"bad.csv:2: price: expected a finite number, got 'nan'"_s};
    QTest::addRow("inf price") << header + QByteArray(good).replace("4.1", "inf")
                               << QStringList{u"bad.csv:2: price: expected a finite number, got 'inf'"_s};
    QTest::addRow("unknown currency") << header + QByteArray(good).replace("USD", "XYZ")
                                      << QStringList{u"bad.csv:2: currency: unknown currency 'XYZ'"_s};
    QTest::addRow("missing columns") << QByteArray("provider,instance_type,region,plan,price\naws,a,b,spot,1\n")
                                     << QStringList{u"bad.csv:1: missing column 'gpu_name'"_s,
                                                    u"bad.csv:1: missing column 'gpu_id'"_s,
                                                    u"bad.csv:1: missing column 'gpu_count'"_s,
                                                    u"bad.csv:1: missing column 'currency'"_s,
                                                    u"bad.csv:1: missing column 'unit'"_s,
                                                    u"bad.csv:1: missing column 'effective_date'"_s,
                                                    u"bad.csv:1: missing column 'source'"_s};
    QTest::addRow("bad quoting") << header + good + good + "aws,\"g4dn\"x,us-east-1,T4,t4,4,,,,,spot,1,USD,hour,,me,\n"
                                 << QStringList{u"bad.csv:4: bad quoting"_s};
    QTest::addRow("duplicate key") << header + good + QByteArray(good).replace("4.1", "4.2")
                                   << QStringList{u"bad.csv:3: duplicate price for aws:g4dn.12xlarge@us-east-1 plan "
                                                  "on_demand (first on line 2)"_s};
    QTest::addRow("bad plan and unit") << header +
                                              QByteArray(good).replace("on_demand", "weekly").replace(",hour,", ",day,")
                                       << QStringList{u"bad.csv:2: plan: expected on_demand"_s,
                                                      u"bad.csv:2: unit: expected hour or month, got 'day'"_s};
    QTest::addRow("bad date") << header + QByteArray(good).replace("2026-11-01", "01/11/2026")
                              << QStringList{u"bad.csv:2: effective_date: expected an ISO date"_s};
    QTest::addRow("several bad rows") << header + QByteArray(good).replace("4.1", "-1") +
                                             QByteArray(good).replace("on_demand", "spot") +
                                             QByteArray(good).replace("on_demand", "reserved_1y").replace("USD", "GBP")
                                      << QStringList{u"bad.csv:2: price: negative"_s,
                                                     u"bad.csv:4: currency: unknown currency 'GBP'"_s};
}

void TestCatalogDb::importRejectsBadRows() {
    QFETCH(QByteArray, rows);
    QFETCH(QStringList, expected);
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    const auto parsed = PriceCsv::read(rows, u"bad.csv"_s, {}, db->priceLookups());
    QVERIFY(parsed.records.empty());
    QCOMPARE(parsed.problems.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(parsed.problems[i].startsWith(expected[i]), qPrintable(parsed.problems[i]));
}

void TestCatalogDb::importsInstancesCsvLayout() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    QFile seed(test::sourcePath(u"resources/data/instances.csv"_s));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    const auto parsed = PriceCsv::read(seed.readAll(), u"instances.csv"_s, {}, db->priceLookups());
    QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.mid(0, 5).join(u'\n')));
    QCOMPARE(parsed.records.size(), std::size_t(1228));
    QCOMPARE(parsed.records.front().line, std::size_t(2));
}

void TestCatalogDb::importsSkyPilot() {
    auto db = openOrFail(path(u"c.sqlite"_s));
    QVERIFY(db);
    QFile file(test::testDataPath(u"db/aws_vms.csv"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    PriceImportOptions options;
    options.format = PriceFormat::SkyPilot;
    options.effectiveDate = u"2026-11-27"_s;
    const auto parsed = PriceCsv::read(file.readAll(), file.fileName(), options, db->priceLookups());
    QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
    QCOMPARE(parsed.skippedRows, 1); // m5.large has no accelerator
    // g4dn.12xlarge: on-demand + the lowest spot of 3 zones (1.5); p5.48xlarge: on-demand only.
    QCOMPARE(parsed.records.size(), std::size_t(3));
    QCOMPARE(parsed.records[0].instance.provider, std::string("aws")); // from aws_vms.csv
    QVERIFY(parsed.records[1].price.plan == PricingPlan::Spot);
    QCOMPARE(parsed.records[1].price.amount, 1.5);
    QCOMPARE(parsed.records[2].instance.gpuId, std::string("h100-sxm")); // SkyPilot "H100" as the seed maps it
    auto summary = db->importPrices(parsed.records, false);
    QVERIFY(summary.ok());
    QCOMPARE(summary->instancesCreated, 1);
    // Prices of a new date are added to the history beside the seed's, never written over them.
    QCOMPARE(summary->pricesUpdated, 0);
    QCOMPARE(summary->pricesInserted, 3);
    QCOMPARE(scalar(*db, u"SELECT count(*) FROM regions WHERE id = 'sa-east-1'"_s).toInt(), 1);

    options.provider = u"BAD PROVIDER"_s;
    const auto refused = PriceCsv::read("InstanceType\n", u"x.csv"_s, options, db->priceLookups());
    QCOMPARE(refused.problems.size(), 1);
    QVERIFY(refused.problems.first().contains(u"--provider"_s));
}

void TestCatalogDb::defaultPathIsInTestLocation() {
    const QString path = CatalogDb::defaultPath();
    QVERIFY(path.endsWith(u"/serveplan.sqlite"_s));
    QVERIFY2(path.contains(u"qttest"_s), qPrintable(path)); // QStandardPaths test mode
}

QTEST_GUILESS_MAIN(TestCatalogDb)
#include "TestCatalogDb.moc"
