#include "calibration/CalibrationRunPage.h"

#include "CalibrationProbeLineModel.h"
#include "QtText.h"
#include "calib/CalibrationFit.h"
#include "calibration/CalibrationTable.h"
#include "calibration/CalibrationWindow.h"

#include <QBrush>
#include <QColor>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

// Every text keeps the window's translation context (CalibrationWindow::tr), where the translations live.

namespace serveplan::ui {

namespace {

constexpr int kProgressSteps = 1000;
const QColor kErrorColor(0xc0, 0x39, 0x2b);

/// The live table as the model gives it, error lines in red.
class ErrorLinesInRed final : public QIdentityProxyModel {
public:
    ErrorLinesInRed(QAbstractItemModel* source, QObject* parent)
        : QIdentityProxyModel(parent) {
        setSourceModel(source);
    }
    QVariant data(const QModelIndex& index, int role) const override {
        if (role == Qt::ForegroundRole &&
            QIdentityProxyModel::data(index, models::CalibrationProbeLineModel::ErrorRole).toBool())
            return QBrush(kErrorColor);
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

CalibrationRunPage::CalibrationRunPage(QWidget* parent)
    : QWidget(parent)
    , m_lines(new models::CalibrationProbeLineModel(this)) {
    auto* probeBox = new QGroupBox(CalibrationWindow::tr("Probe"), this);
    m_probeLabel = new QLabel(probeBox);
    m_probeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_probeLabel->setWordWrap(true);
    m_deviceLabel = new QLabel(CalibrationWindow::tr("shown when a run starts"), probeBox);
    m_deviceLabel->setWordWrap(true);
    m_gpuBox = new QComboBox(probeBox);
    m_gpuBox->setToolTip(
        CalibrationWindow::tr("The catalog GPU the run is stored for. “Match the device” picks it from the "
                              "device's name and memory."));
    m_matchLabel = new QLabel(probeBox);
    m_matchLabel->setWordWrap(true);
    m_modelBox = new QComboBox(probeBox);
    m_modelBox->setToolTip(
        CalibrationWindow::tr("The model whose layer shapes the probe's synthetic decode and prefill steps use."));
    auto* gpuRow = new QHBoxLayout;
    gpuRow->addWidget(m_gpuBox);
    gpuRow->addWidget(m_matchLabel, 1);
    auto* form = new QFormLayout(probeBox);
    form->addRow(CalibrationWindow::tr("Program:"), m_probeLabel);
    form->addRow(CalibrationWindow::tr("Device:"), m_deviceLabel);
    auto* gpuLabel = new QLabel(CalibrationWindow::tr("Catalog &GPU:"), probeBox);
    gpuLabel->setBuddy(m_gpuBox);
    form->addRow(gpuLabel, gpuRow);
    auto* modelLabel = new QLabel(CalibrationWindow::tr("&Model shapes:"), probeBox);
    modelLabel->setBuddy(m_modelBox);
    form->addRow(modelLabel, m_modelBox);

    m_quick = new QPushButton(CalibrationWindow::tr("Run &Quick"), this);
    m_quick->setToolTip(CalibrationWindow::tr("A short run: a few seconds on a GPU, longer on the CPU fallback."));
    m_full = new QPushButton(CalibrationWindow::tr("Run &Full"), this);
    m_full->setToolTip(CalibrationWindow::tr("Every test at every size: about ten seconds on an H100 or H200."));
    m_cancel = new QPushButton(CalibrationWindow::tr("&Cancel Run"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_stage = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_quick, &QPushButton::clicked, this, [this] { emit runRequested(true); });
    connect(m_full, &QPushButton::clicked, this, [this] { emit runRequested(false); });
    connect(m_cancel, &QPushButton::clicked, this, &CalibrationRunPage::cancelRequested);
    connect(m_gpuBox, &QComboBox::currentIndexChanged, this, &CalibrationRunPage::onGpuChoice);

    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_quick);
    runRow->addWidget(m_full);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_cancel);

    m_results = makeCalibrationTable(new ErrorLinesInRed(m_lines, this), this);
    m_results->horizontalHeader()->setStretchLastSection(false);
    m_results->horizontalHeader()->setSectionResizeMode(models::CalibrationProbeLineModel::Parameters,
                                                        QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(probeBox);
    layout->addLayout(runRow);
    layout->addWidget(m_stage);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    setTabOrder(m_gpuBox, m_modelBox);
    setTabOrder(m_modelBox, m_quick);
    setTabOrder(m_quick, m_full);
    setTabOrder(m_full, m_cancel);
    setTabOrder(m_cancel, m_results);
}

void CalibrationRunPage::showProgram(const QString& program) {
    if (program.isEmpty())
        m_probeLabel->setText(CalibrationWindow::tr("not found: set SERVEPLAN_PROBE or install serveplan-probe"));
    else
        m_probeLabel->setText(program);
}

void CalibrationRunPage::setCatalog(const Catalog& catalog) {
    m_catalog = &catalog;
    const QString gpu = selectedGpu();
    const QString model = m_modelBox->currentData().toString();
    const QSignalBlocker gpuBlocker(m_gpuBox);
    const QSignalBlocker modelBlocker(m_modelBox);
    m_gpuBox->clear();
    m_gpuBox->addItem(CalibrationWindow::tr("Match the device"), QString());
    for (const GpuSpec& g : catalog.gpus)
        m_gpuBox->addItem(CalibrationWindow::tr("%1 (%2)").arg(qtText(g.name), qtText(g.id)), qtText(g.id));
    m_gpuBox->setCurrentIndex(std::max(0, m_gpuBox->findData(gpu)));
    m_modelBox->clear();
    m_modelBox->addItem(CalibrationWindow::tr("The probe's default (Llama-2-7B)"), QString());
    for (const ModelSpec& m : catalog.models)
        m_modelBox->addItem(CalibrationWindow::tr("%1 (%2)").arg(qtText(m.name), qtText(m.id)), qtText(m.id));
    m_modelBox->setCurrentIndex(std::max(0, m_modelBox->findData(model)));
    if (m_matchLabel->text().isEmpty())
        m_matchLabel->setText(CalibrationWindow::tr("matched from the device when a run starts"));
}

QString CalibrationRunPage::selectedGpu() const {
    return m_gpuBox->currentData().toString();
}

const ModelSpec* CalibrationRunPage::selectedModel() const {
    return m_catalog ? m_catalog->model(m_modelBox->currentData().toString().toStdString()) : nullptr;
}

void CalibrationRunPage::setRunning(bool running, bool haveProgram) {
    m_quick->setEnabled(!running && haveProgram);
    m_full->setEnabled(!running && haveProgram);
    m_cancel->setEnabled(running);
    m_gpuBox->setEnabled(!running);
    m_modelBox->setEnabled(!running);
}

void CalibrationRunPage::onGpuChoice() {
    if (!selectedGpu().isEmpty())
        m_matchLabel->setText(CalibrationWindow::tr("runs are stored for %1 (your choice)").arg(selectedGpu()));
    else if (m_device.isEmpty())
        m_matchLabel->setText(CalibrationWindow::tr("matched from the device when a run starts"));
    else
        showDevice(m_device);
}

void CalibrationRunPage::showDevice(const QJsonObject& device) {
    m_device = device;
    const QString name = device.value(u"name").toString();
    QStringList facts;
    if (device.value(u"backend").toString() == u"cpu") {
        facts << CalibrationWindow::tr("CPU fallback: no usable GPU");
        if (const int cores = device.value(u"logical_cores").toInt(); cores > 0)
            facts << CalibrationWindow::tr("%n logical core(s)", nullptr, cores);
    } else {
        if (device.contains(u"compute_capability"))
            facts << CalibrationWindow::tr("compute capability %1").arg(device.value(u"compute_capability").toString());
        if (const int sms = device.value(u"sm_count").toInt(); sms > 0)
            facts << CalibrationWindow::tr("%n SM(s)", nullptr, sms);
        if (const double bytes = device.value(u"memory_bytes").toDouble(); bytes > 0)
            facts << CalibrationWindow::tr("%1 GiB").arg(QLocale().toString(bytes / (1024.0 * 1024 * 1024), 'f', 1));
        if (device.contains(u"driver_version"))
            facts << CalibrationWindow::tr("driver %1").arg(device.value(u"driver_version").toString());
        if (device.contains(u"mig_mode"))
            facts << CalibrationWindow::tr("MIG %1").arg(device.value(u"mig_mode").toString());
    }
    m_deviceLabel->setText(
        facts.isEmpty() ? name : CalibrationWindow::tr("%1 (%2)").arg(name, facts.join(QStringLiteral(", "))));
    if (!selectedGpu().isEmpty() || !m_catalog)
        return;
    const std::string matched =
        matchCatalogGpu(m_catalog->gpus, name.toStdString(), device.value(u"memory_bytes").toDouble());
    if (const GpuSpec* gpu = m_catalog->gpu(matched))
        m_matchLabel->setText(CalibrationWindow::tr("matches %1 (%2)").arg(qtText(gpu->name), qtText(gpu->id)));
    else
        m_matchLabel->setText(
            CalibrationWindow::tr("no catalog GPU matches “%1”: the run is stored under that name; pick a "
                                  "GPU to store it for one of the catalog")
                .arg(name));
}

void CalibrationRunPage::setDeviceText(const QString& text) {
    m_deviceLabel->setText(text);
}

QString CalibrationRunPage::deviceText() const {
    return m_deviceLabel->text();
}

void CalibrationRunPage::startRun(const QString& program, bool quick) {
    m_lines->clear();
    m_progress->setValue(0);
    m_stage->setText(CalibrationWindow::tr("Starting %1…").arg(program));
    m_deviceLabel->setText(CalibrationWindow::tr("waiting for the probe…"));
    showStatus(quick ? CalibrationWindow::tr("Quick run in progress.") : CalibrationWindow::tr("Full run in progress."),
               false);
}

void CalibrationRunPage::showProgress(const QString& stage, double fraction, const QString& message) {
    if (std::isfinite(fraction))
        m_progress->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kProgressSteps)));
    m_stage->setText(message.isEmpty() ? stage : CalibrationWindow::tr("%1: %2").arg(stage, message));
}

void CalibrationRunPage::setStage(const QString& text) {
    m_stage->setText(text);
}

void CalibrationRunPage::completeProgress() {
    m_progress->setValue(kProgressSteps);
}

void CalibrationRunPage::addResult(const QJsonObject& result) {
    m_lines->addResult(result);
    m_results->scrollToBottom();
}

void CalibrationRunPage::addError(const QString& stage, const QString& message) {
    m_lines->addError(stage, message);
    m_results->scrollToBottom();
}

void CalibrationRunPage::showStatus(const QString& text, bool error) {
    m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_status->setText(text);
}

} // namespace serveplan::ui
