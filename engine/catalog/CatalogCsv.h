#pragma once
// Reads the seed CSV files (resources/data: gpus.csv, models.csv, mig_profiles.csv, instances.csv,
// fx_rates.csv) into the plain catalog structs, field by field as CatalogFields declares them. Every
// error names `file:line:` and the column.
#include "catalog/Catalog.h"
#include "common/CsvReader.h"
#include "common/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// The text of each seed file, with the name used in messages.
struct CatalogCsvTexts {
    std::string gpus, migProfiles, models, instances, fxRates;
};

class CatalogCsv final {
public:
    static Result<std::vector<GpuSpec>> parseGpus(const CsvTable& table);
    static Result<std::vector<ModelSpec>> parseModels(const CsvTable& table);
    static Result<std::vector<MigProfile>> parseMigProfiles(const CsvTable& table);
    /// instances.csv: one `Price` per non-empty price column (empty = absent, never 0);
    /// `price_monthly_subscription` is a per-month price, the others per hour.
    static Result<std::vector<InstanceSpec>> parseInstances(const CsvTable& table);
    static Result<std::vector<FxRate>> parseFxRates(const CsvTable& table);

    /// Parses all five texts and checks the references between them (MIG and instance GPUs exist,
    /// every price currency has an FX rate, keys are unique).
    static Result<Catalog> parseCatalog(const CatalogCsvTexts& texts);
    /// Reads the five files from a directory (e.g. resources/data).
    static Result<Catalog> loadDirectory(const std::string& directory);

    /// The columns instances.csv must have: the machine's (instanceFields()), the price columns,
    /// currency and price_date.
    static const std::vector<std::string_view>& instanceColumns();
    /// The instances.csv price column of a plan (`price_on_demand_per_hour`, ...); empty for a plan the
    /// wide seed file has no column for (those come through `db import-prices` or a fetch).
    static std::string_view priceColumn(PricingPlan plan);
    /// The unit a plan is quoted in by instances.csv (subscription per month, the rest per hour).
    static PriceUnit unitOf(PricingPlan plan);

    /// Field parsers shared with other readers: strict, no trailing text, finite values only.
    static std::optional<double> parseNumber(std::string_view text);
    static std::optional<long long> parseInteger(std::string_view text);
    /// An ISO 4217-like code: three upper-case ASCII letters.
    static bool isCurrencyCode(std::string_view text);
};

} // namespace serveplan
