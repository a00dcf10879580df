#pragma once
// The History tab of the calibration window: the stored runs (a view over CalibrationRunModel, newest
// first) with Apply, Remove Calibration, Delete, Export and Import, its status line, and the results
// page of the selected run below them. Import takes a calibration JSON, bare probe output, or a load
// test (`vllm bench serve` JSON, Locust CSV), which asks for the deployment it ran on.
#include "calib/LoadTestImport.h"
#include "catalog/Catalog.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace serveplan::models {
class CalibrationRunModel;
class CalibrationStore;
} // namespace serveplan::models

namespace serveplan::ui {

class CalibrationResultsPage;
class Prompts;

class CalibrationHistoryPage final : public QWidget {
    Q_OBJECT
public:
    /// Answers "which deployment did this load test run on?"; std::nullopt = cancelled.
    using LoadTestSetupPrompt =
        std::function<std::optional<LoadTestSetup>(const QString& source, const LoadTestPoint& point)>;

    /// Works on `store` with `catalog` and asks through `prompts`; all three must outlive the page.
    CalibrationHistoryPage(models::CalibrationStore& store, const Catalog& catalog, Prompts& prompts,
                           QWidget* parent = nullptr);

    /// Re-reads the runs, keeping the selected one (else the newest), and shows its detail.
    void reload();
    void selectRun(qint64 id);
    qint64 selectedRunId() const;

    bool applyRun(qint64 id);
    bool removeCalibration(qint64 id);
    bool deleteRun(qint64 id);
    bool exportRun(qint64 id, const QString& path);
    bool importFile(const QString& path);

    /// The default asks with LoadTestSetupDialog, offering `gpuHint()` (or the selected run's GPU).
    void setLoadTestSetupPrompt(LoadTestSetupPrompt prompt) { m_setupPrompt = std::move(prompt); }
    void setGpuHint(std::function<QString()> hint) { m_gpuHint = std::move(hint); }
    void showStatus(const QString& text, bool error);

    QTableView* runView() const { return m_view; }
    models::CalibrationRunModel* runModel() const { return m_runs; }
    CalibrationResultsPage* results() const { return m_results; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* unapplyButton() const { return m_unapply; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* importButton() const { return m_import; }
    QLabel* statusLabel() const { return m_status; }

signals:
    /// The database changed under the catalog: the window reloads it, then calls reload() (synchronously).
    void reloadNeeded();
    /// The factors in use changed (apply, remove, delete of an applied run).
    void calibrationChanged();
    /// A run went into the database by an import.
    void runStored(qint64 id);

private:
    int selectedRow() const;
    void updateButtons();
    void showDetail();
    void chooseImport();
    void chooseExport();
    std::optional<LoadTestSetup> askSetup(const QString& source, const LoadTestPoint& point);

    models::CalibrationStore& m_store;
    const Catalog& m_catalog;
    Prompts& m_prompts;
    LoadTestSetupPrompt m_setupPrompt;
    std::function<QString()> m_gpuHint;
    models::CalibrationRunModel* m_runs;
    QTableView* m_view = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_unapply = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_status = nullptr;
    CalibrationResultsPage* m_results = nullptr;
};

} // namespace serveplan::ui
