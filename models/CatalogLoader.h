#pragma once
// Reads the whole catalog from the database into the plain structs the engine uses.
#include "common/Result.h"
#include "catalog/Catalog.h"

#include <QSqlDatabase>

#include <string>

namespace serveplan::models {

class CatalogLoader final {
public:
    /// `priceDate` (ISO date) picks, per instance, plan and upfront option, the newest price dated on or
    /// before it into InstanceSpec::prices; empty = the newest of all. Every dated row is also loaded
    /// into InstanceSpec::priceHistory, so a planner can pick another date without reloading.
    explicit CatalogLoader(const QSqlDatabase& db, std::string priceDate = {})
        : m_db(db)
        , m_priceDate(std::move(priceDate)) {}
    Result<Catalog> load() const;

private:
    Result<void> gpus(Catalog& catalog) const;
    Result<void> migProfiles(Catalog& catalog) const;
    Result<void> models(Catalog& catalog) const;
    Result<void> instances(Catalog& catalog) const;
    Result<void> fxRates(Catalog& catalog) const;
    Result<void> calibrations(Catalog& catalog) const;

    QSqlDatabase m_db;
    std::string m_priceDate;
};

} // namespace serveplan::models
