#include "calibration/CalibrationHistoryPage.h"

#include "CalibrationImport.h"
#include "CalibrationRunModel.h"
#include "CalibrationStore.h"
#include "EngineMessageText.h"
#include "QtText.h"
#include "calibration/CalibrationResultsPage.h"
#include "calibration/CalibrationTable.h"
#include "calibration/CalibrationWindow.h"
#include "calibration/LoadTestSetupDialog.h"
#include "document/Prompts.h"

#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

// Every text keeps the window's translation context (CalibrationWindow::tr), where the translations live.

namespace serveplan::ui {

namespace {

using models::CalibrationRunModel;

} // namespace

CalibrationHistoryPage::CalibrationHistoryPage(models::CalibrationStore& store, const Catalog& catalog,
                                               Prompts& prompts, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_prompts(prompts)
    , m_runs(new CalibrationRunModel(this)) {
    m_view = makeCalibrationTable(m_runs, this);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(CalibrationRunModel::Summary, QHeaderView::Stretch);
    m_apply = new QPushButton(CalibrationWindow::tr("&Apply"), this);
    m_apply->setToolTip(CalibrationWindow::tr("Use this run's fitted factors for its GPU in every plan."));
    m_unapply = new QPushButton(CalibrationWindow::tr("&Remove Calibration"), this);
    m_unapply->setToolTip(
        CalibrationWindow::tr("Plan this run's GPU with the engines' default profiles again (every engine)."));
    m_delete = new QPushButton(CalibrationWindow::tr("&Delete Run…"), this);
    m_export = new QPushButton(CalibrationWindow::tr("E&xport…"), this);
    m_import = new QPushButton(CalibrationWindow::tr("&Import…"), this);
    m_import->setToolTip(CalibrationWindow::tr("A calibration run exported from ServePlan, bare serveplan-probe "
                                               "output, a vllm bench serve --save-result JSON or a Locust stats CSV."));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results = new CalibrationResultsPage(m_store, m_catalog, this);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        showDetail();
    });
    connect(m_apply, &QPushButton::clicked, this, [this] { applyRun(selectedRunId()); });
    connect(m_unapply, &QPushButton::clicked, this, [this] { removeCalibration(selectedRunId()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteRun(selectedRunId()); });
    connect(m_export, &QPushButton::clicked, this, &CalibrationHistoryPage::chooseExport);
    connect(m_import, &QPushButton::clicked, this, &CalibrationHistoryPage::chooseImport);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_apply, m_unapply, m_delete, m_export})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_import);

    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_view);
    vertical->addWidget(m_results);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 3);
    vertical->setSizes({180, 520});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(vertical, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    setTabOrder(m_view, m_apply);
    setTabOrder(m_apply, m_unapply);
    setTabOrder(m_unapply, m_delete);
    setTabOrder(m_delete, m_export);
    setTabOrder(m_export, m_import);
    setTabOrder(m_import, m_results->factorView());
}

void CalibrationHistoryPage::showStatus(const QString& text, bool error) {
    m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_status->setText(text);
}

void CalibrationHistoryPage::reload() {
    const qint64 keep = selectedRunId();
    auto runs = m_store.runs();
    if (!runs) {
        showStatus(qtText(runs.error()), true);
        return;
    }
    {
        const QSignalBlocker blocker(m_view->selectionModel());
        m_runs->setRuns(*runs);
        selectRun(keep);
        if (selectedRunId() == 0 && m_runs->rowCount() > 0)
            m_view->selectRow(0);
    }
    updateButtons();
    showDetail();
}

int CalibrationHistoryPage::selectedRow() const {
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    return selected.isEmpty() ? -1 : selected.first().row();
}

qint64 CalibrationHistoryPage::selectedRunId() const {
    const models::CalibrationRunInfo* run = m_runs->runAt(selectedRow());
    return run ? run->id : 0;
}

void CalibrationHistoryPage::selectRun(qint64 id) {
    if (const int row = m_runs->rowOf(id); row >= 0)
        m_view->selectRow(row);
}

void CalibrationHistoryPage::updateButtons() {
    const models::CalibrationRunInfo* run = m_runs->runAt(selectedRow());
    const bool has = run != nullptr;
    const QString gpu = has ? run->gpu : QString();
    const bool applied = has && run->applied;
    const bool gpuCalibrated = has && m_runs->gpuCalibrated(gpu);
    const bool loadTest = has && models::isLoadTestKind(run->kind);
    const bool inCatalog = has && m_catalog.gpu(gpu.toStdString()) != nullptr;
    m_apply->setEnabled(has && !applied && inCatalog);
    if (loadTest)
        m_apply->setToolTip(
            CalibrationWindow::tr("Store the factors fitted to this load test for its GPU and serving engine."));
    else if (has && !inCatalog)
        m_apply->setToolTip(
            CalibrationWindow::tr("GPU “%1” is not in the catalog: import the run again for a catalog GPU.").arg(gpu));
    else
        m_apply->setToolTip(CalibrationWindow::tr("Use this run's fitted factors for its GPU in every plan."));
    m_unapply->setEnabled(has && gpuCalibrated);
    m_delete->setEnabled(has);
    m_export->setEnabled(has);
}

void CalibrationHistoryPage::showDetail() {
    const models::CalibrationRunInfo* run = m_runs->runAt(selectedRow());
    if (!run) {
        m_results->clear(m_runs->rowCount() == 0
                             ? CalibrationWindow::tr("No calibration runs yet: run the probe or import a run.")
                             : QString());
        return;
    }
    m_results->showRun(run->id, run->kind);
}

bool CalibrationHistoryPage::applyRun(qint64 id) {
    auto info = m_store.run(id);
    if (!info) {
        showStatus(qtText(info.error()), true);
        return false;
    }
    std::vector<CalibrationFactor> factors;
    QString engine = QStringLiteral("generic");
    if (models::isLoadTestKind(info->kind)) {
        auto group = models::fitLoadTestGroup(m_store, m_catalog, id);
        if (!group) {
            showStatus(qtText(group.error()), true);
            return false;
        }
        if (!group->fit) {
            showStatus(CalibrationWindow::tr("Run %1: %2").arg(id).arg(models::errorText(group->fit)), true);
            return false;
        }
        factors = group->fit->factors;
        engine = qtText(group->run.setup.engine);
    } else {
        auto fitted = models::fitStoredRun(m_store, m_catalog, id);
        if (!fitted) {
            showStatus(qtText(fitted.error()), true);
            return false;
        }
        if (!fitted->fit) {
            showStatus(models::errorText(fitted->fit), true);
            return false;
        }
        factors = fitted->fit->factors;
    }
    if (auto applied = m_store.apply(id, factors, engine); !applied) {
        showStatus(qtText(applied.error()), true);
        return false;
    }
    emit reloadNeeded();
    selectRun(id);
    showStatus(CalibrationWindow::tr("Run %1 applied to GPU %2 (engine %3): %n factor(s) in use; plans are updated.",
                                     nullptr, static_cast<int>(factors.size()))
                   .arg(id)
                   .arg(info->gpu, engine),
               false);
    emit calibrationChanged();
    return true;
}

bool CalibrationHistoryPage::removeCalibration(qint64 id) {
    auto info = m_store.run(id);
    if (!info) {
        showStatus(qtText(info.error()), true);
        return false;
    }
    // The whole GPU, as `calibrate unapply` does: the probe's factors and every engine's load-test fit.
    if (auto removed = models::unapplyGpu(m_store, info->gpu); !removed) {
        showStatus(qtText(removed.error()), true);
        return false;
    }
    emit reloadNeeded();
    selectRun(id);
    showStatus(CalibrationWindow::tr("No calibration is applied to GPU %1 any more; plans are updated.").arg(info->gpu),
               false);
    emit calibrationChanged();
    return true;
}

bool CalibrationHistoryPage::deleteRun(qint64 id) {
    auto info = m_store.run(id);
    if (!info) {
        showStatus(qtText(info.error()), true);
        return false;
    }
    const QString question =
        info->applied ? CalibrationWindow::tr("Delete run %1 (%2, %3)? Its calibration is in use for %2 and "
                                              "will be removed too.")
                            .arg(id)
                            .arg(info->gpu, info->created)
                      : CalibrationWindow::tr("Delete run %1 (%2, %3)?").arg(id).arg(info->gpu, info->created);
    if (!m_prompts.confirm(this, CalibrationWindow::tr("Delete Calibration Run"), question))
        return false;
    if (auto removed = m_store.remove(id); !removed) {
        showStatus(qtText(removed.error()), true);
        return false;
    }
    emit reloadNeeded();
    showStatus(CalibrationWindow::tr("Run %1 deleted.").arg(id), false);
    if (info->applied)
        emit calibrationChanged();
    return true;
}

bool CalibrationHistoryPage::exportRun(qint64 id, const QString& path) {
    if (auto written = m_store.exportRun(id, path); !written) {
        showStatus(qtText(written.error()), true);
        return false;
    }
    showStatus(CalibrationWindow::tr("Run %1 written to %2.").arg(id).arg(path), false);
    return true;
}

bool CalibrationHistoryPage::importFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(CalibrationWindow::tr("%1: %2").arg(path, file.errorString()), true);
        return false;
    }
    const QByteArray content = file.readAll();
    file.close();
    qint64 id = 0;
    if (auto loadTest = models::detectLoadTestResult(content)) {
        const std::optional<LoadTestSetup> setup = askSetup(loadTest->source, loadTest->point);
        if (!setup) {
            showStatus(CalibrationWindow::tr("Import of %1 cancelled.").arg(path), false);
            return false;
        }
        auto stored = models::storeLoadTest(m_store, m_catalog, loadTest->source, content, *setup);
        if (!stored) {
            showStatus(CalibrationWindow::tr("%1: %2").arg(path, qtText(stored.error())), true);
            return false;
        }
        id = *stored;
    } else {
        auto imported = models::importRunFile(m_store, m_catalog, path);
        if (!imported) {
            showStatus(qtText(imported.error()), true);
            return false;
        }
        id = imported->id;
    }
    emit reloadNeeded();
    selectRun(id);
    showStatus(CalibrationWindow::tr("%1 imported as run %2.").arg(path).arg(id), false);
    emit runStored(id);
    return true;
}

std::optional<LoadTestSetup> CalibrationHistoryPage::askSetup(const QString& source, const LoadTestPoint& point) {
    if (m_setupPrompt)
        return m_setupPrompt(source, point);
    QString gpu = m_gpuHint ? m_gpuHint() : QString();
    if (const models::CalibrationRunInfo* run = m_runs->runAt(selectedRow()); gpu.isEmpty() && run)
        gpu = run->gpu;
    LoadTestSetupDialog dialog(m_catalog, source, point, gpu, this);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.setup();
}

void CalibrationHistoryPage::chooseImport() {
    const QString path = m_prompts.openFileName(
        this, CalibrationWindow::tr("Import Calibration Run or Load Test"),
        CalibrationWindow::tr("Calibration runs and load tests (*.json *.jsonl *.csv);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void CalibrationHistoryPage::chooseExport() {
    const qint64 id = selectedRunId();
    if (id == 0)
        return;
    const QString path = m_prompts.saveFileName(this, CalibrationWindow::tr("Export Calibration Run"),
                                                QStringLiteral("calibration-run-%1.json").arg(id),
                                                CalibrationWindow::tr("Calibration runs (*.json)"));
    if (!path.isEmpty())
        exportRun(id, path);
}

} // namespace serveplan::ui
