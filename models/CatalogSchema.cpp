#include "CatalogSchema.h"

#include "CatalogFieldSql.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

/// One catalog table built from a field table: `createdIn` is the version whose migration created
/// its present shape (prices was rebuilt in 3); later versions add its new fields as columns.
struct TableShape {
    QString name;
    int createdIn;
    std::function<QString(const QString& name, int upTo)> create;
    std::function<QStringList(int version)> addColumns;
};

template <typename Row>
TableShape shape(const QString& name, int createdIn, const std::vector<CatalogField<Row>>& fields,
                 const QStringList& leading, const QStringList& constraints) {
    return {name, createdIn,
            [&fields, leading, constraints](const QString& table, int upTo) {
                return fieldsql::createTable(table, leading, fields, upTo, constraints);
            },
            [&fields, name](int version) { return fieldsql::addColumns(name, fields, version); }};
}

const std::vector<TableShape>& catalogTables() {
    static const std::vector<TableShape> tables{
        shape(u"gpus"_s, 1, gpuFields(), {}, {}),
        shape(u"mig_profiles"_s, 1, migProfileFields(), {}, {u"PRIMARY KEY (gpu_id, profile)"_s}),
        shape(u"llm_models"_s, 1, modelFields(), {}, {}),
        shape(u"instances"_s, 1, instanceFields(), {u"id INTEGER PRIMARY KEY"_s},
              {u"UNIQUE (provider_id, instance_type, region_id)"_s,
               u"FOREIGN KEY (provider_id, region_id) REFERENCES regions(provider_id, id)"_s}),
        shape(u"prices"_s, 3, priceFields(),
              {u"instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE"_s},
              {u"UNIQUE (instance_id, plan, upfront, effective_date)"_s}),
        shape(u"fx_rates"_s, 1, fxRateFields(), {}, {u"PRIMARY KEY (currency, date)"_s}),
    };
    return tables;
}

/// The CREATE TABLE of a catalog table as of `version`, under its own name or `as`.
QString created(const QString& name, int version, const QString& as = {}) {
    for (const TableShape& table : catalogTables())
        if (table.name == name)
            return table.create(as.isEmpty() ? name : as, version);
    return {};
}

/// The columns every catalog table gained in `version` (fields with addedIn(version)).
QStringList addedColumns(int version) {
    QStringList statements;
    for (const TableShape& table : catalogTables())
        if (version > table.createdIn)
            statements << table.addColumns(version);
    return statements;
}

// Version 1: the catalog as first shipped (specs, providers, instances, prices, FX rates). The prices
// table of version 1 was rebuilt by version 3; its first shape stays written out here.
QStringList version1() {
    return {
        u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE sources (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)"_s,
        created(u"gpus"_s, 1),
        created(u"mig_profiles"_s, 1),
        created(u"llm_models"_s, 1),
        u"CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL)"_s,
        u"CREATE TABLE regions (provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,"
        " id TEXT NOT NULL, PRIMARY KEY (provider_id, id))"_s,
        created(u"instances"_s, 1),
        u"CREATE TABLE prices (instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE,"
        " plan TEXT NOT NULL CHECK (plan IN ('on_demand','spot','reserved_1y','reserved_3y','subscription_month')),"
        " amount REAL NOT NULL CHECK (amount >= 0), currency TEXT NOT NULL, unit TEXT NOT NULL"
        " CHECK (unit IN ('hour','month')), effective_date TEXT NOT NULL DEFAULT '',"
        " source_id INTEGER REFERENCES sources(id), user_entered INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY (instance_id, plan))"_s,
        created(u"fx_rates"_s, 1),
        u"CREATE INDEX instances_gpu ON instances(gpu_id)"_s,
    };
}

// Version 2: user-added GPUs/models/instances (never overwritten by a seed update), CPU hosts,
// on-premises machines, and the calibration runs of serveplan-probe with their fitted factors.
QStringList version2() {
    return addedColumns(2) +
           QStringList{
               u"ALTER TABLE providers ADD COLUMN on_prem INTEGER NOT NULL DEFAULT 0"_s,
               u"CREATE TABLE calibration_runs (id INTEGER PRIMARY KEY, created TEXT NOT NULL, gpu TEXT NOT NULL,"
               " kind TEXT NOT NULL, raw_json TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '')"_s,
               u"CREATE TABLE calibration_factors (run_id INTEGER NOT NULL REFERENCES calibration_runs(id)"
               " ON DELETE CASCADE, gpu_id TEXT NOT NULL, engine TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT "
               "NULL,"
               " PRIMARY KEY (run_id, gpu_id, engine, name))"_s,
               u"CREATE INDEX calibration_factors_gpu ON calibration_factors(gpu_id, engine)"_s,
           };
}

// Version 3: the price book. Every dated price is kept (a fetch or an import adds rows, never deletes
// them), with the upfront option of committed plans, the upfront payment and the fetch time. SQLite
// cannot change a CHECK or a key in place, so the table is rebuilt and every row copied. The plan
// CHECK lists PricingPlan's names (engine/catalog/CatalogFields.cpp), so the engine is the one
// spelling; a new kind needs one more migration that rebuilds the table again, copying every column.
QStringList pricesTable(const QString& copiedColumns) {
    return {
        created(u"prices"_s, 3, u"prices_new"_s),
        u"INSERT INTO prices_new ("_s + copiedColumns + u") SELECT "_s + copiedColumns + u" FROM prices"_s,
        u"DROP TABLE prices"_s,
        u"ALTER TABLE prices_new RENAME TO prices"_s,
    };
}

} // namespace

const std::vector<Migration>& CatalogSchema::migrations() {
    static const std::vector<Migration> all{
        {1,
         "catalog tables: sources, gpus, mig_profiles, llm_models, providers, regions, instances, prices, "
         "fx_rates",
         version1()},
        {2, "user-entered and on-premises flags, CPU hosts, calibration_runs and calibration_factors", version2()},
        {3, "price book: every pricing plan, upfront options, dated price history with fetch times",
         pricesTable(u"instance_id, plan, amount, currency, unit, effective_date, source_id, user_entered"_s)},
    };
    // Versions after 3 that only add catalog fields need no hand-written migration: bumping
    // kCurrentVersion and declaring the fields with addedIn(version) is enough.
    static const std::vector<Migration> withAddedColumns = [] {
        std::vector<Migration> list = all;
        for (int version = list.back().version + 1; version <= kCurrentVersion; ++version)
            list.push_back({version, "new catalog columns", addedColumns(version)});
        return list;
    }();
    return withAddedColumns;
}

const QStringList& CatalogSchema::tables() {
    static const QStringList names{
        u"sources"_s,   u"gpus"_s,   u"mig_profiles"_s, u"llm_models"_s,       u"providers"_s,          u"regions"_s,
        u"instances"_s, u"prices"_s, u"fx_rates"_s,     u"calibration_runs"_s, u"calibration_factors"_s};
    return names;
}

} // namespace serveplan::models
