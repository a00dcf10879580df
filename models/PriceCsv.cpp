#include "PriceCsv.h"

#include "QtText.h"
#include "SqlHelpers.h"
#include "catalog/CatalogCsv.h"
#include "catalog/CatalogFields.h"
#include "common/CsvReader.h"

#include <QBuffer>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

constexpr qint64 kBlockBytes = 4 << 20; // raw bytes read at a time

/// Every problem of a read, sorted by line at the end; at most kMaxProblems are kept as text.
struct Problems {
    std::vector<std::pair<std::size_t, QString>> kept;
    qint64 count = 0;
    bool muted = false; ///< a re-read for duplicates only: row problems were reported the first time

    void add(std::size_t line, const QString& text) {
        if (muted)
            return;
        ++count;
        if (kept.size() < static_cast<std::size_t>(PriceCsv::kMaxProblems))
            kept.emplace_back(line, text);
    }
    void moveTo(PriceParseResult& out) {
        std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [line, text] : kept)
            out.problems << std::move(text);
        if (count > static_cast<qint64>(kept.size()))
            out.problems << u"… and %1 more problem(s)"_s.arg(count - static_cast<qint64>(kept.size()));
        out.problemCount = count;
        kept.clear();
    }
};

/// Repeated keys in bounded memory: the first read keeps an 8-byte hash per key; only when two
/// hashes are equal does a second read keep those keys whole and report the true repeats (equal
/// hashes of different keys are not reported).
class DuplicateCheck {
public:
    enum class Mode { Off, Collect, Report };
    Mode mode = Mode::Off;

    /// Report mode: the line of the key's first row when this row repeats it.
    std::optional<std::size_t> seen(const std::string& key, std::size_t line) {
        if (mode == Mode::Off)
            return std::nullopt;
        const std::uint64_t h = std::hash<std::string>{}(key);
        if (mode == Mode::Collect) {
            m_hashes.push_back(h);
            return std::nullopt;
        }
        if (!m_repeated.count(h))
            return std::nullopt;
        auto& firsts = m_firsts[h];
        for (const auto& [k, first] : firsts)
            if (k == key)
                return first;
        firsts.emplace_back(key, line);
        return std::nullopt;
    }
    /// After a Collect read: whether any hash came twice (then a Report read is needed).
    bool finishCollect() {
        std::sort(m_hashes.begin(), m_hashes.end());
        for (std::size_t i = 1; i < m_hashes.size(); ++i)
            if (m_hashes[i] == m_hashes[i - 1])
                m_repeated.insert(m_hashes[i]);
        std::vector<std::uint64_t>().swap(m_hashes);
        return !m_repeated.empty();
    }
    void reserve(std::size_t n) { m_hashes.reserve(n); }

private:
    std::vector<std::uint64_t> m_hashes;
    std::unordered_set<std::uint64_t> m_repeated;
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::string, std::size_t>>> m_firsts;
};

struct SkyGroup {
    PriceRecord base;
    std::optional<double> onDemand;
    std::optional<double> spot;
    int zones = 0;
};

enum class Layout { ServePlan, Instances, SkyPilot };

/// What one read of a file carries from block to block.
struct ReadState {
    QString fileName;
    PriceImportOptions options;
    const PriceLookups* lookups = nullptr;
    Layout layout = Layout::ServePlan;
    bool headerChecked = false;
    bool headerOk = false;
    std::vector<PriceRecord>* out = nullptr; ///< null: validate only
    Problems problems;
    DuplicateCheck duplicates;
    qint64 records = 0;
    qint64 skippedRows = 0;
    // skypilot
    QString provider;
    QString date;
    std::map<std::pair<std::string, std::string>, SkyGroup> groups;
    std::vector<std::pair<std::string, std::string>> order;

    void keep(PriceRecord&& r) {
        ++records;
        if (out)
            out->push_back(std::move(r));
    }
};

/// Collects `FILE:LINE: reason` problems for one row.
class RowCheck {
public:
    RowCheck(const CsvTable& table, const CsvRow& row, Problems& problems)
        : m_table(table)
        , m_row(row)
        , m_problems(problems) {}

    void fail(const QString& reason) {
        m_problems.add(m_row.line, qtText(m_table.where(m_row)) + reason);
        m_failed = true;
    }
    bool failed() const { return m_failed; }
    QString text(std::string_view column) const { return qtText(m_table.field(m_row, column)); }

    /// A number >= 0; `std::nullopt` for an empty cell (unless required) or a bad one (reported).
    std::optional<double> number(std::string_view column, bool required) {
        const std::string_view value = m_table.field(m_row, column);
        if (value.empty()) {
            if (required)
                fail(qtText(column) + u": empty, expected a number"_s);
            return std::nullopt;
        }
        const auto parsed = CatalogCsv::parseNumber(value);
        if (!parsed) {
            const bool nonFinite = qtText(value).contains(u"inf"_s, Qt::CaseInsensitive) ||
                                   qtText(value).contains(u"nan"_s, Qt::CaseInsensitive);
            fail(qtText(column) +
                 (nonFinite ? u": expected a finite number, got '%1'"_s : u": expected a number, got '%1'"_s)
                     .arg(qtText(value)));
            return std::nullopt;
        }
        if (*parsed < 0) {
            fail(qtText(column) + u": negative value %1, expected 0 or more"_s.arg(qtText(value)));
            return std::nullopt;
        }
        return parsed;
    }

private:
    const CsvTable& m_table;
    const CsvRow& m_row;
    Problems& m_problems;
    bool m_failed = false;
};

bool checkColumns(const CsvTable& table, const std::vector<std::string_view>& required, Problems& problems) {
    const auto missing = table.missingColumns(required);
    for (const std::string& name : missing)
        problems.add(1, qtText(table.sourceName) + u":1: missing column '%1'"_s.arg(qtText(name)));
    return missing.empty();
}

bool widthOk(const CsvTable& table, const CsvRow& row, Problems& problems) {
    if (row.fields.size() == table.header.size())
        return true;
    problems.add(
        row.line,
        qtText(table.where(row)) +
            u"expected %1 fields as in the header, found %2"_s.arg(table.header.size()).arg(row.fields.size()));
    return false;
}

bool validDate(const QString& text) {
    static const QRegularExpression iso(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    return text.isEmpty() || (iso.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid());
}

bool validTimestamp(const QString& text) {
    return text.isEmpty() || QDateTime::fromString(text, Qt::ISODate).isValid();
}

void checkCurrency(RowCheck& check, const std::string& currency, const PriceLookups& lookups) {
    if (lookups.currencies.count(currency))
        return;
    QStringList known;
    for (const std::string& c : lookups.currencies)
        known << qtText(c);
    check.fail(u"currency: unknown currency '%1' (the database has FX rates for %2)"_s.arg(qtText(currency),
                                                                                           known.join(u", "_s)));
}

std::string joinKey(std::initializer_list<std::string_view> parts) {
    std::string key;
    for (std::string_view part : parts) {
        key.append(part);
        key.push_back('\x1f');
    }
    return key;
}

/// `what` describes the key and `detail` what else the rows share (both called only for a repeat).
template <typename Describe, typename Detail>
void checkDuplicate(ReadState& state, const std::string& key, std::size_t line, RowCheck& check, const Describe& what,
                    const Detail& detail) {
    if (const auto first = state.duplicates.seen(key, line)) {
        const bool muted = state.problems.muted;
        state.problems.muted = false; // the one problem a duplicates-only read reports
        check.fail(u"duplicate %1 (first on line %2)%3"_s.arg(what()).arg(*first).arg(detail()));
        state.problems.muted = muted;
    }
}

template <typename Describe>
void checkDuplicate(ReadState& state, const std::string& key, std::size_t line, RowCheck& check, const Describe& what) {
    checkDuplicate(state, key, line, check, what, [] { return QString(); });
}

// --- serveplan long format -------------------------------------------------------------------------

void readServePlan(const CsvTable& table, ReadState& state) {
    const PriceLookups& lookups = *state.lookups;
    const bool hasUpfront = table.hasColumn("upfront");
    for (const CsvRow& row : table.rows) {
        if (!widthOk(table, row, state.problems))
            continue;
        RowCheck check(table, row, state.problems);
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
                check.fail(qtText(column) + u": empty, expected a value"_s);
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
            check.fail(u"gpu_id: unknown GPU '%1' (not in the catalog's GPUs)"_s.arg(qtText(s.gpuId)));
        else if (s.gpuId.empty() && !s.gpuName.empty() &&
                 !lookups.gpuIdByLowerName.count(qtText(s.gpuName).toLower().toStdString()))
            check.fail(u"gpu_name: unknown GPU '%1' (give a gpu_id from the catalog)"_s.arg(qtText(s.gpuName)));
        else if (s.gpuId.empty() && s.gpuName.empty() && s.gpuCount > 0)
            check.fail(u"gpu_id: empty, but gpu_count is not 0"_s);

        const auto plan = parsePricingPlan(table.field(row, "plan"));
        if (!plan)
            check.fail(u"plan: expected %1, got '%2'"_s.arg(qtText(pricingPlanNames(", ")), check.text("plan")));
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

        // Optional trailing columns (absent in files written before they existed).
        if (hasUpfront) {
            const std::string_view upfrontText = table.field(row, "upfront");
            const auto upfront =
                upfrontText.empty() ? std::optional<Upfront>(Upfront::None) : parseUpfront(upfrontText);
            if (!upfront)
                check.fail(u"upfront: expected none, partial or all, got '%1'"_s.arg(qtText(upfrontText)));
            r.price.upfront = upfront.value_or(Upfront::None);
        }
        r.price.upfrontAmount = check.number("upfront_amount", false).value_or(0);
        if (r.price.upfront == Upfront::None && r.price.upfrontAmount > 0)
            check.fail(u"upfront_amount: %1 given, but upfront is none"_s.arg(check.text("upfront_amount")));
        if (r.price.upfront != Upfront::None && plan && termMonths(*plan) < 12)
            check.fail(u"upfront: plan %1 has no upfront payment (only 1- and 3-year commitments do)"_s.arg(
                check.text("plan")));
        const QString fetchedAt = check.text("fetched_at");
        if (!validTimestamp(fetchedAt))
            check.fail(
                u"fetched_at: expected an ISO 8601 time (2026-11-27T10:00:00Z) or empty, got '%1'"_s.arg(fetchedAt));
        r.price.fetchedAt = fetchedAt.toStdString();

        checkDuplicate(
            state,
            joinKey({s.provider, s.instanceType, s.region, toString(r.price.plan), toString(r.price.upfront),
                     r.price.effectiveDate}),
            row.line, check, [&] { return u"price for %1 plan %2"_s.arg(qtText(s.key()), check.text("plan")); },
            [&] {
                QStringList same;
                if (r.price.upfront != Upfront::None)
                    same << u"upfront %1"_s.arg(qtText(toString(r.price.upfront)));
                if (!date.isEmpty())
                    same << u"effective date %1"_s.arg(date);
                return same.isEmpty() ? QString() : u", same "_s + same.join(u" and "_s);
            });
        if (!check.failed())
            state.keep(std::move(r));
    }
}

// --- the seed's instances.csv layout ----------------------------------------------------------------

void readInstancesLayout(const CsvTable& table, ReadState& state) {
    const PriceLookups& lookups = *state.lookups;
    auto instances = CatalogCsv::parseInstances(table);
    if (!instances) {
        for (const QString& line : qtText(instances.error()).split(u'\n'))
            state.problems.add(table.rows.empty() ? 0 : table.rows.front().line, line);
        return;
    }
    for (std::size_t i = 0; i < instances->size(); ++i) {
        const CsvRow& row = table.rows[i];
        RowCheck check(table, row, state.problems);
        InstanceSpec spec = (*instances)[i];
        if (!spec.gpuId.empty() && !lookups.gpuIds.count(spec.gpuId))
            check.fail(u"gpu_id: unknown GPU '%1' (not in the catalog's GPUs)"_s.arg(qtText(spec.gpuId)));
        const std::vector<Price> prices = std::move(spec.prices);
        spec.prices.clear();
        if (!prices.empty()) // one currency column per row
            checkCurrency(check, prices.front().currency, lookups);
        checkDuplicate(state, joinKey({spec.provider, spec.instanceType, spec.region}), row.line, check,
                       [&] { return u"instance %1"_s.arg(qtText(spec.key())); });
        if (check.failed())
            continue;
        for (Price price : prices) {
            price.userEntered = true;
            state.keep(PriceRecord{row.line, spec, std::move(price)});
        }
    }
}

// --- SkyPilot vms.csv --------------------------------------------------------------------------------

void lowest(std::optional<double>& current, std::optional<double> candidate) {
    if (candidate && (!current || *candidate < *current))
        current = candidate;
}

bool startSkyPilot(const CsvTable& table, ReadState& state) {
    state.provider =
        state.options.provider.isEmpty() ? PriceCsv::providerFromFileName(state.fileName) : state.options.provider;
    static const QRegularExpression providerName(u"^[a-z0-9][a-z0-9_-]*$"_s);
    if (!providerName.match(state.provider).hasMatch()) {
        state.problems.add(
            0, state.fileName + u": cannot tell the provider from the file name (got '%1'); pass --provider NAME"_s.arg(
                                    state.provider));
        return false;
    }
    state.date = state.options.effectiveDate.isEmpty() ? QDate::currentDate().toString(Qt::ISODate)
                                                       : state.options.effectiveDate;
    return checkColumns(table, PriceCsv::skypilotColumns(), state.problems);
}

void readSkyPilot(const CsvTable& table, ReadState& state) {
    const PriceLookups& lookups = *state.lookups;
    for (const CsvRow& row : table.rows) {
        if (!widthOk(table, row, state.problems))
            continue;
        RowCheck check(table, row, state.problems);
        const std::string type(table.field(row, "InstanceType"));
        const std::string accelerator(table.field(row, "AcceleratorName"));
        const std::string region(table.field(row, "Region"));
        if (accelerator.empty()) { // a CPU-only instance type: not a GPU price
            ++state.skippedRows;
            continue;
        }
        if (type.empty())
            check.fail(u"InstanceType: empty (a GCP accelerator-only row; import GCP totals in the serveplan "
                       "format)"_s);
        if (region.empty())
            check.fail(u"Region: empty, expected a value"_s);
        const auto gpu = lookups.gpuIdByLowerName.find(qtText(accelerator).toLower().toStdString());
        if (gpu == lookups.gpuIdByLowerName.end())
            check.fail(u"AcceleratorName: unknown GPU '%1' (neither a catalog GPU nor a name its instances use)"_s.arg(
                qtText(accelerator)));
        const double count = check.number("AcceleratorCount", true).value_or(0);
        const double vcpus = check.number("vCPUs", false).value_or(0);
        const double memory = check.number("MemoryGiB", false).value_or(0);
        const auto onDemand = check.number("Price", false);
        const auto spot = check.number("SpotPrice", false);
        checkDuplicate(state, joinKey({type, region, table.field(row, "AvailabilityZone")}), row.line, check, [&] {
            return u"row for %1 in %2 zone '%3'"_s.arg(qtText(type), qtText(region), check.text("AvailabilityZone"));
        });
        if (check.failed())
            continue;
        const auto key = std::pair{type, region};
        auto [it, isNew] = state.groups.try_emplace(key);
        SkyGroup& group = it->second;
        if (isNew) {
            state.order.push_back(key);
            InstanceSpec& s = group.base.instance;
            group.base.line = row.line;
            s.provider = state.provider.toStdString();
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
}

void finishSkyPilot(ReadState& state) {
    const std::string source =
        QString(u"SkyPilot vms.csv import of "_s + QFileInfo(state.fileName).fileName()).toStdString();
    for (const auto& key : state.order) {
        SkyGroup& group = state.groups[key];
        const std::string note = source + " (lowest of " + std::to_string(group.zones) + " zone row(s))";
        group.base.instance.source = note;
        for (const auto& [plan, amount] :
             {std::pair{PricingPlan::OnDemand, group.onDemand}, std::pair{PricingPlan::Spot, group.spot}}) {
            if (!amount)
                continue;
            PriceRecord r = group.base;
            r.price = Price{plan,          *amount, "USD", PriceUnit::Hour, state.date.toStdString(), note, true,
                            Upfront::None, 0,       {}};
            state.keep(std::move(r));
        }
    }
    state.groups.clear();
    state.order.clear();
}

/// One block of rows: the header decides the layout the first time.
void readBlock(const CsvTable& table, ReadState& state) {
    if (!state.headerChecked) {
        state.headerChecked = true;
        if (state.options.format == PriceFormat::SkyPilot) {
            state.layout = Layout::SkyPilot;
            state.headerOk = startSkyPilot(table, state);
        } else if (!table.hasColumn("plan") && table.hasColumn("price_on_demand_per_hour")) {
            state.layout = Layout::Instances;
            state.headerOk = true; // parseInstances names missing columns itself
        } else {
            state.layout = Layout::ServePlan;
            state.headerOk = checkColumns(table,
                                          {"provider", "instance_type", "region", "gpu_name", "gpu_id", "gpu_count",
                                           "plan", "price", "currency", "unit", "effective_date", "source"},
                                          state.problems);
        }
    }
    if (!state.headerOk)
        return;
    switch (state.layout) {
    case Layout::SkyPilot:
        readSkyPilot(table, state);
        break;
    case Layout::Instances:
        readInstancesLayout(table, state);
        break;
    case Layout::ServePlan:
        readServePlan(table, state);
        break;
    }
}

// --- encodings -----------------------------------------------------------------------------------------

/// UTF-8 validation across blocks (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
class Utf8Check {
public:
    /// False at the first invalid byte; `bad` receives its offset within `bytes`.
    bool feed(std::string_view bytes, std::size_t& bad) {
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const auto b = static_cast<unsigned char>(bytes[i]);
            if (m_need == 0) {
                if (b < 0x80)
                    continue;
                m_lo = 0x80;
                m_hi = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                    m_need = 1;
                else if (b >= 0xE0 && b <= 0xEF) {
                    m_need = 2;
                    if (b == 0xE0)
                        m_lo = 0xA0;
                    if (b == 0xED)
                        m_hi = 0x9F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    m_need = 3;
                    if (b == 0xF0)
                        m_lo = 0x90;
                    if (b == 0xF4)
                        m_hi = 0x8F;
                } else {
                    bad = i;
                    return false;
                }
                m_nonAscii = true;
            } else {
                if (b < m_lo || b > m_hi) {
                    bad = i;
                    return false;
                }
                m_lo = 0x80;
                m_hi = 0xBF;
                --m_need;
            }
        }
        return true;
    }
    bool complete() const { return m_need == 0; }

private:
    int m_need = 0;
    unsigned char m_lo = 0x80;
    unsigned char m_hi = 0xBF;
    bool m_nonAscii = false;
};

/// GB18030 structure across blocks, with the share of characters in the GB2312 hanzi/symbol area
/// (both bytes 0xA1–0xFE): Chinese text is nearly all there, Latin-1 accents before ASCII letters
/// are not.
class Gb18030Check {
public:
    bool feed(std::string_view bytes, std::size_t& bad) {
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const auto b = static_cast<unsigned char>(bytes[i]);
            switch (m_state) {
            case 0:
                if (b < 0x80)
                    break;
                if (b == 0x80 || b == 0xFF) {
                    bad = i;
                    return false;
                }
                m_lead = b;
                m_state = 1;
                break;
            case 1:
                if ((b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFE)) {
                    ++m_chars;
                    if (m_lead >= 0xA1 && b >= 0xA1)
                        ++m_gb2312;
                    m_state = 0;
                } else if (b >= 0x30 && b <= 0x39) {
                    m_state = 2;
                } else {
                    bad = i;
                    return false;
                }
                break;
            case 2:
                if (b < 0x81 || b == 0xFF) {
                    bad = i;
                    return false;
                }
                m_state = 3;
                break;
            default:
                if (b < 0x30 || b > 0x39) {
                    bad = i;
                    return false;
                }
                ++m_chars;
                m_state = 0;
            }
        }
        return true;
    }
    bool complete() const { return m_state == 0; }
    /// Reads as Chinese text: some multi-byte characters, 80 % or more of them GB2312 hanzi/symbols.
    bool looksChinese() const { return m_chars > 0 && m_gb2312 * 5 >= m_chars * 4; }

private:
    int m_state = 0;
    unsigned char m_lead = 0;
    qint64 m_chars = 0;
    qint64 m_gb2312 = 0;
};

qint64 countNewlines(std::string_view bytes) {
    return static_cast<qint64>(std::count(bytes.begin(), bytes.end(), '\n'));
}

Result<TextEncoding> detect(QIODevice& device, const QString& fileName) {
    const QByteArray head = device.peek(4);
    const auto starts = [&](std::string_view bom) { return head.startsWith(QByteArray(bom.data(), bom.size())); };
    if (starts(std::string_view("\xFF\xFE\x00\x00", 4)) || starts(std::string_view("\x00\x00\xFE\xFF", 4)))
        return Error{QString(fileName + u": the file is UTF-32 text, which is not read; save it as UTF-8 (or UTF-16 "
                                        "with a byte-order mark) and import again"_s)
                         .toStdString()};
    if (starts("\xFF\xFE"))
        return TextEncoding{u"UTF-16LE"_s, 2};
    if (starts("\xFE\xFF"))
        return TextEncoding{u"UTF-16BE"_s, 2};
    const qsizetype bom = starts("\xEF\xBB\xBF") ? 3 : 0;

    Utf8Check utf8;
    Gb18030Check gb;
    bool utf8Ok = true, gbOk = true, sawNul = false;
    qint64 line = 1, utf8BadLine = 0;
    unsigned char utf8BadByte = 0;
    bool highControl = false; // bytes 0x80–0x9F: printable in Windows-1252, controls in Latin-1
    if (bom)
        device.read(bom);
    while (!device.atEnd()) {
        const QByteArray block = device.read(kBlockBytes);
        if (block.isEmpty())
            break;
        const std::string_view bytes(block.constData(), static_cast<std::size_t>(block.size()));
        std::size_t bad = 0;
        if (utf8Ok && !utf8.feed(bytes, bad)) {
            utf8Ok = false;
            utf8BadLine = line + countNewlines(bytes.substr(0, bad));
            utf8BadByte = static_cast<unsigned char>(bytes[bad]);
        }
        if (!utf8Ok && bom) // a UTF-8 BOM says what the file is meant to be
            break;
        if (gbOk && !gb.feed(bytes, bad))
            gbOk = false;
        if (!sawNul && bytes.find('\0') != std::string_view::npos)
            sawNul = true;
        if (!highControl)
            highControl = std::any_of(bytes.begin(), bytes.end(), [](char c) {
                const auto b = static_cast<unsigned char>(c);
                return b >= 0x80 && b <= 0x9F;
            });
        line += countNewlines(bytes);
        if (!utf8Ok && !gbOk)
            break;
    }
    if (utf8Ok && !utf8.complete()) {
        utf8Ok = false;
        utf8BadLine = line;
    }
    if (gbOk && !gb.complete())
        gbOk = false;
    const auto refuse = [&](const QString& why) {
        return Error{QString(fileName + u": "_s + why +
                             u"; nothing was imported. Save the file as UTF-8 (or UTF-16 with a byte-order mark, or "
                             "GB18030/GBK) and import it again"_s)
                         .toStdString()};
    };
    if (sawNul)
        return refuse(u"the file holds NUL bytes: it looks like UTF-16 without a byte-order mark"_s);
    if (utf8Ok)
        return TextEncoding{u"UTF-8"_s, bom};
    if (bom)
        return refuse(u"the file starts with a UTF-8 byte-order mark but line %1 is not valid UTF-8 (byte 0x%2)"_s
                          .arg(utf8BadLine)
                          .arg(QString::number(utf8BadByte, 16).toUpper().rightJustified(2, u'0')));
    if (gbOk && gb.looksChinese())
        return TextEncoding{u"GB18030"_s, 0};
    const QString looksLike = highControl ? u"Windows-1252"_s : u"Latin-1 (ISO-8859-1) or Windows-1252"_s;
    return refuse(u"line %1 is not valid UTF-8 (byte 0x%2) and the file does not read as GB18030/GBK Chinese text; "
                  "the bytes look like %3, a single-byte Western encoding, which is not read"_s.arg(utf8BadLine)
                      .arg(QString::number(utf8BadByte, 16).toUpper().rightJustified(2, u'0'))
                      .arg(looksLike));
}

/// Reads a file block by block, decodes it to UTF-8 and cuts it at record boundaries (a newline
/// outside double quotes), so every block parses on its own. Line numbers stay those of the file.
class BlockReader {
public:
    BlockReader(QIODevice& device, TextEncoding encoding, QString fileName)
        : m_device(device)
        , m_encoding(std::move(encoding))
        , m_fileName(std::move(fileName)) {
        if (m_encoding.name != "UTF-8"_L1)
            m_decoder = QStringDecoder(m_encoding.name.toLatin1().constData());
        m_device.read(m_encoding.bomBytes);
    }

    /// The next block of rows (false at the end); an error for undecodable bytes or bad quoting.
    Result<bool> next(CsvTable& table) {
        while (true) {
            if (m_cut > 0 || (m_eof && (!m_pending.empty() || m_first))) {
                const std::size_t end = m_cut > 0 ? m_cut : m_pending.size();
                auto parsed = parse(std::string_view(m_pending).substr(0, end));
                m_pending.erase(0, end); // what is left starts at a record boundary
                m_scanned = 0;
                m_inQuotes = false;
                m_cut = 0;
                rescan();
                if (!parsed)
                    return Error{parsed.error()};
                table = std::move(*parsed);
                return true;
            }
            if (m_eof)
                return false;
            SERVEPLAN_TRY(readMore());
        }
    }

    qint64 position() const { return m_device.pos(); }

private:
    Result<void> readMore() {
        const QByteArray block = m_device.read(kBlockBytes);
        if (block.isEmpty() || m_device.atEnd())
            m_eof = true;
        if (m_encoding.name == "UTF-8"_L1) {
            m_pending.append(block.constData(), static_cast<std::size_t>(block.size()));
        } else {
            QString text = m_decoder.decode(block);
            if (m_eof && m_encoding.name == "GB18030"_L1)
                text += m_decoder.decode(QByteArray("\n")); // a lead byte left at the end is an error now
            if (m_eof && m_encoding.name.startsWith("UTF-16"_L1) && (m_device.size() - m_encoding.bomBytes) % 2 != 0)
                return Error{QString(m_fileName + u": the file ends in the middle of a %1 character (an odd number of "
                                                  "bytes); nothing was imported"_s.arg(m_encoding.name))
                                 .toStdString()};
            if (m_decoder.hasError())
                return Error{
                    QString(m_fileName + u":%1: bytes that are not valid %2 text (the file was read as %2); "
                                         "nothing was imported"_s.arg(m_lineBase + 1 + countNewlines(m_pending))
                                             .arg(m_encoding.name))
                        .toStdString()};
            const QByteArray utf8 = text.toUtf8();
            m_pending.append(utf8.constData(), static_cast<std::size_t>(utf8.size()));
        }
        rescan();
        return {};
    }

    /// Finds the last record boundary in what is pending (quote parity carried on).
    void rescan() {
        for (std::size_t i = m_scanned; i < m_pending.size(); ++i) {
            const char c = m_pending[i];
            if (c == '"')
                m_inQuotes = !m_inQuotes;
            else if (c == '\n' && !m_inQuotes)
                m_cut = i + 1;
        }
        m_scanned = m_pending.size();
    }

    Result<CsvTable> parse(std::string_view text) {
        const std::string name = m_fileName.toStdString();
        auto table = CsvReader::parse(text, name, m_first);
        const qint64 base = m_lineBase;
        m_lineBase += countNewlines(text);
        if (!table) {
            // CsvReader counts lines from the start of the block: give the line of the file.
            static const QRegularExpression where(u"^(.*?):(\\d+):"_s);
            QString message = qtText(table.error());
            const auto match = where.match(message);
            if (match.hasMatch() && match.captured(1) == m_fileName)
                message.replace(match.capturedStart(2), match.capturedLength(2),
                                QString::number(match.captured(2).toLongLong() + base));
            return Error{message.toStdString()};
        }
        if (m_first) {
            m_header = table->header;
            m_first = false;
        } else {
            table->header = m_header;
        }
        for (CsvRow& row : table->rows)
            row.line += static_cast<std::size_t>(base);
        return table;
    }

    QIODevice& m_device;
    TextEncoding m_encoding;
    QString m_fileName;
    QStringDecoder m_decoder;
    std::string m_pending;
    std::size_t m_scanned = 0;
    std::size_t m_cut = 0;
    bool m_inQuotes = false;
    bool m_eof = false;
    bool m_first = true;
    qint64 m_lineBase = 0;
    std::vector<std::string> m_header;
};

/// One read of a whole device: detect (unless given), then every block through readBlock.
Result<void> readDevice(QIODevice& device, const TextEncoding& encoding, ReadState& state,
                        const std::function<Result<void>()>& afterBlock, const std::function<bool(qint64)>& progress) {
    BlockReader reader(device, encoding, state.fileName);
    CsvTable table;
    while (true) {
        auto more = reader.next(table);
        if (!more)
            return Error{more.error()};
        if (!*more)
            break;
        readBlock(table, state);
        table = CsvTable{};
        if (afterBlock)
            SERVEPLAN_TRY(afterBlock());
        if (progress && !progress(reader.position()))
            return Error{"cancelled"};
    }
    return {};
}

/// Validate (out == null) or read (out given) a whole device, duplicates included.
void readAll(QIODevice& device, const QString& fileName, const PriceImportOptions& options, const PriceLookups& lookups,
             std::vector<PriceRecord>* out, PriceParseResult& result, const PriceImportProgress& progress) {
    auto encoding = detect(device, fileName);
    if (!encoding) {
        result.problems << qtText(encoding.error());
        result.problemCount = 1;
        return;
    }
    result.encoding = encoding->name;
    ReadState state;
    state.fileName = fileName;
    state.options = options;
    state.lookups = &lookups;
    state.out = out;
    state.duplicates.mode = DuplicateCheck::Mode::Collect;
    state.duplicates.reserve(static_cast<std::size_t>(device.size() / 64));
    // Progress over both passes of an import: this one is the first half.
    const qint64 size = device.size();
    const auto report = [&](qint64 pos) { return !progress || progress(pos, 2 * size); };
    if (!report(0)) {
        result.cancelled = true;
        return;
    }
    device.seek(0);
    auto read = readDevice(device, *encoding, state, {}, report);
    if (read && state.layout == Layout::SkyPilot && state.headerOk)
        finishSkyPilot(state);
    if (read && state.duplicates.finishCollect()) {
        // Some key hashes came twice: read once more, keeping only those keys, to report true repeats.
        ReadState again;
        again.fileName = fileName;
        again.options = options;
        again.lookups = &lookups;
        again.duplicates = std::move(state.duplicates);
        again.duplicates.mode = DuplicateCheck::Mode::Report;
        again.problems.muted = true;
        device.seek(0);
        const auto reportAgain = [&](qint64) { return !progress || progress(size, 2 * size); };
        read = readDevice(device, *encoding, again, {}, reportAgain);
        for (auto& problem : again.problems.kept)
            state.problems.add(problem.first, problem.second);
    }
    if (!read && read.error() == "cancelled")
        result.cancelled = true;
    else if (!read)
        state.problems.add(0, qtText(read.error()));
    result.recordCount = state.records;
    result.skippedRows = state.skippedRows;
    state.problems.moveTo(result);
}

} // namespace

const std::vector<std::string_view>& PriceCsv::serveplanColumns() {
    static const std::vector<std::string_view> columns{
        "provider",           "instance_type", "region",         "gpu_name",     "gpu_id",       "gpu_count",
        "gpu_memory_gb_each", "vcpus",         "memory_gib",     "interconnect", "plan",         "price",
        "currency",           "unit",          "effective_date", "source",       "user_entered", "upfront",
        "upfront_amount",     "fetched_at"};
    return columns;
}

const std::vector<std::string_view>& PriceCsv::serveplanOptionalColumns() {
    static const std::vector<std::string_view> columns{"upfront", "upfront_amount", "fetched_at"};
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

Result<TextEncoding> PriceCsv::detectEncoding(QIODevice& file, const QString& fileName) {
    return detect(file, fileName);
}

Result<TextEncoding> PriceCsv::detectEncoding(const QByteArray& bytes, const QString& fileName) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return detect(buffer, fileName);
}

PriceParseResult PriceCsv::read(const QByteArray& bytes, const QString& fileName, const PriceImportOptions& options,
                                const PriceLookups& lookups) {
    PriceParseResult out;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    readAll(buffer, fileName, options, lookups, &out.records, out, {});
    if (!out.problems.isEmpty())
        out.records.clear();
    return out;
}

PriceParseResult PriceCsv::validateFile(const QString& path, const PriceImportOptions& options,
                                        const PriceLookups& lookups, const PriceImportProgress& progress) {
    PriceParseResult out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.problems << path + u": "_s + file.errorString();
        out.problemCount = 1;
        return out;
    }
    readAll(file, path, options, lookups, nullptr, out, progress);
    return out;
}

Result<void> PriceCsv::readFileInBatches(const QString& path, const PriceImportOptions& options,
                                         const PriceLookups& lookups, std::size_t batchSize,
                                         const std::function<Result<void>(std::vector<PriceRecord>&)>& sink,
                                         const PriceImportProgress& progress) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QString(path + u": "_s + file.errorString()).toStdString()};
    auto encoding = detect(file, path);
    if (!encoding)
        return Error{encoding.error()};
    file.seek(0);
    std::vector<PriceRecord> batch;
    batch.reserve(batchSize);
    ReadState state;
    state.fileName = path;
    state.options = options;
    state.lookups = &lookups;
    state.out = &batch;
    const qint64 size = file.size();
    const auto flush = [&]() -> Result<void> {
        if (batch.size() < batchSize)
            return {};
        auto written = sink(batch);
        batch.clear();
        return written;
    };
    const auto report = [&](qint64 pos) { return !progress || progress(size + pos, 2 * size); };
    SERVEPLAN_TRY(readDevice(file, *encoding, state, flush, report));
    if (state.problems.count > 0) { // the file changed since it was validated
        PriceParseResult problems;
        state.problems.moveTo(problems);
        return Error{problems.problems.join(u'\n').toStdString()};
    }
    if (state.layout == Layout::SkyPilot && state.headerOk)
        finishSkyPilot(state);
    if (!batch.empty())
        return sink(batch);
    return {};
}

QByteArray PriceCsv::write(const std::vector<PriceRecord>& records) {
    // The columns are the format's contract (serveplanColumns); each cell is the field of that CSV
    // header, the price's where both have one (source), formatted as CatalogFields writes CSV.
    std::vector<const CatalogField<Price>*> priceCells;
    std::vector<const CatalogField<InstanceSpec>*> instanceCells;
    for (const std::string_view column : serveplanColumns()) {
        priceCells.push_back(findField(priceFields(), column));
        instanceCells.push_back(priceCells.back() ? nullptr : findField(instanceFields(), column));
    }
    std::string text;
    text.reserve(records.size() * 200);
    std::vector<std::string> fields(serveplanColumns().begin(), serveplanColumns().end());
    text += CsvWriter::row(fields);
    for (const PriceRecord& r : records) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (const auto* f = priceCells[i])
                fields[i] = formatCell(f->type, f->need, f->get(r.price));
            else if (const auto* g = instanceCells[i])
                fields[i] = formatCell(g->type, g->need, g->get(r.instance));
            else
                fields[i].clear();
        }
        text += CsvWriter::row(fields);
    }
    return QByteArray::fromStdString(text);
}

} // namespace serveplan::models
