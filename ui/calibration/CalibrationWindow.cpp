#include "calibration/CalibrationWindow.h"

#include "CalibrationImport.h"
#include "CalibrationStore.h"
#include "CatalogDb.h"
#include "calibration/CalibrationChart.h"
#include "calibration/LoadTestSetupDialog.h"
#include "document/Prompts.h"

#include "charts/Qcp.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace serveplan::ui {

namespace {

using Outcome = models::ProbeRunner::Outcome;

constexpr int kProgressSteps = 1000;
constexpr int kQuickTimeoutS = 120;
constexpr int kFullTimeoutS = 600;
constexpr int kDeviceTimeoutS = 20;

QString str(const std::string& text) {
    return QString::fromStdString(text);
}

QTableWidget* makeTable(QWidget* parent, const QStringList& headers) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    return item;
}

QTableWidgetItem* numberCell(double value, int precision = 5) {
    return cell(std::isfinite(value) ? QLocale().toString(value, 'g', precision) : QString(),
                Qt::AlignRight | Qt::AlignVCenter);
}

/// A signed percentage with one decimal, empty when there is nothing to compare.
QTableWidgetItem* errorCell(double predicted, double measured) {
    if (!(measured > 0) || !(predicted > 0) || !std::isfinite(predicted))
        return cell(QString());
    const double percent = 100 * (predicted - measured) / measured;
    return cell((percent > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(percent, 'f', 1),
                Qt::AlignRight | Qt::AlignVCenter);
}

void appendRow(QTableWidget* table, const QList<QTableWidgetItem*>& items) {
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < items.size(); ++column)
        table->setItem(row, column, items[column]);
}

/// "key=value" for every parameter of a probe result line (all fields but type, test, value and unit).
QString parameters(const QJsonObject& result) {
    QStringList parts;
    for (auto it = result.begin(); it != result.end(); ++it) {
        const QString key = it.key();
        if (key == u"type" || key == u"test" || key == u"value" || key == u"unit")
            continue;
        const QJsonValue v = it.value();
        QString text;
        if (v.isDouble())
            text = QLocale::c().toString(v.toDouble(), 'g', 6);
        else if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            text = v.toString();
        parts << key + QLatin1Char('=') + text;
    }
    return parts.join(QStringLiteral(", "));
}

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
    , m_runner(new models::ProbeRunner(this)) {
    setObjectName(QStringLiteral("CalibrationWindow"));
    setWindowTitle(tr("Calibration"));
    setSizeGripEnabled(true);
    resize(1180, 780);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildRunPage(), tr("&Probe"));
    m_tabs->addTab(buildHistoryPage(), tr("&History"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &CalibrationWindow::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    connect(m_runner, &models::ProbeRunner::deviceReported, this, &CalibrationWindow::onDevice);
    connect(m_runner, &models::ProbeRunner::progressed, this, &CalibrationWindow::onProgress);
    connect(m_runner, &models::ProbeRunner::resultReported, this, &CalibrationWindow::onResult);
    connect(m_runner, &models::ProbeRunner::errorReported, this, &CalibrationWindow::onProbeError);
    connect(m_runner, &models::ProbeRunner::malformedLine, this, [this] { ++m_malformed; });
    connect(m_runner, &models::ProbeRunner::finished, this, &CalibrationWindow::onFinished);

    setProbeProgram(models::ProbeRunner::locateProbe());
    reload();
}

CalibrationWindow::~CalibrationWindow() = default;

QWidget* CalibrationWindow::buildRunPage() {
    auto* page = new QWidget(this);
    auto* probeBox = new QGroupBox(tr("Probe"), page);
    m_probeLabel = new QLabel(probeBox);
    m_probeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_probeLabel->setWordWrap(true);
    m_deviceLabel = new QLabel(tr("shown when a run starts"), probeBox);
    m_deviceLabel->setWordWrap(true);
    m_gpuBox = new QComboBox(probeBox);
    m_gpuBox->setToolTip(tr("The catalog GPU the run is stored for. “Match the device” picks it from the "
                            "device's name and memory."));
    m_matchLabel = new QLabel(probeBox);
    m_matchLabel->setWordWrap(true);
    m_modelBox = new QComboBox(probeBox);
    m_modelBox->setToolTip(tr("The model whose layer shapes the probe's synthetic decode and prefill steps use."));
    auto* gpuRow = new QHBoxLayout;
    gpuRow->addWidget(m_gpuBox);
    gpuRow->addWidget(m_matchLabel, 1);
    auto* form = new QFormLayout(probeBox);
    form->addRow(tr("Program:"), m_probeLabel);
    form->addRow(tr("Device:"), m_deviceLabel);
    auto* gpuLabel = new QLabel(tr("Catalog &GPU:"), probeBox);
    gpuLabel->setBuddy(m_gpuBox);
    form->addRow(gpuLabel, gpuRow);
    auto* modelLabel = new QLabel(tr("&Model shapes:"), probeBox);
    modelLabel->setBuddy(m_modelBox);
    form->addRow(modelLabel, m_modelBox);

    m_quick = new QPushButton(tr("Run &Quick"), page);
    m_quick->setToolTip(tr("A short run: a few seconds on a GPU, longer on the CPU fallback."));
    m_full = new QPushButton(tr("Run &Full"), page);
    m_full->setToolTip(tr("Every test at every size: about ten seconds on an H100 or H200."));
    m_cancel = new QPushButton(tr("&Cancel Run"), page);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(page);
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_stage = new QLabel(page);
    m_runStatus = new QLabel(page);
    m_runStatus->setWordWrap(true);
    m_runStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_quick, &QPushButton::clicked, this, [this] { runProbe(true); });
    connect(m_full, &QPushButton::clicked, this, [this] { runProbe(false); });
    connect(m_cancel, &QPushButton::clicked, this, &CalibrationWindow::cancelProbe);
    connect(m_gpuBox, &QComboBox::currentIndexChanged, this, [this] {
        if (!selectedGpu().isEmpty())
            m_matchLabel->setText(tr("runs are stored for %1 (your choice)").arg(selectedGpu()));
        else if (m_device.isEmpty())
            m_matchLabel->setText(tr("matched from the device when a run starts"));
        else
            onDevice(m_device);
    });

    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_quick);
    runRow->addWidget(m_full);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_cancel);

    m_results = makeTable(page, {tr("Test"), tr("Parameters"), tr("Value"), tr("Unit")});
    m_results->horizontalHeader()->setStretchLastSection(false);
    m_results->horizontalHeader()->setSectionResizeMode(ResultParameters, QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(probeBox);
    layout->addLayout(runRow);
    layout->addWidget(m_stage);
    layout->addWidget(m_runStatus);
    layout->addWidget(m_results, 1);
    setTabOrder(m_gpuBox, m_modelBox);
    setTabOrder(m_modelBox, m_quick);
    setTabOrder(m_quick, m_full);
    setTabOrder(m_full, m_cancel);
    setTabOrder(m_cancel, m_results);
    return page;
}

QWidget* CalibrationWindow::buildHistoryPage() {
    auto* page = new QWidget(this);
    m_history = makeTable(page, {tr("Date (UTC)"), tr("GPU"), tr("Kind"), tr("Summary"), tr("Applied")});
    m_history->horizontalHeader()->setStretchLastSection(false);
    m_history->horizontalHeader()->setSectionResizeMode(HistorySummary, QHeaderView::Stretch);
    m_apply = new QPushButton(tr("&Apply"), page);
    m_apply->setToolTip(tr("Use this run's fitted factors for its GPU in every plan."));
    m_unapply = new QPushButton(tr("&Remove Calibration"), page);
    m_unapply->setToolTip(tr("Plan this run's GPU with the engines' default profiles again (every engine)."));
    m_delete = new QPushButton(tr("&Delete Run…"), page);
    m_export = new QPushButton(tr("E&xport…"), page);
    m_import = new QPushButton(tr("&Import…"), page);
    m_import->setToolTip(tr("A calibration run exported from ServePlan, bare serveplan-probe output, a "
                            "vllm bench serve --save-result JSON or a Locust stats CSV."));
    m_historyStatus = new QLabel(page);
    m_historyStatus->setWordWrap(true);
    m_historyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_history, &QTableWidget::itemSelectionChanged, this, [this] {
        updateHistoryButtons();
        showDetail();
    });
    connect(m_apply, &QPushButton::clicked, this, [this] { applyRun(selectedRunId()); });
    connect(m_unapply, &QPushButton::clicked, this, [this] { removeCalibration(selectedRunId()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteRun(selectedRunId()); });
    connect(m_export, &QPushButton::clicked, this, &CalibrationWindow::chooseExport);
    connect(m_import, &QPushButton::clicked, this, &CalibrationWindow::chooseImport);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_apply, m_unapply, m_delete, m_export})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_import);

    m_factors = makeTable(page, {tr("Factor"), tr("Value"), tr("Basis")});
    m_detail = new QLabel(page);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_comparison =
        makeTable(page, {tr("Test or metric"), tr("Configuration"), tr("Unit"), tr("Measured"), tr("Predicted before"),
                         tr("Error before (%)"), tr("Predicted after"), tr("Error after (%)"), tr("Note")});
    m_chart = new QCustomPlot(page);
    m_chart->setMinimumSize(360, 300);
    CalibrationChart::build(m_chart, {}, tr("Predicted versus measured"));

    auto* tables = new QWidget(page);
    auto* tablesLayout = new QVBoxLayout(tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    auto* factorsLabel = new QLabel(tr("Fitted &factors:"), tables);
    factorsLabel->setBuddy(m_factors);
    auto* comparisonLabel = new QLabel(tr("Predicted &versus measured:"), tables);
    comparisonLabel->setBuddy(m_comparison);
    tablesLayout->addWidget(m_detail);
    tablesLayout->addWidget(factorsLabel);
    tablesLayout->addWidget(m_factors, 2);
    tablesLayout->addWidget(comparisonLabel);
    tablesLayout->addWidget(m_comparison, 3);
    auto* detail = new QSplitter(Qt::Horizontal, page);
    detail->addWidget(tables);
    detail->addWidget(m_chart);
    detail->setStretchFactor(0, 3);
    detail->setStretchFactor(1, 2);
    auto* vertical = new QSplitter(Qt::Vertical, page);
    vertical->addWidget(m_history);
    vertical->addWidget(detail);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 3);
    vertical->setSizes({180, 520});

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(vertical, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_historyStatus);
    setTabOrder(m_history, m_apply);
    setTabOrder(m_apply, m_unapply);
    setTabOrder(m_unapply, m_delete);
    setTabOrder(m_delete, m_export);
    setTabOrder(m_export, m_import);
    setTabOrder(m_import, m_factors);
    setTabOrder(m_factors, m_comparison);
    return page;
}

void CalibrationWindow::setProbeProgram(const QString& program) {
    m_program = program;
    if (program.isEmpty())
        m_probeLabel->setText(tr("not found: set SERVEPLAN_PROBE or install serveplan-probe"));
    else
        m_probeLabel->setText(program);
    setRunning(isRunning());
    if (isVisible())
        detectDevice();
    else
        cancelDeviceDetection();
}

void CalibrationWindow::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    if (m_device.isEmpty() && !m_deviceRunner && !isRunning()) // opened, or reopened before a device was seen
        detectDevice();
}

bool CalibrationWindow::detectDevice() {
    cancelDeviceDetection();
    if (m_program.isEmpty() || isRunning())
        return false;
    // A runner of its own, so a check never mixes with a run's state; cancelDeviceDetection() drops it
    // with its connections, so a late line of a replaced check changes nothing.
    m_deviceRunner = new models::ProbeRunner(this);
    m_deviceRunner->setTimeoutMs(1000 * kDeviceTimeoutS);
    connect(m_deviceRunner, &models::ProbeRunner::deviceReported, this, &CalibrationWindow::onDevice);
    connect(m_deviceRunner, &models::ProbeRunner::finished, this, &CalibrationWindow::onDeviceDetected);
    m_deviceLabel->setText(tr("detecting…"));
    m_deviceRunner->start(m_program, {QStringLiteral("--device-only")});
    return true;
}

void CalibrationWindow::cancelDeviceDetection() {
    if (!m_deviceRunner)
        return;
    m_deviceRunner->disconnect(this);
    m_deviceRunner->cancel();
    m_deviceRunner->deleteLater();
    m_deviceRunner = nullptr;
}

void CalibrationWindow::onDeviceDetected(models::ProbeRunner::Outcome outcome, const QString& message) {
    const QJsonObject device = m_deviceRunner ? m_deviceRunner->device() : QJsonObject();
    if (m_deviceRunner) {
        m_deviceRunner->disconnect(this);
        m_deviceRunner->deleteLater();
        m_deviceRunner = nullptr;
    }
    const QString reason = outcome == Outcome::Complete
                               ? tr("the probe reported no device")
                               : tr("%1: %2").arg(models::ProbeRunner::outcomeText(outcome), message);
    if (device.isEmpty())
        m_deviceLabel->setText(tr("not detected (%1); a run shows it when it starts").arg(reason));
    else if (outcome != Outcome::Complete) // the device line came, then the check failed
        m_deviceLabel->setText(m_deviceLabel->text() + QLatin1Char(' ') +
                               tr("(the device check then failed: %1)").arg(reason));
    emit deviceDetected(outcome, message);
}

void CalibrationWindow::reload() {
    auto catalog = m_db.loadCatalog();
    if (catalog)
        m_catalog = std::move(catalog).value();
    else
        showHistoryStatus(str(catalog.error()), true);
    fillGpuAndModelBoxes();

    const qint64 keep = selectedRunId();
    auto runs = m_store->runs();
    if (!runs) {
        showHistoryStatus(str(runs.error()), true);
        return;
    }
    const QSignalBlocker blocker(m_history);
    m_history->setRowCount(0);
    for (auto it = runs->rbegin(); it != runs->rend(); ++it) { // newest first
        const models::CalibrationRunInfo& r = *it;
        auto* date = cell(QString(r.created).replace(QLatin1Char('T'), QLatin1Char(' ')).remove(QLatin1Char('Z')));
        date->setData(Qt::UserRole, r.id);
        date->setData(Qt::UserRole + 1, r.kind);
        auto* applied = cell(r.applied ? QStringLiteral("✓") : QString(), Qt::AlignCenter);
        applied->setData(Qt::UserRole, r.applied);
        appendRow(m_history, {date, cell(r.gpu), cell(r.kind), cell(r.summary), applied});
    }
    selectRun(keep);
    if (selectedRunId() == 0 && m_history->rowCount() > 0)
        m_history->selectRow(0);
    updateHistoryButtons();
    showDetail();
}

void CalibrationWindow::fillGpuAndModelBoxes() {
    const QString gpu = selectedGpu();
    const QString model = m_modelBox->currentData().toString();
    const QSignalBlocker gpuBlocker(m_gpuBox);
    const QSignalBlocker modelBlocker(m_modelBox);
    m_gpuBox->clear();
    m_gpuBox->addItem(tr("Match the device"), QString());
    for (const GpuSpec& g : m_catalog.gpus)
        m_gpuBox->addItem(tr("%1 (%2)").arg(str(g.name), str(g.id)), str(g.id));
    m_gpuBox->setCurrentIndex(std::max(0, m_gpuBox->findData(gpu)));
    m_modelBox->clear();
    m_modelBox->addItem(tr("The probe's default (Llama-2-7B)"), QString());
    for (const ModelSpec& m : m_catalog.models)
        m_modelBox->addItem(tr("%1 (%2)").arg(str(m.name), str(m.id)), str(m.id));
    m_modelBox->setCurrentIndex(std::max(0, m_modelBox->findData(model)));
    if (m_matchLabel->text().isEmpty())
        m_matchLabel->setText(tr("matched from the device when a run starts"));
}

QString CalibrationWindow::selectedGpu() const {
    return m_gpuBox->currentData().toString();
}

bool CalibrationWindow::isRunning() const {
    return m_runner->isRunning();
}

void CalibrationWindow::setRunning(bool running) {
    m_quick->setEnabled(!running && !m_program.isEmpty());
    m_full->setEnabled(!running && !m_program.isEmpty());
    m_cancel->setEnabled(running);
    m_gpuBox->setEnabled(!running);
    m_modelBox->setEnabled(!running);
}

bool CalibrationWindow::runProbe(bool quick) {
    if (isRunning())
        return false;
    if (m_program.isEmpty()) {
        showRunStatus(tr("serveplan-probe was not found: set SERVEPLAN_PROBE or install serveplan-probe."), true);
        return false;
    }
    cancelDeviceDetection(); // the run reports the device itself
    QStringList arguments;
    if (quick)
        arguments << QStringLiteral("--quick");
    if (const ModelSpec* model = m_catalog.model(m_modelBox->currentData().toString().toStdString()))
        arguments << models::probeShapeArguments(*model);
    m_quickRun = quick;
    m_malformed = 0;
    m_results->setRowCount(0);
    m_progress->setValue(0);
    m_stage->setText(tr("Starting %1…").arg(m_program));
    m_deviceLabel->setText(tr("waiting for the probe…"));
    showRunStatus(quick ? tr("Quick run in progress.") : tr("Full run in progress."), false);
    m_runner->setTimeoutMs(m_timeoutMs > 0 ? m_timeoutMs : 1000 * (quick ? kQuickTimeoutS : kFullTimeoutS));
    setRunning(true);
    m_runner->start(m_program, arguments);
    // A program that cannot start has already finished (FailedToStart) here.
    setRunning(isRunning());
    return true;
}

void CalibrationWindow::cancelProbe() {
    m_runner->cancel();
}

void CalibrationWindow::reject() {
    cancelDeviceDetection();
    if (isRunning())
        m_runner->cancel();
    QDialog::reject();
}

void CalibrationWindow::onDevice(const QJsonObject& device) {
    m_device = device;
    const QString name = device.value(u"name").toString();
    QStringList facts;
    if (device.value(u"backend").toString() == u"cpu") {
        facts << tr("CPU fallback: no usable GPU");
        if (const int cores = device.value(u"logical_cores").toInt(); cores > 0)
            facts << tr("%n logical core(s)", nullptr, cores);
    } else {
        if (device.contains(u"compute_capability"))
            facts << tr("compute capability %1").arg(device.value(u"compute_capability").toString());
        if (const int sms = device.value(u"sm_count").toInt(); sms > 0)
            facts << tr("%n SM(s)", nullptr, sms);
        if (const double bytes = device.value(u"memory_bytes").toDouble(); bytes > 0)
            facts << tr("%1 GiB").arg(QLocale().toString(bytes / (1024.0 * 1024 * 1024), 'f', 1));
        if (device.contains(u"driver_version"))
            facts << tr("driver %1").arg(device.value(u"driver_version").toString());
        if (device.contains(u"mig_mode"))
            facts << tr("MIG %1").arg(device.value(u"mig_mode").toString());
    }
    m_deviceLabel->setText(facts.isEmpty() ? name : tr("%1 (%2)").arg(name, facts.join(QStringLiteral(", "))));
    if (!selectedGpu().isEmpty())
        return;
    const std::string matched =
        matchCatalogGpu(m_catalog.gpus, name.toStdString(), device.value(u"memory_bytes").toDouble());
    if (const GpuSpec* gpu = m_catalog.gpu(matched))
        m_matchLabel->setText(tr("matches %1 (%2)").arg(str(gpu->name), str(gpu->id)));
    else
        m_matchLabel->setText(tr("no catalog GPU matches “%1”: the run is stored under that name; pick a "
                                 "GPU to store it for one of the catalog")
                                  .arg(name));
}

void CalibrationWindow::onProgress(const QString& stage, double fraction, const QString& message) {
    if (std::isfinite(fraction))
        m_progress->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kProgressSteps)));
    m_stage->setText(message.isEmpty() ? stage : tr("%1: %2").arg(stage, message));
}

void CalibrationWindow::onResult(const QJsonObject& result) {
    appendRow(m_results, {cell(result.value(u"test").toString()), cell(parameters(result)),
                          numberCell(result.value(u"value").toDouble(), 6), cell(result.value(u"unit").toString())});
    m_results->scrollToBottom();
}

void CalibrationWindow::onProbeError(const QString& stage, const QString& message) {
    QList<QTableWidgetItem*> items{cell(stage), cell(message), cell(tr("error")), cell(QString())};
    for (QTableWidgetItem* item : items)
        item->setForeground(QColor(0xc0, 0x39, 0x2b));
    appendRow(m_results, items);
    m_results->scrollToBottom();
}

void CalibrationWindow::onFinished(models::ProbeRunner::Outcome outcome, const QString& message) {
    setRunning(false);
    const QString what = models::ProbeRunner::outcomeText(outcome);
    QString text;
    bool error = outcome != Outcome::Complete;
    if (outcome == Outcome::Complete || outcome == Outcome::TestFailed) {
        m_progress->setValue(kProgressSteps);
        auto stored = models::storeProbeRun(*m_store, m_catalog, m_runner->rawOutput(), m_quickRun, selectedGpu());
        if (stored) {
            text = tr("%1: %2. Stored as run %3 for GPU %4.").arg(what, message).arg(stored->id).arg(stored->gpu);
            reload();
            selectRun(stored->id);
            emit runStored(stored->id);
        } else {
            text = tr("%1: %2. Nothing was stored: %3").arg(what, message, str(stored.error()));
            error = true;
        }
    } else {
        text = tr("%1: %2. Nothing was stored.").arg(what, message);
        m_stage->setText(what);
    }
    if (m_malformed > 0)
        text += QLatin1Char(' ') +
                tr("%n line(s) of the probe's output were not protocol lines and were skipped.", nullptr, m_malformed);
    showRunStatus(text, error);
    emit probeFinished(outcome, message);
}

void CalibrationWindow::showRunStatus(const QString& text, bool error) {
    m_runStatus->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_runStatus->setText(text);
}

void CalibrationWindow::showHistoryStatus(const QString& text, bool error) {
    m_historyStatus->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_historyStatus->setText(text);
}

int CalibrationWindow::selectedRow() const {
    const QList<QTableWidgetItem*> selected = m_history->selectedItems();
    return selected.isEmpty() ? -1 : selected.first()->row();
}

qint64 CalibrationWindow::selectedRunId() const {
    const int row = selectedRow();
    const QTableWidgetItem* date = row < 0 ? nullptr : m_history->item(row, HistoryDate);
    return date ? date->data(Qt::UserRole).toLongLong() : 0;
}

void CalibrationWindow::selectRun(qint64 id) {
    for (int row = 0; row < m_history->rowCount(); ++row)
        if (m_history->item(row, HistoryDate)->data(Qt::UserRole).toLongLong() == id) {
            m_history->selectRow(row);
            return;
        }
}

void CalibrationWindow::updateHistoryButtons() {
    const int row = selectedRow();
    const bool has = selectedRunId() != 0 && row >= 0;
    const QString kind = has ? m_history->item(row, HistoryDate)->data(Qt::UserRole + 1).toString() : QString();
    const QString gpu = has ? m_history->item(row, HistoryGpu)->text() : QString();
    const bool applied = has && m_history->item(row, HistoryApplied)->data(Qt::UserRole).toBool();
    bool gpuCalibrated = false;
    for (int r = 0; r < m_history->rowCount(); ++r)
        gpuCalibrated = gpuCalibrated || (m_history->item(r, HistoryGpu)->text() == gpu &&
                                          m_history->item(r, HistoryApplied)->data(Qt::UserRole).toBool());
    const bool loadTest = models::isLoadTestKind(kind);
    const bool inCatalog = has && m_catalog.gpu(gpu.toStdString()) != nullptr;
    m_apply->setEnabled(has && !applied && inCatalog);
    if (loadTest)
        m_apply->setToolTip(tr("Store the factors fitted to this load test for its GPU and serving engine."));
    else if (has && !inCatalog)
        m_apply->setToolTip(tr("GPU “%1” is not in the catalog: import the run again for a catalog GPU.").arg(gpu));
    else
        m_apply->setToolTip(tr("Use this run's fitted factors for its GPU in every plan."));
    m_unapply->setEnabled(has && gpuCalibrated);
    m_delete->setEnabled(has);
    m_export->setEnabled(has);
}

void CalibrationWindow::clearDetail(const QString& text) {
    m_factors->setRowCount(0);
    m_comparison->setRowCount(0);
    m_detail->setText(text);
    CalibrationChart::build(m_chart, {}, tr("Predicted versus measured"));
    m_chart->replot();
}

void CalibrationWindow::showDetail() {
    const qint64 id = selectedRunId();
    if (id == 0) {
        clearDetail(m_history->rowCount() == 0 ? tr("No calibration runs yet: run the probe or import a run.")
                                               : QString());
        return;
    }
    const QString kind = m_history->item(selectedRow(), HistoryDate)->data(Qt::UserRole + 1).toString();
    if (models::isLoadTestKind(kind))
        showLoadTestDetail(id);
    else
        showProbeDetail(id);
}

void CalibrationWindow::showProbeDetail(qint64 id) {
    auto fitted = models::fitStoredRun(*m_store, m_catalog, id);
    if (!fitted) {
        clearDetail(str(fitted.error()));
        return;
    }
    if (!fitted->fit) {
        clearDetail(tr("No factors could be fitted for %1: %2").arg(fitted->info.gpu, str(fitted->fit.error())));
        return;
    }
    m_factors->setRowCount(0);
    for (const CalibrationFactor& f : fitted->fit->factors)
        appendRow(m_factors, {cell(str(f.name)), numberCell(f.value), cell(str(f.basis))});
    QStringList lines{tr("Run %1 on %2 (%3): %n result(s).", nullptr, static_cast<int>(fitted->run.results.size()))
                          .arg(id)
                          .arg(str(fitted->run.deviceName), fitted->info.gpu)};
    for (const std::string& note : fitted->fit->notes)
        lines << tr("Note: %1").arg(str(note));
    if (!fitted->model)
        lines << tr("The probe's model is not in the catalog, so there is nothing to compare with.");
    else
        lines << tr("Steps of %1 as the probe timed them (bare CUDA-graph replays, BF16, one GPU); “before” is the "
                    "engine's generic efficiencies, “after” this run's factors.")
                     .arg(str(fitted->model->name));
    m_detail->setText(lines.join(QLatin1Char('\n')));

    m_comparison->setRowCount(0);
    std::vector<CalibrationChartPoint> points;
    for (const ComparisonRow& r : fitted->comparison()) {
        appendRow(m_comparison, {cell(str(r.test)), cell(str(r.config)), cell(tr("ms")), numberCell(r.measuredMs),
                                 numberCell(r.beforeMs), errorCell(r.beforeMs, r.measuredMs), numberCell(r.afterMs),
                                 errorCell(r.afterMs, r.measuredMs), cell(QString())});
        points.push_back({r.measuredMs, r.beforeMs, r.afterMs, tr("ms")});
    }
    CalibrationChart::build(m_chart, points, tr("Step time, predicted versus measured"));
    m_chart->replot();
}

void CalibrationWindow::showLoadTestDetail(qint64 id) {
    auto group = models::fitLoadTestGroup(*m_store, m_catalog, id);
    if (!group) {
        clearDetail(str(group.error()));
        return;
    }
    const models::LoadTestRun* run = &group->run;
    const LoadTestSetup& s = run->setup;
    auto applied = m_store->appliedFactors(str(s.gpuId), str(s.engine));
    if (!applied) {
        clearDetail(str(applied.error()));
        return;
    }
    // "After" previews what Apply would store: the factors fitted to the load tests of this deployment.
    const Result<CalibrationFit>& fit = group->fit;
    const std::vector<CalibrationFactor>& after = fit ? fit->factors : *applied;
    m_factors->setRowCount(0);
    for (const CalibrationFactor& f : after)
        appendRow(m_factors, {cell(str(f.name)), numberCell(f.value), cell(str(f.basis))});
    QStringList lines{tr("%1 of %2 on %n × %3 (tensor parallel %4), engine %5.", nullptr, s.gpuCount)
                          .arg(run->source, str(s.modelId), str(s.gpuId))
                          .arg(s.tp)
                          .arg(str(s.engine))};
    if (fit) {
        QStringList runs;
        for (qint64 runId : group->runIds)
            runs << QString::number(runId);
        lines << tr("“Before” is the profile in use for %1 and %2; “after” uses the factors fitted to the load "
                    "tests of this deployment (runs %3, above), which Apply stores.")
                     .arg(str(s.gpuId), str(s.engine), runs.join(QStringLiteral(", ")));
        for (const std::string& note : fit->notes)
            lines << tr("Note: %1").arg(str(note));
    } else {
        lines << tr("No factors could be fitted to this load test: %1").arg(str(fit.error()));
        lines << (applied->empty() ? tr("No calibration is applied to %1 for %2: “after” equals “before”.")
                                         .arg(str(s.gpuId), str(s.engine))
                                   : tr("“After” uses the calibration applied to %1 for %2 (the factors above).")
                                         .arg(str(s.gpuId), str(s.engine)));
    }
    m_detail->setText(lines.join(QLatin1Char('\n')));

    m_comparison->setRowCount(0);
    std::vector<CalibrationChartPoint> points;
    for (const LoadTestComparison& r : compareLoadTest(run->point, s, m_catalog, after)) {
        const bool predicted = r.message.empty() && r.before > 0;
        appendRow(m_comparison, {cell(str(r.metric)), cell(QString()), cell(str(r.unit)), numberCell(r.measured),
                                 predicted ? numberCell(r.before) : cell(QString()), errorCell(r.before, r.measured),
                                 predicted ? numberCell(r.after) : cell(QString()), errorCell(r.after, r.measured),
                                 cell(str(r.message))});
        if (predicted)
            points.push_back({r.measured, r.before, r.after, str(r.unit)});
    }
    CalibrationChart::build(m_chart, points, tr("Load test, predicted versus measured"));
    m_chart->replot();
}

bool CalibrationWindow::applyRun(qint64 id) {
    auto info = m_store->run(id);
    if (!info) {
        showHistoryStatus(str(info.error()), true);
        return false;
    }
    std::vector<CalibrationFactor> factors;
    QString engine = QStringLiteral("generic");
    if (models::isLoadTestKind(info->kind)) {
        auto group = models::fitLoadTestGroup(*m_store, m_catalog, id);
        if (!group) {
            showHistoryStatus(str(group.error()), true);
            return false;
        }
        if (!group->fit) {
            showHistoryStatus(tr("Run %1: %2").arg(id).arg(str(group->fit.error())), true);
            return false;
        }
        factors = group->fit->factors;
        engine = str(group->run.setup.engine);
    } else {
        auto fitted = models::fitStoredRun(*m_store, m_catalog, id);
        if (!fitted) {
            showHistoryStatus(str(fitted.error()), true);
            return false;
        }
        if (!fitted->fit) {
            showHistoryStatus(str(fitted->fit.error()), true);
            return false;
        }
        factors = fitted->fit->factors;
    }
    if (auto applied = m_store->apply(id, factors, engine); !applied) {
        showHistoryStatus(str(applied.error()), true);
        return false;
    }
    reload();
    selectRun(id);
    showHistoryStatus(tr("Run %1 applied to GPU %2 (engine %3): %n factor(s) in use; plans are updated.", nullptr,
                         static_cast<int>(factors.size()))
                          .arg(id)
                          .arg(info->gpu, engine),
                      false);
    emit calibrationChanged();
    return true;
}

bool CalibrationWindow::removeCalibration(qint64 id) {
    auto info = m_store->run(id);
    if (!info) {
        showHistoryStatus(str(info.error()), true);
        return false;
    }
    // The whole GPU, as `calibrate unapply` does: the probe's factors and every engine's load-test fit.
    if (auto removed = models::unapplyGpu(*m_store, info->gpu); !removed) {
        showHistoryStatus(str(removed.error()), true);
        return false;
    }
    reload();
    selectRun(id);
    showHistoryStatus(tr("No calibration is applied to GPU %1 any more; plans are updated.").arg(info->gpu), false);
    emit calibrationChanged();
    return true;
}

bool CalibrationWindow::deleteRun(qint64 id) {
    auto info = m_store->run(id);
    if (!info) {
        showHistoryStatus(str(info.error()), true);
        return false;
    }
    const QString question = info->applied ? tr("Delete run %1 (%2, %3)? Its calibration is in use for %2 and "
                                                "will be removed too.")
                                                 .arg(id)
                                                 .arg(info->gpu, info->created)
                                           : tr("Delete run %1 (%2, %3)?").arg(id).arg(info->gpu, info->created);
    if (!m_prompts->confirm(this, tr("Delete Calibration Run"), question))
        return false;
    if (auto removed = m_store->remove(id); !removed) {
        showHistoryStatus(str(removed.error()), true);
        return false;
    }
    reload();
    showHistoryStatus(tr("Run %1 deleted.").arg(id), false);
    if (info->applied)
        emit calibrationChanged();
    return true;
}

bool CalibrationWindow::exportRun(qint64 id, const QString& path) {
    if (auto written = m_store->exportRun(id, path); !written) {
        showHistoryStatus(str(written.error()), true);
        return false;
    }
    showHistoryStatus(tr("Run %1 written to %2.").arg(id).arg(path), false);
    return true;
}

bool CalibrationWindow::importFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showHistoryStatus(tr("%1: %2").arg(path, file.errorString()), true);
        return false;
    }
    const QByteArray content = file.readAll();
    file.close();
    qint64 id = 0;
    if (auto loadTest = models::detectLoadTestResult(content)) {
        const std::optional<LoadTestSetup> setup = askSetup(loadTest->source, loadTest->point);
        if (!setup) {
            showHistoryStatus(tr("Import of %1 cancelled.").arg(path), false);
            return false;
        }
        auto stored = models::storeLoadTest(*m_store, m_catalog, loadTest->source, content, *setup);
        if (!stored) {
            showHistoryStatus(tr("%1: %2").arg(path, str(stored.error())), true);
            return false;
        }
        id = *stored;
    } else {
        auto imported = models::importRunFile(*m_store, m_catalog, path);
        if (!imported) {
            showHistoryStatus(str(imported.error()), true);
            return false;
        }
        id = imported->id;
    }
    reload();
    selectRun(id);
    showHistoryStatus(tr("%1 imported as run %2.").arg(path).arg(id), false);
    emit runStored(id);
    return true;
}

std::optional<LoadTestSetup> CalibrationWindow::askSetup(const QString& source, const LoadTestPoint& point) {
    if (m_setupPrompt)
        return m_setupPrompt(source, point);
    QString gpu = selectedGpu();
    if (gpu.isEmpty() && selectedRunId() != 0)
        gpu = m_history->item(selectedRow(), HistoryGpu)->text();
    LoadTestSetupDialog dialog(m_catalog, source, point, gpu, this);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.setup();
}

void CalibrationWindow::chooseImport() {
    const QString path =
        m_prompts->openFileName(this, tr("Import Calibration Run or Load Test"),
                                tr("Calibration runs and load tests (*.json *.jsonl *.csv);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void CalibrationWindow::chooseExport() {
    const qint64 id = selectedRunId();
    if (id == 0)
        return;
    const QString path =
        m_prompts->saveFileName(this, tr("Export Calibration Run"), QStringLiteral("calibration-run-%1.json").arg(id),
                                tr("Calibration runs (*.json)"));
    if (!path.isEmpty())
        exportRun(id, path);
}

} // namespace serveplan::ui
