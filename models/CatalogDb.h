#pragma once
// The one owner of the catalog's SQLite connection (DESIGN.md §3.3): opens or creates the file,
// checks it, runs migrations (backup first), seeds it from the embedded CSVs, and reads and writes
// the catalog. Every SQL statement uses bound values. Errors come back as values.
#include "PriceRecord.h"
#include "common/Result.h"
#include "catalog/Catalog.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace serveplan::models {

struct TableCount {
    QString table;
    qint64 rows = 0;
};

struct SourceUse {
    qint64 id = 0;
    QString text;
    qint64 rows = 0; ///< catalog rows (GPUs, models, instances, prices, rates) citing it
};

struct CatalogInfo {
    QString path;
    int schemaVersion = 0;
    QString seedHash;
    std::vector<TableCount> counts;
    QString priceDateMin; ///< earliest non-empty effective date of a price (ISO), empty if none
    QString priceDateMax;
    qint64 userEnteredPrices = 0;
    std::vector<SourceUse> sources; ///< most cited first

    qint64 count(const QString& table) const;
};

struct ImportSummary {
    int pricesInserted = 0;
    int pricesUpdated = 0;
    int instancesCreated = 0;
};

class CatalogDb final {
public:
    /// Opens `path`, creating and seeding it when the file is new (or empty). Refuses, leaving the
    /// file untouched: a file that is not SQLite, a truncated or corrupt one, one from a newer schema.
    static Result<std::unique_ptr<CatalogDb>> open(const QString& path);
    /// The user's database: <AppDataLocation>/serveplan.sqlite.
    static QString defaultPath();
    /// The seed compiled into the binaries (`:/data/*.csv`), parsed; `hash` receives its SHA-256.
    static Result<Catalog> embeddedSeed(QString* hash = nullptr);

    ~CatalogDb();
    CatalogDb(const CatalogDb&) = delete;
    CatalogDb& operator=(const CatalogDb&) = delete;

    QString path() const { return m_path; }
    /// The connection, for read-only use by item models; CatalogDb keeps ownership.
    QSqlDatabase database() const;
    int schemaVersion() const;
    /// Path of the copy made before the last migration ran in this session (empty if none ran).
    QString migrationBackupPath() const { return m_backupPath; }

    /// The catalog with, per instance and plan, the newest price on or before `priceDate` (ISO date;
    /// empty = the newest) and the whole dated price history (CatalogLoader).
    Result<Catalog> loadCatalog(const std::string& priceDate = {}) const;
    Result<CatalogInfo> info() const;
    /// PRAGMA integrity_check and foreign_key_check; the value is the list of problems (empty = sound).
    Result<QStringList> check() const;

    /// Upserts a seed: rows the user entered (gpus, models, instances, prices) are never overwritten.
    Result<void> applySeed(const Catalog& seed, const QString& seedHash);

    PriceLookups priceLookups() const;
    /// Every price, sorted by provider, instance type, region and plan.
    Result<std::vector<PriceRecord>> exportPrices() const;
    /// Writes already validated records in one transaction (all or nothing). Instances not yet in the
    /// database are created; with `updateInstanceSpecs` an existing instance takes the record's spec.
    Result<ImportSummary> importPrices(const std::vector<PriceRecord>& records, bool updateInstanceSpecs);
    /// Writes the records `produce` hands to its writer, batch after batch, in ONE transaction: any
    /// error (of a batch, or returned by `produce`, e.g. a cancel) rolls everything back. Memory stays
    /// that of one batch.
    using PriceBatchWriter = std::function<Result<void>(const std::vector<PriceRecord>&)>;
    Result<ImportSummary> importPrices(const std::function<Result<void>(const PriceBatchWriter&)>& produce,
                                       bool updateInstanceSpecs);

private:
    explicit CatalogDb(QString path, QString connectionName);
    Result<void> configure();
    Result<void> migrate(int fromVersion);
    Result<void> seedIfNeeded(bool isNew);

    QString m_path;
    QString m_connectionName;
    QString m_backupPath;
};

} // namespace serveplan::models
