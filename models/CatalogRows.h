#pragma once
// The catalog rows that both the built-in seed (CatalogSeeder) and the user (UserCatalog) write:
// each table's INSERT statement and the values bound from a spec, both built from the field tables
// of engine/catalog/CatalogFields (CatalogFieldSql). The owner is what the statement stores in
// user_entered, and which existing rows it may overwrite.
#include "catalog/GpuSpec.h"
#include "catalog/InstanceSpec.h"
#include "catalog/MigProfile.h"
#include "catalog/ModelSpec.h"
#include "common/Result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace serveplan::models::rows {

enum class Owner { Seed, User };

/// gpus: adds the row, or updates every column of an existing row that has the same owner.
QString gpuUpsert(Owner owner);
/// Runs gpuUpsert() for one GPU with `sourceId` from SourceIds::idOf (NULL for no source).
Result<void> runGpu(QSqlQuery& query, const GpuSpec& gpu, const QVariant& sourceId);

/// llm_models: adds the row, or updates every column of an existing row that has the same owner.
QString modelUpsert(Owner owner);
/// llm_models: INSERT OR REPLACE, whoever owns the row (the caller refuses ids it must not replace).
QString modelInsertOrReplace(Owner owner);
/// Runs modelUpsert() or modelInsertOrReplace() for one model.
Result<void> runModel(QSqlQuery& query, const ModelSpec& model, const QVariant& sourceId);

/// mig_profiles, keyed by (gpu_id, profile): adds the row or updates the other columns.
QString migProfileUpsert();
Result<void> runMigProfile(QSqlQuery& query, const MigProfile& profile);

/// instances, keyed by (provider_id, instance_type, region_id): adds the row, or updates every column
/// of an existing row that has the same owner.
QString instanceUpsert(Owner owner);
/// Runs instanceUpsert() for one instance (its prices are runPrice() rows).
Result<void> runInstance(QSqlQuery& query, const InstanceSpec& instance, const QVariant& sourceId);

/// instances: a plain INSERT for a machine the caller found missing (the price import).
QString instanceInsert(Owner owner);
/// instances: refreshes a machine's spec columns (not its key, source, owner or on_prem) by id.
QString instanceSpecUpdate();
Result<void> runInstanceSpecUpdate(QSqlQuery& query, const InstanceSpec& instance, qint64 instanceId);

/// fx_rates, keyed by (currency, date): adds the rate or updates it.
QString fxRateUpsert();
Result<void> runFxRate(QSqlQuery& query, const FxRate& rate, const QVariant& sourceId);

/// prices, keyed by (instance_id, plan, upfront, effective_date): a price of a new date is a new row
/// (history is kept); for the same date the seed updates a price the seed wrote, and the user adds one
/// or takes over any price, which becomes user-entered.
QString priceUpsert(Owner owner);
/// prices: INSERT that leaves an existing row of the same key alone (the import's first try), with
/// the price's own user_entered; and the UPDATE of that row's other columns (its second).
QString priceInsertKeepingExisting();
Result<void> runPriceInsert(QSqlQuery& query, qint64 instanceId, const Price& price, const QVariant& sourceId);
QString priceUpdate();
Result<void> runPriceUpdate(QSqlQuery& query, qint64 instanceId, const Price& price, const QVariant& sourceId);
/// Runs priceUpsert() for one price of the instances row `instanceId`.
Result<void> runPrice(QSqlQuery& query, qint64 instanceId, const Price& price, const QVariant& sourceId);

} // namespace serveplan::models::rows
