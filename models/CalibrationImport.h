#pragma once
// What the command line (probe, calibrate) and the GUI calibration window share about calibration
// runs: the probe's shape flags for a catalog model, storing a finished probe run, fitting a stored
// probe run, and storing, reading and importing runs: exported runs, bare probe output, and load
// tests (`vllm bench serve --save-result` JSON, Locust `_stats.csv`) with the deployment the user states.
#include "CalibrationStore.h"
#include "calib/CalibrationFit.h"
#include "calib/LoadTestImport.h"
#include "calib/ProbeRun.h"
#include "common/Result.h"
#include "catalog/Catalog.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace serveplan::models {

/// calibration_runs.kind values.
namespace runkind {
inline constexpr const char* kProbe = "probe";
inline constexpr const char* kProbeQuick = "probe_quick";
inline constexpr const char* kVllmBench = "vllm_bench";
inline constexpr const char* kLocust = "locust";
} // namespace runkind

/// vllm_bench and locust runs: a measured point stored with its deployment, not probe output.
bool isLoadTestKind(const QString& kind);

/// serveplan-probe's shape flags for a catalog model (`--model ID --layers N …`, and the MoE flags),
/// so the probe needs no models.csv of its own.
QStringList probeShapeArguments(const ModelSpec& model);

/// The catalog GPU a probe's device is (matchCatalogGpu on its name and memory); the device name
/// when the catalog has no match.
QString catalogGpuForDevice(const Catalog& catalog, const ProbeRun& run);

struct StoredProbeRun {
    qint64 id = 0;
    QString gpu;
    QString summary;
    ProbeRun run;
};

/// Stores a finished probe's output (the well-formed lines; parsed leniently) as a `probe` or
/// `probe_quick` run of `gpu` (empty: the catalog GPU of its device). An error when it has no results.
Result<StoredProbeRun> storeProbeRun(CalibrationStore& store, const Catalog& catalog, const QByteArray& probeOutput,
                                     bool quick, const QString& gpu = {});

/// A stored probe run fitted against the catalog GPU it belongs to.
struct FittedRun {
    CalibrationRunInfo info;
    ProbeRun run;
    const GpuSpec* gpu = nullptr;
    Result<CalibrationFit> fit = Error{"not fitted"};
    /// The catalog model of the probe's synthetic transformer (null when the catalog has none).
    const ModelSpec* model = nullptr;

    /// The engine's step times before and after the fit against the measured ones (empty when the
    /// fit failed or the model is not in the catalog).
    std::vector<ComparisonRow> comparison() const;
};

Result<FittedRun> fitStoredRun(const CalibrationStore& store, const Catalog& catalog, qint64 id);

/// A load test: which tool wrote it, the deployment it ran on, and the point it measured.
struct LoadTestRun {
    QString source; ///< vllm_bench or locust
    LoadTestSetup setup;
    LoadTestPoint point;
};

/// Parses a `source` (vllm_bench or locust) result file's content.
Result<LoadTestPoint> parseLoadTestResult(const QString& source, const QByteArray& content);

struct DetectedLoadTest {
    QString source;
    LoadTestPoint point;
};

/// A vllm bench JSON or a Locust stats CSV; an error when `content` is neither.
Result<DetectedLoadTest> detectLoadTestResult(const QByteArray& content);

/// The "serveplan-loadtest" document a load-test run is stored (and exported) as.
QByteArray loadTestDocument(const QString& source, const LoadTestSetup& setup, const QByteArray& content);
/// Reads a "serveplan-loadtest" document back, parsing the result file it carries.
Result<LoadTestRun> readLoadTestDocument(const QByteArray& document);
/// The stored load-test run `id`.
Result<LoadTestRun> storedLoadTest(const CalibrationStore& store, qint64 id);

/// Load-test run `id` fitted together with every other stored load test of the same deployment (GPU,
/// engine, model, GPU count, TP): more loads tell the overheads from the bandwidth. The lengths the
/// user stated at import stand in for each file's.
struct LoadTestGroupFit {
    LoadTestRun run;
    std::vector<LoadTestPoint> points;
    std::vector<qint64> runIds;
    Result<CalibrationFit> fit = Error{"not fitted"};
};

Result<LoadTestGroupFit> fitLoadTestGroup(const CalibrationStore& store, const Catalog& catalog, qint64 id);

/// Takes every calibration off `gpu`: the probe's ("generic") and each engine's load-test fit.
Result<void> unapplyGpu(CalibrationStore& store, const QString& gpu);

/// One line for run lists: tool, model, GPU and the headline metrics.
QString loadTestSummary(const QString& source, const LoadTestSetup& setup, const LoadTestPoint& point);

/// Stores a load-test result with the deployment it ran on; the GPU and the model must be in the catalog.
Result<qint64> storeLoadTest(CalibrationStore& store, const Catalog& catalog, const QString& source,
                             const QByteArray& content, const LoadTestSetup& setup);

struct ImportedRun {
    qint64 id = 0;
    QString gpu;
    QString kind;
};

/// Imports a run file that needs no questions: an exported load test ("serveplan-loadtest"), an
/// exported probe run ("serveplan-calibration") or bare probe output. `gpu` (probe runs) overrides
/// the file's GPU; without either, the GPU is matched from the device. A vllm bench or Locust result
/// is refused here: it needs the deployment (storeLoadTest).
Result<ImportedRun> importRunFile(CalibrationStore& store, const Catalog& catalog, const QString& path,
                                  const QString& gpu = {});

} // namespace serveplan::models
