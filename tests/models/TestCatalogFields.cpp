// The catalog's field tables (engine/catalog/CatalogFields) against what they drive: the live schema
// of a freshly created database (PRAGMA table_info: every field's column, type, NOT NULL, default,
// key, in table order, and no column the table does not declare), and a round trip of every field of
// every type with a non-default value in each: CSV text -> CatalogCsv -> database (CatalogRows) ->
// CatalogLoader -> equal.
#include "CatalogDb.h"
#include "CatalogFieldSql.h"
#include "CatalogRows.h"
#include "SourceIds.h"
#include "SqlHelpers.h"
#include "catalog/CatalogCsv.h"
#include "catalog/CatalogFields.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

using namespace Qt::StringLiterals;
using namespace serveplan;
using namespace serveplan::models;

namespace {

/// Values that differ from a default-constructed struct and satisfy the schema's checks: each text
/// names its column, numbers are exact binary fractions and distinct, flags are true; `fixed` gives
/// the values a column needs (an enum name, a key another table refers to, a share <= 1).
template <typename Row>
Row sample(const std::vector<CatalogField<Row>>& fields, const std::map<std::string, FieldValue>& fixed) {
    Row row;
    int index = 0;
    for (const CatalogField<Row>& f : fields) {
        ++index;
        FieldValue value;
        if (const auto it = fixed.find(f.column); it != fixed.end())
            value = it->second;
        else if (f.type == FieldType::Real)
            value = 1.25 + 0.5 * index;
        else if (f.type == FieldType::Integer)
            value = static_cast<long long>(3 + index);
        else if (f.type == FieldType::Flag)
            value = 1LL;
        else
            value = "t-" + f.column;
        if (!f.set(row, value))
            qWarning("%s: sample value refused", f.column.c_str());
    }
    return row;
}

/// One header line and one data line with every CSV field of `row` (and empty `extra` columns).
template <typename Row>
std::string csvText(const std::vector<CatalogField<Row>>& fields, const Row& row,
                    const std::vector<std::string_view>& extra = {}) {
    std::vector<std::string> header, cells;
    for (const CatalogField<Row>& f : fields)
        if (f.inCsv()) {
            header.push_back(f.csvHeader);
            cells.push_back(formatCell(f.type, f.need, f.get(row)));
        }
    for (const std::string_view column : extra) {
        header.emplace_back(column);
        cells.emplace_back();
    }
    return CsvWriter::row(header) + CsvWriter::row(cells);
}

template <typename Row>
bool sameFields(const std::vector<CatalogField<Row>>& fields, const Row& actual, const Row& expected, bool csvOnly,
                const char* where) {
    bool same = true;
    for (const CatalogField<Row>& f : fields)
        if ((!csvOnly || f.inCsv()) && f.get(actual) != f.get(expected)) {
            qWarning("%s: field %s differs", where, f.column.c_str());
            same = false;
        }
    return same;
}

template <typename Row>
bool allNonDefault(const std::vector<CatalogField<Row>>& fields, const Row& row) {
    return std::all_of(fields.begin(), fields.end(),
                       [&](const CatalogField<Row>& f) { return f.get(row) != f.get(Row{}); });
}

/// Parses one CSV row with a CatalogCsv parser; the single row it holds.
template <typename Row, typename Parse>
Row parsedOne(const std::string& text, Parse parse) {
    auto table = CsvReader::parse(text, "sample.csv");
    if (!table)
        qFatal("%s", table.error().c_str());
    auto rows = parse(*table);
    if (!rows || rows->size() != 1)
        qFatal("%s", rows ? "expected one row" : rows.error().c_str());
    return rows->front();
}

struct ColumnInfo {
    int cid = 0;
    QString type;
    bool notNull = false;
    QString defaultValue;
    bool primaryKey = false;
};

std::map<QString, ColumnInfo> tableInfo(const QSqlDatabase& db, const QString& table) {
    std::map<QString, ColumnInfo> columns;
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA table_info("_s + table + u')'))
        return columns;
    while (q.next())
        columns[q.value(1).toString()] = ColumnInfo{q.value(0).toInt(), q.value(2).toString(), q.value(3).toInt() != 0,
                                                    q.value(4).toString(), q.value(5).toInt() != 0};
    return columns;
}

/// The text after DEFAULT in a constraint ("NOT NULL DEFAULT 'none' CHECK …" -> 'none').
QString declaredDefault(const std::string& constraint) {
    const auto at = constraint.find("DEFAULT ");
    if (at == std::string::npos)
        return {};
    const std::string rest = constraint.substr(at + 8);
    return QString::fromStdString(rest.substr(0, rest.find(' ')));
}

template <typename Row>
void compareSchema(const QSqlDatabase& db, const QString& table, const std::vector<CatalogField<Row>>& fields,
                   const QStringList& leading) {
    const auto live = tableInfo(db, table);
    QCOMPARE(live.size(), fields.size() + static_cast<std::size_t>(leading.size()));
    int cid = static_cast<int>(leading.size());
    for (const CatalogField<Row>& f : fields) {
        const QString column = QString::fromStdString(f.column);
        const auto it = live.find(column);
        QVERIFY2(it != live.end(), qPrintable(table + u": no column "_s + column));
        const ColumnInfo& info = it->second;
        QCOMPARE(info.cid, cid++);
        QCOMPARE(info.type, fieldsql::text(sqlType(f.type)));
        QCOMPARE(info.notNull, f.constraint.find("NOT NULL") != std::string::npos);
        QCOMPARE(info.primaryKey,
                 f.constraint.find("PRIMARY KEY") != std::string::npos ||
                     (table == "mig_profiles"_L1 && (column == "gpu_id"_L1 || column == "profile"_L1)) ||
                     (table == "fx_rates"_L1 && (column == "currency"_L1 || column == "date"_L1)));
        QCOMPARE(info.defaultValue, declaredDefault(f.constraint));
    }
    for (qsizetype i = 0; i < leading.size(); ++i)
        QCOMPARE(live.at(leading[i]).cid, static_cast<int>(i));
}

} // namespace

class TestCatalogFields final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void liveSchemaFollowsFieldTables();
    void everyFieldRoundTrips();
    void namesAreUnique();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDb> m_db;
};

void TestCatalogFields::initTestCase() {
    QVERIFY(m_dir.isValid());
    auto db = CatalogDb::open(m_dir.filePath(u"catalog.db"_s));
    QVERIFY2(db, db ? "" : db.error().c_str());
    m_db = std::move(db).value();
}

void TestCatalogFields::liveSchemaFollowsFieldTables() {
    const QSqlDatabase db = m_db->database();
    compareSchema(db, u"gpus"_s, gpuFields(), {});
    compareSchema(db, u"mig_profiles"_s, migProfileFields(), {});
    compareSchema(db, u"llm_models"_s, modelFields(), {});
    compareSchema(db, u"instances"_s, instanceFields(), {u"id"_s});
    compareSchema(db, u"prices"_s, priceFields(), {u"instance_id"_s});
    compareSchema(db, u"fx_rates"_s, fxRateFields(), {});
}

void TestCatalogFields::everyFieldRoundTrips() {
    // Samples: every field non-default and the rows consistent with each other (keys, currency).
    const GpuSpec gpu = sample(gpuFields(), {});
    const MigProfile mig = sample(migProfileFields(), {{"gpu_id", gpu.id}, {"compute_fraction", 0.75}});
    const ModelSpec model = sample(modelFields(), {{"attention_type", std::string("MLA")}});
    // The provider `onprem` is what makes an instances.csv row on-premises (on_prem has no column).
    const InstanceSpec instance =
        sample(instanceFields(), {{"provider_id", std::string("onprem")}, {"gpu_id", gpu.id}});
    const Price price = sample(priceFields(), {{"plan", std::string("reserved_3y")},
                                               {"upfront", std::string("partial")},
                                               {"unit", std::string("month")},
                                               {"currency", std::string("XTS")}});
    const FxRate rate = sample(fxRateFields(), {{"currency", std::string("XTS")}});
    QVERIFY(allNonDefault(gpuFields(), gpu));
    QVERIFY(allNonDefault(migProfileFields(), mig));
    QVERIFY(allNonDefault(modelFields(), model));
    QVERIFY(allNonDefault(instanceFields(), instance));
    QVERIFY(allNonDefault(priceFields(), price));
    QVERIFY(allNonDefault(fxRateFields(), rate));

    // CSV -> structs, through the seed parsers (prices through the field table's own CSV reading:
    // instances.csv carries them as one column per plan).
    GpuSpec gpuIn = parsedOne<GpuSpec>(csvText(gpuFields(), gpu), &CatalogCsv::parseGpus);
    MigProfile migIn = parsedOne<MigProfile>(csvText(migProfileFields(), mig), &CatalogCsv::parseMigProfiles);
    ModelSpec modelIn = parsedOne<ModelSpec>(csvText(modelFields(), model), &CatalogCsv::parseModels);
    std::vector<std::string_view> priceColumns;
    for (const std::string_view column : CatalogCsv::instanceColumns())
        if (!findField(instanceFields(), column))
            priceColumns.push_back(column);
    InstanceSpec instanceIn =
        parsedOne<InstanceSpec>(csvText(instanceFields(), instance, priceColumns), &CatalogCsv::parseInstances);
    FxRate rateIn = parsedOne<FxRate>(csvText(fxRateFields(), rate), &CatalogCsv::parseFxRates);
    Price priceIn;
    {
        auto table = CsvReader::parse(csvText(priceFields(), price), "prices.csv");
        QVERIFY(table && table->rows.size() == 1);
        std::vector<std::string> errors;
        readCsvFields(priceFields(), *table, table->rows.front(), priceIn, errors);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }
    QVERIFY(sameFields(gpuFields(), gpuIn, gpu, true, "gpus.csv"));
    QVERIFY(sameFields(migProfileFields(), migIn, mig, true, "mig_profiles.csv"));
    QVERIFY(sameFields(modelFields(), modelIn, model, true, "models.csv"));
    QVERIFY(sameFields(instanceFields(), instanceIn, instance, true, "instances.csv"));
    QVERIFY(instanceIn.onPrem); // from the provider
    QVERIFY(sameFields(priceFields(), priceIn, price, true, "price CSV"));
    QVERIFY(sameFields(fxRateFields(), rateIn, rate, true, "fx_rates.csv"));

    // Structs -> database as the user (user_entered = 1, the one field no CSV carries).
    QSqlDatabase db = m_db->database();
    SourceIds sources(db);
    QSqlQuery q(db);
    using rows::Owner;
    QVERIFY(sql::prepare(q, rows::gpuUpsert(Owner::User)));
    QVERIFY(rows::runGpu(q, gpuIn, *sources.idOf(gpuIn.source)));
    QVERIFY(sql::prepare(q, rows::migProfileUpsert()));
    QVERIFY(rows::runMigProfile(q, migIn));
    QVERIFY(sql::prepare(q, rows::modelUpsert(Owner::User)));
    QVERIFY(rows::runModel(q, modelIn, *sources.idOf(modelIn.source)));
    QVERIFY(q.exec(u"INSERT INTO providers (id, name, on_prem) VALUES ('onprem', 'onprem', 1)"
                   " ON CONFLICT (id) DO NOTHING"_s));
    QVERIFY(q.exec(u"INSERT OR IGNORE INTO regions (provider_id, id) VALUES ('onprem', 't-region_id')"_s));
    QVERIFY(sql::prepare(q, rows::instanceUpsert(Owner::User)));
    QVERIFY(rows::runInstance(q, instanceIn, *sources.idOf(instanceIn.source)));
    const QVariant instanceId = q.lastInsertId();
    QVERIFY(instanceId.isValid());
    QVERIFY(sql::prepare(q, rows::priceUpsert(Owner::User)));
    QVERIFY(rows::runPrice(q, instanceId.toLongLong(), priceIn, *sources.idOf(priceIn.source)));
    QVERIFY(sql::prepare(q, rows::fxRateUpsert()));
    QVERIFY(rows::runFxRate(q, rateIn, *sources.idOf(rateIn.source)));

    // Database -> structs, by column name: every field as it went in.
    auto catalog = m_db->loadCatalog();
    QVERIFY2(catalog, catalog ? "" : catalog.error().c_str());
    const GpuSpec* gpuOut = catalog->gpu(gpu.id);
    QVERIFY(gpuOut);
    QVERIFY(sameFields(gpuFields(), *gpuOut, gpu, false, "gpus"));
    const auto migs = catalog->migProfilesFor(gpu.id);
    QCOMPARE(migs.size(), std::size_t(1));
    QVERIFY(sameFields(migProfileFields(), *migs.front(), mig, false, "mig_profiles"));
    const ModelSpec* modelOut = catalog->model(model.id);
    QVERIFY(modelOut);
    QVERIFY(sameFields(modelFields(), *modelOut, model, false, "llm_models"));
    const auto instanceOut = std::find_if(catalog->instances.begin(), catalog->instances.end(),
                                          [&](const InstanceSpec& s) { return s.key() == instance.key(); });
    QVERIFY(instanceOut != catalog->instances.end());
    QVERIFY(sameFields(instanceFields(), *instanceOut, instance, false, "instances"));
    QCOMPARE(instanceOut->priceHistory.size(), std::size_t(1));
    QVERIFY(sameFields(priceFields(), instanceOut->priceHistory.front(), price, false, "prices"));
    const FxRate* rateOut = catalog->fxRate("XTS");
    QVERIFY(rateOut);
    QVERIFY(sameFields(fxRateFields(), *rateOut, rate, false, "fx_rates"));
}

void TestCatalogFields::namesAreUnique() {
    // Each table names each column and CSV header once.
    const auto unique = [](const auto& fields) {
        std::set<std::string> columns, headers;
        for (const auto& f : fields)
            if (!columns.insert(f.column).second || (f.inCsv() && !headers.insert(f.csvHeader).second))
                return false;
        return true;
    };
    QVERIFY(unique(gpuFields()));
    QVERIFY(unique(migProfileFields()));
    QVERIFY(unique(modelFields()));
    QVERIFY(unique(instanceFields()));
    QVERIFY(unique(priceFields()));
    QVERIFY(unique(fxRateFields()));
}

QTEST_GUILESS_MAIN(TestCatalogFields)
#include "TestCatalogFields.moc"
