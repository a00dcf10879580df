#include "CatalogLoader.h"

#include "CatalogFieldSql.h"
#include "SqlHelpers.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

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

Result<void> select(QSqlQuery& q, const QString& statement) {
    if (!q.exec(statement))
        return Error{sql::message(u"cannot read the catalog ("_s + statement.left(60) + u")"_s, q)};
    return {};
}

/// "SELECT a.field, …[, extra] FROM table a [LEFT JOIN sources s …] ORDER BY order", every field
/// of the table named (read back by name, never by position).
template <typename Row>
QString selectAll(const std::vector<CatalogField<Row>>& fields, const QString& table, const QString& alias,
                  const QString& order, const QString& extra = {}) {
    const bool hasSource = std::any_of(fields.begin(), fields.end(),
                                       [](const CatalogField<Row>& f) { return f.type == FieldType::Source; });
    QString statement = u"SELECT "_s + fieldsql::selectList(fields, alias);
    if (!extra.isEmpty())
        statement += u", "_s + extra;
    statement += u" FROM "_s + table + u' ' + alias;
    if (hasSource)
        statement += u" LEFT JOIN sources s ON s.id = "_s + alias + u".source_id"_s;
    return statement + u" ORDER BY "_s + order;
}

/// Reads every row of a catalog table into `into`, in `order`.
template <typename Row>
Result<void> readTable(const QSqlDatabase& db, const std::vector<CatalogField<Row>>& fields, const QString& table,
                       const QString& alias, std::vector<Row>& into) {
    QSqlQuery q(db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(q, selectAll(fields, table, alias, alias + u".rowid"_s)));
    const std::vector<int> positions = fieldsql::columnPositions(fields, q.record());
    while (q.next()) {
        Row row;
        fieldsql::readRow(fields, positions, q, row); // an unknown name keeps the default, as before
        into.push_back(std::move(row));
    }
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
    return readTable(m_db, gpuFields(), u"gpus"_s, u"g"_s, catalog.gpus);
}

Result<void> CatalogLoader::migProfiles(Catalog& catalog) const {
    return readTable(m_db, migProfileFields(), u"mig_profiles"_s, u"p"_s, catalog.migProfiles);
}

Result<void> CatalogLoader::models(Catalog& catalog) const {
    return readTable(m_db, modelFields(), u"llm_models"_s, u"m"_s, catalog.models);
}

Result<void> CatalogLoader::instances(Catalog& catalog) const {
    std::unordered_map<qint64, std::size_t> indexById;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        SERVEPLAN_TRY(select(q, selectAll(instanceFields(), u"instances"_s, u"i"_s, u"i.id"_s, u"i.id AS row_id"_s)));
        const std::vector<int> positions = fieldsql::columnPositions(instanceFields(), q.record());
        const int rowId = q.record().indexOf(u"row_id"_s);
        while (q.next()) {
            InstanceSpec s;
            fieldsql::readRow(instanceFields(), positions, q, s);
            indexById.emplace(q.value(rowId).toLongLong(), catalog.instances.size());
            catalog.instances.push_back(std::move(s));
        }
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    SERVEPLAN_TRY(select(q, selectAll(priceFields(), u"prices"_s, u"p"_s, u"p.instance_id"_s, u"p.instance_id"_s)));
    const std::vector<int> positions = fieldsql::columnPositions(priceFields(), q.record());
    const QSqlRecord record = q.record();
    const int instanceId = record.indexOf(u"instance_id"_s), plan = record.indexOf(u"plan"_s),
              upfront = record.indexOf(u"upfront"_s);
    while (q.next()) {
        const auto it = indexById.find(q.value(instanceId).toLongLong());
        Price p;
        if (it == indexById.end() || fieldsql::readRow(priceFields(), positions, q, p))
            return Error{"prices: a row names instance " + str(q, instanceId) + " / plan '" + str(q, plan) +
                         "' / upfront '" + str(q, upfront) + "' that does not exist (run `serveplan-cli db check`)"};
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
    return readTable(m_db, fxRateFields(), u"fx_rates"_s, u"f"_s, catalog.fxRates);
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
        c.factors.push_back(
            {str(q, 3), real(q, 4), Message(MessageCode::FactorCalibrationRun, {MessageArg::integer(run)})});
    }
    return {};
}

} // namespace serveplan::models
