#pragma once
// Calibration runs in the catalog database: each run keeps the probe's raw JSON lines (so a later,
// better fit can re-read it), and applying a run writes its fitted factors for that GPU into
// calibration_factors (one applied run per GPU and engine). Runs travel as JSON files so a probe
// run headless on a remote GPU server can be brought home.
#include "calib/CalibrationFit.h"
#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <vector>

namespace serveplan::models {

struct CalibrationRunInfo {
    qint64 id = 0;
    QString created; ///< ISO 8601, UTC
    QString gpu;     ///< catalog gpu_id (or the device name when the catalog has no match)
    QString kind;    ///< probe | probe_quick | vllm_bench | locust
    QString summary;
    bool applied = false; ///< its factors are the ones in use for `gpu`
};

/// A run read from a file: the metadata (empty when the file was bare probe output) and the lines.
struct CalibrationRunFile {
    QString gpu;
    QString kind;
    QString created;
    QString summary;
    QByteArray probeOutput; ///< JSON lines
};

class CalibrationStore final {
public:
    /// Works on `db` (CatalogDb::database()), which must hold schema version 2 or later.
    explicit CalibrationStore(QSqlDatabase db);

    Result<qint64> addRun(const QString& gpu, const QString& kind, const QByteArray& probeOutput,
                          const QString& summary, const QString& created = {});
    Result<std::vector<CalibrationRunInfo>> runs() const;
    Result<CalibrationRunInfo> run(qint64 id) const;
    Result<QByteArray> probeOutput(qint64 id) const;
    /// Deletes a run and, with it, its factors.
    Result<void> remove(qint64 id);

    /// Makes `factors` of run `id` the ones in use for its GPU and `engine` (replacing another run's).
    Result<void> apply(qint64 id, const std::vector<CalibrationFactor>& factors,
                       const QString& engine = QStringLiteral("generic"));
    /// Stops using any calibration for `gpu` and `engine`.
    Result<void> unapply(const QString& gpu, const QString& engine = QStringLiteral("generic"));
    /// The factors in use for `gpu` and `engine` (empty: none applied).
    Result<std::vector<CalibrationFactor>> appliedFactors(const QString& gpu,
                                                          const QString& engine = QStringLiteral("generic")) const;

    /// Writes run `id` as a JSON file through QSaveFile: probe runs as format "serveplan-calibration"
    /// version 1; load-test runs as the "serveplan-loadtest" document they are stored as.
    Result<void> exportRun(qint64 id, const QString& path) const;
    /// Reads an exported run, or a file of bare probe output (JSON lines).
    static Result<CalibrationRunFile> readRunFile(const QString& path);

private:
    static QJsonObject exportDocument(const CalibrationRunInfo& info, const QByteArray& probeOutput);
    QSqlDatabase m_db;
};

} // namespace serveplan::models
