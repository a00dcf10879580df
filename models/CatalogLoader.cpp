#include "CatalogLoader.h"

#include "SqlHelpers.h"

#include <QSqlQuery>

#include <unordered_map>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

std::string str(const QSqlQuery& q, int column) {
    return q.value(column).toString().toStdString();
}

double real(const QSqlQuery& q, int column) {
    return q.value(column).toDouble(); // NULL reads as 0, the structs' "not given"
}

int integer(const QSqlQuery& q, int column) {
    return q.value(column).toInt();
}

AttentionType attention(const QString& name) {
    if (name == "MHA"_L1)
        return AttentionType::MHA;
    if (name == "MQA"_L1)
        return AttentionType::MQA;
    if (name == "MLA"_L1)
        return AttentionType::MLA;
    return AttentionType::GQA;
}

Result<void> select(QSqlQuery& q, const QString& statement) {
    if (!q.exec(statement))
        return Error{sql::message(u"cannot read the catalog ("_s + statement.left(60) + u")"_s, q)};
    return {};
}

} // namespace

Result<Catalog> CatalogLoader::load() const {
    Catalog catalog;
    SERVEPLAN_TRY(gpus(catalog));
    SERVEPLAN_TRY(migProfiles(catalog));
    SERVEPLAN_TRY(models(catalog));
    SERVEPLAN_TRY(instances(catalog));
    SERVEPLAN_TRY(fxRates(catalog));
    SERVEPLAN_TRY(calibrations(catalog));
    return catalog;
}

Result<void> CatalogLoader::gpus(Catalog& catalog) const {
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(
        q, u"SELECT g.id, vendor, name, architecture, form_factor, memory_gb, memory_type, memory_bandwidth_gbps,"
           " fp32_tflops, tf32_tflops, fp16_tflops, bf16_tflops, fp8_tflops, int8_tops, int4_tops, fp4_tflops,"
           " sm_count, boost_clock_mhz, l2_cache_mb, tdp_w, interconnect, interconnect_gbps, pcie_gen,"
           " mig_max_instances, release_year, s.text, is_cpu, cpu_cores, user_entered"
           " FROM gpus g LEFT JOIN sources s ON s.id = g.source_id ORDER BY g.rowid"_s));
    while (q.next()) {
        GpuSpec g;
        g.id = str(q, 0);
        g.vendor = str(q, 1);
        g.name = str(q, 2);
        g.architecture = str(q, 3);
        g.formFactor = str(q, 4);
        g.memoryGb = real(q, 5);
        g.memoryType = str(q, 6);
        g.memoryBandwidthGBps = real(q, 7);
        g.fp32Tflops = real(q, 8);
        g.tf32Tflops = real(q, 9);
        g.fp16Tflops = real(q, 10);
        g.bf16Tflops = real(q, 11);
        g.fp8Tflops = real(q, 12);
        g.int8Tops = real(q, 13);
        g.int4Tops = real(q, 14);
        g.fp4Tflops = real(q, 15);
        g.smCount = integer(q, 16);
        g.boostClockMhz = real(q, 17);
        g.l2CacheMb = real(q, 18);
        g.tdpW = real(q, 19);
        g.interconnect = str(q, 20);
        g.interconnectGBps = real(q, 21);
        g.pcieGen = integer(q, 22);
        g.migMaxInstances = integer(q, 23);
        g.releaseYear = integer(q, 24);
        g.source = str(q, 25);
        g.isCpu = q.value(26).toInt() != 0;
        g.cpuCores = integer(q, 27);
        g.userEntered = q.value(28).toInt() != 0;
        catalog.gpus.push_back(std::move(g));
    }
    return {};
}

Result<void> CatalogLoader::migProfiles(Catalog& catalog) const {
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(q, u"SELECT gpu_id, profile, instances_max, memory_gb, compute_fraction FROM mig_profiles"
                            " ORDER BY rowid"_s));
    while (q.next())
        catalog.migProfiles.push_back(MigProfile{str(q, 0), str(q, 1), integer(q, 2), real(q, 3), real(q, 4)});
    return {};
}

Result<void> CatalogLoader::models(Catalog& catalog) const {
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(
        q, u"SELECT m.id, family, name, hf_repo, params_b, active_params_b, architecture, num_layers, hidden_size,"
           " intermediate_size, num_attention_heads, num_kv_heads, head_dim, vocab_size, max_position_embeddings,"
           " tie_embeddings, attention_type, kv_lora_rank, q_lora_rank, qk_rope_head_dim, qk_nope_head_dim,"
           " v_head_dim, num_experts, num_experts_per_tok, num_shared_experts, moe_intermediate_size,"
           " first_k_dense_layers, native_dtype, s.text, user_entered"
           " FROM llm_models m LEFT JOIN sources s ON s.id = m.source_id ORDER BY m.rowid"_s));
    while (q.next()) {
        ModelSpec m;
        m.id = str(q, 0);
        m.family = str(q, 1);
        m.name = str(q, 2);
        m.hfRepo = str(q, 3);
        m.paramsB = real(q, 4);
        m.activeParamsB = real(q, 5);
        m.architecture = str(q, 6);
        m.numLayers = integer(q, 7);
        m.hiddenSize = integer(q, 8);
        m.intermediateSize = integer(q, 9);
        m.numAttentionHeads = integer(q, 10);
        m.numKvHeads = integer(q, 11);
        m.headDim = integer(q, 12);
        m.vocabSize = integer(q, 13);
        m.maxPositionEmbeddings = integer(q, 14);
        m.tieEmbeddings = q.value(15).toInt() != 0;
        m.attention = attention(q.value(16).toString());
        m.kvLoraRank = integer(q, 17);
        m.qLoraRank = integer(q, 18);
        m.qkRopeHeadDim = integer(q, 19);
        m.qkNopeHeadDim = integer(q, 20);
        m.vHeadDim = integer(q, 21);
        m.numExperts = integer(q, 22);
        m.numExpertsPerTok = integer(q, 23);
        m.numSharedExperts = integer(q, 24);
        m.moeIntermediateSize = integer(q, 25);
        m.firstKDenseLayers = integer(q, 26);
        m.nativeDtype = str(q, 27);
        m.source = str(q, 28);
        m.userEntered = q.value(29).toInt() != 0;
        catalog.models.push_back(std::move(m));
    }
    return {};
}

Result<void> CatalogLoader::instances(Catalog& catalog) const {
    std::unordered_map<qint64, std::size_t> indexById;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        SERVEPLAN_TRY(select(q, u"SELECT i.id, provider_id, instance_type, region_id, gpu_name, gpu_id, gpu_count,"
                                " gpu_memory_gb_each, vcpus, memory_gib, interconnect, s.text, user_entered, on_prem"
                                " FROM instances i LEFT JOIN sources s ON s.id = i.source_id ORDER BY i.id"_s));
        while (q.next()) {
            InstanceSpec s;
            s.provider = str(q, 1);
            s.instanceType = str(q, 2);
            s.region = str(q, 3);
            s.gpuName = str(q, 4);
            s.gpuId = str(q, 5);
            s.gpuCount = real(q, 6);
            s.gpuMemoryGbEach = real(q, 7);
            s.vcpus = integer(q, 8);
            s.memoryGib = real(q, 9);
            s.interconnect = str(q, 10);
            s.source = str(q, 11);
            s.userEntered = q.value(12).toInt() != 0;
            s.onPrem = q.value(13).toInt() != 0;
            indexById.emplace(q.value(0).toLongLong(), catalog.instances.size());
            catalog.instances.push_back(std::move(s));
        }
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(q, u"SELECT instance_id, plan, amount, currency, unit, effective_date, s.text, user_entered,"
                            " upfront, upfront_amount, fetched_at"
                            " FROM prices p LEFT JOIN sources s ON s.id = p.source_id ORDER BY instance_id"_s));
    while (q.next()) {
        const auto it = indexById.find(q.value(0).toLongLong());
        const auto plan = parsePricingPlan(str(q, 1));
        const auto upfront = parseUpfront(str(q, 8));
        if (it == indexById.end() || !plan || !upfront)
            return Error{"prices: a row names instance " + str(q, 0) + " / plan '" + str(q, 1) + "' / upfront '" +
                         str(q, 8) + "' that does not exist (run `serveplan-cli db check`)"};
        Price p;
        p.plan = *plan;
        p.amount = real(q, 2);
        p.currency = str(q, 3);
        p.unit = q.value(4).toString() == "month"_L1 ? PriceUnit::Month : PriceUnit::Hour;
        p.effectiveDate = str(q, 5);
        p.source = str(q, 6);
        p.userEntered = q.value(7).toInt() != 0;
        p.upfront = *upfront;
        p.upfrontAmount = real(q, 9);
        p.fetchedAt = str(q, 10);
        catalog.instances[it->second].priceHistory.push_back(std::move(p));
    }
    // The price book on the chosen date: per (plan, upfront) the newest row on or before it.
    for (InstanceSpec& instance : catalog.instances) {
        sortPriceHistory(instance.priceHistory);
        instance.prices = priceBookOn(instance.priceHistory, m_priceDate);
    }
    return {};
}

Result<void> CatalogLoader::fxRates(Catalog& catalog) const {
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(q, u"SELECT currency, usd_per_unit, date, s.text FROM fx_rates f"
                            " LEFT JOIN sources s ON s.id = f.source_id ORDER BY f.rowid"_s));
    while (q.next())
        catalog.fxRates.push_back(FxRate{str(q, 0), real(q, 1), str(q, 2), str(q, 3)});
    return {};
}

/// The applied calibrations: calibration_factors grouped by GPU and engine (one run each, as
/// CalibrationStore::apply keeps it), with the run they came from.
Result<void> CatalogLoader::calibrations(Catalog& catalog) const {
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(q, u"SELECT gpu_id, engine, run_id, name, value FROM calibration_factors"
                            " ORDER BY gpu_id, engine, run_id, name"_s));
    while (q.next()) {
        const std::string gpu = str(q, 0), engine = str(q, 1);
        const qint64 run = q.value(2).toLongLong();
        if (catalog.calibrations.empty() || catalog.calibrations.back().gpuId != gpu ||
            catalog.calibrations.back().engine != engine)
            catalog.calibrations.push_back(GpuCalibration{gpu, engine, run, {}});
        GpuCalibration& c = catalog.calibrations.back();
        // One run per GPU and engine; should two ever be there, the newest wins.
        if (run > c.runId) {
            c.runId = run;
            c.factors.clear();
        } else if (run < c.runId) {
            continue;
        }
        c.factors.push_back({str(q, 3), real(q, 4), "calibration run " + std::to_string(run)});
    }
    return {};
}

} // namespace serveplan::models
