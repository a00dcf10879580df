#pragma once
// Reads the whole catalog from the database into the plain structs the engine uses.
#include "common/Result.h"
#include "spec/Catalog.h"

#include <QSqlDatabase>

namespace serveplan::models {

class CatalogLoader final {
public:
    explicit CatalogLoader(const QSqlDatabase& db)
        : m_db(db) {}
    Result<Catalog> load() const;

private:
    Result<void> gpus(Catalog& catalog) const;
    Result<void> migProfiles(Catalog& catalog) const;
    Result<void> models(Catalog& catalog) const;
    Result<void> instances(Catalog& catalog) const;
    Result<void> fxRates(Catalog& catalog) const;
    Result<void> calibrations(Catalog& catalog) const;

    QSqlDatabase m_db;
};

} // namespace serveplan::models
