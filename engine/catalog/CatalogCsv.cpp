#include "catalog/CatalogCsv.h"

#include "catalog/CatalogFields.h"

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

    /// A non-negative number, or nullopt for an empty cell (and for a bad one, which is reported).
    std::optional<double> optionalNumber(std::string_view column) {
        const std::string_view value = m_table.field(m_row, column);
        if (value.empty())
            return std::nullopt;
        std::string error;
        const FieldValue number = parseCell(FieldType::Real, column, false, value, error);
        if (!error.empty())
            fail(error);
        return std::get<double>(number);
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
    // The machine's fields, then the wide file's price columns, currency and price date.
    static const std::vector<std::string_view> columns = [] {
        std::vector<std::string_view> names = requiredCsvColumns(instanceFields());
        for (const auto& [plan, column] : kPriceColumns)
            names.push_back(column);
        names.push_back("currency");
        names.push_back("price_date");
        return names;
    }();
    return columns;
}

namespace {

/// The loop every catalog table shares: the header's required columns, then each row read through
/// its field table and handed to `check` (duplicates, ranges, derived fields), errors collected by line.
template <typename T, typename Fields, typename Check>
Result<std::vector<T>> parseRows(const CsvTable& table, const Fields& fields,
                                 const std::vector<std::string_view>& required, Check check) {
    std::vector<std::string> errors;
    std::vector<T> items;
    if (!requireColumns(table, required, errors))
        return Error{joinLines(errors)};
    for (const CsvRow& row : table.rows) {
        RowReader r(table, row, errors);
        if (!r.widthOk())
            continue;
        T item;
        readCsvFields(fields, table, row, item, errors);
        check(r, item);
        items.push_back(std::move(item));
    }
    return finish(std::move(items), errors);
}

} // namespace

Result<std::vector<GpuSpec>> CatalogCsv::parseGpus(const CsvTable& table) {
    std::set<std::string> seen;
    return parseRows<GpuSpec>(table, gpuFields(), requiredCsvColumns(gpuFields()), [&](RowReader& r, GpuSpec& g) {
        if (!g.id.empty() && !seen.insert(g.id).second)
            r.fail("gpu_id: duplicate id '" + g.id + "'");
    });
}

Result<std::vector<ModelSpec>> CatalogCsv::parseModels(const CsvTable& table) {
    std::set<std::string> seen;
    return parseRows<ModelSpec>(table, modelFields(), requiredCsvColumns(modelFields()),
                                [&](RowReader& r, ModelSpec& m) {
                                    if (!m.id.empty() && !seen.insert(m.id).second)
                                        r.fail("model_id: duplicate id '" + m.id + "'");
                                    if (r.text("active_params_b").empty())
                                        m.activeParamsB = m.paramsB; // a dense model: every parameter is active
                                });
}

Result<std::vector<MigProfile>> CatalogCsv::parseMigProfiles(const CsvTable& table) {
    std::set<std::pair<std::string, std::string>> seen;
    return parseRows<MigProfile>(
        table, migProfileFields(), requiredCsvColumns(migProfileFields()), [&](RowReader& r, MigProfile& p) {
            if (!seen.insert({p.gpuId, p.profile}).second)
                r.fail("profile: duplicate profile '" + p.profile + "' for GPU '" + p.gpuId + "'");
            if (p.computeFraction > 1)
                r.fail("compute_fraction: expected a share between 0 and 1, got '" + r.text("compute_fraction") + "'");
        });
}

Result<std::vector<InstanceSpec>> CatalogCsv::parseInstances(const CsvTable& table) {
    std::set<std::string> seen;
    return parseRows<InstanceSpec>(table, instanceFields(), instanceColumns(), [&](RowReader& r, InstanceSpec& s) {
        if (!seen.insert(s.key()).second)
            r.fail("duplicate instance " + s.key());
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
    });
}

Result<std::vector<FxRate>> CatalogCsv::parseFxRates(const CsvTable& table) {
    std::set<std::pair<std::string, std::string>> seen;
    return parseRows<FxRate>(table, fxRateFields(), requiredCsvColumns(fxRateFields()), [&](RowReader& r, FxRate& f) {
        if (!isCurrencyCode(f.currency))
            r.fail("currency: expected a three-letter code such as USD, got '" + f.currency + "'");
        if (f.usdPerUnit <= 0 && !r.text("usd_per_unit").empty())
            r.fail("usd_per_unit: expected a positive rate");
        if (!seen.insert({f.currency, f.date}).second)
            r.fail("duplicate rate for " + f.currency + " on '" + f.date + "'");
    });
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
