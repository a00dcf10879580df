#include "CatalogSchema.h"

#include "catalog/InstanceSpec.h"

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

// Version 1: the catalog as first shipped (specs, providers, instances, prices, FX rates).
QStringList version1() {
    return {
        u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE sources (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)"_s,
        u"CREATE TABLE gpus (id TEXT PRIMARY KEY, vendor TEXT NOT NULL, name TEXT NOT NULL, architecture TEXT,"
        " form_factor TEXT, memory_gb REAL NOT NULL CHECK (memory_gb >= 0), memory_type TEXT,"
        " memory_bandwidth_gbps REAL NOT NULL CHECK (memory_bandwidth_gbps >= 0), fp32_tflops REAL,"
        " tf32_tflops REAL, fp16_tflops REAL, bf16_tflops REAL, fp8_tflops REAL, int8_tops REAL, int4_tops REAL,"
        " fp4_tflops REAL, sm_count INTEGER, boost_clock_mhz REAL, l2_cache_mb REAL, tdp_w REAL, interconnect TEXT,"
        " interconnect_gbps REAL, pcie_gen INTEGER, mig_max_instances INTEGER, release_year INTEGER,"
        " source_id INTEGER REFERENCES sources(id))"_s,
        u"CREATE TABLE mig_profiles (gpu_id TEXT NOT NULL REFERENCES gpus(id) ON DELETE CASCADE,"
        " profile TEXT NOT NULL, instances_max INTEGER NOT NULL, memory_gb REAL NOT NULL,"
        " compute_fraction REAL NOT NULL CHECK (compute_fraction > 0 AND compute_fraction <= 1),"
        " PRIMARY KEY (gpu_id, profile))"_s,
        u"CREATE TABLE llm_models (id TEXT PRIMARY KEY, family TEXT, name TEXT NOT NULL, hf_repo TEXT,"
        " params_b REAL NOT NULL, active_params_b REAL NOT NULL, architecture TEXT, num_layers INTEGER NOT NULL,"
        " hidden_size INTEGER NOT NULL, intermediate_size INTEGER, num_attention_heads INTEGER NOT NULL,"
        " num_kv_heads INTEGER NOT NULL, head_dim INTEGER NOT NULL, vocab_size INTEGER NOT NULL,"
        " max_position_embeddings INTEGER, tie_embeddings INTEGER NOT NULL DEFAULT 0,"
        " attention_type TEXT NOT NULL CHECK (attention_type IN ('MHA','GQA','MQA','MLA')),"
        " kv_lora_rank INTEGER, q_lora_rank INTEGER, qk_rope_head_dim INTEGER, qk_nope_head_dim INTEGER,"
        " v_head_dim INTEGER, num_experts INTEGER, num_experts_per_tok INTEGER, num_shared_experts INTEGER,"
        " moe_intermediate_size INTEGER, first_k_dense_layers INTEGER, native_dtype TEXT,"
        " source_id INTEGER REFERENCES sources(id))"_s,
        u"CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL)"_s,
        u"CREATE TABLE regions (provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,"
        " id TEXT NOT NULL, PRIMARY KEY (provider_id, id))"_s,
        u"CREATE TABLE instances (id INTEGER PRIMARY KEY, provider_id TEXT NOT NULL, region_id TEXT NOT NULL,"
        " instance_type TEXT NOT NULL, gpu_name TEXT NOT NULL DEFAULT '', gpu_id TEXT REFERENCES gpus(id),"
        " gpu_count REAL NOT NULL CHECK (gpu_count >= 0), gpu_memory_gb_each REAL, vcpus INTEGER,"
        " memory_gib REAL, interconnect TEXT NOT NULL DEFAULT '', source_id INTEGER REFERENCES sources(id),"
        " UNIQUE (provider_id, instance_type, region_id),"
        " FOREIGN KEY (provider_id, region_id) REFERENCES regions(provider_id, id))"_s,
        u"CREATE TABLE prices (instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE,"
        " plan TEXT NOT NULL CHECK (plan IN ('on_demand','spot','reserved_1y','reserved_3y','subscription_month')),"
        " amount REAL NOT NULL CHECK (amount >= 0), currency TEXT NOT NULL, unit TEXT NOT NULL"
        " CHECK (unit IN ('hour','month')), effective_date TEXT NOT NULL DEFAULT '',"
        " source_id INTEGER REFERENCES sources(id), user_entered INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY (instance_id, plan))"_s,
        u"CREATE TABLE fx_rates (currency TEXT NOT NULL, usd_per_unit REAL NOT NULL CHECK (usd_per_unit > 0),"
        " date TEXT NOT NULL DEFAULT '', source_id INTEGER REFERENCES sources(id), PRIMARY KEY (currency, date))"_s,
        u"CREATE INDEX instances_gpu ON instances(gpu_id)"_s,
    };
}

// Version 2: user-added GPUs/models/instances (never overwritten by a seed update), CPU hosts,
// on-premises machines, and the calibration runs of serveplan-probe with their fitted factors.
QStringList version2() {
    return {
        u"ALTER TABLE gpus ADD COLUMN is_cpu INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE gpus ADD COLUMN cpu_cores INTEGER"_s,
        u"ALTER TABLE gpus ADD COLUMN user_entered INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE llm_models ADD COLUMN user_entered INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE providers ADD COLUMN on_prem INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE instances ADD COLUMN user_entered INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE instances ADD COLUMN on_prem INTEGER NOT NULL DEFAULT 0"_s,
        u"CREATE TABLE calibration_runs (id INTEGER PRIMARY KEY, created TEXT NOT NULL, gpu TEXT NOT NULL,"
        " kind TEXT NOT NULL, raw_json TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '')"_s,
        u"CREATE TABLE calibration_factors (run_id INTEGER NOT NULL REFERENCES calibration_runs(id)"
        " ON DELETE CASCADE, gpu_id TEXT NOT NULL, engine TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,"
        " PRIMARY KEY (run_id, gpu_id, engine, name))"_s,
        u"CREATE INDEX calibration_factors_gpu ON calibration_factors(gpu_id, engine)"_s,
    };
}

/// "'a','b',…" from a list of engine names, for a CHECK (… IN (…)); the names are our own constants.
template <typename List>
QString quotedNames(const List& values) {
    QStringList names;
    for (const auto value : values)
        names << u"'"_s + QString::fromUtf8(toString(value)) + u"'"_s;
    return names.join(u","_s);
}

// Version 3: the price book. Every dated price is kept (a fetch or an import adds rows, never deletes
// them), with the upfront option of committed plans, the upfront payment and the fetch time. SQLite
// cannot change a CHECK or a key in place, so the table is rebuilt and every row copied. The plan
// CHECK lists PricingPlan's names (engine/catalog/InstanceSpec.cpp), so the engine is the one spelling; a
// new kind needs one more migration that runs pricesTable() again, copying every column.
QStringList pricesTable(const QString& copiedColumns) {
    return {
        u"CREATE TABLE prices_new (instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE,"
        " plan TEXT NOT NULL CHECK (plan IN ("_s +
            quotedNames(allPricingPlans()) + u")), upfront TEXT NOT NULL DEFAULT 'none' CHECK (upfront IN ("_s +
            quotedNames(allUpfronts()) +
            u")), amount REAL NOT NULL CHECK (amount >= 0),"
            " upfront_amount REAL NOT NULL DEFAULT 0 CHECK (upfront_amount >= 0), currency TEXT NOT NULL,"
            " unit TEXT NOT NULL CHECK (unit IN ('hour','month')), effective_date TEXT NOT NULL DEFAULT '',"
            " fetched_at TEXT NOT NULL DEFAULT '', source_id INTEGER REFERENCES sources(id),"
            " user_entered INTEGER NOT NULL DEFAULT 0, UNIQUE (instance_id, plan, upfront, effective_date))"_s,
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
    return all;
}

const QStringList& CatalogSchema::tables() {
    static const QStringList names{
        u"sources"_s,   u"gpus"_s,   u"mig_profiles"_s, u"llm_models"_s,       u"providers"_s,          u"regions"_s,
        u"instances"_s, u"prices"_s, u"fx_rates"_s,     u"calibration_runs"_s, u"calibration_factors"_s};
    return names;
}

} // namespace serveplan::models
