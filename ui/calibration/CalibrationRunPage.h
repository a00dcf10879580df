#pragma once
// The Probe tab of the calibration window: the program, the device and the catalog GPU it maps to
// (or the one the user picks), the model whose shapes the probe uses, Run Quick / Run Full / Cancel,
// the progress bar and stage, the run's status line and the live table of result and error lines
// (a view over CalibrationProbeLineModel). It shows; ProbeSession runs, and the window wires the two.
#include "catalog/Catalog.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace serveplan::models {
class CalibrationProbeLineModel;
}

namespace serveplan::ui {

class CalibrationRunPage final : public QWidget {
    Q_OBJECT
public:
    explicit CalibrationRunPage(QWidget* parent = nullptr);

    /// Shows the probe program, or how to get one when `program` is empty.
    void showProgram(const QString& program);
    /// Offers the catalog's GPUs and models, keeping the current choices; `catalog` must outlive the page.
    void setCatalog(const Catalog& catalog);
    /// The catalog GPU the user picked to store runs for; empty = match the device.
    QString selectedGpu() const;
    /// The catalog model whose shapes the probe should use, or null for the probe's default.
    const ModelSpec* selectedModel() const;
    /// Run buttons on when idle and a program is known; Cancel and nothing else while running.
    void setRunning(bool running, bool haveProgram);

    /// A device line: the device with its facts, and the catalog GPU it matches unless one is picked.
    void showDevice(const QJsonObject& device);
    void setDeviceText(const QString& text);
    QString deviceText() const;

    /// Clears the live table and progress for a new run of `program`.
    void startRun(const QString& program, bool quick);
    void showProgress(const QString& stage, double fraction, const QString& message);
    void setStage(const QString& text);
    /// Fills the progress bar (the run ended with results).
    void completeProgress();
    void addResult(const QJsonObject& result);
    void addError(const QString& stage, const QString& message);
    void showStatus(const QString& text, bool error);

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
    QLabel* statusLabel() const { return m_status; }
    QTableView* resultsView() const { return m_results; }
    models::CalibrationProbeLineModel* lineModel() const { return m_lines; }

signals:
    void runRequested(bool quick);
    void cancelRequested();

private:
    void onGpuChoice();

    const Catalog* m_catalog = nullptr;
    QJsonObject m_device; ///< the last device shown
    models::CalibrationProbeLineModel* m_lines;
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
    QLabel* m_status = nullptr;
    QTableView* m_results = nullptr;
};

} // namespace serveplan::ui
