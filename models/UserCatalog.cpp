#include "UserCatalog.h"

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

const QString kUserSource = u"entered by the user"_s;

} // namespace

Result<void> UserCatalog::refuseSeedRow(const QString& table, const QString& id) const {
    // Table names come from this file only; the id is bound.
    auto flag = sql::scalar(m_db.database(), u"SELECT user_entered FROM "_s + table + u" WHERE id = ?"_s, {id});
    if (!flag)
        return Error{flag.error()};
    if (flag->isValid() && flag->toInt() == 0)
        return Error{table.toStdString() + " id '" + id.toStdString() +
                     "': the built-in catalog already has this id; choose another id"};
    return {};
}

Result<void> UserCatalog::saveModel(const ModelSpec& m) {
    const QString id = fromStd(m.id);
    if (id.isEmpty())
        return Error{"model id: expected a non-empty id"};
    if (m.numLayers <= 0 || m.hiddenSize <= 0 || m.numAttentionHeads <= 0 || m.numKvHeads <= 0 || m.headDim <= 0 ||
        m.vocabSize <= 0 || m.paramsB <= 0)
        return Error{"model '" + m.id +
                     "': layers, hidden size, heads, KV heads, head dim, vocabulary and"
                     " parameters must all be positive"};
    SERVEPLAN_TRY(refuseSeedRow(u"llm_models"_s, id));
    QSqlDatabase db = m_db.database();
    SourceIds sources(db);
    auto source = sources.idOf(m.source.empty() ? kUserSource.toStdString() : m.source);
    if (!source)
        return Error{source.error()};
    QSqlQuery q(db);
    SERVEPLAN_TRY(sql::prepare(
        q, u"INSERT OR REPLACE INTO llm_models (id, family, name, hf_repo, params_b, active_params_b, architecture,"
           " num_layers, hidden_size, intermediate_size, num_attention_heads, num_kv_heads, head_dim, vocab_size,"
           " max_position_embeddings, tie_embeddings, attention_type, kv_lora_rank, q_lora_rank, qk_rope_head_dim,"
           " qk_nope_head_dim, v_head_dim, num_experts, num_experts_per_tok, num_shared_experts,"
           " moe_intermediate_size, first_k_dense_layers, native_dtype, source_id, user_entered)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)"_s));
    return sql::run(q, {id,
                        nullIfEmpty(m.family),
                        m.name.empty() ? id : fromStd(m.name),
                        nullIfEmpty(m.hfRepo),
                        m.paramsB,
                        m.activeParamsB > 0 ? m.activeParamsB : m.paramsB,
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
                        *source});
}

Result<void> UserCatalog::saveGpu(const GpuSpec& g) {
    const QString id = fromStd(g.id);
    if (id.isEmpty() || g.name.empty() || g.vendor.empty())
        return Error{"GPU: expected a non-empty id, vendor and name"};
    if (g.memoryGb <= 0 || g.memoryBandwidthGBps <= 0)
        return Error{"GPU '" + g.id + "': memory (GB) and memory bandwidth (GB/s) must be positive"};
    SERVEPLAN_TRY(refuseSeedRow(u"gpus"_s, id));
    QSqlDatabase db = m_db.database();
    SourceIds sources(db);
    auto source = sources.idOf(g.source.empty() ? kUserSource.toStdString() : g.source);
    if (!source)
        return Error{source.error()};
    QSqlQuery q(db);
    // Not INSERT OR REPLACE: replacing would delete and re-add the row, cascading to its MIG profiles.
    SERVEPLAN_TRY(sql::prepare(
        q, u"INSERT INTO gpus (id, vendor, name, architecture, form_factor, memory_gb, memory_type,"
           " memory_bandwidth_gbps, fp32_tflops, tf32_tflops, fp16_tflops, bf16_tflops, fp8_tflops, int8_tops,"
           " int4_tops, fp4_tflops, sm_count, boost_clock_mhz, l2_cache_mb, tdp_w, interconnect, interconnect_gbps,"
           " pcie_gen, mig_max_instances, release_year, is_cpu, cpu_cores, source_id, user_entered)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)"
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
           " source_id = excluded.source_id WHERE gpus.user_entered = 1"_s));
    return sql::run(q, {id,
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
                        *source});
}

Result<void> UserCatalog::saveInstance(const InstanceSpec& instance) {
    if (instance.provider.empty() || instance.instanceType.empty() || instance.region.empty())
        return Error{"instance: expected a provider, an instance type and a region"};
    if (instance.prices.empty())
        return Error{"instance '" + instance.key() + "': expected at least one price"};
    std::vector<PriceRecord> records;
    for (const Price& price : instance.prices) {
        PriceRecord record;
        record.instance = instance;
        record.instance.prices.clear();
        record.instance.userEntered = true;
        record.price = price;
        record.price.userEntered = true;
        if (record.price.source.empty())
            record.price.source = kUserSource.toStdString();
        records.push_back(std::move(record));
    }
    auto summary = m_db.importPrices(records, true);
    if (!summary)
        return Error{summary.error()};
    return {};
}

Result<void> UserCatalog::setPrice(qint64 instanceId, const Price& price) {
    if (price.amount < 0 || price.currency.empty())
        return Error{"price: expected an amount of 0 or more and a currency"};
    QSqlDatabase db = m_db.database();
    SourceIds sources(db);
    auto source = sources.idOf(price.source.empty() ? kUserSource.toStdString() : price.source);
    if (!source)
        return Error{source.error()};
    QSqlQuery q(db);
    SERVEPLAN_TRY(sql::prepare(
        q, u"INSERT INTO prices (instance_id, plan, amount, currency, unit, effective_date, source_id, user_entered)"
           " VALUES (?,?,?,?,?,?,?,1) ON CONFLICT (instance_id, plan) DO UPDATE SET amount = excluded.amount,"
           " currency = excluded.currency, unit = excluded.unit, effective_date = excluded.effective_date,"
           " source_id = excluded.source_id, user_entered = 1"_s));
    return sql::run(q,
                    {instanceId, fromStd(toString(price.plan)), price.amount, fromStd(price.currency),
                     price.unit == PriceUnit::Month ? u"month"_s : u"hour"_s, fromStd(price.effectiveDate), *source});
}

Result<void> UserCatalog::removeUserRow(const QString& table, const QVariant& id) {
    auto flag = sql::scalar(m_db.database(), u"SELECT user_entered FROM "_s + table + u" WHERE id = ?"_s, {id});
    if (!flag)
        return Error{flag.error()};
    if (!flag->isValid())
        return Error{table.toStdString() + " id '" + id.toString().toStdString() + "': no such row"};
    if (flag->toInt() == 0)
        return Error{table.toStdString() + " id '" + id.toString().toStdString() +
                     "': part of the built-in catalog; only rows you entered can be deleted"};
    QSqlQuery q(m_db.database());
    SERVEPLAN_TRY(sql::prepare(q, u"DELETE FROM "_s + table + u" WHERE id = ? AND user_entered = 1"_s));
    return sql::run(q, {id});
}

Result<void> UserCatalog::removeModel(const QString& id) {
    return removeUserRow(u"llm_models"_s, id);
}

Result<void> UserCatalog::removeGpu(const QString& id) {
    return removeUserRow(u"gpus"_s, id);
}

Result<void> UserCatalog::removeInstance(qint64 instanceId) {
    return removeUserRow(u"instances"_s, instanceId);
}

bool UserCatalog::isUserModel(const QString& id) const {
    auto flag = sql::scalar(m_db.database(), u"SELECT user_entered FROM llm_models WHERE id = ?"_s, {id});
    return flag && flag->isValid() && flag->toInt() == 1;
}

} // namespace serveplan::models
