#pragma once
// Writes a seed catalog into the database as upserts: new rows are added, seed rows are refreshed,
// and rows the user entered (gpus, llm_models, instances, prices) are never overwritten.
#include "common/Result.h"
#include "catalog/Catalog.h"

#include <QSqlDatabase>

namespace serveplan::models {

class CatalogSeeder final {
public:
    explicit CatalogSeeder(const QSqlDatabase& db)
        : m_db(db) {}
    /// Runs inside the caller's transaction.
    Result<void> apply(const Catalog& seed);

private:
    Result<void> gpus(const Catalog& seed);
    Result<void> migProfiles(const Catalog& seed);
    Result<void> models(const Catalog& seed);
    Result<void> instances(const Catalog& seed);
    Result<void> fxRates(const Catalog& seed);

    QSqlDatabase m_db;
};

} // namespace serveplan::models
