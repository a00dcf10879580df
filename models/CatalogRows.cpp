#include "CatalogRows.h"

#include "QtText.h"
#include "SqlHelpers.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace serveplan::models::rows {

using sql::nullIfEmpty;
using sql::nullIfZero;

namespace {

// The columns in the order the run…() functions bind them; user_entered follows as a literal.
const QStringList kGpuColumns =
    u"id, vendor, name, architecture, form_factor, memory_gb, memory_type, memory_bandwidth_gbps, fp32_tflops,"
    " tf32_tflops, fp16_tflops, bf16_tflops, fp8_tflops, int8_tops, int4_tops, fp4_tflops, sm_count, boost_clock_mhz,"
    " l2_cache_mb, tdp_w, interconnect, interconnect_gbps, pcie_gen, mig_max_instances, release_year, is_cpu,"
    " cpu_cores, source_id"_s.split(u", "_s);
const QStringList kModelColumns =
    u"id, family, name, hf_repo, params_b, active_params_b, architecture, num_layers, hidden_size, intermediate_size,"
    " num_attention_heads, num_kv_heads, head_dim, vocab_size, max_position_embeddings, tie_embeddings,"
    " attention_type, kv_lora_rank, q_lora_rank, qk_rope_head_dim, qk_nope_head_dim, v_head_dim, num_experts,"
    " num_experts_per_tok, num_shared_experts, moe_intermediate_size, first_k_dense_layers, native_dtype,"
    " source_id"_s.split(u", "_s);
const QStringList kPriceColumns =
    u"instance_id, plan, upfront, amount, upfront_amount, currency, unit, effective_date, fetched_at, source_id"_s
        .split(u", "_s);
const QStringList kPriceKey = u"instance_id, plan, upfront, effective_date"_s.split(u", "_s);

QString ownerFlag(Owner owner) {
    return owner == Owner::User ? u"1"_s : u"0"_s;
}

/// "INSERT INTO table (a, b, user_entered) VALUES (?,?,owner)"
QString insert(const QString& verb, const QString& table, const QStringList& columns, Owner owner) {
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        marks.append(u"?"_s);
    return verb + u" INTO "_s + table + u" ("_s + columns.join(u", "_s) + u", user_entered) VALUES ("_s +
           marks.join(u',') + u',' + ownerFlag(owner) + u')';
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
    return u" WHERE "_s + table + u".user_entered = "_s + ownerFlag(owner);
}

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

QString gpuUpsert(Owner owner) {
    return insert(u"INSERT"_s, u"gpus"_s, kGpuColumns, owner) + updateOthers({u"id"_s}, kGpuColumns) +
           sameOwner(u"gpus"_s, owner);
}

Result<void> runGpu(QSqlQuery& query, const GpuSpec& g, const QVariant& sourceId) {
    return sql::run(query, {qtText(g.id),
                            qtText(g.vendor),
                            qtText(g.name),
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
                            sourceId});
}

QString modelUpsert(Owner owner) {
    return insert(u"INSERT"_s, u"llm_models"_s, kModelColumns, owner) + updateOthers({u"id"_s}, kModelColumns) +
           sameOwner(u"llm_models"_s, owner);
}

QString modelInsertOrReplace(Owner owner) {
    return insert(u"INSERT OR REPLACE"_s, u"llm_models"_s, kModelColumns, owner);
}

Result<void> runModel(QSqlQuery& query, const ModelSpec& m, const QVariant& sourceId) {
    return sql::run(query, {qtText(m.id),
                            nullIfEmpty(m.family),
                            qtText(m.name),
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
                            sourceId});
}

QString priceUpsert(Owner owner) {
    const QString upsert =
        insert(u"INSERT"_s, u"prices"_s, kPriceColumns, owner) + updateOthers(kPriceKey, kPriceColumns);
    return owner == Owner::User ? upsert + u", user_entered = 1"_s : upsert + sameOwner(u"prices"_s, owner);
}

Result<void> runPrice(QSqlQuery& query, qint64 instanceId, const Price& p, const QVariant& sourceId) {
    return sql::run(query, {instanceId, qtText(toString(p.plan)), qtText(toString(p.upfront)), p.amount,
                            p.upfrontAmount, qtText(p.currency), p.unit == PriceUnit::Month ? u"month"_s : u"hour"_s,
                            qtText(p.effectiveDate), qtText(p.fetchedAt), sourceId});
}

} // namespace serveplan::models::rows
