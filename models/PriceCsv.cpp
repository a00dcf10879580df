#include "PriceCsv.h"

#include "common/CsvReader.h"
#include "spec/CatalogCsv.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

QString fromStd(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// Collects `FILE:LINE: reason` problems for one row.
class RowCheck {
public:
    RowCheck(const CsvTable& table, const CsvRow& row, QStringList& problems)
        : m_table(table)
        , m_row(row)
        , m_problems(problems) {}

    void fail(const QString& reason) {
        m_problems << fromStd(m_table.where(m_row)) + reason;
        m_failed = true;
    }
    bool failed() const { return m_failed; }
    QString text(std::string_view column) const { return fromStd(m_table.field(m_row, column)); }

    /// A number >= 0; `std::nullopt` for an empty cell (unless required) or a bad one (reported).
    std::optional<double> number(std::string_view column, bool required) {
        const std::string_view value = m_table.field(m_row, column);
        if (value.empty()) {
            if (required)
                fail(fromStd(column) + u": empty, expected a number"_s);
            return std::nullopt;
        }
        const auto parsed = CatalogCsv::parseNumber(value);
        if (!parsed) {
            const bool nonFinite = fromStd(value).contains(u"inf"_s, Qt::CaseInsensitive) ||
                                   fromStd(value).contains(u"nan"_s, Qt::CaseInsensitive);
            fail(fromStd(column) +
                 (nonFinite ? u": expected a finite number, got '%1'"_s : u": expected a number, got '%1'"_s)
                     .arg(fromStd(value)));
            return std::nullopt;
        }
        if (*parsed < 0) {
            fail(fromStd(column) + u": negative value %1, expected 0 or more"_s.arg(fromStd(value)));
            return std::nullopt;
        }
        return parsed;
    }

private:
    const CsvTable& m_table;
    const CsvRow& m_row;
    QStringList& m_problems;
    bool m_failed = false;
};

bool checkColumns(const CsvTable& table, const std::vector<std::string_view>& required, QStringList& problems) {
    const auto missing = table.missingColumns(required);
    for (const std::string& name : missing)
        problems << fromStd(table.sourceName) + u":1: missing column '%1'"_s.arg(fromStd(name));
    return missing.empty();
}

bool widthOk(const CsvTable& table, const CsvRow& row, QStringList& problems) {
    if (row.fields.size() == table.header.size())
        return true;
    problems << fromStd(table.where(row)) +
                    u"expected %1 fields as in the header, found %2"_s.arg(table.header.size()).arg(row.fields.size());
    return false;
}

bool validDate(const QString& text) {
    static const QRegularExpression iso(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    return text.isEmpty() || (iso.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid());
}

void checkCurrency(RowCheck& check, const std::string& currency, const PriceLookups& lookups) {
    if (lookups.currencies.count(currency))
        return;
    QStringList known;
    for (const std::string& c : lookups.currencies)
        known << fromStd(c);
    check.fail(u"currency: unknown currency '%1' (the database has FX rates for %2)"_s.arg(fromStd(currency),
                                                                                           known.join(u", "_s)));
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;

/// Remembers the first line of each key; reports a repeat naming both lines.
void checkDuplicate(std::map<Key, std::size_t>& seen, Key key, std::size_t line, RowCheck& check, const QString& what) {
    const auto [it, inserted] = seen.emplace(std::move(key), line);
    if (!inserted)
        check.fail(u"duplicate %1 (first on line %2)"_s.arg(what).arg(it->second));
}

// --- serveplan long format -------------------------------------------------------------------------

void readServePlan(const CsvTable& table, const PriceLookups& lookups, PriceParseResult& out) {
    if (!checkColumns(table,
                      {"provider", "instance_type", "region", "gpu_name", "gpu_id", "gpu_count", "plan", "price",
                       "currency", "unit", "effective_date", "source"},
                      out.problems))
        return;
    std::map<Key, std::size_t> seen;
    for (const CsvRow& row : table.rows) {
        if (!widthOk(table, row, out.problems))
            continue;
        RowCheck check(table, row, out.problems);
        PriceRecord r;
        r.line = row.line;
        InstanceSpec& s = r.instance;
        s.provider = std::string(table.field(row, "provider"));
        s.instanceType = std::string(table.field(row, "instance_type"));
        s.region = std::string(table.field(row, "region"));
        for (const auto& [column, value] :
             {std::pair{"provider", &s.provider}, std::pair{"instance_type", &s.instanceType},
              std::pair{"region", &s.region}})
            if (value->empty())
                check.fail(fromStd(column) + u": empty, expected a value"_s);
        s.onPrem = s.provider == "onprem";
        s.gpuName = std::string(table.field(row, "gpu_name"));
        s.gpuId = std::string(table.field(row, "gpu_id"));
        s.gpuCount = check.number("gpu_count", true).value_or(0);
        s.gpuMemoryGbEach = check.number("gpu_memory_gb_each", false).value_or(0);
        const double vcpus = check.number("vcpus", false).value_or(0);
        if (vcpus != std::floor(vcpus))
            check.fail(u"vcpus: expected a whole number, got '%1'"_s.arg(check.text("vcpus")));
        s.vcpus = static_cast<int>(vcpus);
        s.memoryGib = check.number("memory_gib", false).value_or(0);
        s.interconnect = std::string(table.field(row, "interconnect"));
        if (!s.gpuId.empty() && !lookups.gpuIds.count(s.gpuId))
            check.fail(u"gpu_id: unknown GPU '%1' (not in the catalog's GPUs)"_s.arg(fromStd(s.gpuId)));
        else if (s.gpuId.empty() && !s.gpuName.empty() &&
                 !lookups.gpuIdByLowerName.count(fromStd(s.gpuName).toLower().toStdString()))
            check.fail(u"gpu_name: unknown GPU '%1' (give a gpu_id from the catalog)"_s.arg(fromStd(s.gpuName)));
        else if (s.gpuId.empty() && s.gpuName.empty() && s.gpuCount > 0)
            check.fail(u"gpu_id: empty, but gpu_count is not 0"_s);

        const auto plan = parsePricingPlan(table.field(row, "plan"));
        if (!plan)
            check.fail(
                u"plan: expected on_demand, spot, reserved_1y, reserved_3y or subscription_month, got '%1'"_s.arg(
                    check.text("plan")));
        r.price.plan = plan.value_or(PricingPlan::OnDemand);
        r.price.amount = check.number("price", true).value_or(0);
        r.price.currency = std::string(table.field(row, "currency"));
        checkCurrency(check, r.price.currency, lookups);
        const QString unit = check.text("unit");
        if (unit != "hour"_L1 && unit != "month"_L1)
            check.fail(u"unit: expected hour or month, got '%1'"_s.arg(unit));
        r.price.unit = unit == "month"_L1 ? PriceUnit::Month : PriceUnit::Hour;
        if (plan && unit == (CatalogCsv::unitOf(*plan) == PriceUnit::Month ? "hour"_L1 : "month"_L1))
            check.fail(u"unit: plan %1 is priced per %2"_s.arg(
                check.text("plan"), CatalogCsv::unitOf(*plan) == PriceUnit::Month ? u"month"_s : u"hour"_s));
        const QString date = check.text("effective_date");
        if (!validDate(date))
            check.fail(u"effective_date: expected an ISO date YYYY-MM-DD or empty, got '%1'"_s.arg(date));
        r.price.effectiveDate = date.toStdString();
        r.price.source = std::string(table.field(row, "source"));
        s.source = r.price.source;
        const QString user = check.text("user_entered");
        if (!user.isEmpty() && user != "true"_L1 && user != "false"_L1)
            check.fail(u"user_entered: expected true or false, got '%1'"_s.arg(user));
        r.price.userEntered = user != "false"_L1; // an import without the column is the user's own data
        checkDuplicate(seen, {s.provider, s.instanceType, s.region, std::string(toString(r.price.plan))}, row.line,
                       check, u"price for %1 plan %2"_s.arg(fromStd(s.key()), check.text("plan")));
        if (!check.failed())
            out.records.push_back(std::move(r));
    }
}

// --- the seed's instances.csv layout ----------------------------------------------------------------

void readInstancesLayout(const CsvTable& table, const PriceLookups& lookups, PriceParseResult& out) {
    auto instances = CatalogCsv::parseInstances(table);
    if (!instances) {
        out.problems << fromStd(instances.error()).split(u'\n');
        return;
    }
    std::map<Key, std::size_t> seen;
    for (std::size_t i = 0; i < instances->size(); ++i) {
        const CsvRow& row = table.rows[i];
        RowCheck check(table, row, out.problems);
        InstanceSpec spec = (*instances)[i];
        if (!spec.gpuId.empty() && !lookups.gpuIds.count(spec.gpuId))
            check.fail(u"gpu_id: unknown GPU '%1' (not in the catalog's GPUs)"_s.arg(fromStd(spec.gpuId)));
        const std::vector<Price> prices = std::move(spec.prices);
        spec.prices.clear();
        if (!prices.empty()) // one currency column per row
            checkCurrency(check, prices.front().currency, lookups);
        checkDuplicate(seen, {spec.provider, spec.instanceType, spec.region, ""}, row.line, check,
                       u"instance %1"_s.arg(fromStd(spec.key())));
        if (check.failed())
            continue;
        for (Price price : prices) {
            price.userEntered = true;
            out.records.push_back(PriceRecord{row.line, spec, std::move(price)});
        }
    }
}

// --- SkyPilot vms.csv --------------------------------------------------------------------------------

struct SkyGroup {
    PriceRecord base;
    std::optional<double> onDemand;
    std::optional<double> spot;
    int zones = 0;
};

void lowest(std::optional<double>& current, std::optional<double> candidate) {
    if (candidate && (!current || *candidate < *current))
        current = candidate;
}

void readSkyPilot(const CsvTable& table, const QString& fileName, const PriceImportOptions& options,
                  const PriceLookups& lookups, PriceParseResult& out) {
    const QString provider = options.provider.isEmpty() ? PriceCsv::providerFromFileName(fileName) : options.provider;
    static const QRegularExpression providerName(u"^[a-z0-9][a-z0-9_-]*$"_s);
    if (!providerName.match(provider).hasMatch()) {
        out.problems << fileName +
                            u": cannot tell the provider from the file name (got '%1'); pass --provider NAME"_s.arg(
                                provider);
        return;
    }
    if (!checkColumns(table, PriceCsv::skypilotColumns(), out.problems))
        return;
    const QString date =
        options.effectiveDate.isEmpty() ? QDate::currentDate().toString(Qt::ISODate) : options.effectiveDate;
    std::map<Key, std::size_t> seenZones;
    std::map<std::pair<std::string, std::string>, SkyGroup> groups;
    std::vector<std::pair<std::string, std::string>> order;
    for (const CsvRow& row : table.rows) {
        if (!widthOk(table, row, out.problems))
            continue;
        RowCheck check(table, row, out.problems);
        const std::string type(table.field(row, "InstanceType"));
        const std::string accelerator(table.field(row, "AcceleratorName"));
        const std::string region(table.field(row, "Region"));
        if (accelerator.empty()) { // a CPU-only instance type: not a GPU price
            ++out.skippedRows;
            continue;
        }
        if (type.empty())
            check.fail(u"InstanceType: empty (a GCP accelerator-only row; import GCP totals in the serveplan "
                       "format)"_s);
        if (region.empty())
            check.fail(u"Region: empty, expected a value"_s);
        const auto gpu = lookups.gpuIdByLowerName.find(fromStd(accelerator).toLower().toStdString());
        if (gpu == lookups.gpuIdByLowerName.end())
            check.fail(u"AcceleratorName: unknown GPU '%1' (neither a catalog GPU nor a name its instances use)"_s.arg(
                fromStd(accelerator)));
        const double count = check.number("AcceleratorCount", true).value_or(0);
        const double vcpus = check.number("vCPUs", false).value_or(0);
        const double memory = check.number("MemoryGiB", false).value_or(0);
        const auto onDemand = check.number("Price", false);
        const auto spot = check.number("SpotPrice", false);
        checkDuplicate(
            seenZones, {type, region, std::string(table.field(row, "AvailabilityZone")), ""}, row.line, check,
            u"row for %1 in %2 zone '%3'"_s.arg(fromStd(type), fromStd(region), check.text("AvailabilityZone")));
        if (check.failed())
            continue;
        const auto key = std::pair{type, region};
        auto [it, isNew] = groups.try_emplace(key);
        SkyGroup& group = it->second;
        if (isNew) {
            order.push_back(key);
            InstanceSpec& s = group.base.instance;
            group.base.line = row.line;
            s.provider = provider.toStdString();
            s.instanceType = type;
            s.region = region;
            s.gpuName = accelerator;
            s.gpuId = gpu->second;
            s.gpuCount = count;
            const auto mem = lookups.gpuMemoryGb.find(s.gpuId);
            s.gpuMemoryGbEach = mem == lookups.gpuMemoryGb.end() ? 0 : mem->second;
            s.vcpus = static_cast<int>(std::lround(vcpus));
            s.memoryGib = memory;
        }
        ++group.zones;
        lowest(group.onDemand, onDemand);
        lowest(group.spot, spot);
    }
    const std::string source = QString(u"SkyPilot vms.csv import of "_s + QFileInfo(fileName).fileName()).toStdString();
    for (const auto& key : order) {
        SkyGroup& group = groups[key];
        const std::string note = source + " (lowest of " + std::to_string(group.zones) + " zone row(s))";
        group.base.instance.source = note;
        for (const auto& [plan, amount] :
             {std::pair{PricingPlan::OnDemand, group.onDemand}, std::pair{PricingPlan::Spot, group.spot}}) {
            if (!amount)
                continue;
            PriceRecord r = group.base;
            r.price = Price{plan, *amount, "USD", PriceUnit::Hour, date.toStdString(), note, true};
            out.records.push_back(std::move(r));
        }
    }
}

} // namespace

const std::vector<std::string_view>& PriceCsv::serveplanColumns() {
    static const std::vector<std::string_view> columns{
        "provider",           "instance_type", "region",         "gpu_name",     "gpu_id",      "gpu_count",
        "gpu_memory_gb_each", "vcpus",         "memory_gib",     "interconnect", "plan",        "price",
        "currency",           "unit",          "effective_date", "source",       "user_entered"};
    return columns;
}

const std::vector<std::string_view>& PriceCsv::skypilotColumns() {
    static const std::vector<std::string_view> columns{"InstanceType", "AcceleratorName", "AcceleratorCount",
                                                       "vCPUs",        "MemoryGiB",       "Price",
                                                       "SpotPrice",    "Region",          "AvailabilityZone"};
    return columns;
}

QString PriceCsv::providerFromFileName(const QString& fileName) {
    const QFileInfo info(fileName);
    if (info.fileName() == "vms.csv"_L1)
        return info.absoluteDir().dirName().toLower();
    static const QRegularExpression prefix(u"^([A-Za-z0-9]+)"_s);
    const auto match = prefix.match(info.completeBaseName());
    return match.hasMatch() ? match.captured(1).toLower() : QString();
}

std::string PriceCsv::formatNumber(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

PriceParseResult PriceCsv::read(const QByteArray& bytes, const QString& fileName, const PriceImportOptions& options,
                                const PriceLookups& lookups) {
    PriceParseResult out;
    auto table = CsvReader::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                                  fileName.toStdString());
    if (!table) {
        out.problems << fromStd(table.error());
        return out;
    }
    if (options.format == PriceFormat::SkyPilot)
        readSkyPilot(*table, fileName, options, lookups, out);
    else if (!table->hasColumn("plan") && table->hasColumn("price_on_demand_per_hour"))
        readInstancesLayout(*table, lookups, out);
    else
        readServePlan(*table, lookups, out);
    if (!out.problems.isEmpty())
        out.records.clear();
    return out;
}

QByteArray PriceCsv::write(const std::vector<PriceRecord>& records) {
    std::string text;
    text.reserve(records.size() * 200);
    std::vector<std::string> fields(serveplanColumns().begin(), serveplanColumns().end());
    text += CsvWriter::row(fields);
    auto optional = [](double v) { return v == 0 ? std::string() : formatNumber(v); };
    for (const PriceRecord& r : records) {
        const InstanceSpec& s = r.instance;
        fields = {s.provider,
                  s.instanceType,
                  s.region,
                  s.gpuName,
                  s.gpuId,
                  formatNumber(s.gpuCount),
                  optional(s.gpuMemoryGbEach),
                  s.vcpus == 0 ? std::string() : std::to_string(s.vcpus),
                  optional(s.memoryGib),
                  s.interconnect,
                  std::string(toString(r.price.plan)),
                  formatNumber(r.price.amount),
                  r.price.currency,
                  r.price.unit == PriceUnit::Month ? "month" : "hour",
                  r.price.effectiveDate,
                  r.price.source,
                  r.price.userEntered ? "true" : "false"};
        text += CsvWriter::row(fields);
    }
    return QByteArray::fromStdString(text);
}

} // namespace serveplan::models
