#include "MainWindow.h"

#include "CurveModel.h"
#include "EngineMessageText.h"
#include "PlanTableModel.h"
#include "catalog/CatalogBrowser.h"
#include "document/DocumentActions.h"
#include "document/Prompts.h"
#include "document/RecentFiles.h"
#include "document/ScenarioDocument.h"
#include "report/ReportExporter.h"
#include "settings/AppSettings.h"
#include "workspace/CostChartView.h"
#include "workspace/DemoScenario.h"
#include "workspace/DetailsPane.h"
#include "workspace/PlanningController.h"
#include "workspace/PlansView.h"
#include "workspace/ScenarioPanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>

namespace serveplan::ui {

MainWindow::MainWindow(std::shared_ptr<const Catalog> catalog, Prompts* prompts, QWidget* parent)
    : QMainWindow(parent)
    , m_ownPrompts(prompts ? nullptr : std::make_unique<WidgetPrompts>())
    , m_prompts(prompts ? prompts : m_ownPrompts.get())
    , m_document(new ScenarioDocument(this))
    , m_recent(new RecentFiles(this))
    , m_actions(new DocumentActions(m_document, m_prompts, m_recent, this, &newScenario, this))
    , m_planning(new PlanningController(this))
    , m_planModel(new PlanTableModel(this))
    , m_curveModel(new CurveModel(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    resize(1440, 900);
    setDockNestingEnabled(true);
    m_chart = new CostChartView(m_planModel, m_curveModel, m_prompts, this);
    m_centre = new QTabWidget(this);
    m_centre->setDocumentMode(true);
    m_centre->addTab(m_chart, tr("&Cost vs load"));
    m_catalogBrowser = new CatalogBrowser(this);
    m_centre->addTab(m_catalogBrowser, tr("C&atalog"));
    setCentralWidget(m_centre);
    buildDocks();
    buildMenus();
    buildStatusBar();
    connectPlanning();
    connect(m_document, &ScenarioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::scenarioChanged, this, &MainWindow::scenarioChanged);
    connect(m_actions, &DocumentActions::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    setCatalog(std::move(catalog));
    m_document->reset(newScenario());
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    m_panel = new ScenarioPanel(m_document, this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_panel);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(m_panel->sizeHint().width() + 24);
    auto* scenarioDock = new QDockWidget(tr("Scenario"), this);
    scenarioDock->setObjectName(QStringLiteral("ScenarioDock"));
    scenarioDock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, scenarioDock);

    m_plans = new PlansView(m_planModel, this);
    auto* plansDock = new QDockWidget(tr("Plans"), this);
    plansDock->setObjectName(QStringLiteral("PlansDock"));
    plansDock->setWidget(m_plans);
    addDockWidget(Qt::BottomDockWidgetArea, plansDock);

    m_details = new DetailsPane(m_planModel, this);
    auto* detailsDock = new QDockWidget(tr("Plan Details"), this);
    detailsDock->setObjectName(QStringLiteral("DetailsDock"));
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    resizeDocks({scenarioDock, detailsDock}, {480, 430}, Qt::Horizontal);
    resizeDocks({plansDock}, {300}, Qt::Vertical);

    // The chart and the table select the same plan; the details follow the table.
    connect(m_plans, &PlansView::currentRankChanged, m_chart, &CostChartView::setSelectedRank);
    connect(m_plans, &PlansView::currentRankChanged, m_details, &DetailsPane::showRank);
    connect(m_chart, &CostChartView::planClicked, m_plans, &PlansView::selectRank);
}

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->addAction(tr("&New"), QKeySequence::New, m_actions, &DocumentActions::newDocument);
    m_fileMenu->addAction(tr("&Open…"), QKeySequence::Open, m_actions, &DocumentActions::open);
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    m_fileMenu->addAction(tr("&Save"), QKeySequence::Save, m_actions, &DocumentActions::save);
    m_fileMenu->addAction(tr("Save &As…"), QKeySequence::SaveAs, m_actions, &DocumentActions::saveAs);
    m_fileMenu->addSeparator();
    m_reporter = new ReportExporter(m_prompts, this);
    connect(m_reporter, &ReportExporter::written, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    m_exportMenu = m_fileMenu->addMenu(tr("E&xport"));
    m_exportMenu->setToolTipsVisible(true); // why an export is disabled
    m_exportReport = m_exportMenu->addAction(tr("&Report as PDF…"), QKeySequence(tr("Ctrl+Shift+E")), this, [this] {
        if (const PlanSnapshotPtr shown = m_planModel->snapshot())
            m_reporter->exportPdf(*shown, reportFallbackName());
    });
    m_exportCsv = m_exportMenu->addAction(tr("&Plans as CSV…"), this, [this] {
        if (const PlanSnapshotPtr shown = m_planModel->snapshot())
            m_reporter->exportCsv(*shown, reportFallbackName());
    });
    m_exportMenu->addSeparator();
    m_exportMenu->addAction(tr("&Chart…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        const QString path =
            m_prompts->saveFileName(this, tr("Export Chart"), tr("cost-vs-load.png"),
                                    tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)"));
        if (path.isEmpty())
            return;
        if (Result<void> written = m_chart->exportTo(path); !written)
            m_prompts->showError(this, tr("Cannot export chart"), QString::fromStdString(written.error()));
    });
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();

    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    m_editMenu->addAction(undo);
    m_editMenu->addAction(redo);
    m_editMenu->addSeparator();
    m_editMenu->addAction(tr("&Copy Chart"), QKeySequence(tr("Ctrl+Shift+C")), m_chart,
                          &CostChartView::copyToClipboard);
    m_editMenu->addSeparator();
    m_preferences = m_editMenu->addAction(tr("&Preferences…"));
    m_preferences->setShortcut(QKeySequence::Preferences);
    m_preferences->setMenuRole(QAction::PreferencesRole);
    m_preferences->setEnabled(false);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        m_viewMenu->addAction(dock->toggleViewAction());

    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_toolsMenu->addAction(tr("&Plan Now"), QKeySequence(Qt::Key_F5), m_planning, &PlanningController::runNow);
    m_stopPlanning = m_toolsMenu->addAction(tr("&Stop Planning"), QKeySequence(Qt::Key_Escape), m_planning,
                                            &PlanningController::cancel);
    m_stopPlanning->setEnabled(false);
    m_toolsMenu->addSeparator();
    m_priceEditor = m_toolsMenu->addAction(tr("Price &Editor…"));
    m_addModel = m_toolsMenu->addAction(tr("Add &Model…"));
    m_addGpu = m_toolsMenu->addAction(tr("Add &GPU…"));
    m_toolsMenu->addSeparator();
    m_calibration = m_toolsMenu->addAction(tr("&Calibration…"));
    m_calibration->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
    for (QAction* action : {m_priceEditor, m_addModel, m_addGpu, m_calibration})
        action->setEnabled(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ServePlan"), this, [this] {
        m_prompts->showAbout(this, tr("About ServePlan"),
                             tr("<b>ServePlan %1</b><p>Plans LLM inference deployments: memory fit, speed, "
                                "SLO-aware capacity and monthly cost.</p><p>GPL-3.0-or-later.</p>")
                                 .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildStatusBar() {
    m_status = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(180);
    m_progress->setVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setDefaultAction(m_stopPlanning);
    m_cancel->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::connectPlanning() {
    connect(m_planning, &PlanningController::busyChanged, this, [this](bool busy) {
        m_progress->setVisible(busy);
        m_cancel->setVisible(busy);
        m_stopPlanning->setEnabled(busy);
        if (busy)
            m_progress->setValue(0);
    });
    connect(m_planning, &PlanningController::started, this, [this] { m_status->setText(tr("Planning…")); });
    connect(m_planning, &PlanningController::progress, this,
            [this](double fraction) { m_progress->setValue(static_cast<int>(fraction * 100)); });
    connect(m_planning, &PlanningController::finished, this, &MainWindow::showPlanned);
    connect(m_planning, &PlanningController::busyChanged, this, &MainWindow::updateExportActions);
    connect(m_planModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateExportActions);
    updateExportActions();
    connect(m_planning, &PlanningController::failed, this,
            [this](const QString& message) { m_status->setText(tr("Cannot plan: %1").arg(message)); });
    connect(m_planning, &PlanningController::cancelled, this,
            [this] { m_status->setText(tr("Planning stopped; the plans shown are from the last finished pass.")); });
}

void MainWindow::setCatalog(std::shared_ptr<const Catalog> catalog) {
    m_panel->setCatalog(catalog);
    m_catalogBrowser->setCatalog(catalog);
    m_planning->setCatalog(std::move(catalog));
}

void MainWindow::scenarioChanged() {
    const Scenario& scenario = m_document->scenario();
    m_catalogBrowser->setPriceDate(QString::fromStdString(scenario.priceDate)); // the history marks its price
    if (scenario.models.empty()) {
        m_planning->cancel();
        m_curveModel->setSnapshot(nullptr);
        m_planModel->setSnapshot(nullptr);
        m_status->setText(tr("Pick at least one model to plan."));
        return;
    }
    m_planning->request(scenario);
}

void MainWindow::showPlanned() {
    const PlanSnapshotPtr snapshot = m_planning->latest();
    // Curves first: the table's reset selects the best plan, and the chart should already hold its curve.
    m_curveModel->setSnapshot(snapshot);
    m_planModel->setStaleBefore(AppSettings::staleBefore(QDate::currentDate())); // Preferences' age, at each pass
    m_planModel->setSnapshot(snapshot);
    int ok = 0;
    for (const PlanRow& row : snapshot->result.rows)
        ok += row.status == PlanStatus::Ok ? 1 : 0;
    QString text = tr("Plans: %1, of which %2 work; %3 candidates evaluated in %4 ms")
                       .arg(snapshot->result.rows.size())
                       .arg(ok)
                       .arg(snapshot->result.candidates)
                       .arg(m_planning->lastDurationMs());
    for (const serveplan::Message& warning : snapshot->result.warnings)
        text += QStringLiteral(" · ") + models::messageText(warning);
    m_status->setText(text);
}

void MainWindow::updateExportActions() {
    // The export writes the result on screen; while a pass runs that result is about to be replaced.
    const bool shown = m_planModel->snapshot() != nullptr;
    const bool busy = m_planning->isBusy();
    const QString tip = !shown ? tr("Export needs a finished planning result.")
                        : busy ? tr("Export waits for the running planning pass to finish.")
                               : QString();
    for (QAction* action : {m_exportReport, m_exportCsv}) {
        action->setEnabled(shown && !busy);
        action->setStatusTip(tip);
        action->setToolTip(tip);
    }
}

QString MainWindow::reportFallbackName() const {
    const QString path = m_document->filePath();
    return path.isEmpty() ? m_document->displayName() : QFileInfo(path).completeBaseName();
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] — ServePlan").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
    setWindowFilePath(m_document->filePath());
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = m_recent->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                [this, path] {
                                    if (m_actions->maybeSave() && !m_actions->openPath(path))
                                        m_recent->remove(path);
                                });
    }
    m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear Menu"), m_recent, &RecentFiles::clear);
    clear->setEnabled(!files.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_actions->maybeSave()) {
        event->ignore();
        return;
    }
    m_planning->cancel();
    event->accept();
}

QStringList MainWindow::saveScreenshots(const QString& directory) {
    QDir().mkpath(directory);
    QStringList written;
    const auto save = [&](QWidget* widget, const QString& name) {
        const QString path = QDir(directory).filePath(name);
        if (widget->grab().save(path))
            written.append(path);
    };
    save(this, QStringLiteral("main-window.png"));
    save(m_chart, QStringLiteral("cost-chart.png"));
    save(m_plans, QStringLiteral("plans-table.png"));
    save(m_panel, QStringLiteral("scenario-panel.png"));
    save(m_details, QStringLiteral("details.png"));
    m_centre->setCurrentWidget(m_catalogBrowser);
    save(m_catalogBrowser, QStringLiteral("catalog.png"));
    m_centre->setCurrentWidget(m_chart);
    QTabWidget* tabs = m_details->chartTabs();
    const QStringList names{QStringLiteral("details-memory.png"), QStringLiteral("details-latency.png"),
                            QStringLiteral("details-throughput.png"), QStringLiteral("details-autoscaling.png")};
    for (int i = 0; i < tabs->count() && i < names.size(); ++i) {
        tabs->setCurrentIndex(i);
        save(tabs->widget(i), names[i]);
    }
    tabs->setCurrentIndex(0);
    // Tools ▸ Calibration, when the app has connected it to a database.
    if (m_calibration->isEnabled()) {
        m_calibration->trigger();
        if (auto* calibration = findChild<QWidget*>(QStringLiteral("CalibrationWindow"))) {
            save(calibration, QStringLiteral("calibration.png"));
            calibration->close();
        }
    }
    return written;
}

} // namespace serveplan::ui
