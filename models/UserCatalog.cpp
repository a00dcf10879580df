#include "UserCatalog.h"

#include "CatalogRows.h"
#include "QtText.h"
#include "SourceIds.h"
#include "SqlHelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace serveplan::models {

using rows::Owner;

namespace {

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
    const QString id = qtText(m.id);
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
    // A model without a name shows its id; without an active parameter count, all of them are active.
    ModelSpec row = m;
    if (row.name.empty())
        row.name = row.id;
    if (row.activeParamsB <= 0)
        row.activeParamsB = row.paramsB;
    QSqlQuery q(db);
    SERVEPLAN_TRY(sql::prepare(q, rows::modelInsertOrReplace(Owner::User)));
    return rows::runModel(q, row, *source);
}

Result<void> UserCatalog::saveGpu(const GpuSpec& g) {
    const QString id = qtText(g.id);
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
    SERVEPLAN_TRY(sql::prepare(q, rows::gpuUpsert(Owner::User)));
    return rows::runGpu(q, g, *source);
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
    SERVEPLAN_TRY(sql::prepare(q, rows::priceUpsert(Owner::User)));
    return rows::runPrice(q, instanceId, price, *source);
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
