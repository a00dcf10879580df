#pragma once
// Tools ▸ Calibration: runs serveplan-probe on this machine (quick or full, with progress, a live
// results table and cancel), stores the run, and keeps the history of runs: apply or remove a run's
// fitted factors for its GPU, delete, export and import runs, and import load-test results
// (`vllm bench serve` JSON, Locust CSV). The selected run shows its factors and the engine's
// predictions before and after calibration against what was measured, as a table and a log-log chart.
// When it opens it asks the probe for the device alone (`--device-only`, in the background) to show
// the device and the catalog GPU it maps to before any run.
// A probe that crashes, hangs (timeout) or prints garbage ends with a clear message; the window stays usable.
// Rooms of one job each (ui/calibration/README.md): ProbeSession drives the probe process; the Probe tab
// (CalibrationRunPage), the History tab (CalibrationHistoryPage) and the selected run's results
// (CalibrationResultsPage) show item models of models/ (CalibrationProbeLineModel, CalibrationRunModel,
// CalibrationFactorModel, CalibrationResultModel); this window only owns the database pieces and wires them.
#include "CalibrationFactorModel.h"
#include "CalibrationProbeLineModel.h"
#include "CalibrationResultModel.h"
#include "CalibrationRunModel.h"
#include "ProbeRunner.h"
#include "calibration/CalibrationHistoryPage.h"
#include "catalog/Catalog.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;

namespace serveplan::models {
class CalibrationStore;
class CatalogDb;
} // namespace serveplan::models

namespace serveplan::ui {

class CalibrationResultsPage;
class CalibrationRunPage;
class ProbeSession;
class Prompts;

class CalibrationWindow final : public QDialog {
    Q_OBJECT
public:
    // The columns of the tables, as their models number them.
    enum ResultColumn {
        ResultTest = models::CalibrationProbeLineModel::Test,
        ResultParameters = models::CalibrationProbeLineModel::Parameters,
        ResultValue = models::CalibrationProbeLineModel::Value,
        ResultUnit = models::CalibrationProbeLineModel::Unit,
        ResultColumnCount = models::CalibrationProbeLineModel::ColumnCount
    };
    enum HistoryColumn {
        HistoryDate = models::CalibrationRunModel::Date,
        HistoryGpu = models::CalibrationRunModel::Gpu,
        HistoryKind = models::CalibrationRunModel::Kind,
        HistorySummary = models::CalibrationRunModel::Summary,
        HistoryApplied = models::CalibrationRunModel::Applied,
        HistoryColumnCount = models::CalibrationRunModel::ColumnCount
    };
    enum FactorColumn {
        FactorName = models::CalibrationFactorModel::Name,
        FactorValue = models::CalibrationFactorModel::Value,
        FactorUnit = models::CalibrationFactorModel::Unit,
        FactorBasis = models::CalibrationFactorModel::Basis,
        FactorColumnCount = models::CalibrationFactorModel::ColumnCount
    };
    enum ComparisonColumn {
        CompareTest = models::CalibrationResultModel::Test,
        CompareConfig = models::CalibrationResultModel::Config,
        CompareUnit = models::CalibrationResultModel::Unit,
        CompareMeasured = models::CalibrationResultModel::Measured,
        CompareBefore = models::CalibrationResultModel::Before,
        CompareErrorBefore = models::CalibrationResultModel::ErrorBefore,
        CompareAfter = models::CalibrationResultModel::After,
        CompareErrorAfter = models::CalibrationResultModel::ErrorAfter,
        CompareNote = models::CalibrationResultModel::Note,
        CompareColumnCount = models::CalibrationResultModel::ColumnCount
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
    QString probeProgram() const;
    /// Stops a run after this long; 0 = 120 s for a quick run, 600 s for a full one.
    void setTimeoutMs(int milliseconds);

    /// Asks the probe for the device alone (`serveplan-probe --device-only`, asynchronous, 20 s at
    /// most) and shows it with the catalog GPU it maps to; a failure shows the reason. Runs when the
    /// window is shown and has no device yet, and when the program changes while it is visible; false
    /// when there is no program or a run is going.
    bool detectDevice();
    bool isDetectingDevice() const;

    /// Starts the probe; false when none is found or one is running.
    bool runProbe(bool quick);
    void cancelProbe();
    bool isRunning() const;
    models::ProbeRunner* runner() const;

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
    using LoadTestSetupPrompt = CalibrationHistoryPage::LoadTestSetupPrompt;
    void setLoadTestSetupPrompt(LoadTestSetupPrompt prompt);

    CalibrationRunPage* runPage() const { return m_runPage; }
    CalibrationHistoryPage* historyPage() const { return m_historyPage; }
    CalibrationResultsPage* resultsPage() const;
    ProbeSession* session() const { return m_session; }

    QLabel* probeLabel() const;
    QLabel* deviceLabel() const;
    QLabel* matchLabel() const;
    QComboBox* gpuBox() const;
    QComboBox* modelBox() const;
    QPushButton* quickButton() const;
    QPushButton* fullButton() const;
    QPushButton* cancelButton() const;
    QProgressBar* progressBar() const;
    QLabel* stageLabel() const;
    QLabel* runStatusLabel() const;
    QTableView* resultsTable() const;
    QTabWidget* tabs() const { return m_tabs; }
    QTableView* historyTable() const;
    QPushButton* applyButton() const;
    QPushButton* unapplyButton() const;
    QPushButton* deleteButton() const;
    QPushButton* exportButton() const;
    QPushButton* importButton() const;
    QLabel* historyStatusLabel() const;
    QTableView* factorTable() const;
    QLabel* detailLabel() const;
    QTableView* comparisonTable() const;
    QCustomPlot* chart() const;

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
    void onDeviceDetected(models::ProbeRunner::Outcome outcome, const QString& message, const QJsonObject& device);
    void onFinished(models::ProbeRunner::Outcome outcome, const QString& message);

    std::unique_ptr<models::CatalogDb> m_ownedDb;
    models::CatalogDb& m_db;
    std::unique_ptr<models::CalibrationStore> m_store;
    std::unique_ptr<Prompts> m_ownPrompts;
    Prompts* m_prompts;
    Catalog m_catalog; ///< the pages read it; reload() refreshes it in place
    ProbeSession* m_session;
    QTabWidget* m_tabs = nullptr;
    CalibrationRunPage* m_runPage = nullptr;
    CalibrationHistoryPage* m_historyPage = nullptr;
};

} // namespace serveplan::ui
