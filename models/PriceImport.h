#pragma once
// `db import-prices` and the catalog window's import: a price file of any size in bounded memory.
// Pass 1 streams the file and validates every row (nothing is written); pass 2 streams it again and
// writes it in batches inside ONE transaction, so the import stays all-or-nothing. A cancel (the
// progress callback returns false) in either pass writes nothing.
#include "CatalogDb.h"
#include "PriceCsv.h"

#include <optional>

namespace serveplan::models {

struct PriceFileImport {
    PriceParseResult parsed;              ///< problems of pass 1 (records stay empty)
    std::optional<ImportSummary> summary; ///< set when the prices were written
    bool cancelled = false;
    QString error; ///< pass 2 failed (database error); nothing was written
};

/// Records per write batch of pass 2.
inline constexpr std::size_t kPriceImportBatch = 4096;

PriceFileImport importPriceFile(CatalogDb& db, const QString& path, const PriceImportOptions& options,
                                const PriceImportProgress& progress = {});

} // namespace serveplan::models
