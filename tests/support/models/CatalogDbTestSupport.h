#pragma once
// Helpers of the models tests that open catalog databases and look into them with SQL.
// A library of its own over serveplan_models (serveplan_testsupport_models), so the engine tests
// that link serveplan_testsupport stay free of the database layer.
#include "CatalogDb.h"

#include <QStringList>
#include <QVariant>

#include <memory>

namespace serveplan::test {

/// The database at `path`, or null after a qWarning with the reason (the caller QVERIFYs it).
std::unique_ptr<models::CatalogDb> openOrFail(const QString& path);

/// The first column of the first row of `sql` on `db`; an invalid QVariant on an error or no row.
QVariant scalar(const models::CatalogDb& db, const QString& sql);

/// Runs `statements` on a plain connection to `path` (no CatalogDb, no migration), for fixtures;
/// blank statements are skipped. False, after a qWarning naming it, at the first that fails.
bool execAll(const QString& path, const QStringList& statements);

} // namespace serveplan::test
