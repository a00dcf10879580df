#pragma once
// Shared by the performance commands (predict, validate, fit): the catalog from the database and
// CSV input read through the engine's reader.
#include "CliCommand.h"
#include "QtText.h" // qtText/stdText for the perf commands
#include "catalog/Catalog.h"
#include "common/CsvReader.h"
#include "common/Result.h"

#include <QString>

#include <string>

namespace serveplan::cli {

/// The catalog of `context.dbPath` (created from the embedded seed on first use).
Result<Catalog> loadPerfCatalog(const CliContext& context);
/// A CSV file with a header row.
Result<CsvTable> readCsvFile(const QString& path);
/// Writes `bytes` to `path` through QSaveFile (no half-written file on failure).
Result<void> saveFile(const QString& path, const std::string& bytes);

} // namespace serveplan::cli
