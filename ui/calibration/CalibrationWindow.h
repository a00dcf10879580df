#pragma once
// Tools ▸ Calibration: runs serveplan-probe on this machine (quick or full, with progress, a live
// results table and cancel), stores the run, and keeps the history of runs: apply or remove a run's
// fitted factors for its GPU, delete, export and import runs, and import load-test results
// (`vllm bench serve` JSON, Locust CSV). The selected run shows its factors and the engine's
// predictions before and after calibration against what was measured, as a table and a log-log chart.
// When it opens it asks the probe for the device alone (`--device-only`, in the background) to show
// the device and the catalog GPU it maps to before any run.
// A probe that crashes, hangs (timeout) or prints garbage ends with a clear message; the window stays usable.
#include "ProbeRunner.h"
#include "calib/LoadTestImport.h"
#include "spec/Catalog.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace serveplan::models {
class CalibrationStore;
class CatalogDb;
} // namespace serveplan::models

namespace serveplan::ui {

class Prompts;

class CalibrationWindow final : public QDialog {
    Q_OBJECT
public:
    enum ResultColumn { ResultTest, ResultParameters, ResultValue, ResultUnit, ResultColumnCount };
    enum HistoryColumn { HistoryDate, HistoryGpu, HistoryKind, HistorySummary, HistoryApplied, HistoryColumnCount };
    enum FactorColumn { FactorName, FactorValue, FactorBasis, FactorColumnCount };
    enum ComparisonColumn {
        CompareTest,
        CompareConfig,
        CompareUnit,
        CompareMeasured,
        CompareBefore,
        CompareErrorBefore,
        CompareAfter,
        CompareErrorAfter,
        CompareNote,
        CompareColumnCount
    };

    /// Works on `db`, which must outlive the window. `prompts` answers file dialogs, questions and
    /// errors (the real dialogs when null).
    CalibrationWindow(models::CatalogDb& db, Prompts* prompts, QWidget* parent = nullptr);
    /// The same, owning the database.
    CalibrationWindow(std::unique_ptr<models::CatalogDb> db, Prompts* prompts, QWidget* parent = nullptr);
    ~CalibrationWindow() override;

    models::CatalogDb& database() const { return m_db; }

    /// The probe to run (default: ProbeRunner::locateProbe()); empty = none found.
    void setProbeProgram(const QString& program);
    QString probeProgram() const { return m_program; }
    /// Stops a run after this long; 0 = 120 s for a quick run, 600 s for a full one.
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }

    /// Asks the probe for the device alone (`serveplan-probe --device-only`, asynchronous, 20 s at
    /// most) and shows it with the catalog GPU it maps to; a failure shows the reason. Runs when the
    /// window is shown and has no device yet, and when the program changes while it is visible; false
    /// when there is no program or a run is going.
    bool detectDevice();
    bool isDetectingDevice() const { return m_deviceRunner != nullptr; }

    /// Starts the probe; false when none is found or one is running.
    bool runProbe(bool quick);
    void cancelProbe();
    bool isRunning() const;
    models::ProbeRunner* runner() const { return m_runner; }

    /// Re-reads the catalog (GPUs and models offered) and the history from the database.
    void reload();
    void selectRun(qint64 id);
    qint64 selectedRunId() const;

    /// Uses the fitted factors of run `id` for its GPU; false with the reason in the status line.
    bool applyRun(qint64 id);
    /// Stops using any calibration for the GPU of run `id`.
    bool removeCalibration(qint64 id);
    /// Deletes run `id` after asking; false when the user says no or the database refuses.
    bool deleteRun(qint64 id);
    bool exportRun(qint64 id, const QString& path);
    /// Imports a calibration JSON, bare probe output, or a load-test result (which asks for the
    /// deployment it ran on); false when refused or cancelled.
    bool importFile(const QString& path);

    /// Answers "which deployment did this load test run on?" (default: the LoadTestSetupDialog);
    /// std::nullopt = cancelled. Tests set their own.
    using LoadTestSetupPrompt =
        std::function<std::optional<LoadTestSetup>(const QString& source, const LoadTestPoint& point)>;
    void setLoadTestSetupPrompt(LoadTestSetupPrompt prompt) { m_setupPrompt = std::move(prompt); }

    QLabel* probeLabel() const { return m_probeLabel; }
    QLabel* deviceLabel() const { return m_deviceLabel; }
    QLabel* matchLabel() const { return m_matchLabel; }
    QComboBox* gpuBox() const { return m_gpuBox; }
    QComboBox* modelBox() const { return m_modelBox; }
    QPushButton* quickButton() const { return m_quick; }
    QPushButton* fullButton() const { return m_full; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* stageLabel() const { return m_stage; }
    QLabel* runStatusLabel() const { return m_runStatus; }
    QTableWidget* resultsTable() const { return m_results; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableWidget* historyTable() const { return m_history; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* unapplyButton() const { return m_unapply; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* importButton() const { return m_import; }
    QLabel* historyStatusLabel() const { return m_historyStatus; }
    QTableWidget* factorTable() const { return m_factors; }
    QLabel* detailLabel() const { return m_detail; }
    QTableWidget* comparisonTable() const { return m_comparison; }
    QCustomPlot* chart() const { return m_chart; }

signals:
    /// The factors in use changed (apply, remove, delete of an applied run): the catalog should be
    /// reloaded and plans rerun.
    void calibrationChanged();
    /// A run went into the database (a probe run or an import).
    void runStored(qint64 id);
    /// A probe run ended, however it ended.
    void probeFinished(serveplan::models::ProbeRunner::Outcome outcome, const QString& message);
    /// detectDevice() ended (not when a run or a new detection replaced it).
    void deviceDetected(serveplan::models::ProbeRunner::Outcome outcome, const QString& message);

protected:
    void reject() override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildRunPage();
    QWidget* buildHistoryPage();
    void fillGpuAndModelBoxes();
    void setRunning(bool running);
    void onDevice(const QJsonObject& device);
    void onDeviceDetected(models::ProbeRunner::Outcome outcome, const QString& message);
    void cancelDeviceDetection();
    void onProgress(const QString& stage, double fraction, const QString& message);
    void onResult(const QJsonObject& result);
    void onProbeError(const QString& stage, const QString& message);
    void onFinished(models::ProbeRunner::Outcome outcome, const QString& message);
    void showRunStatus(const QString& text, bool error);
    void showHistoryStatus(const QString& text, bool error);
    void updateHistoryButtons();
    void showDetail();
    void showProbeDetail(qint64 id);
    void showLoadTestDetail(qint64 id);
    void clearDetail(const QString& text);
    void chooseImport();
    void chooseExport();
    std::optional<LoadTestSetup> askSetup(const QString& source, const LoadTestPoint& point);
    QString selectedGpu() const;
    int selectedRow() const;

    std::unique_ptr<models::CatalogDb> m_ownedDb;
    models::CatalogDb& m_db;
    std::unique_ptr<models::CalibrationStore> m_store;
    std::unique_ptr<Prompts> m_ownPrompts;
    Prompts* m_prompts;
    Catalog m_catalog;
    QString m_program;
    int m_timeoutMs = 0;
    bool m_quickRun = false;
    int m_malformed = 0;
    LoadTestSetupPrompt m_setupPrompt;
    models::ProbeRunner* m_runner = nullptr;
    models::ProbeRunner* m_deviceRunner = nullptr; ///< the running --device-only check, if any
    QJsonObject m_device;                          ///< the last device line, from a check or a run

    QTabWidget* m_tabs = nullptr;
    QLabel* m_probeLabel = nullptr;
    QLabel* m_deviceLabel = nullptr;
    QLabel* m_matchLabel = nullptr;
    QComboBox* m_gpuBox = nullptr;
    QComboBox* m_modelBox = nullptr;
    QPushButton* m_quick = nullptr;
    QPushButton* m_full = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stage = nullptr;
    QLabel* m_runStatus = nullptr;
    QTableWidget* m_results = nullptr;

    QTableWidget* m_history = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_unapply = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_historyStatus = nullptr;
    QTableWidget* m_factors = nullptr;
    QLabel* m_detail = nullptr;
    QTableWidget* m_comparison = nullptr;
    QCustomPlot* m_chart = nullptr;
};

} // namespace serveplan::ui
