#include "catalog/CatalogCsv.h"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace serveplan {

namespace {

// Reads typed fields of one row and collects `file:line: column: reason` messages.
class RowReader {
public:
    RowReader(const CsvTable& table, const CsvRow& row, std::vector<std::string>& errors)
        : m_table(table)
        , m_row(row)
        , m_errors(errors) {}

    bool widthOk() {
        if (m_row.fields.size() == m_table.header.size())
            return true;
        fail("expected " + std::to_string(m_table.header.size()) + " fields as in the header, found " +
             std::to_string(m_row.fields.size()));
        return false;
    }

    std::string text(std::string_view column, bool required = false) {
        const std::string_view value = m_table.field(m_row, column);
        if (required && value.empty())
            fail(std::string(column) + ": empty, expected a value");
        return std::string(value);
    }

    /// An optional number; empty gives `fallback`. Negative values are refused unless allowed.
    double number(std::string_view column, double fallback = 0, bool required = false, bool allowNegative = false) {
        const std::string_view value = m_table.field(m_row, column);
        if (value.empty()) {
            if (required)
                fail(std::string(column) + ": empty, expected a number");
            return fallback;
        }
        const auto parsed = CatalogCsv::parseNumber(value);
        if (!parsed) {
            fail(std::string(column) + ": expected a finite number, got '" + std::string(value) + "'");
            return fallback;
        }
        if (*parsed < 0 && !allowNegative) {
            fail(std::string(column) + ": expected a non-negative number, got '" + std::string(value) + "'");
            return fallback;
        }
        return *parsed;
    }

    std::optional<double> optionalNumber(std::string_view column) {
        if (m_table.field(m_row, column).empty())
            return std::nullopt;
        return number(column);
    }

    int integer(std::string_view column, bool required = false) {
        const std::string_view value = m_table.field(m_row, column);
        if (value.empty()) {
            if (required)
                fail(std::string(column) + ": empty, expected a whole number");
            return 0;
        }
        const auto parsed = CatalogCsv::parseInteger(value);
        if (!parsed || *parsed < 0 || *parsed > 2'000'000'000) {
            fail(std::string(column) + ": expected a non-negative whole number, got '" + std::string(value) + "'");
            return 0;
        }
        return static_cast<int>(*parsed);
    }

    bool boolean(std::string_view column) {
        const std::string_view value = m_table.field(m_row, column);
        if (value == "true")
            return true;
        if (value.empty() || value == "false")
            return false;
        fail(std::string(column) + ": expected true or false, got '" + std::string(value) + "'");
        return false;
    }

    void fail(const std::string& reason) { m_errors.push_back(m_table.where(m_row) + reason); }

private:
    const CsvTable& m_table;
    const CsvRow& m_row;
    std::vector<std::string>& m_errors;
};

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
        if (!out.empty())
            out += '\n';
        out += line;
    }
    return out;
}

/// Checks the header first: a file without a required column gives one clear message.
bool requireColumns(const CsvTable& table, const std::vector<std::string_view>& required,
                    std::vector<std::string>& errors) {
    const auto missing = table.missingColumns(required);
    for (const std::string& name : missing)
        errors.push_back(table.sourceName + ":1: missing column '" + name + "'");
    return missing.empty();
}

template <typename T>
Result<std::vector<T>> finish(std::vector<T> items, const std::vector<std::string>& errors) {
    if (!errors.empty())
        return Error{joinLines(errors)};
    return items;
}

constexpr std::array<std::pair<PricingPlan, std::string_view>, 5> kPriceColumns{{
    {PricingPlan::OnDemand, "price_on_demand_per_hour"},
    {PricingPlan::Spot, "price_spot_per_hour"},
    {PricingPlan::Reserved1y, "price_reserved_1y_per_hour"},
    {PricingPlan::Reserved3y, "price_reserved_3y_per_hour"},
    {PricingPlan::SubscriptionMonth, "price_monthly_subscription"},
}};

AttentionType parseAttention(std::string_view text, RowReader& reader) {
    if (text == "MHA")
        return AttentionType::MHA;
    if (text == "GQA")
        return AttentionType::GQA;
    if (text == "MQA")
        return AttentionType::MQA;
    if (text == "MLA")
        return AttentionType::MLA;
    reader.fail("attention_type: expected MHA, GQA, MQA or MLA, got '" + std::string(text) + "'");
    return AttentionType::GQA;
}

Result<CsvTable> parseText(const std::string& text, std::string_view name) {
    return CsvReader::parse(text, name);
}

} // namespace

std::optional<double> CatalogCsv::parseNumber(std::string_view text) {
    if (text.empty() || text.front() == '+')
        return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<long long> CatalogCsv::parseInteger(std::string_view text) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

bool CatalogCsv::isCurrencyCode(std::string_view text) {
    if (text.size() != 3)
        return false;
    for (char c : text)
        if (c < 'A' || c > 'Z')
            return false;
    return true;
}

std::string_view CatalogCsv::priceColumn(PricingPlan plan) {
    for (const auto& [value, column] : kPriceColumns)
        if (value == plan)
            return column;
    return {}; // the plans added with the price book (savings plans, committed use, …) have no column
}

PriceUnit CatalogCsv::unitOf(PricingPlan plan) {
    // Subscriptions are quoted per month (a year's subscription as its effective month, with the
    // year's payment as the upfront part); every other plan per hour.
    return plan == PricingPlan::SubscriptionMonth || plan == PricingPlan::SubscriptionYear ? PriceUnit::Month
                                                                                           : PriceUnit::Hour;
}

const std::vector<std::string_view>& CatalogCsv::instanceColumns() {
    static const std::vector<std::string_view> columns{"provider",
                                                       "instance_type",
                                                       "region",
                                                       "gpu_name",
                                                       "gpu_id",
                                                       "gpu_count",
                                                       "gpu_memory_gb_each",
                                                       "vcpus",
                                                       "memory_gib",
                                                       "interconnect",
                                                       "price_on_demand_per_hour",
                                                       "price_spot_per_hour",
                                                       "price_reserved_1y_per_hour",
                                                       "price_reserved_3y_per_hour",
                                                       "price_monthly_subscription",
                                                       "currency",
                                                       "price_date",
                                                       "source"};
    return columns;
}

Result<std::vector<GpuSpec>> CatalogCsv::parseGpus(const CsvTable& table) {
    std::vector<std::string> errors;
    std::vector<GpuSpec> gpus;
    if (!requireColumns(table, {"gpu_id", "vendor", "name", "memory_gb", "memory_bandwidth_gbps"}, errors))
        return Error{joinLines(errors)};
    std::set<std::string> seen;
    for (const CsvRow& row : table.rows) {
        RowReader r(table, row, errors);
        if (!r.widthOk())
            continue;
        GpuSpec g;
        g.id = r.text("gpu_id", true);
        if (!g.id.empty() && !seen.insert(g.id).second)
            r.fail("gpu_id: duplicate id '" + g.id + "'");
        g.vendor = r.text("vendor", true);
        g.name = r.text("name", true);
        g.architecture = r.text("architecture");
        g.formFactor = r.text("form_factor");
        g.memoryGb = r.number("memory_gb", 0, true);
        g.memoryType = r.text("memory_type");
        g.memoryBandwidthGBps = r.number("memory_bandwidth_gbps", 0, true);
        g.fp32Tflops = r.number("fp32_tflops");
        g.tf32Tflops = r.number("tf32_tflops_dense");
        g.fp16Tflops = r.number("fp16_tflops_dense");
        g.bf16Tflops = r.number("bf16_tflops_dense");
        g.fp8Tflops = r.number("fp8_tflops_dense");
        g.int8Tops = r.number("int8_tops_dense");
        g.int4Tops = r.number("int4_tops_dense");
        g.fp4Tflops = r.number("fp4_tflops_dense");
        g.smCount = r.integer("sm_count");
        g.boostClockMhz = r.number("boost_clock_mhz");
        g.l2CacheMb = r.number("l2_cache_mb");
        g.tdpW = r.number("tdp_w");
        g.interconnect = r.text("interconnect");
        g.interconnectGBps = r.number("interconnect_gbps_per_gpu");
        g.pcieGen = r.integer("pcie_gen");
        g.migMaxInstances = r.integer("mig_max_instances");
        g.releaseYear = r.integer("release_year");
        g.source = r.text("source");
        // Optional columns for CPU hosts described in the same terms (not in the seed file).
        g.isCpu = r.boolean("is_cpu");
        g.cpuCores = r.integer("cpu_cores");
        gpus.push_back(std::move(g));
    }
    return finish(std::move(gpus), errors);
}

Result<std::vector<ModelSpec>> CatalogCsv::parseModels(const CsvTable& table) {
    std::vector<std::string> errors;
    std::vector<ModelSpec> models;
    if (!requireColumns(table,
                        {"model_id", "family", "name", "params_b", "num_layers", "hidden_size", "num_attention_heads",
                         "num_kv_heads", "head_dim", "vocab_size", "attention_type"},
                        errors))
        return Error{joinLines(errors)};
    std::set<std::string> seen;
    for (const CsvRow& row : table.rows) {
        RowReader r(table, row, errors);
        if (!r.widthOk())
            continue;
        ModelSpec m;
        m.id = r.text("model_id", true);
        if (!m.id.empty() && !seen.insert(m.id).second)
            r.fail("model_id: duplicate id '" + m.id + "'");
        m.family = r.text("family");
        m.name = r.text("name", true);
        m.hfRepo = r.text("hf_repo");
        m.paramsB = r.number("params_b", 0, true);
        m.activeParamsB = r.number("active_params_b", m.paramsB);
        m.architecture = r.text("architecture");
        m.numLayers = r.integer("num_layers", true);
        m.hiddenSize = r.integer("hidden_size", true);
        m.intermediateSize = r.integer("intermediate_size");
        m.numAttentionHeads = r.integer("num_attention_heads", true);
        m.numKvHeads = r.integer("num_kv_heads", true);
        m.headDim = r.integer("head_dim", true);
        m.vocabSize = r.integer("vocab_size", true);
        m.maxPositionEmbeddings = r.integer("max_position_embeddings");
        m.tieEmbeddings = r.boolean("tie_embeddings");
        m.attention = parseAttention(table.field(row, "attention_type"), r);
        m.kvLoraRank = r.integer("kv_lora_rank");
        m.qLoraRank = r.integer("q_lora_rank");
        m.qkRopeHeadDim = r.integer("qk_rope_head_dim");
        m.qkNopeHeadDim = r.integer("qk_nope_head_dim");
        m.vHeadDim = r.integer("v_head_dim");
        m.numExperts = r.integer("num_experts");
        m.numExpertsPerTok = r.integer("num_experts_per_tok");
        m.numSharedExperts = r.integer("num_shared_experts");
        m.moeIntermediateSize = r.integer("moe_intermediate_size");
        m.firstKDenseLayers = r.integer("first_k_dense_layers");
        m.nativeDtype = r.text("native_dtype");
        m.source = r.text("source");
        models.push_back(std::move(m));
    }
    return finish(std::move(models), errors);
}

Result<std::vector<MigProfile>> CatalogCsv::parseMigProfiles(const CsvTable& table) {
    std::vector<std::string> errors;
    std::vector<MigProfile> profiles;
    if (!requireColumns(table, {"gpu_id", "profile", "instances_max", "memory_gb", "compute_fraction"}, errors))
        return Error{joinLines(errors)};
    std::set<std::pair<std::string, std::string>> seen;
    for (const CsvRow& row : table.rows) {
        RowReader r(table, row, errors);
        if (!r.widthOk())
            continue;
        MigProfile p;
        p.gpuId = r.text("gpu_id", true);
        p.profile = r.text("profile", true);
        if (!seen.insert({p.gpuId, p.profile}).second)
            r.fail("profile: duplicate profile '" + p.profile + "' for GPU '" + p.gpuId + "'");
        p.instancesMax = r.integer("instances_max", true);
        p.memoryGb = r.number("memory_gb", 0, true);
        p.computeFraction = r.number("compute_fraction", 0, true);
        if (p.computeFraction > 1)
            r.fail("compute_fraction: expected a share between 0 and 1, got '" +
                   std::string(table.field(row, "compute_fraction")) + "'");
        profiles.push_back(std::move(p));
    }
    return finish(std::move(profiles), errors);
}

Result<std::vector<InstanceSpec>> CatalogCsv::parseInstances(const CsvTable& table) {
    std::vector<std::string> errors;
    std::vector<InstanceSpec> instances;
    if (!requireColumns(table, instanceColumns(), errors))
        return Error{joinLines(errors)};
    std::set<std::string> seen;
    for (const CsvRow& row : table.rows) {
        RowReader r(table, row, errors);
        if (!r.widthOk())
            continue;
        InstanceSpec s;
        s.provider = r.text("provider", true);
        s.instanceType = r.text("instance_type", true);
        s.region = r.text("region", true);
        if (!seen.insert(s.key()).second)
            r.fail("duplicate instance " + s.key());
        s.gpuName = r.text("gpu_name");
        s.gpuId = r.text("gpu_id");
        s.gpuCount = r.number("gpu_count", 0, true);
        s.gpuMemoryGbEach = r.number("gpu_memory_gb_each");
        s.vcpus = r.integer("vcpus");
        s.memoryGib = r.number("memory_gib");
        s.interconnect = r.text("interconnect");
        s.source = r.text("source");
        s.onPrem = s.provider == "onprem";
        const std::string currency = r.text("currency");
        const std::string date = r.text("price_date");
        for (const auto& [plan, column] : kPriceColumns) {
            const auto amount = r.optionalNumber(column);
            if (!amount)
                continue; // an absent price stays absent, never 0
            if (!isCurrencyCode(currency))
                r.fail("currency: expected a three-letter code such as USD, got '" + currency + "'");
            s.prices.push_back(Price{plan, *amount, currency, unitOf(plan), date, s.source, false});
        }
        instances.push_back(std::move(s));
    }
    return finish(std::move(instances), errors);
}

Result<std::vector<FxRate>> CatalogCsv::parseFxRates(const CsvTable& table) {
    std::vector<std::string> errors;
    std::vector<FxRate> rates;
    if (!requireColumns(table, {"currency", "usd_per_unit", "date"}, errors))
        return Error{joinLines(errors)};
    std::set<std::pair<std::string, std::string>> seen;
    for (const CsvRow& row : table.rows) {
        RowReader r(table, row, errors);
        if (!r.widthOk())
            continue;
        FxRate f;
        f.currency = r.text("currency", true);
        if (!isCurrencyCode(f.currency))
            r.fail("currency: expected a three-letter code such as USD, got '" + f.currency + "'");
        f.usdPerUnit = r.number("usd_per_unit", 0, true);
        if (f.usdPerUnit <= 0 && !table.field(row, "usd_per_unit").empty())
            r.fail("usd_per_unit: expected a positive rate");
        f.date = r.text("date");
        f.source = r.text("source");
        if (!seen.insert({f.currency, f.date}).second)
            r.fail("duplicate rate for " + f.currency + " on '" + f.date + "'");
        rates.push_back(std::move(f));
    }
    return finish(std::move(rates), errors);
}

namespace {

template <typename T>
bool take(Result<std::vector<T>> parsed, std::vector<T>& into, std::vector<std::string>& errors) {
    if (!parsed) {
        errors.push_back(parsed.error());
        return false;
    }
    into = std::move(parsed).value();
    return true;
}

template <typename T, typename Parse>
void parseFile(const std::string& text, std::string_view name, Parse parse, std::vector<T>& into,
               std::vector<std::string>& errors) {
    auto table = parseText(text, name);
    if (!table) {
        errors.push_back(table.error());
        return;
    }
    take(parse(*table), into, errors);
}

void checkReferences(const Catalog& catalog, std::vector<std::string>& errors) {
    for (const MigProfile& p : catalog.migProfiles)
        if (!catalog.gpu(p.gpuId))
            errors.push_back("mig_profiles.csv: profile " + p.profile + " names unknown GPU '" + p.gpuId + "'");
    for (const InstanceSpec& s : catalog.instances) {
        if (!s.gpuId.empty() && !catalog.gpu(s.gpuId))
            errors.push_back("instances.csv: " + s.key() + " names unknown GPU '" + s.gpuId + "'");
        for (const Price& price : s.prices)
            if (!catalog.fxRate(price.currency)) {
                errors.push_back("instances.csv: " + s.key() + " is priced in " + price.currency +
                                 ", which has no rate in fx_rates.csv");
                break;
            }
    }
}

} // namespace

Result<Catalog> CatalogCsv::parseCatalog(const CatalogCsvTexts& texts) {
    Catalog catalog;
    std::vector<std::string> errors;
    parseFile(texts.gpus, "gpus.csv", &CatalogCsv::parseGpus, catalog.gpus, errors);
    parseFile(texts.migProfiles, "mig_profiles.csv", &CatalogCsv::parseMigProfiles, catalog.migProfiles, errors);
    parseFile(texts.models, "models.csv", &CatalogCsv::parseModels, catalog.models, errors);
    parseFile(texts.instances, "instances.csv", &CatalogCsv::parseInstances, catalog.instances, errors);
    parseFile(texts.fxRates, "fx_rates.csv", &CatalogCsv::parseFxRates, catalog.fxRates, errors);
    if (errors.empty())
        checkReferences(catalog, errors);
    if (!errors.empty())
        return Error{joinLines(errors)};
    return catalog;
}

Result<Catalog> CatalogCsv::loadDirectory(const std::string& directory) {
    CatalogCsvTexts texts;
    const std::array<std::pair<const char*, std::string*>, 5> files{{{"gpus.csv", &texts.gpus},
                                                                     {"mig_profiles.csv", &texts.migProfiles},
                                                                     {"models.csv", &texts.models},
                                                                     {"instances.csv", &texts.instances},
                                                                     {"fx_rates.csv", &texts.fxRates}}};
    for (const auto& [name, text] : files) {
        const std::string path = directory + "/" + name;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return Error{path + ": cannot open for reading"};
        std::ostringstream buffer;
        buffer << in.rdbuf();
        *text = buffer.str();
    }
    return parseCatalog(texts);
}

} // namespace serveplan
