#pragma once
// Looks up or creates rows of the `sources` table; a seed cites ~200 distinct source texts many times.
#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <string>
#include <unordered_map>

namespace serveplan::models {

class SourceIds final {
public:
    explicit SourceIds(const QSqlDatabase& db);
    /// The id of a source text (created when new); NULL for an empty text.
    Result<QVariant> idOf(const std::string& text);

private:
    QSqlDatabase m_db;
    QSqlQuery m_insert;
    QSqlQuery m_select;
    bool m_prepared = false;
    std::unordered_map<std::string, qint64> m_cache;
};

} // namespace serveplan::models
