#include "CatalogSeeder.h"

#include "SourceIds.h"
#include "SqlHelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace serveplan::models {

using sql::fromStd;
using sql::nullIfEmpty;
using sql::nullIfZero;

namespace {

QString attentionName(AttentionType type) {
    switch (type) {
    case AttentionType::MHA:
        return u"MHA"_s;
    case AttentionType::MQA:
        return u"MQA"_s;
    case AttentionType::MLA:
        return u"MLA"_s;
    case AttentionType::GQA:
        break;
    }
    return u"GQA"_s;
}

} // namespace

Result<void> CatalogSeeder::apply(const Catalog& seed) {
    SERVEPLAN_TRY(gpus(seed));
    SERVEPLAN_TRY(migProfiles(seed));
    SERVEPLAN_TRY(models(seed));
    SERVEPLAN_TRY(instances(seed));
    SERVEPLAN_TRY(fxRates(seed));
    return {};
}

Result<void> CatalogSeeder::gpus(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(
        q, u"INSERT INTO gpus (id, vendor, name, architecture, form_factor, memory_gb, memory_type,"
           " memory_bandwidth_gbps, fp32_tflops, tf32_tflops, fp16_tflops, bf16_tflops, fp8_tflops, int8_tops,"
           " int4_tops, fp4_tflops, sm_count, boost_clock_mhz, l2_cache_mb, tdp_w, interconnect, interconnect_gbps,"
           " pcie_gen, mig_max_instances, release_year, is_cpu, cpu_cores, source_id, user_entered)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)"
           " ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, name = excluded.name,"
           " architecture = excluded.architecture, form_factor = excluded.form_factor,"
           " memory_gb = excluded.memory_gb, memory_type = excluded.memory_type,"
           " memory_bandwidth_gbps = excluded.memory_bandwidth_gbps, fp32_tflops = excluded.fp32_tflops,"
           " tf32_tflops = excluded.tf32_tflops, fp16_tflops = excluded.fp16_tflops,"
           " bf16_tflops = excluded.bf16_tflops, fp8_tflops = excluded.fp8_tflops, int8_tops = excluded.int8_tops,"
           " int4_tops = excluded.int4_tops, fp4_tflops = excluded.fp4_tflops, sm_count = excluded.sm_count,"
           " boost_clock_mhz = excluded.boost_clock_mhz, l2_cache_mb = excluded.l2_cache_mb, tdp_w = excluded.tdp_w,"
           " interconnect = excluded.interconnect, interconnect_gbps = excluded.interconnect_gbps,"
           " pcie_gen = excluded.pcie_gen, mig_max_instances = excluded.mig_max_instances,"
           " release_year = excluded.release_year, is_cpu = excluded.is_cpu, cpu_cores = excluded.cpu_cores,"
           " source_id = excluded.source_id WHERE gpus.user_entered = 0"_s));
    for (const GpuSpec& g : seed.gpus) {
        auto source = sources.idOf(g.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(sql::run(q, {fromStd(g.id),
                                   fromStd(g.vendor),
                                   fromStd(g.name),
                                   nullIfEmpty(g.architecture),
                                   nullIfEmpty(g.formFactor),
                                   g.memoryGb,
                                   nullIfEmpty(g.memoryType),
                                   g.memoryBandwidthGBps,
                                   nullIfZero(g.fp32Tflops),
                                   nullIfZero(g.tf32Tflops),
                                   nullIfZero(g.fp16Tflops),
                                   nullIfZero(g.bf16Tflops),
                                   nullIfZero(g.fp8Tflops),
                                   nullIfZero(g.int8Tops),
                                   nullIfZero(g.int4Tops),
                                   nullIfZero(g.fp4Tflops),
                                   nullIfZero(g.smCount),
                                   nullIfZero(g.boostClockMhz),
                                   nullIfZero(g.l2CacheMb),
                                   nullIfZero(g.tdpW),
                                   nullIfEmpty(g.interconnect),
                                   nullIfZero(g.interconnectGBps),
                                   nullIfZero(g.pcieGen),
                                   nullIfZero(g.migMaxInstances),
                                   nullIfZero(g.releaseYear),
                                   g.isCpu ? 1 : 0,
                                   nullIfZero(g.cpuCores),
                                   *source}));
    }
    return {};
}

Result<void> CatalogSeeder::migProfiles(const Catalog& seed) {
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q,
                               u"INSERT INTO mig_profiles (gpu_id, profile, instances_max, memory_gb, compute_fraction)"
                               " VALUES (?,?,?,?,?) ON CONFLICT (gpu_id, profile) DO UPDATE SET"
                               " instances_max = excluded.instances_max, memory_gb = excluded.memory_gb,"
                               " compute_fraction = excluded.compute_fraction"_s));
    for (const MigProfile& p : seed.migProfiles)
        SERVEPLAN_TRY(
            sql::run(q, {fromStd(p.gpuId), fromStd(p.profile), p.instancesMax, p.memoryGb, p.computeFraction}));
    return {};
}

Result<void> CatalogSeeder::models(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(
        q, u"INSERT INTO llm_models (id, family, name, hf_repo, params_b, active_params_b, architecture, num_layers,"
           " hidden_size, intermediate_size, num_attention_heads, num_kv_heads, head_dim, vocab_size,"
           " max_position_embeddings, tie_embeddings, attention_type, kv_lora_rank, q_lora_rank, qk_rope_head_dim,"
           " qk_nope_head_dim, v_head_dim, num_experts, num_experts_per_tok, num_shared_experts,"
           " moe_intermediate_size, first_k_dense_layers, native_dtype, source_id, user_entered)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)"
           " ON CONFLICT (id) DO UPDATE SET family = excluded.family, name = excluded.name,"
           " hf_repo = excluded.hf_repo, params_b = excluded.params_b, active_params_b = excluded.active_params_b,"
           " architecture = excluded.architecture, num_layers = excluded.num_layers,"
           " hidden_size = excluded.hidden_size, intermediate_size = excluded.intermediate_size,"
           " num_attention_heads = excluded.num_attention_heads, num_kv_heads = excluded.num_kv_heads,"
           " head_dim = excluded.head_dim, vocab_size = excluded.vocab_size,"
           " max_position_embeddings = excluded.max_position_embeddings, tie_embeddings = excluded.tie_embeddings,"
           " attention_type = excluded.attention_type, kv_lora_rank = excluded.kv_lora_rank,"
           " q_lora_rank = excluded.q_lora_rank, qk_rope_head_dim = excluded.qk_rope_head_dim,"
           " qk_nope_head_dim = excluded.qk_nope_head_dim, v_head_dim = excluded.v_head_dim,"
           " num_experts = excluded.num_experts, num_experts_per_tok = excluded.num_experts_per_tok,"
           " num_shared_experts = excluded.num_shared_experts, moe_intermediate_size = excluded.moe_intermediate_size,"
           " first_k_dense_layers = excluded.first_k_dense_layers, native_dtype = excluded.native_dtype,"
           " source_id = excluded.source_id WHERE llm_models.user_entered = 0"_s));
    for (const ModelSpec& m : seed.models) {
        auto source = sources.idOf(m.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(sql::run(q, {fromStd(m.id),
                                   nullIfEmpty(m.family),
                                   fromStd(m.name),
                                   nullIfEmpty(m.hfRepo),
                                   m.paramsB,
                                   m.activeParamsB,
                                   nullIfEmpty(m.architecture),
                                   m.numLayers,
                                   m.hiddenSize,
                                   nullIfZero(m.intermediateSize),
                                   m.numAttentionHeads,
                                   m.numKvHeads,
                                   m.headDim,
                                   m.vocabSize,
                                   nullIfZero(m.maxPositionEmbeddings),
                                   m.tieEmbeddings ? 1 : 0,
                                   attentionName(m.attention),
                                   nullIfZero(m.kvLoraRank),
                                   nullIfZero(m.qLoraRank),
                                   nullIfZero(m.qkRopeHeadDim),
                                   nullIfZero(m.qkNopeHeadDim),
                                   nullIfZero(m.vHeadDim),
                                   nullIfZero(m.numExperts),
                                   nullIfZero(m.numExpertsPerTok),
                                   nullIfZero(m.numSharedExperts),
                                   nullIfZero(m.moeIntermediateSize),
                                   nullIfZero(m.firstKDenseLayers),
                                   nullIfEmpty(m.nativeDtype),
                                   *source}));
    }
    return {};
}

Result<void> CatalogSeeder::instances(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery provider(m_db);
    QSqlQuery region(m_db);
    QSqlQuery instance(m_db);
    QSqlQuery instanceId(m_db);
    QSqlQuery price(m_db);
    SERVEPLAN_TRY(sql::prepare(provider, u"INSERT INTO providers (id, name, on_prem) VALUES (?, ?, ?)"
                                         " ON CONFLICT (id) DO NOTHING"_s));
    SERVEPLAN_TRY(sql::prepare(region, u"INSERT OR IGNORE INTO regions (provider_id, id) VALUES (?, ?)"_s));
    SERVEPLAN_TRY(sql::prepare(
        instance,
        u"INSERT INTO instances (provider_id, region_id, instance_type, gpu_name, gpu_id, gpu_count,"
        " gpu_memory_gb_each, vcpus, memory_gib, interconnect, source_id, user_entered, on_prem)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?) ON CONFLICT (provider_id, instance_type, region_id) DO UPDATE SET"
        " gpu_name = excluded.gpu_name, gpu_id = excluded.gpu_id, gpu_count = excluded.gpu_count,"
        " gpu_memory_gb_each = excluded.gpu_memory_gb_each, vcpus = excluded.vcpus, memory_gib = excluded.memory_gib,"
        " interconnect = excluded.interconnect, source_id = excluded.source_id, on_prem = excluded.on_prem"
        " WHERE instances.user_entered = 0"_s));
    SERVEPLAN_TRY(sql::prepare(
        instanceId, u"SELECT id FROM instances WHERE provider_id = ? AND instance_type = ? AND region_id = ?"_s));
    SERVEPLAN_TRY(
        sql::prepare(price, u"INSERT INTO prices (instance_id, plan, amount, currency, unit, effective_date, source_id,"
                            " user_entered) VALUES (?,?,?,?,?,?,?,0) ON CONFLICT (instance_id, plan) DO UPDATE SET"
                            " amount = excluded.amount, currency = excluded.currency, unit = excluded.unit,"
                            " effective_date = excluded.effective_date, source_id = excluded.source_id"
                            " WHERE prices.user_entered = 0"_s));
    for (const InstanceSpec& s : seed.instances) {
        const QString providerId = fromStd(s.provider);
        const QString regionId = fromStd(s.region);
        const QString type = fromStd(s.instanceType);
        auto source = sources.idOf(s.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(sql::run(provider, {providerId, providerId, s.onPrem ? 1 : 0}));
        SERVEPLAN_TRY(sql::run(region, {providerId, regionId}));
        SERVEPLAN_TRY(
            sql::run(instance, {providerId, regionId, type, fromStd(s.gpuName), nullIfEmpty(s.gpuId), s.gpuCount,
                                nullIfZero(s.gpuMemoryGbEach), nullIfZero(s.vcpus), nullIfZero(s.memoryGib),
                                fromStd(s.interconnect), *source, s.onPrem ? 1 : 0}));
        SERVEPLAN_TRY(sql::run(instanceId, {providerId, type, regionId}));
        if (!instanceId.next())
            return Error{"instances: " + s.key() + " missing after insert"};
        const qint64 id = instanceId.value(0).toLongLong();
        instanceId.finish();
        for (const Price& p : s.prices) {
            auto priceSource = sources.idOf(p.source);
            if (!priceSource)
                return Error{priceSource.error()};
            SERVEPLAN_TRY(sql::run(price, {id, fromStd(toString(p.plan)), p.amount, fromStd(p.currency),
                                           p.unit == PriceUnit::Month ? u"month"_s : u"hour"_s,
                                           fromStd(p.effectiveDate), *priceSource}));
        }
    }
    return {};
}

Result<void> CatalogSeeder::fxRates(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, u"INSERT INTO fx_rates (currency, usd_per_unit, date, source_id) VALUES (?,?,?,?)"
                                  " ON CONFLICT (currency, date) DO UPDATE SET usd_per_unit = excluded.usd_per_unit,"
                                  " source_id = excluded.source_id"_s));
    for (const FxRate& r : seed.fxRates) {
        auto source = sources.idOf(r.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(sql::run(q, {fromStd(r.currency), r.usdPerUnit, fromStd(r.date), *source}));
    }
    return {};
}

} // namespace serveplan::models
