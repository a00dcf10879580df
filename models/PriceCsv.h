#pragma once
// The price-list files of `db import-prices` / `db export-prices`.
//
// serveplan format (written by export, read by import; one row per instance x pricing plan):
//   provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,memory_gib,
//   interconnect,plan,price,currency,unit,effective_date,source,user_entered
//   [,upfront,upfront_amount,fetched_at]   (optional trailing columns: none|partial|all, the whole upfront
//   payment in the currency, ISO 8601 UTC fetch time; a file without them imports as before)
// Import also reads the seed's instances.csv layout (one row per instance, a column per plan).
// skypilot format: SkyPilot's vms.csv (InstanceType, AcceleratorName, AcceleratorCount, vCPUs,
//   MemoryGiB, Price, SpotPrice, Region, AvailabilityZone), prices in USD per hour, one row per zone.
#include "PriceRecord.h"
#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QIODevice;

namespace serveplan::models {

enum class PriceFormat { ServePlan, SkyPilot };

struct PriceImportOptions {
    PriceFormat format = PriceFormat::ServePlan;
    QString provider;      ///< skypilot: the provider (else taken from the file name)
    QString effectiveDate; ///< skypilot: ISO date of the prices (else today, UTC)
};

struct PriceParseResult {
    std::vector<PriceRecord> records;
    QStringList problems;    ///< `FILE:LINE: reason`, one per bad row (empty = valid); at most kMaxProblems
    qint64 problemCount = 0; ///< every problem found, also those beyond kMaxProblems
    qint64 skippedRows = 0;  ///< skypilot rows without an accelerator (CPU-only instance types)
    qint64 recordCount = 0;  ///< prices the file holds (also when `records` is not kept)
    QString encoding;        ///< the text encoding the file was read in (UTF-8, UTF-16LE, UTF-16BE, GB18030)
    bool cancelled = false;  ///< the progress callback asked to stop
};

/// The text encoding of a price file: a byte-order mark decides (UTF-8, UTF-16 LE/BE); without one
/// the bytes must be valid UTF-8, or read as Chinese text in GB18030 (which includes GBK and GB2312,
/// what Excel on a Chinese Windows writes). Anything else is refused with a message naming what the
/// bytes look like (Latin-1 / Windows-1252, UTF-16 without a BOM, UTF-32): a file is never stored
/// with replacement characters.
struct TextEncoding {
    QString name; ///< "UTF-8", "UTF-16LE", "UTF-16BE" or "GB18030"
    qsizetype bomBytes = 0;
};

/// Progress of a streamed import: `done` of `total` (bytes of the file over the passes). Return false
/// to cancel: the import stops and writes nothing.
using PriceImportProgress = std::function<bool(qint64 done, qint64 total)>;

class PriceCsv final {
public:
    /// Parses and validates every row against what the database knows (GPUs, currencies), and
    /// reports every bad row: unknown GPU, negative/non-numeric/non-finite price, unknown currency,
    /// missing columns, bad quoting, duplicate keys. `fileName` is used in messages.
    static PriceParseResult read(const QByteArray& bytes, const QString& fileName, const PriceImportOptions& options,
                                 const PriceLookups& lookups);

    /// The encoding of a whole file (read through once, in blocks); the error names the problem.
    static Result<TextEncoding> detectEncoding(QIODevice& file, const QString& fileName);
    static Result<TextEncoding> detectEncoding(const QByteArray& bytes, const QString& fileName);

    /// First pass of a streamed import: validates every row of `path` in bounded memory (blocks of a
    /// few MB; duplicate keys checked through 8-byte hashes, confirmed on a second look). `records`
    /// stays empty; recordCount says how many prices the file holds. Progress runs over the first half of
    /// twice the file size.
    static PriceParseResult validateFile(const QString& path, const PriceImportOptions& options,
                                         const PriceLookups& lookups, const PriceImportProgress& progress = {});
    /// Second pass: hands the records of an already validated file to `sink` in batches of about
    /// `batchSize`; stops at the first error of `sink` (or a cancel: Error "cancelled"). Progress runs
    /// over the second half.
    static Result<void> readFileInBatches(const QString& path, const PriceImportOptions& options,
                                          const PriceLookups& lookups, std::size_t batchSize,
                                          const std::function<Result<void>(std::vector<PriceRecord>&)>& sink,
                                          const PriceImportProgress& progress = {});
    static constexpr int kMaxProblems = 1000;

    /// The serveplan format; numbers in their shortest exact form, so export -> import round-trips.
    static QByteArray write(const std::vector<PriceRecord>& records);
    /// The provider a SkyPilot file stands for: `aws/vms.csv` -> aws, `lambda_vms.csv` -> lambda.
    static QString providerFromFileName(const QString& fileName);
    static const std::vector<std::string_view>& serveplanColumns();
    /// The optional trailing columns of the serveplan format (upfront, upfront_amount, fetched_at).
    static const std::vector<std::string_view>& serveplanOptionalColumns();
    static const std::vector<std::string_view>& skypilotColumns();
    /// Shortest text that reads back as the same double (std::to_chars).
    static std::string formatNumber(double value);
};

} // namespace serveplan::models
