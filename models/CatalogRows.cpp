#include "CatalogRows.h"

#include "CatalogFieldSql.h"
#include "SqlHelpers.h"

#include <QStringList>

#include <optional>

using namespace Qt::StringLiterals;

namespace serveplan::models::rows {

namespace {

// The upsert keys; every other column of a table is updated on conflict.
const QStringList kIdKey{u"id"_s};
const QStringList kMigProfileKey = u"gpu_id, profile"_s.split(u", "_s);
const QStringList kInstanceKey = u"provider_id, instance_type, region_id"_s.split(u", "_s);
const QStringList kPriceKey = u"instance_id, plan, upfront, effective_date"_s.split(u", "_s);
const QStringList kFxRateKey = u"currency, date"_s.split(u", "_s);

QString ownerFlag(Owner owner) {
    return owner == Owner::User ? u"1"_s : u"0"_s;
}

/// "INSERT INTO table (a, b, user_entered) VALUES (?,?,owner)"; without an owner, no user_entered.
QString insert(const QString& verb, const QString& table, const QStringList& columns,
               std::optional<Owner> owner = std::nullopt) {
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        marks.append(u"?"_s);
    if (!owner)
        return verb + u" INTO "_s + table + u" ("_s + columns.join(u", "_s) + u") VALUES ("_s + marks.join(u',') + u')';
    return verb + u" INTO "_s + table + u" ("_s + columns.join(u", "_s) + u", "_s + fieldsql::kOwnerColumn +
           u") VALUES ("_s + marks.join(u',') + u',' + ownerFlag(*owner) + u')';
}

/// " ON CONFLICT (key) DO UPDATE SET a = excluded.a, …" for every column that is not part of the key.
QString updateOthers(const QStringList& key, const QStringList& columns) {
    QStringList sets;
    for (const QString& column : columns)
        if (!key.contains(column))
            sets.append(column + u" = excluded."_s + column);
    return u" ON CONFLICT ("_s + key.join(u", "_s) + u") DO UPDATE SET "_s + sets.join(u", "_s);
}

/// " WHERE table.user_entered = owner": an upsert leaves the other owner's rows alone.
QString sameOwner(const QString& table, Owner owner) {
    return u" WHERE "_s + table + u"."_s + fieldsql::kOwnerColumn + u" = "_s + ownerFlag(owner);
}

/// The upsert of a table with an owner column: adds the row or updates one of the same owner.
template <typename Row>
QString ownedUpsert(const QString& table, const std::vector<CatalogField<Row>>& fields, const QStringList& key,
                    Owner owner, const QStringList& leading = {}) {
    const QStringList columns = leading + fieldsql::writtenColumns(fields);
    return insert(u"INSERT"_s, table, columns, owner) + updateOthers(key, columns) + sameOwner(table, owner);
}

} // namespace

QString gpuUpsert(Owner owner) {
    return ownedUpsert(u"gpus"_s, gpuFields(), kIdKey, owner);
}

Result<void> runGpu(QSqlQuery& query, const GpuSpec& g, const QVariant& sourceId) {
    return sql::run(query, fieldsql::writtenValues(gpuFields(), g, sourceId));
}

QString modelUpsert(Owner owner) {
    return ownedUpsert(u"llm_models"_s, modelFields(), kIdKey, owner);
}

QString modelInsertOrReplace(Owner owner) {
    return insert(u"INSERT OR REPLACE"_s, u"llm_models"_s, fieldsql::writtenColumns(modelFields()), owner);
}

Result<void> runModel(QSqlQuery& query, const ModelSpec& m, const QVariant& sourceId) {
    return sql::run(query, fieldsql::writtenValues(modelFields(), m, sourceId));
}

QString migProfileUpsert() {
    const QStringList columns = fieldsql::writtenColumns(migProfileFields());
    return insert(u"INSERT"_s, u"mig_profiles"_s, columns) + updateOthers(kMigProfileKey, columns);
}

Result<void> runMigProfile(QSqlQuery& query, const MigProfile& profile) {
    return sql::run(query, fieldsql::writtenValues(migProfileFields(), profile, {}));
}

QString instanceUpsert(Owner owner) {
    return ownedUpsert(u"instances"_s, instanceFields(), kInstanceKey, owner);
}

Result<void> runInstance(QSqlQuery& query, const InstanceSpec& instance, const QVariant& sourceId) {
    return sql::run(query, fieldsql::writtenValues(instanceFields(), instance, sourceId));
}

QString instanceInsert(Owner owner) {
    return insert(u"INSERT"_s, u"instances"_s, fieldsql::writtenColumns(instanceFields()), owner);
}

namespace {

/// The machine's spec columns an import may refresh: not the key, not who wrote it, not its source,
/// and not on_prem (a machine the user marked on-premises stays so).
std::vector<const CatalogField<InstanceSpec>*> instanceSpecFields() {
    return fieldsql::fieldsExcept(instanceFields(),
                                  kInstanceKey + QStringList{u"source_id"_s, fieldsql::kOwnerColumn, u"on_prem"_s});
}

/// The price columns outside the key (instance_id, plan, upfront, effective_date).
std::vector<const CatalogField<Price>*> priceValueFields() {
    return fieldsql::fieldsExcept(priceFields(), kPriceKey);
}

template <typename Row>
QStringList columnsOf(const std::vector<const CatalogField<Row>*>& fields) {
    QStringList columns;
    for (const CatalogField<Row>* f : fields)
        columns << fieldsql::text(f->column);
    return columns;
}

} // namespace

QString instanceSpecUpdate() {
    return fieldsql::update(u"instances"_s, columnsOf(instanceSpecFields()), {u"id"_s});
}

Result<void> runInstanceSpecUpdate(QSqlQuery& query, const InstanceSpec& instance, qint64 instanceId) {
    QVariantList values;
    for (const CatalogField<InstanceSpec>* f : instanceSpecFields())
        values << fieldsql::boundValue(*f, instance, {});
    values << instanceId;
    return sql::run(query, values);
}

QString priceInsertKeepingExisting() {
    const QStringList columns = QStringList{u"instance_id"_s} + fieldsql::writtenColumns(priceFields(), true);
    return insert(u"INSERT"_s, u"prices"_s, columns) + u" ON CONFLICT ("_s + kPriceKey.join(u", "_s) +
           u") DO NOTHING"_s;
}

Result<void> runPriceInsert(QSqlQuery& query, qint64 instanceId, const Price& p, const QVariant& sourceId) {
    return sql::run(query, QVariantList{instanceId} + fieldsql::writtenValues(priceFields(), p, sourceId, true));
}

QString priceUpdate() {
    return fieldsql::update(u"prices"_s, columnsOf(priceValueFields()), kPriceKey);
}

Result<void> runPriceUpdate(QSqlQuery& query, qint64 instanceId, const Price& p, const QVariant& sourceId) {
    QVariantList values;
    for (const CatalogField<Price>* f : priceValueFields())
        values << fieldsql::boundValue(*f, p, sourceId);
    values << instanceId;
    for (const QString& column : kPriceKey.mid(1))
        values << fieldsql::boundValue(*findField(priceFields(), column.toStdString(), true), p, sourceId);
    return sql::run(query, values);
}

QString priceUpsert(Owner owner) {
    const QStringList columns = QStringList{u"instance_id"_s} + fieldsql::writtenColumns(priceFields());
    const QString upsert = insert(u"INSERT"_s, u"prices"_s, columns, owner) + updateOthers(kPriceKey, columns);
    return owner == Owner::User ? upsert + u", user_entered = 1"_s : upsert + sameOwner(u"prices"_s, owner);
}

Result<void> runPrice(QSqlQuery& query, qint64 instanceId, const Price& p, const QVariant& sourceId) {
    return sql::run(query, QVariantList{instanceId} + fieldsql::writtenValues(priceFields(), p, sourceId));
}

QString fxRateUpsert() {
    const QStringList columns = fieldsql::writtenColumns(fxRateFields());
    return insert(u"INSERT"_s, u"fx_rates"_s, columns) + updateOthers(kFxRateKey, columns);
}

Result<void> runFxRate(QSqlQuery& query, const FxRate& rate, const QVariant& sourceId) {
    return sql::run(query, fieldsql::writtenValues(fxRateFields(), rate, sourceId));
}

} // namespace serveplan::models::rows
