#include "PriceImport.h"

using namespace Qt::StringLiterals;

namespace serveplan::models {

PriceFileImport importPriceFile(CatalogDb& db, const QString& path, const PriceImportOptions& options,
                                const PriceImportProgress& progress) {
    PriceFileImport result;
    const PriceLookups lookups = db.priceLookups();
    result.parsed = PriceCsv::validateFile(path, options, lookups, progress);
    if (result.parsed.cancelled) {
        result.cancelled = true;
        return result;
    }
    if (!result.parsed.problems.isEmpty())
        return result;
    bool cancelled = false;
    const auto secondPass = [&](qint64 done, qint64 total) {
        if (progress && !progress(done, total))
            cancelled = true;
        return !cancelled;
    };
    auto summary = db.importPrices(
        [&](const CatalogDb::PriceBatchWriter& write) {
            return PriceCsv::readFileInBatches(path, options, lookups, kPriceImportBatch, write, secondPass);
        },
        options.format == PriceFormat::ServePlan);
    if (cancelled) {
        result.cancelled = true;
        return result;
    }
    if (!summary) {
        result.error = QString::fromStdString(summary.error());
        return result;
    }
    result.summary = *summary;
    return result;
}

} // namespace serveplan::models
