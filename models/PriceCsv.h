#pragma once
// The price-list files of `db import-prices` / `db export-prices`.
//
// serveplan format (written by export, read by import; one row per instance x pricing plan):
//   provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,memory_gib,
//   interconnect,plan,price,currency,unit,effective_date,source,user_entered
// Import also reads the seed's instances.csv layout (one row per instance, a column per plan).
// skypilot format: SkyPilot's vms.csv (InstanceType, AcceleratorName, AcceleratorCount, vCPUs,
//   MemoryGiB, Price, SpotPrice, Region, AvailabilityZone), prices in USD per hour, one row per zone.
#include "PriceRecord.h"
#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace serveplan::models {

enum class PriceFormat { ServePlan, SkyPilot };

struct PriceImportOptions {
    PriceFormat format = PriceFormat::ServePlan;
    QString provider;      ///< skypilot: the provider (else taken from the file name)
    QString effectiveDate; ///< skypilot: ISO date of the prices (else today, UTC)
};

struct PriceParseResult {
    std::vector<PriceRecord> records;
    QStringList problems; ///< `FILE:LINE: reason`, one per bad row (empty = valid)
    int skippedRows = 0;  ///< skypilot rows without an accelerator (CPU-only instance types)
};

class PriceCsv final {
public:
    /// Parses and validates every row against what the database knows (GPUs, currencies), and
    /// reports every bad row: unknown GPU, negative/non-numeric/non-finite price, unknown currency,
    /// missing columns, bad quoting, duplicate keys. `fileName` is used in messages.
    static PriceParseResult read(const QByteArray& bytes, const QString& fileName, const PriceImportOptions& options,
                                 const PriceLookups& lookups);
    /// The serveplan format; numbers in their shortest exact form, so export -> import round-trips.
    static QByteArray write(const std::vector<PriceRecord>& records);
    /// The provider a SkyPilot file stands for: `aws/vms.csv` -> aws, `lambda_vms.csv` -> lambda.
    static QString providerFromFileName(const QString& fileName);
    static const std::vector<std::string_view>& serveplanColumns();
    static const std::vector<std::string_view>& skypilotColumns();
    /// Shortest text that reads back as the same double (std::to_chars).
    static std::string formatNumber(double value);
};

} // namespace serveplan::models
