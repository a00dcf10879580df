#pragma once
// The planning workspace: the scenario panel (left dock), the cost-versus-QPS chart (centre), the
// ranked plans table (bottom dock) and the selected plan's details (right dock). Planning runs in the
// background and restarts on every edit; the document gives new/open/save, recent files, undo/redo
// and the modified marker. Menu actions other parts of the app wire up (preferences, price editor,
// own models and GPUs) are exposed as accessors.
#include "catalog/Catalog.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace serveplan {
class CurveModel;
class PlanTableModel;
} // namespace serveplan

namespace serveplan::ui {

class CatalogBrowser;
class CostChartView;
class DetailsPane;
class DocumentActions;
class PlanningController;
class PlansView;
class Prompts;
class RecentFiles;
class ReportExporter;
class ScenarioDocument;
class ScenarioPanel;

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    /// `prompts` answers file dialogs and message boxes (the real ones when null).
    explicit MainWindow(std::shared_ptr<const Catalog> catalog, Prompts* prompts = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Replaces the catalog (after a price edit or an import) and plans again.
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    /// Writes PNGs of the main views into `directory`; returns the files written.
    QStringList saveScreenshots(const QString& directory);

    ScenarioDocument* document() const { return m_document; }
    DocumentActions* documentActions() const { return m_actions; }
    PlanningController* planning() const { return m_planning; }
    ScenarioPanel* scenarioPanel() const { return m_panel; }
    PlansView* plansView() const { return m_plans; }
    CostChartView* costChart() const { return m_chart; }
    DetailsPane* details() const { return m_details; }
    CatalogBrowser* catalogBrowser() const { return m_catalogBrowser; }
    PlanTableModel* planModel() const { return m_planModel; }
    CurveModel* curveModel() const { return m_curveModel; }
    RecentFiles* recentFiles() const { return m_recent; }
    QLabel* statusLabel() const { return m_status; }

    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* editMenu() const { return m_editMenu; }
    QMenu* toolsMenu() const { return m_toolsMenu; }
    /// Edit ▸ Preferences…, Tools ▸ Price Editor…, Tools ▸ Add Model…, Tools ▸ Add GPU…: left for the
    /// dialogs to connect; disabled until the code that connects them enables them.
    QAction* preferencesAction() const { return m_preferences; }
    QAction* priceEditorAction() const { return m_priceEditor; }
    QAction* addModelAction() const { return m_addModel; }
    QAction* addGpuAction() const { return m_addGpu; }
    /// Tools ▸ Calibration…: the probe and calibration window, connected like the dialogs above.
    QAction* calibrationAction() const { return m_calibration; }
    /// The file dialogs and questions of this window (for the windows it opens).
    Prompts* prompts() const { return m_prompts; }
    /// File ▸ Export ▸ Report as PDF… and Plans as CSV…: the finished result the window shows; disabled
    /// while there is none or planning runs.
    QMenu* exportMenu() const { return m_exportMenu; }
    QAction* exportReportAction() const { return m_exportReport; }
    QAction* exportCsvAction() const { return m_exportCsv; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void connectPlanning();
    void updateTitle();
    void updateRecentMenu();
    void scenarioChanged();
    void showPlanned();
    void updateExportActions();
    /// The name the report gives a scenario without one: its file's name, else "Untitled".
    QString reportFallbackName() const;

    std::unique_ptr<Prompts> m_ownPrompts;
    Prompts* m_prompts;
    ScenarioDocument* m_document;
    RecentFiles* m_recent;
    DocumentActions* m_actions;
    PlanningController* m_planning;
    PlanTableModel* m_planModel;
    CurveModel* m_curveModel;
    ScenarioPanel* m_panel = nullptr;
    PlansView* m_plans = nullptr;
    CostChartView* m_chart = nullptr;
    DetailsPane* m_details = nullptr;
    QTabWidget* m_centre = nullptr;
    CatalogBrowser* m_catalogBrowser = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_exportMenu = nullptr;
    QAction* m_exportReport = nullptr;
    QAction* m_exportCsv = nullptr;
    ReportExporter* m_reporter = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_toolsMenu = nullptr;
    QAction* m_preferences = nullptr;
    QAction* m_priceEditor = nullptr;
    QAction* m_addModel = nullptr;
    QAction* m_addGpu = nullptr;
    QAction* m_calibration = nullptr;
    QAction* m_stopPlanning = nullptr;

    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
};

} // namespace serveplan::ui
