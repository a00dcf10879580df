#pragma once
// Writes the catalog rows a user enters by hand or from a config.json: models, GPUs, instances and
// their prices. Every row written here is flagged user_entered = 1, so a later seed never overwrites
// it; seed rows themselves are never replaced or deleted through this class.
#include "CatalogDb.h"
#include "common/Result.h"
#include "catalog/GpuSpec.h"
#include "catalog/InstanceSpec.h"
#include "catalog/ModelSpec.h"

#include <QString>

namespace serveplan::models {

class UserCatalog final {
public:
    explicit UserCatalog(CatalogDb& db)
        : m_db(db) {}

    /// Inserts a model, or updates one the user entered before. Refuses an id the seed owns.
    Result<void> saveModel(const ModelSpec& model);
    /// Inserts a GPU, or updates one the user entered before. Refuses an id the seed owns.
    Result<void> saveGpu(const GpuSpec& gpu);
    /// Adds or updates a custom or on-premises instance and its prices (all flagged user-entered).
    Result<void> saveInstance(const InstanceSpec& instance);
    /// Sets one price of an existing instance (database id) and flags it user-entered.
    Result<void> setPrice(qint64 instanceId, const Price& price);

    /// Deletes a user-entered row; an error for a seed row or an unknown id.
    Result<void> removeModel(const QString& id);
    Result<void> removeGpu(const QString& id);
    Result<void> removeInstance(qint64 instanceId);

    /// Whether a row with this id exists and the user entered it.
    bool isUserModel(const QString& id) const;

private:
    Result<void> refuseSeedRow(const QString& table, const QString& id) const;
    Result<void> removeUserRow(const QString& table, const QVariant& id);

    CatalogDb& m_db;
};

} // namespace serveplan::models
