#include "calibration/CalibrationWindow.h"

#include "CalibrationImport.h"
#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "QtText.h"
#include "calibration/CalibrationResultsPage.h"
#include "calibration/CalibrationRunPage.h"
#include "calibration/ProbeSession.h"
#include "document/Prompts.h"

#include <QDialogButtonBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace serveplan::ui {

namespace {

using Outcome = models::ProbeRunner::Outcome;

} // namespace

CalibrationWindow::CalibrationWindow(std::unique_ptr<models::CatalogDb> db, Prompts* prompts, QWidget* parent)
    : CalibrationWindow(*db, prompts, parent) {
    m_ownedDb = std::move(db);
}

CalibrationWindow::CalibrationWindow(models::CatalogDb& db, Prompts* prompts, QWidget* parent)
    : QDialog(parent)
    , m_db(db)
    , m_store(std::make_unique<models::CalibrationStore>(db.database()))
    , m_ownPrompts(prompts ? nullptr : std::make_unique<WidgetPrompts>())
    , m_prompts(prompts ? prompts : m_ownPrompts.get())
    , m_session(new ProbeSession(this)) {
    setObjectName(QStringLiteral("CalibrationWindow"));
    setWindowTitle(tr("Calibration"));
    setSizeGripEnabled(true);
    resize(1180, 780);

    m_runPage = new CalibrationRunPage(this);
    m_historyPage = new CalibrationHistoryPage(*m_store, m_catalog, *m_prompts, this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_runPage, tr("&Probe"));
    m_tabs->addTab(m_historyPage, tr("&History"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &CalibrationWindow::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    // The probe's lines go to the Probe tab; its end stores the run (History) and reports (Probe).
    connect(m_runPage, &CalibrationRunPage::runRequested, this, &CalibrationWindow::runProbe);
    connect(m_runPage, &CalibrationRunPage::cancelRequested, this, &CalibrationWindow::cancelProbe);
    connect(m_session, &ProbeSession::deviceReported, m_runPage, &CalibrationRunPage::showDevice);
    connect(m_session, &ProbeSession::progressed, m_runPage, &CalibrationRunPage::showProgress);
    connect(m_session, &ProbeSession::resultReported, m_runPage, &CalibrationRunPage::addResult);
    connect(m_session, &ProbeSession::errorReported, m_runPage, &CalibrationRunPage::addError);
    connect(m_session, &ProbeSession::finished, this, &CalibrationWindow::onFinished);
    connect(m_session, &ProbeSession::deviceDetected, this, &CalibrationWindow::onDeviceDetected);
    // The History tab's changes reload the catalog first (applied factors change its predictions).
    connect(m_historyPage, &CalibrationHistoryPage::reloadNeeded, this, &CalibrationWindow::reload);
    connect(m_historyPage, &CalibrationHistoryPage::calibrationChanged, this, &CalibrationWindow::calibrationChanged);
    connect(m_historyPage, &CalibrationHistoryPage::runStored, this, &CalibrationWindow::runStored);
    m_historyPage->setGpuHint([this] { return m_runPage->selectedGpu(); });

    setProbeProgram(models::ProbeRunner::locateProbe());
    reload();
}

CalibrationWindow::~CalibrationWindow() {
    // The pages read m_store and m_catalog: they go first, before those members and before QWidget
    // deletes the remaining children.
    delete m_tabs;
}

void CalibrationWindow::setProbeProgram(const QString& program) {
    m_session->setProgram(program);
    m_runPage->showProgram(program);
    m_runPage->setRunning(isRunning(), !program.isEmpty());
    if (isVisible())
        detectDevice();
    else
        m_session->cancelDeviceDetection();
}

QString CalibrationWindow::probeProgram() const {
    return m_session->program();
}

void CalibrationWindow::setTimeoutMs(int milliseconds) {
    m_session->setTimeoutMs(milliseconds);
}

void CalibrationWindow::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    // Opened, or reopened before a device was seen.
    if (m_session->device().isEmpty() && !m_session->isDetectingDevice() && !isRunning())
        detectDevice();
}

bool CalibrationWindow::detectDevice() {
    m_session->cancelDeviceDetection();
    if (m_session->program().isEmpty() || isRunning())
        return false;
    m_runPage->setDeviceText(tr("detecting…"));
    return m_session->detectDevice();
}

bool CalibrationWindow::isDetectingDevice() const {
    return m_session->isDetectingDevice();
}

void CalibrationWindow::onDeviceDetected(Outcome outcome, const QString& message, const QJsonObject& device) {
    const QString reason = outcome == Outcome::Complete
                               ? tr("the probe reported no device")
                               : tr("%1: %2").arg(models::ProbeRunner::outcomeText(outcome), message);
    if (device.isEmpty())
        m_runPage->setDeviceText(tr("not detected (%1); a run shows it when it starts").arg(reason));
    else if (outcome != Outcome::Complete) // the device line came, then the check failed
        m_runPage->setDeviceText(m_runPage->deviceText() + QLatin1Char(' ') +
                                 tr("(the device check then failed: %1)").arg(reason));
    emit deviceDetected(outcome, message);
}

void CalibrationWindow::reload() {
    auto catalog = m_db.loadCatalog();
    if (catalog)
        m_catalog = std::move(catalog).value();
    else
        m_historyPage->showStatus(qtText(catalog.error()), true);
    m_runPage->setCatalog(m_catalog);
    m_historyPage->reload();
}

void CalibrationWindow::selectRun(qint64 id) {
    m_historyPage->selectRun(id);
}

qint64 CalibrationWindow::selectedRunId() const {
    return m_historyPage->selectedRunId();
}

bool CalibrationWindow::isRunning() const {
    return m_session->isRunning();
}

models::ProbeRunner* CalibrationWindow::runner() const {
    return m_session->runner();
}

bool CalibrationWindow::runProbe(bool quick) {
    if (isRunning())
        return false;
    if (m_session->program().isEmpty()) {
        m_runPage->showStatus(tr("serveplan-probe was not found: set SERVEPLAN_PROBE or install serveplan-probe."),
                              true);
        return false;
    }
    m_session->cancelDeviceDetection(); // the run reports the device itself
    QStringList shapes;
    if (const ModelSpec* model = m_runPage->selectedModel())
        shapes = models::probeShapeArguments(*model);
    m_runPage->startRun(m_session->program(), quick);
    m_runPage->setRunning(true, true);
    m_session->start(quick, shapes);
    // A program that cannot start has already finished (FailedToStart) here.
    m_runPage->setRunning(isRunning(), true);
    return true;
}

void CalibrationWindow::cancelProbe() {
    m_session->cancel();
}

void CalibrationWindow::reject() {
    m_session->cancelDeviceDetection();
    if (isRunning())
        m_session->cancel();
    QDialog::reject();
}

void CalibrationWindow::onFinished(Outcome outcome, const QString& message) {
    m_runPage->setRunning(false, !m_session->program().isEmpty());
    const QString what = models::ProbeRunner::outcomeText(outcome);
    QString text;
    bool error = outcome != Outcome::Complete;
    if (outcome == Outcome::Complete || outcome == Outcome::TestFailed) {
        m_runPage->completeProgress();
        auto stored = models::storeProbeRun(*m_store, m_catalog, m_session->rawOutput(), m_session->quickRun(),
                                            m_runPage->selectedGpu());
        if (stored) {
            text = tr("%1: %2. Stored as run %3 for GPU %4.").arg(what, message).arg(stored->id).arg(stored->gpu);
            reload();
            selectRun(stored->id);
            emit runStored(stored->id);
        } else {
            text = tr("%1: %2. Nothing was stored: %3").arg(what, message, qtText(stored.error()));
            error = true;
        }
    } else {
        text = tr("%1: %2. Nothing was stored.").arg(what, message);
        m_runPage->setStage(what);
    }
    if (const int malformed = m_session->malformedLines(); malformed > 0)
        text += QLatin1Char(' ') +
                tr("%n line(s) of the probe's output were not protocol lines and were skipped.", nullptr, malformed);
    m_runPage->showStatus(text, error);
    emit probeFinished(outcome, message);
}

bool CalibrationWindow::applyRun(qint64 id) {
    return m_historyPage->applyRun(id);
}

bool CalibrationWindow::removeCalibration(qint64 id) {
    return m_historyPage->removeCalibration(id);
}

bool CalibrationWindow::deleteRun(qint64 id) {
    return m_historyPage->deleteRun(id);
}

bool CalibrationWindow::exportRun(qint64 id, const QString& path) {
    return m_historyPage->exportRun(id, path);
}

bool CalibrationWindow::importFile(const QString& path) {
    return m_historyPage->importFile(path);
}

void CalibrationWindow::setLoadTestSetupPrompt(LoadTestSetupPrompt prompt) {
    m_historyPage->setLoadTestSetupPrompt(std::move(prompt));
}

CalibrationResultsPage* CalibrationWindow::resultsPage() const {
    return m_historyPage->results();
}

// The widgets tests and the main window reach, wherever they live.
QLabel* CalibrationWindow::probeLabel() const {
    return m_runPage->probeLabel();
}
QLabel* CalibrationWindow::deviceLabel() const {
    return m_runPage->deviceLabel();
}
QLabel* CalibrationWindow::matchLabel() const {
    return m_runPage->matchLabel();
}
QComboBox* CalibrationWindow::gpuBox() const {
    return m_runPage->gpuBox();
}
QComboBox* CalibrationWindow::modelBox() const {
    return m_runPage->modelBox();
}
QPushButton* CalibrationWindow::quickButton() const {
    return m_runPage->quickButton();
}
QPushButton* CalibrationWindow::fullButton() const {
    return m_runPage->fullButton();
}
QPushButton* CalibrationWindow::cancelButton() const {
    return m_runPage->cancelButton();
}
QProgressBar* CalibrationWindow::progressBar() const {
    return m_runPage->progressBar();
}
QLabel* CalibrationWindow::stageLabel() const {
    return m_runPage->stageLabel();
}
QLabel* CalibrationWindow::runStatusLabel() const {
    return m_runPage->statusLabel();
}
QTableView* CalibrationWindow::resultsTable() const {
    return m_runPage->resultsView();
}
QTableView* CalibrationWindow::historyTable() const {
    return m_historyPage->runView();
}
QPushButton* CalibrationWindow::applyButton() const {
    return m_historyPage->applyButton();
}
QPushButton* CalibrationWindow::unapplyButton() const {
    return m_historyPage->unapplyButton();
}
QPushButton* CalibrationWindow::deleteButton() const {
    return m_historyPage->deleteButton();
}
QPushButton* CalibrationWindow::exportButton() const {
    return m_historyPage->exportButton();
}
QPushButton* CalibrationWindow::importButton() const {
    return m_historyPage->importButton();
}
QLabel* CalibrationWindow::historyStatusLabel() const {
    return m_historyPage->statusLabel();
}
QTableView* CalibrationWindow::factorTable() const {
    return resultsPage()->factorView();
}
QLabel* CalibrationWindow::detailLabel() const {
    return resultsPage()->detailLabel();
}
QTableView* CalibrationWindow::comparisonTable() const {
    return resultsPage()->comparisonView();
}
QCustomPlot* CalibrationWindow::chart() const {
    return resultsPage()->chart();
}

} // namespace serveplan::ui
