#include "CatalogDb.h"

#include "CatalogFieldSql.h"
#include "CatalogLoader.h"
#include "CatalogRows.h"
#include "CatalogSchema.h"
#include "CatalogSeeder.h"
#include "Clock.h"
#include "SourceIds.h"
#include "QtText.h"
#include "SqlHelpers.h"
#include "catalog/CatalogCsv.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>

#include <array>
#include <atomic>

using namespace Qt::StringLiterals;

namespace serveplan::models {



namespace {

std::atomic<int> g_connectionCounter{0};

std::string where(const QString& path) {
    return QDir::toNativeSeparators(path).toStdString() + ": ";
}

quint32 bigEndian(const QByteArray& bytes, int offset, int size) {
    quint32 value = 0;
    for (int i = 0; i < size; ++i)
        value = (value << 8) | static_cast<quint8>(bytes[offset + i]);
    return value;
}

// Reads the 100-byte SQLite header ourselves so a damaged or truncated file gets a precise message
// before SQLite touches it (https://www.sqlite.org/fileformat.html, section 1.3).
Result<void> checkFileHeader(const QString& path, qint64 size) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{where(path) + "cannot read: " + file.errorString().toStdString()};
    const QByteArray header = file.read(100);
    static const QByteArray kMagic("SQLite format 3\0", 16);
    if (!header.startsWith(kMagic))
        return Error{where(path) + "not a ServePlan database: the file does not start with the SQLite header "
                                   "(it may be damaged or another kind of file)"};
    if (header.size() < 100)
        return Error{where(path) + "truncated: " + std::to_string(size) + " bytes, shorter than the SQLite header"};
    quint32 pageSize = bigEndian(header, 16, 2);
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return Error{where(path) + "damaged: the header gives an invalid page size " + std::to_string(pageSize)};
    const quint32 pages = bigEndian(header, 28, 4);
    const bool pageCountValid = bigEndian(header, 24, 4) == bigEndian(header, 92, 4);
    const qint64 expected = static_cast<qint64>(pageSize) * pages;
    if ((pageCountValid && pages > 0 && size < expected) || size % pageSize != 0)
        return Error{where(path) + "truncated: the file has " + std::to_string(size) + " bytes but its header " +
                     "describes " + std::to_string(pages) + " pages of " + std::to_string(pageSize) + " bytes (" +
                     std::to_string(expected) + " bytes); restore it from a backup"};
    return {};
}

// Opens the file read-only to check it and read its schema version without writing a byte.
// Returns 0 for an SQLite file with no tables yet.
Result<int> probeReadOnly(const QString& path, const QString& connectionName) {
    Result<int> outcome = Error{""};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        outcome = [&]() -> Result<int> {
            if (!db.open())
                return Error{where(path) + sql::message(u"cannot open"_s, db)};
            QSqlQuery q(db);
            if (!q.exec(u"SELECT count(*) FROM sqlite_master"_s) || !q.next())
                return Error{where(path) + sql::message(u"damaged or not a database"_s, q)};
            const int objects = q.value(0).toInt();
            if (!q.exec(u"PRAGMA quick_check"_s))
                return Error{where(path) + sql::message(u"damaged: the integrity check cannot run"_s, q)};
            QStringList problems;
            while (q.next() && problems.size() < 3)
                if (q.value(0).toString() != "ok"_L1)
                    problems << q.value(0).toString();
            if (!problems.isEmpty())
                return Error{where(path) + "damaged (integrity check: " + problems.join(u"; "_s).toStdString() +
                             "); restore it from a backup"};
            if (objects == 0)
                return 0;
            if (!q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s) || !q.next())
                return Error{where(path) + "not a ServePlan database: it has no schema_version in a meta table"};
            bool ok = false;
            const int version = q.value(0).toInt(&ok);
            if (!ok || version < 1)
                return Error{where(path) + "damaged: schema_version '" + q.value(0).toString().toStdString() +
                             "' is not a positive whole number"};
            return version;
        }();
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return outcome;
}

QByteArray readResource(const QString& name, std::string& error) {
    QFile file(u":/data/"_s + name);
    if (!file.open(QIODevice::ReadOnly)) {
        error = "the embedded seed :/data/" + name.toStdString() + " is missing from this build";
        return {};
    }
    return file.readAll();
}

Result<void> setMeta(QSqlDatabase& db, const QString& key, const QVariant& value) {
    QSqlQuery q(db);
    SERVEPLAN_TRY(sql::prepare(q, u"INSERT INTO meta (key, value) VALUES (?, ?)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s));
    return sql::run(q, {key, value});
}

/// Runs `body` in a transaction: commit when it succeeds, roll back when it fails.
template <typename Body>
Result<void> inTransaction(QSqlDatabase& db, Body body) {
    if (!db.transaction())
        return Error{sql::message(u"cannot begin a transaction"_s, db)};
    if (auto result = body(); !result) {
        db.rollback();
        return result;
    }
    if (!db.commit()) {
        const std::string error = sql::message(u"cannot commit"_s, db);
        db.rollback();
        return Error{error};
    }
    return {};
}

} // namespace

qint64 CatalogInfo::count(const QString& table) const {
    for (const TableCount& c : counts)
        if (c.table == table)
            return c.rows;
    return 0;
}

CatalogDb::CatalogDb(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName)) {}

CatalogDb::~CatalogDb() {
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            QSqlQuery q(db);
            q.exec(u"PRAGMA optimize"_s);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString CatalogDb::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/serveplan.sqlite"_s;
}

QSqlDatabase CatalogDb::database() const {
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<CatalogDb>> CatalogDb::open(const QString& path) {
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return Error{"the Qt SQLite driver (QSQLITE) is not installed (Debian package libqt6sql6-sqlite)"};
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Error{where(path) + "is not a file"};
    const bool isNew = !info.exists() || info.size() == 0;
    const QString name = u"serveplan-catalog-%1"_s.arg(g_connectionCounter.fetch_add(1));
    int version = 0;
    if (!isNew) {
        SERVEPLAN_TRY(checkFileHeader(path, info.size()));
        auto probed = probeReadOnly(path, name + u"-probe"_s);
        if (!probed)
            return Error{probed.error()};
        version = *probed;
        if (version > CatalogSchema::kCurrentVersion)
            return Error{where(path) + "schema version " + std::to_string(version) +
                         " is newer than this ServePlan reads (" + std::to_string(CatalogSchema::kCurrentVersion) +
                         "); update ServePlan or choose another database with --db"};
    } else if (!QDir().mkpath(info.absolutePath())) {
        return Error{where(path) + "cannot create the folder " + info.absolutePath().toStdString()};
    }

    std::unique_ptr<CatalogDb> catalog(new CatalogDb(path, name));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!db.open())
            return Error{where(path) + sql::message(u"cannot open"_s, db)};
    }
    auto ready = [&]() -> Result<void> {
        SERVEPLAN_TRY(catalog->configure());
        if (version < CatalogSchema::kCurrentVersion)
            SERVEPLAN_TRY(catalog->migrate(version));
        return catalog->seedIfNeeded(version == 0);
    }();
    if (!ready) {
        if (isNew) { // leave nothing half-made behind
            catalog.reset();
            for (const QString& suffix : {QString(), u"-wal"_s, u"-shm"_s})
                QFile::remove(path + suffix);
        }
        return Error{where(path) + ready.error()};
    }
    return catalog;
}

Result<void> CatalogDb::configure() {
    QSqlDatabase db = database();
    SERVEPLAN_TRY(sql::exec(db, u"PRAGMA foreign_keys = ON"_s));
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA journal_mode = WAL"_s) || !q.next())
        return Error{sql::message(u"cannot switch to WAL mode"_s, q)};
    return sql::exec(db, u"PRAGMA synchronous = NORMAL"_s);
}

int CatalogDb::schemaVersion() const {
    auto value = sql::scalar(database(), u"SELECT value FROM meta WHERE key = 'schema_version'"_s);
    return value ? value->toInt() : 0;
}

Result<void> CatalogDb::migrate(int fromVersion) {
    QSqlDatabase db = database();
    if (fromVersion > 0) {
        // A consistent copy, WAL content included, before anything changes.
        QString backup = m_path + u".schema-v%1.bak"_s.arg(fromVersion);
        if (QFileInfo::exists(backup))
            backup =
                m_path + u".schema-v%1.%2.bak"_s.arg(fromVersion).arg(Clock::nowUtc().toString(u"yyyyMMddHHmmss"_s));
        QSqlQuery q(db);
        SERVEPLAN_TRY(sql::prepare(q, u"VACUUM INTO ?"_s));
        if (auto copied = sql::run(q, {backup}); !copied)
            return Error{"cannot back up before migrating: " + copied.error()};
        m_backupPath = backup;
    }
    for (const Migration& migration : CatalogSchema::migrations()) {
        if (migration.version <= fromVersion)
            continue;
        auto applied = inTransaction(db, [&]() -> Result<void> {
            for (const QString& statement : migration.statements)
                SERVEPLAN_TRY(sql::exec(db, statement));
            return setMeta(db, u"schema_version"_s, migration.version);
        });
        if (!applied) {
            const std::string backup = m_backupPath.isEmpty()
                                           ? std::string()
                                           : " (a copy from before is at " + m_backupPath.toStdString() + ")";
            return Error{"migration to schema version " + std::to_string(migration.version) +
                         " failed and was rolled back" + backup + ": " + applied.error()};
        }
    }
    return {};
}

Result<Catalog> CatalogDb::embeddedSeed(QString* hash) {
    static const std::array<QString, 5> kFiles{u"gpus.csv"_s, u"mig_profiles.csv"_s, u"models.csv"_s,
                                               u"instances.csv"_s, u"fx_rates.csv"_s};
    std::array<QByteArray, 5> texts;
    QCryptographicHash sha(QCryptographicHash::Sha256);
    for (std::size_t i = 0; i < kFiles.size(); ++i) {
        std::string error;
        texts[i] = readResource(kFiles[i], error);
        if (!error.empty())
            return Error{error};
        sha.addData(texts[i]);
    }
    if (hash)
        *hash = QString::fromLatin1(sha.result().toHex());
    return CatalogCsv::parseCatalog(CatalogCsvTexts{texts[0].toStdString(), texts[1].toStdString(),
                                                    texts[2].toStdString(), texts[3].toStdString(),
                                                    texts[4].toStdString()});
}

Result<void> CatalogDb::seedIfNeeded(bool isNew) {
    QString hash;
    auto seed = embeddedSeed(&hash);
    if (!seed)
        return Error{"the embedded seed is invalid: " + seed.error()};
    if (!isNew) {
        auto stored = sql::scalar(database(), u"SELECT value FROM meta WHERE key = 'seed_hash'"_s);
        if (!stored)
            return Error{stored.error()};
        if (stored->toString() == hash)
            return {};
    }
    return applySeed(*seed, hash);
}

Result<void> CatalogDb::applySeed(const Catalog& seed, const QString& seedHash) {
    QSqlDatabase db = database();
    return inTransaction(db, [&]() -> Result<void> {
        SERVEPLAN_TRY(CatalogSeeder(db).apply(seed));
        SERVEPLAN_TRY(setMeta(db, u"seed_applied"_s, Clock::nowUtc().toString(Qt::ISODate)));
        return setMeta(db, u"seed_hash"_s, seedHash);
    });
}

Result<Catalog> CatalogDb::loadCatalog(const std::string& priceDate) const {
    return CatalogLoader(database(), priceDate).load();
}

Result<CatalogInfo> CatalogDb::info() const {
    const QSqlDatabase db = database();
    CatalogInfo info;
    info.path = m_path;
    info.schemaVersion = schemaVersion();
    if (auto hash = sql::scalar(db, u"SELECT value FROM meta WHERE key = 'seed_hash'"_s))
        info.seedHash = hash->toString();
    for (const QString& table : CatalogSchema::tables()) {
        // Table names come from our own fixed list, never from input.
        auto rows = sql::scalar(db, u"SELECT count(*) FROM "_s + table);
        if (!rows)
            return Error{rows.error()};
        info.counts.push_back(TableCount{table, rows->toLongLong()});
    }
    QSqlQuery q(db);
    if (!q.exec(u"SELECT min(effective_date), max(effective_date), "
                "(SELECT count(*) FROM prices WHERE user_entered = 1) FROM prices WHERE effective_date <> ''"_s) ||
        !q.next())
        return Error{sql::message(u"cannot read the price dates"_s, q)};
    info.priceDateMin = q.value(0).toString();
    info.priceDateMax = q.value(1).toString();
    info.userEnteredPrices = q.value(2).toLongLong();
    if (!q.exec(u"SELECT s.id, s.text, (SELECT count(*) FROM gpus WHERE source_id = s.id)"
                " + (SELECT count(*) FROM llm_models WHERE source_id = s.id)"
                " + (SELECT count(*) FROM instances WHERE source_id = s.id)"
                " + (SELECT count(*) FROM prices WHERE source_id = s.id)"
                " + (SELECT count(*) FROM fx_rates WHERE source_id = s.id) AS n"
                " FROM sources s ORDER BY n DESC, s.id"_s))
        return Error{sql::message(u"cannot read the sources"_s, q)};
    while (q.next())
        info.sources.push_back(SourceUse{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    return info;
}

Result<QStringList> CatalogDb::check() const {
    const QSqlDatabase db = database();
    QStringList problems;
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA integrity_check"_s))
        return Error{sql::message(u"integrity_check cannot run"_s, q)};
    while (q.next())
        if (q.value(0).toString() != "ok"_L1)
            problems << u"integrity: "_s + q.value(0).toString();
    if (!q.exec(u"PRAGMA foreign_key_check"_s))
        return Error{sql::message(u"foreign_key_check cannot run"_s, q)};
    while (q.next())
        problems << u"foreign key: %1 row %2 refers to a missing row of %3"_s.arg(
            q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    return problems;
}

PriceLookups CatalogDb::priceLookups() const {
    const QSqlDatabase db = database();
    PriceLookups lookups;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    auto lower = [](const QVariant& v) { return v.toString().toLower().toStdString(); };
    // Names used by instances (SkyPilot spelling) first, then the catalog's ids and names win.
    if (q.exec(u"SELECT gpu_name, coalesce(gpu_id, '') FROM instances WHERE gpu_name <> '' ORDER BY id"_s))
        while (q.next())
            lookups.gpuIdByLowerName.emplace(lower(q.value(0)), q.value(1).toString().toStdString());
    if (q.exec(u"SELECT id, name, memory_gb FROM gpus"_s))
        while (q.next()) {
            const std::string id = q.value(0).toString().toStdString();
            lookups.gpuIds.insert(id);
            lookups.gpuMemoryGb[id] = q.value(2).toDouble();
            lookups.gpuIdByLowerName[lower(q.value(0))] = id;
            lookups.gpuIdByLowerName.emplace(lower(q.value(1)), id);
        }
    if (q.exec(u"SELECT DISTINCT currency FROM fx_rates"_s))
        while (q.next())
            lookups.currencies.insert(q.value(0).toString().toStdString());
    return lookups;
}

Result<std::vector<PriceRecord>> CatalogDb::exportPrices() const {
    // Every field of the instance and of the price, read back by name (i_…, p_…: both tables have a
    // user_entered); `sources` is joined on the price, whose source the instance's source also gives.
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT "_s + fieldsql::selectList(instanceFields(), u"i"_s, u"i_"_s) + u", "_s +
                fieldsql::selectList(priceFields(), u"p"_s, u"p_"_s) +
                u" FROM prices p JOIN instances i ON i.id = p.instance_id LEFT JOIN sources s ON s.id = p.source_id"
                " ORDER BY i.provider_id, i.instance_type, i.region_id, CASE p.plan WHEN 'on_demand' THEN 0"
                " WHEN 'spot' THEN 1 WHEN 'reserved_1y' THEN 2 WHEN 'reserved_3y' THEN 3 ELSE 4 END, p.plan,"
                " p.upfront, p.effective_date"_s))
        return Error{sql::message(u"cannot read the prices"_s, q)};
    const std::vector<int> instanceColumns = fieldsql::columnPositions(instanceFields(), q.record(), u"i_"_s);
    const std::vector<int> priceColumns = fieldsql::columnPositions(priceFields(), q.record(), u"p_"_s);
    std::vector<PriceRecord> records;
    while (q.next()) {
        PriceRecord r;
        fieldsql::readRow(instanceFields(), instanceColumns, q, r.instance);
        fieldsql::readRow(priceFields(), priceColumns, q, r.price); // an unknown name keeps the default
        records.push_back(std::move(r));
    }
    return records;
}

Result<ImportSummary> CatalogDb::importPrices(const std::vector<PriceRecord>& records, bool updateInstanceSpecs) {
    return importPrices([&](const PriceBatchWriter& write) { return write(records); }, updateInstanceSpecs);
}

Result<ImportSummary> CatalogDb::importPrices(const std::function<Result<void>(const PriceBatchWriter&)>& produce,
                                              bool updateInstanceSpecs) {
    QSqlDatabase db = database();
    ImportSummary summary;
    auto written = inTransaction(db, [&]() -> Result<void> {
        SourceIds sources(db);
        QSqlQuery provider(db), region(db), findInstance(db), addInstance(db), addFetchedInstance(db),
            updateInstance(db), insertPrice(db), updatePrice(db);
        SERVEPLAN_TRY(sql::prepare(provider, u"INSERT INTO providers (id, name, on_prem) VALUES (?, ?, ?)"
                                             " ON CONFLICT (id) DO NOTHING"_s));
        SERVEPLAN_TRY(sql::prepare(region, u"INSERT OR IGNORE INTO regions (provider_id, id) VALUES (?, ?)"_s));
        SERVEPLAN_TRY(sql::prepare(findInstance, u"SELECT id FROM instances WHERE provider_id = ? AND"
                                                 " instance_type = ? AND region_id = ?"_s));
        SERVEPLAN_TRY(sql::prepare(addInstance, rows::instanceInsert(rows::Owner::User)));
        // An instance type a price fetch creates is the provider's, not the user's (user_entered 0).
        SERVEPLAN_TRY(sql::prepare(addFetchedInstance, rows::instanceInsert(rows::Owner::Seed)));
        SERVEPLAN_TRY(sql::prepare(updateInstance, rows::instanceSpecUpdate()));
        // A price of a new date is a new row of the history; the same date updates that row. The insert
        // comes first (one statement for a new price, the common case of a big import), the update only
        // when the row was there.
        SERVEPLAN_TRY(sql::prepare(insertPrice, rows::priceInsertKeepingExisting()));
        SERVEPLAN_TRY(sql::prepare(updatePrice, rows::priceUpdate()));
        // Batches come from the caller (a streamed file comes in many), all in this one transaction.
        // Consecutive prices of one instance (a price history) write its provider, region and spec once.
        const InstanceSpec* previous = nullptr;
        qint64 previousId = 0;
        const auto sameInstance = [](const InstanceSpec& a, const InstanceSpec& b) {
            return a.provider == b.provider && a.instanceType == b.instanceType && a.region == b.region &&
                   a.gpuName == b.gpuName && a.gpuId == b.gpuId && a.gpuCount == b.gpuCount &&
                   a.gpuMemoryGbEach == b.gpuMemoryGbEach && a.vcpus == b.vcpus && a.memoryGib == b.memoryGib &&
                   a.interconnect == b.interconnect && a.onPrem == b.onPrem;
        };
        const PriceBatchWriter writeBatch = [&](const std::vector<PriceRecord>& records) -> Result<void> {
            previous = nullptr; // the records of the last batch are gone
            for (const PriceRecord& r : records) {
                const InstanceSpec& s = r.instance;
                const QString providerId = qtText(s.provider);
                const QString regionId = qtText(s.region);
                const QString type = qtText(s.instanceType);
                qint64 id = 0;
                if (previous && sameInstance(*previous, s)) {
                    id = previousId;
                } else {
                    SERVEPLAN_TRY(sql::run(provider, {providerId, providerId, s.onPrem ? 1 : 0}));
                    SERVEPLAN_TRY(sql::run(region, {providerId, regionId}));
                    SERVEPLAN_TRY(sql::run(findInstance, {providerId, type, regionId}));
                    if (findInstance.next()) {
                        id = findInstance.value(0).toLongLong();
                        findInstance.finish();
                        if (updateInstanceSpecs)
                            SERVEPLAN_TRY(rows::runInstanceSpecUpdate(updateInstance, s, id));
                    } else {
                        findInstance.finish();
                        auto source = sources.idOf(s.source);
                        if (!source)
                            return Error{source.error()};
                        QSqlQuery& insert = r.instanceFetched ? addFetchedInstance : addInstance;
                        SERVEPLAN_TRY(rows::runInstance(insert, s, *source));
                        id = insert.lastInsertId().toLongLong();
                        ++summary.instancesCreated;
                    }
                    previous = &s;
                    previousId = id;
                }
                auto source = sources.idOf(r.price.source);
                if (!source)
                    return Error{source.error()};
                SERVEPLAN_TRY(rows::runPriceInsert(insertPrice, id, r.price, *source));
                if (insertPrice.numRowsAffected() == 1) {
                    ++summary.pricesInserted;
                } else {
                    SERVEPLAN_TRY(rows::runPriceUpdate(updatePrice, id, r.price, *source));
                    ++summary.pricesUpdated;
                }
            }
            return {};
        };
        return produce(writeBatch);
    });
    if (!written)
        return Error{"nothing was imported: " + written.error()};
    return summary;
}

} // namespace serveplan::models
