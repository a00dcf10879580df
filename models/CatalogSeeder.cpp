#include "CatalogSeeder.h"

#include "CatalogRows.h"
#include "SourceIds.h"
#include "QtText.h"
#include "SqlHelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace serveplan::models {

using rows::Owner;


Result<void> CatalogSeeder::apply(const Catalog& seed) {
    SERVEPLAN_TRY(gpus(seed));
    SERVEPLAN_TRY(migProfiles(seed));
    SERVEPLAN_TRY(models(seed));
    SERVEPLAN_TRY(instances(seed));
    SERVEPLAN_TRY(fxRates(seed));
    return {};
}

Result<void> CatalogSeeder::gpus(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, rows::gpuUpsert(Owner::Seed)));
    for (const GpuSpec& g : seed.gpus) {
        auto source = sources.idOf(g.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(rows::runGpu(q, g, *source));
    }
    return {};
}

Result<void> CatalogSeeder::migProfiles(const Catalog& seed) {
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, rows::migProfileUpsert()));
    for (const MigProfile& p : seed.migProfiles)
        SERVEPLAN_TRY(rows::runMigProfile(q, p));
    return {};
}

Result<void> CatalogSeeder::models(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, rows::modelUpsert(Owner::Seed)));
    for (const ModelSpec& m : seed.models) {
        auto source = sources.idOf(m.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(rows::runModel(q, m, *source));
    }
    return {};
}

Result<void> CatalogSeeder::instances(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery provider(m_db);
    QSqlQuery region(m_db);
    QSqlQuery instance(m_db);
    QSqlQuery instanceId(m_db);
    QSqlQuery price(m_db);
    SERVEPLAN_TRY(sql::prepare(provider, u"INSERT INTO providers (id, name, on_prem) VALUES (?, ?, ?)"
                                         " ON CONFLICT (id) DO NOTHING"_s));
    SERVEPLAN_TRY(sql::prepare(region, u"INSERT OR IGNORE INTO regions (provider_id, id) VALUES (?, ?)"_s));
    SERVEPLAN_TRY(sql::prepare(instance, rows::instanceUpsert(Owner::Seed)));
    SERVEPLAN_TRY(sql::prepare(
        instanceId, u"SELECT id FROM instances WHERE provider_id = ? AND instance_type = ? AND region_id = ?"_s));
    SERVEPLAN_TRY(sql::prepare(price, rows::priceUpsert(Owner::Seed)));
    for (const InstanceSpec& s : seed.instances) {
        const QString providerId = qtText(s.provider);
        const QString regionId = qtText(s.region);
        const QString type = qtText(s.instanceType);
        auto source = sources.idOf(s.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(sql::run(provider, {providerId, providerId, s.onPrem ? 1 : 0}));
        SERVEPLAN_TRY(sql::run(region, {providerId, regionId}));
        SERVEPLAN_TRY(rows::runInstance(instance, s, *source));
        SERVEPLAN_TRY(sql::run(instanceId, {providerId, type, regionId}));
        if (!instanceId.next())
            return Error{"instances: " + s.key() + " missing after insert"};
        const qint64 id = instanceId.value(0).toLongLong();
        instanceId.finish();
        for (const Price& p : s.prices) {
            auto priceSource = sources.idOf(p.source);
            if (!priceSource)
                return Error{priceSource.error()};
            SERVEPLAN_TRY(rows::runPrice(price, id, p, *priceSource));
        }
    }
    return {};
}

Result<void> CatalogSeeder::fxRates(const Catalog& seed) {
    SourceIds sources(m_db);
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, rows::fxRateUpsert()));
    for (const FxRate& r : seed.fxRates) {
        auto source = sources.idOf(r.source);
        if (!source)
            return Error{source.error()};
        SERVEPLAN_TRY(rows::runFxRate(q, r, *source));
    }
    return {};
}

} // namespace serveplan::models
