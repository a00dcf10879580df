#include "calibration/CalibrationResultsPage.h"

#include "CalibrationFactorModel.h"
#include "CalibrationImport.h"
#include "CalibrationResultModel.h"
#include "CalibrationStore.h"
#include "EnumLabels.h"
#include "calibration/CalibrationChart.h"
#include "calibration/CalibrationTable.h"
#include "calibration/CalibrationWindow.h"

#include "QtText.h"
#include "charts/Qcp.h"

#include "EngineMessageText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

// Every text keeps the window's translation context (CalibrationWindow::tr), where the translations live.

namespace serveplan::ui {

namespace {} // namespace

CalibrationResultsPage::CalibrationResultsPage(const models::CalibrationStore& store, const Catalog& catalog,
                                               QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_factorModel(new models::CalibrationFactorModel(this))
    , m_resultModel(new models::CalibrationResultModel(this)) {
    m_factors = makeCalibrationTable(m_factorModel, this);
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_comparison = makeCalibrationTable(m_resultModel, this);
    m_chart = new QCustomPlot(this);
    m_chart->setMinimumSize(360, 300);
    CalibrationChart::build(m_chart, {}, CalibrationWindow::tr("Predicted versus measured"));

    auto* tables = new QWidget(this);
    auto* tablesLayout = new QVBoxLayout(tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    auto* factorsLabel = new QLabel(CalibrationWindow::tr("Fitted &factors:"), tables);
    factorsLabel->setBuddy(m_factors);
    auto* comparisonLabel = new QLabel(CalibrationWindow::tr("Predicted &versus measured:"), tables);
    comparisonLabel->setBuddy(m_comparison);
    tablesLayout->addWidget(m_detail);
    tablesLayout->addWidget(factorsLabel);
    tablesLayout->addWidget(m_factors, 2);
    tablesLayout->addWidget(comparisonLabel);
    tablesLayout->addWidget(m_comparison, 3);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(tables);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setTabOrder(m_factors, m_comparison);
}

void CalibrationResultsPage::clear(const QString& text) {
    m_factorModel->clear();
    m_resultModel->clear();
    m_detail->setText(text);
    CalibrationChart::build(m_chart, {}, CalibrationWindow::tr("Predicted versus measured"));
    m_chart->replot();
}

void CalibrationResultsPage::showRun(qint64 id, const QString& kind) {
    if (models::isLoadTestKind(kind))
        showLoadTest(id);
    else
        showProbeRun(id);
}

void CalibrationResultsPage::showProbeRun(qint64 id) {
    auto fitted = models::fitStoredRun(m_store, m_catalog, id);
    if (!fitted) {
        clear(qtText(fitted.error()));
        return;
    }
    if (!fitted->fit) {
        clear(CalibrationWindow::tr("No factors could be fitted for %1: %2")
                  .arg(fitted->info.gpu, models::errorText(fitted->fit)));
        return;
    }
    m_factorModel->setFactors(fitted->fit->factors);
    QStringList lines{
        CalibrationWindow::tr("Run %1 on %2 (%3): %n result(s).", nullptr, static_cast<int>(fitted->run.results.size()))
            .arg(id)
            .arg(qtText(fitted->run.deviceName), fitted->info.gpu)};
    for (const serveplan::Message& note : fitted->fit->notes)
        lines << CalibrationWindow::tr("Note: %1").arg(models::messageText(note));
    if (!fitted->model)
        lines << CalibrationWindow::tr("The probe's model is not in the catalog, so there is nothing to compare with.");
    else
        lines << CalibrationWindow::tr(
                     "Steps of %1 as the probe timed them (bare CUDA-graph replays, BF16, one GPU); “before” is the "
                     "engine's generic efficiencies, “after” this run's factors.")
                     .arg(qtText(fitted->model->name));
    m_detail->setText(lines.join(QLatin1Char('\n')));

    std::vector<models::CalibrationResultRow> rows;
    std::vector<CalibrationChartPoint> points;
    for (const ComparisonRow& r : fitted->comparison()) {
        rows.push_back({qtText(r.test), qtText(r.config), CalibrationWindow::tr("ms"), r.measuredMs, r.beforeMs,
                        r.afterMs, true, QString()});
        points.push_back({r.measuredMs, r.beforeMs, r.afterMs, CalibrationWindow::tr("ms")});
    }
    m_resultModel->setRows(std::move(rows));
    CalibrationChart::build(m_chart, points, CalibrationWindow::tr("Step time, predicted versus measured"));
    m_chart->replot();
}

void CalibrationResultsPage::showLoadTest(qint64 id) {
    auto group = models::fitLoadTestGroup(m_store, m_catalog, id);
    if (!group) {
        clear(qtText(group.error()));
        return;
    }
    const models::LoadTestRun* run = &group->run;
    const LoadTestSetup& s = run->setup;
    auto applied = m_store.appliedFactors(qtText(s.gpuId), qtText(s.engine));
    if (!applied) {
        clear(qtText(applied.error()));
        return;
    }
    // "After" previews what Apply would store: the factors fitted to the load tests of this deployment.
    const Result<CalibrationFit>& fit = group->fit;
    const std::vector<CalibrationFactor>& after = fit ? fit->factors : *applied;
    m_factorModel->setFactors(after);
    QStringList lines{CalibrationWindow::tr("%1 of %2 on %n × %3 (tensor parallel %4), engine %5.", nullptr, s.gpuCount)
                          .arg(run->source, qtText(s.modelId), qtText(s.gpuId))
                          .arg(s.tp)
                          .arg(models::EnumLabels::engineLabel(s.engine))};
    if (fit) {
        QStringList runs;
        for (qint64 runId : group->runIds)
            runs << QString::number(runId);
        lines << CalibrationWindow::tr(
                     "“Before” is the profile in use for %1 and %2; “after” uses the factors fitted to the load "
                     "tests of this deployment (runs %3, above), which Apply stores.")
                     .arg(qtText(s.gpuId), models::EnumLabels::engineLabel(s.engine), runs.join(QStringLiteral(", ")));
        for (const serveplan::Message& note : fit->notes)
            lines << CalibrationWindow::tr("Note: %1").arg(models::messageText(note));
    } else {
        lines << CalibrationWindow::tr("No factors could be fitted to this load test: %1").arg(models::errorText(fit));
        lines << (applied->empty() ? CalibrationWindow::tr("No calibration is applied to %1 for %2: “after” equals "
                                                           "“before”.")
                                         .arg(qtText(s.gpuId), models::EnumLabels::engineLabel(s.engine))
                                   : CalibrationWindow::tr("“After” uses the calibration applied to %1 for %2 (the "
                                                           "factors above).")
                                         .arg(qtText(s.gpuId), models::EnumLabels::engineLabel(s.engine)));
    }
    m_detail->setText(lines.join(QLatin1Char('\n')));

    std::vector<models::CalibrationResultRow> rows;
    std::vector<CalibrationChartPoint> points;
    for (const LoadTestComparison& r : compareLoadTest(run->point, s, m_catalog, after)) {
        const bool predicted = r.message.empty() && r.before > 0;
        rows.push_back({qtText(r.metric), QString(), qtText(r.unit), r.measured, r.before, r.after, predicted,
                        models::messageText(r.message)});
        if (predicted)
            points.push_back({r.measured, r.before, r.after, qtText(r.unit)});
    }
    m_resultModel->setRows(std::move(rows));
    CalibrationChart::build(m_chart, points, CalibrationWindow::tr("Load test, predicted versus measured"));
    m_chart->replot();
}

} // namespace serveplan::ui
