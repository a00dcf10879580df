#include "SourceIds.h"

#include "QtText.h"
#include "SqlHelpers.h"

using namespace Qt::StringLiterals;

namespace serveplan::models {

SourceIds::SourceIds(const QSqlDatabase& db)
    : m_db(db)
    , m_insert(m_db)
    , m_select(m_db) {}

Result<QVariant> SourceIds::idOf(const std::string& text) {
    if (text.empty())
        return QVariant(QMetaType::fromType<qint64>());
    if (const auto it = m_cache.find(text); it != m_cache.end())
        return QVariant(it->second);
    if (!m_prepared) {
        if (auto r = sql::prepare(m_insert, u"INSERT OR IGNORE INTO sources (text) VALUES (?)"_s); !r)
            return Error{r.error()};
        if (auto r = sql::prepare(m_select, u"SELECT id FROM sources WHERE text = ?"_s); !r)
            return Error{r.error()};
        m_prepared = true;
    }
    const QString value = qtText(text);
    if (auto r = sql::run(m_insert, {value}); !r)
        return Error{r.error()};
    if (auto r = sql::run(m_select, {value}); !r)
        return Error{r.error()};
    if (!m_select.next())
        return Error{"sources: the row just inserted is missing"};
    const qint64 id = m_select.value(0).toLongLong();
    m_select.finish();
    m_cache.emplace(text, id);
    return QVariant(id);
}

} // namespace serveplan::models
