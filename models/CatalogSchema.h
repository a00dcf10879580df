#pragma once
// The catalog database schema (DESIGN.md §3.3) as numbered migrations. Migration N takes a database
// from schema version N-1 to N; CatalogDb runs each one in its own transaction.
#include <QStringList>
#include <vector>

namespace serveplan::models {

struct Migration {
    int version;            ///< the schema version after this migration
    const char* summary;    ///< one line for logs and `db info`
    QStringList statements; ///< one SQL statement each (QSQLITE runs one per exec)
};

class CatalogSchema final {
public:
    /// The schema version this build creates and reads.
    static constexpr int kCurrentVersion = 3;
    /// Every migration in order, from version 1 to kCurrentVersion.
    static const std::vector<Migration>& migrations();
    /// Data tables reported by `db info`, in a stable order.
    static const QStringList& tables();
};

} // namespace serveplan::models
