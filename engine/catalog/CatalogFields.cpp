#include "catalog/CatalogFields.h"

#include "catalog/CatalogCsv.h"

#include <charconv>
#include <optional>

namespace serveplan {

using fields::named;
using fields::of;
using fields::source;

std::string_view sqlType(FieldType type) {
    switch (type) {
    case FieldType::Text:
        return "TEXT";
    case FieldType::Real:
        return "REAL";
    case FieldType::Integer:
    case FieldType::Flag:
    case FieldType::Source:
        break;
    }
    return "INTEGER";
}

bool isGiven(const FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value))
        return !text->empty();
    if (const auto* real = std::get_if<double>(&value))
        return *real != 0;
    return std::get<long long>(value) != 0;
}

namespace {

FieldValue parseNumberCell(std::string_view column, bool required, std::string_view text, std::string& error) {
    if (text.empty()) {
        if (required)
            error = std::string(column) + ": empty, expected a number";
        return 0.0;
    }
    const auto parsed = CatalogCsv::parseNumber(text);
    if (!parsed)
        error = std::string(column) + ": expected a finite number, got '" + std::string(text) + "'";
    else if (*parsed < 0)
        error = std::string(column) + ": expected a non-negative number, got '" + std::string(text) + "'";
    return parsed && *parsed >= 0 ? *parsed : 0.0;
}

FieldValue parseIntegerCell(std::string_view column, bool required, std::string_view text, std::string& error) {
    if (text.empty()) {
        if (required)
            error = std::string(column) + ": empty, expected a whole number";
        return 0LL;
    }
    const auto parsed = CatalogCsv::parseInteger(text);
    if (!parsed || *parsed < 0 || *parsed > 2'000'000'000) {
        error = std::string(column) + ": expected a non-negative whole number, got '" + std::string(text) + "'";
        return 0LL;
    }
    return *parsed;
}

FieldValue parseFlagCell(std::string_view column, std::string_view text, std::string& error) {
    if (text == "true")
        return 1LL;
    if (!text.empty() && text != "false")
        error = std::string(column) + ": expected true or false, got '" + std::string(text) + "'";
    return 0LL;
}

std::string shortest(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

/// "'a','b',…" from a list of engine names, for a CHECK (… IN (…)); the names are our own constants.
template <typename List>
std::string quotedNames(const List& values) {
    std::string names;
    for (const auto value : values)
        names += (names.empty() ? "'" : ",'") + std::string(toString(value)) + "'";
    return names;
}

std::string_view attentionName(AttentionType type) {
    switch (type) {
    case AttentionType::MHA:
        return "MHA";
    case AttentionType::MQA:
        return "MQA";
    case AttentionType::MLA:
        return "MLA";
    case AttentionType::GQA:
        break;
    }
    return "GQA";
}

std::optional<AttentionType> parseAttention(std::string_view name) {
    for (const AttentionType type : {AttentionType::MHA, AttentionType::GQA, AttentionType::MQA, AttentionType::MLA})
        if (attentionName(type) == name)
            return type;
    return std::nullopt;
}

std::string_view unitName(PriceUnit unit) {
    return unit == PriceUnit::Month ? "month" : "hour";
}

std::optional<PriceUnit> parseUnit(std::string_view name) {
    if (name == "hour")
        return PriceUnit::Hour;
    if (name == "month")
        return PriceUnit::Month;
    return std::nullopt;
}

} // namespace

FieldValue parseCell(FieldType type, std::string_view column, bool required, std::string_view text,
                     std::string& error) {
    switch (type) {
    case FieldType::Real:
        return parseNumberCell(column, required, text, error);
    case FieldType::Integer:
        return parseIntegerCell(column, required, text, error);
    case FieldType::Flag:
        return parseFlagCell(column, text, error);
    case FieldType::Text:
    case FieldType::Source:
        break;
    }
    if (required && text.empty())
        error = std::string(column) + ": empty, expected a value";
    return std::string(text);
}

std::string formatCell(FieldType type, FieldNeed need, const FieldValue& value) {
    if (type == FieldType::Flag)
        return std::get<long long>(value) != 0 ? "true" : "false";
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    if (need != FieldNeed::Value && !isGiven(value))
        return {};
    if (const auto* real = std::get_if<double>(&value))
        return shortest(*real);
    return std::to_string(std::get<long long>(value));
}

// The tables below list each type's columns in the order the database has them (migration 1's
// CREATE TABLE, then the columns later versions added); a new field goes at the end with
// addedIn(next version). csv() names the seed files' header where it differs from the column.

const std::vector<CatalogField<GpuSpec>>& gpuFields() {
    static const std::vector<CatalogField<GpuSpec>> table{
        of("id", &GpuSpec::id).csv("gpu_id").sql("PRIMARY KEY").required(),
        of("vendor", &GpuSpec::vendor).sql("NOT NULL").required(),
        of("name", &GpuSpec::name).sql("NOT NULL").required(),
        of("architecture", &GpuSpec::architecture),
        of("form_factor", &GpuSpec::formFactor),
        of("memory_gb", &GpuSpec::memoryGb).sql("NOT NULL CHECK (memory_gb >= 0)").required(),
        of("memory_type", &GpuSpec::memoryType),
        of("memory_bandwidth_gbps", &GpuSpec::memoryBandwidthGBps)
            .sql("NOT NULL CHECK (memory_bandwidth_gbps >= 0)")
            .required(),
        of("fp32_tflops", &GpuSpec::fp32Tflops),
        of("tf32_tflops", &GpuSpec::tf32Tflops).csv("tf32_tflops_dense"),
        of("fp16_tflops", &GpuSpec::fp16Tflops).csv("fp16_tflops_dense"),
        of("bf16_tflops", &GpuSpec::bf16Tflops).csv("bf16_tflops_dense"),
        of("fp8_tflops", &GpuSpec::fp8Tflops).csv("fp8_tflops_dense"),
        of("int8_tops", &GpuSpec::int8Tops).csv("int8_tops_dense"),
        of("int4_tops", &GpuSpec::int4Tops).csv("int4_tops_dense"),
        of("fp4_tflops", &GpuSpec::fp4Tflops).csv("fp4_tflops_dense"),
        of("sm_count", &GpuSpec::smCount),
        of("boost_clock_mhz", &GpuSpec::boostClockMhz),
        of("l2_cache_mb", &GpuSpec::l2CacheMb),
        of("tdp_w", &GpuSpec::tdpW),
        of("interconnect", &GpuSpec::interconnect),
        of("interconnect_gbps", &GpuSpec::interconnectGBps).csv("interconnect_gbps_per_gpu"),
        of("pcie_gen", &GpuSpec::pcieGen),
        of("mig_max_instances", &GpuSpec::migMaxInstances),
        of("release_year", &GpuSpec::releaseYear),
        source(&GpuSpec::source),
        // CPU hosts described in the same terms (optional columns, not in the seed file).
        of("is_cpu", &GpuSpec::isCpu).sql("NOT NULL DEFAULT 0").addedIn(2),
        of("cpu_cores", &GpuSpec::cpuCores).addedIn(2),
        of("user_entered", &GpuSpec::userEntered).noCsv().sql("NOT NULL DEFAULT 0").addedIn(2),
    };
    return table;
}

const std::vector<CatalogField<MigProfile>>& migProfileFields() {
    static const std::vector<CatalogField<MigProfile>> table{
        of("gpu_id", &MigProfile::gpuId).sql("NOT NULL REFERENCES gpus(id) ON DELETE CASCADE").required(),
        of("profile", &MigProfile::profile).sql("NOT NULL").required(),
        of("instances_max", &MigProfile::instancesMax).sql("NOT NULL").required(),
        of("memory_gb", &MigProfile::memoryGb).sql("NOT NULL").required(),
        of("compute_fraction", &MigProfile::computeFraction)
            .sql("NOT NULL CHECK (compute_fraction > 0 AND compute_fraction <= 1)")
            .required(),
    };
    return table;
}

const std::vector<CatalogField<ModelSpec>>& modelFields() {
    static const std::vector<CatalogField<ModelSpec>> table{
        of("id", &ModelSpec::id).csv("model_id").sql("PRIMARY KEY").required(),
        of("family", &ModelSpec::family).columnRequired(),
        of("name", &ModelSpec::name).sql("NOT NULL").required(),
        of("hf_repo", &ModelSpec::hfRepo),
        of("params_b", &ModelSpec::paramsB).sql("NOT NULL").required(),
        // An empty cell means "all parameters are active" (CatalogCsv fills it in).
        of("active_params_b", &ModelSpec::activeParamsB).sql("NOT NULL"),
        of("architecture", &ModelSpec::architecture),
        of("num_layers", &ModelSpec::numLayers).sql("NOT NULL").required(),
        of("hidden_size", &ModelSpec::hiddenSize).sql("NOT NULL").required(),
        of("intermediate_size", &ModelSpec::intermediateSize),
        of("num_attention_heads", &ModelSpec::numAttentionHeads).sql("NOT NULL").required(),
        of("num_kv_heads", &ModelSpec::numKvHeads).sql("NOT NULL").required(),
        of("head_dim", &ModelSpec::headDim).sql("NOT NULL").required(),
        of("vocab_size", &ModelSpec::vocabSize).sql("NOT NULL").required(),
        of("max_position_embeddings", &ModelSpec::maxPositionEmbeddings),
        of("tie_embeddings", &ModelSpec::tieEmbeddings).sql("NOT NULL DEFAULT 0"),
        named("attention_type", &ModelSpec::attention, attentionName, parseAttention, "MHA, GQA, MQA or MLA")
            .sql("NOT NULL CHECK (attention_type IN ('MHA','GQA','MQA','MLA'))")
            .columnRequired(),
        of("kv_lora_rank", &ModelSpec::kvLoraRank),
        of("q_lora_rank", &ModelSpec::qLoraRank),
        of("qk_rope_head_dim", &ModelSpec::qkRopeHeadDim),
        of("qk_nope_head_dim", &ModelSpec::qkNopeHeadDim),
        of("v_head_dim", &ModelSpec::vHeadDim),
        of("num_experts", &ModelSpec::numExperts),
        of("num_experts_per_tok", &ModelSpec::numExpertsPerTok),
        of("num_shared_experts", &ModelSpec::numSharedExperts),
        of("moe_intermediate_size", &ModelSpec::moeIntermediateSize),
        of("first_k_dense_layers", &ModelSpec::firstKDenseLayers),
        of("native_dtype", &ModelSpec::nativeDtype),
        source(&ModelSpec::source),
        of("user_entered", &ModelSpec::userEntered).noCsv().sql("NOT NULL DEFAULT 0").addedIn(2),
    };
    return table;
}

const std::vector<CatalogField<InstanceSpec>>& instanceFields() {
    static const std::vector<CatalogField<InstanceSpec>> table{
        of("provider_id", &InstanceSpec::provider).csv("provider").sql("NOT NULL").required(),
        of("region_id", &InstanceSpec::region).csv("region").sql("NOT NULL").required(),
        of("instance_type", &InstanceSpec::instanceType).sql("NOT NULL").required(),
        of("gpu_name", &InstanceSpec::gpuName).sql("NOT NULL DEFAULT ''").columnRequired(),
        of("gpu_id", &InstanceSpec::gpuId).sql("REFERENCES gpus(id)").columnRequired(),
        of("gpu_count", &InstanceSpec::gpuCount).sql("NOT NULL CHECK (gpu_count >= 0)").required(),
        of("gpu_memory_gb_each", &InstanceSpec::gpuMemoryGbEach).columnRequired(),
        of("vcpus", &InstanceSpec::vcpus).columnRequired(),
        of("memory_gib", &InstanceSpec::memoryGib).columnRequired(),
        of("interconnect", &InstanceSpec::interconnect).sql("NOT NULL DEFAULT ''").columnRequired(),
        source(&InstanceSpec::source).columnRequired(),
        of("user_entered", &InstanceSpec::userEntered).noCsv().sql("NOT NULL DEFAULT 0").addedIn(2),
        // Not in instances.csv: the provider `onprem` makes a machine on-premises.
        of("on_prem", &InstanceSpec::onPrem).noCsv().sql("NOT NULL DEFAULT 0").addedIn(2),
    };
    return table;
}

const std::vector<CatalogField<Price>>& priceFields() {
    // Version 3 rebuilt the prices table (the price book); its columns all date from then.
    static const std::vector<CatalogField<Price>> table{
        named(
            "plan", &Price::plan, [](PricingPlan p) { return toString(p); }, parsePricingPlan, pricingPlanNames(", "))
            .sql("NOT NULL CHECK (plan IN (" + quotedNames(allPricingPlans()) + "))")
            .required()
            .addedIn(3),
        named(
            "upfront", &Price::upfront, [](Upfront u) { return toString(u); }, parseUpfront, "none, partial or all")
            .sql("NOT NULL DEFAULT 'none' CHECK (upfront IN (" + quotedNames(allUpfronts()) + "))")
            .addedIn(3),
        of("amount", &Price::amount).csv("price").sql("NOT NULL CHECK (amount >= 0)").required().addedIn(3),
        of("upfront_amount", &Price::upfrontAmount).sql("NOT NULL DEFAULT 0 CHECK (upfront_amount >= 0)").addedIn(3),
        of("currency", &Price::currency).sql("NOT NULL").required().addedIn(3),
        named("unit", &Price::unit, unitName, parseUnit, "hour or month")
            .sql("NOT NULL CHECK (unit IN ('hour','month'))")
            .required()
            .addedIn(3),
        of("effective_date", &Price::effectiveDate).sql("NOT NULL DEFAULT ''").columnRequired().addedIn(3),
        of("fetched_at", &Price::fetchedAt).sql("NOT NULL DEFAULT ''").addedIn(3),
        source(&Price::source).columnRequired().addedIn(3),
        of("user_entered", &Price::userEntered).sql("NOT NULL DEFAULT 0").addedIn(3),
    };
    return table;
}

const std::vector<CatalogField<FxRate>>& fxRateFields() {
    static const std::vector<CatalogField<FxRate>> table{
        of("currency", &FxRate::currency).sql("NOT NULL").required(),
        of("usd_per_unit", &FxRate::usdPerUnit).sql("NOT NULL CHECK (usd_per_unit > 0)").required(),
        of("date", &FxRate::date).sql("NOT NULL DEFAULT ''").columnRequired(),
        source(&FxRate::source),
    };
    return table;
}

} // namespace serveplan
