#include "DetailsPane.h"

#include "EngineMessageText.h"
#include "EnumLabels.h"
#include "PlanFormat.h"
#include "PlanTableModel.h"
#include "PricingPlanLabels.h"
#include "QtText.h"
#include "charts/AutoscalingDayChart.h"
#include "charts/ChartStyle.h"
#include "charts/LatencyLoadChart.h"
#include "charts/MemoryChart.h"
#include "charts/PlanSeries.h"
#include "charts/Qcp.h"
#include "charts/ThroughputBatchChart.h"
#include "cost/Pricing.h"
#include "settings/AppSettings.h"

#include <QDate>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace serveplan::ui {

namespace {

QCustomPlot* newPlot(QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumHeight(180);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    return plot;
}

QString row(const QString& label, const QString& value) {
    return QStringLiteral("<tr><td style='padding-right:12px;color:#555'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

DetailsPane::DetailsPane(PlanTableModel* plans, QWidget* parent)
    : QWidget(parent)
    , m_plans(plans)
    , m_summary(new QTextBrowser(this))
    , m_tabs(new QTabWidget(this))
    , m_memory(newPlot(this))
    , m_latency(newPlot(this))
    , m_throughput(newPlot(this))
    , m_autoscaling(newPlot(this)) {
    m_summary->setOpenLinks(false);
    m_tabs->addTab(m_memory, tr("&Memory"));
    m_tabs->addTab(m_latency, tr("&Latency vs load"));
    m_tabs->addTab(m_throughput, tr("&Throughput vs batch"));
    m_tabs->addTab(m_autoscaling, tr("&Autoscaling day"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_summary);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    // The plans view picks the plan to show after a reset; only a plan that is gone is cleared here.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        const PlanSnapshotPtr& snapshot = m_plans->snapshot();
        if (const PlanRow* plan = snapshot ? m_plans->planAt(m_plans->rowOfRank(m_rank)) : nullptr)
            drawTab(tab, *plan, *snapshot);
    });
    connect(m_plans, &QAbstractItemModel::modelReset, this, [this] {
        if (m_plans->rowOfRank(m_rank) < 0)
            showRank(0);
    });
    showRank(0);
}

void DetailsPane::showRank(int rank) {
    m_rank = rank;
    const PlanSnapshotPtr& snapshot = m_plans->snapshot();
    const PlanRow* plan = snapshot ? m_plans->planAt(m_plans->rowOfRank(rank)) : nullptr;
    if (!plan) {
        m_summary->setHtml(tr("<p>Pick a plan in the table or click a curve to see its details.</p>"));
        clearCharts();
        return;
    }
    m_summary->setHtml(summaryHtml(*plan, *snapshot));
    drawCharts(*plan, *snapshot);
}

/// A disaggregated plan's pools side by side: layout, size, capacity, memory per GPU and latency.
QString DetailsPane::poolsHtml(const DisaggregatedPlan& pools) const {
    const QLocale locale;
    auto gb = [&](double bytes) { return tr("%1 GB").arg(locale.toString(bytes / 1e9, 'f', 1)); };
    QString html = QStringLiteral("<h4>%1</h4><table><tr><th></th><th>%2</th><th>%3</th></tr>")
                       .arg(tr("Prefill and decode pools"), tr("Prefill"), tr("Decode"));
    auto line = [&](const QString& label, const QString& prefill, const QString& decode) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(label.toHtmlEscaped(), prefill.toHtmlEscaped(), decode.toHtmlEscaped());
    };
    const PoolPlan& p = pools.prefill;
    const PoolPlan& d = pools.decode;
    line(tr("Layout"), qtText(p.layoutText()),
         qtText(d.layoutText()) + (d.mtpDraftTokens > 0 ? tr(", MTP %1").arg(d.mtpDraftTokens) : QString()));
    line(tr("Replicas / instances"), tr("%1 / %2").arg(p.replicas).arg(p.instances),
         tr("%1 / %2").arg(d.replicas).arg(d.instances));
    line(tr("Capacity per replica"), format::requestsPerSecond(p.capacityQpsPerReplica),
         format::requestsPerSecond(d.capacityQpsPerReplica));
    line(tr("Weights per GPU"), gb(p.memory.weightBytes), gb(d.memory.weightBytes));
    line(tr("KV cache per GPU"), gb(p.memory.kvCacheBytes), gb(d.memory.kvCacheBytes));
    line(tr("Latency"), tr("TTFT %1").arg(format::millisecondsWithBand(p.ttftMs)),
         tr("TPOT %1").arg(format::millisecondsWithBand(d.tpotMs)));
    html += QStringLiteral("</table><p>%1</p>")
                .arg(tr("KV transfer per prompt: %1 (%2), included in the TTFT.")
                         .arg(gb(pools.kvBytesPerPrompt), tr("%1 ms").arg(locale.toString(pools.kvTransferMs, 'f', 1)))
                         .toHtmlEscaped());
    return html;
}

QString DetailsPane::summaryHtml(const PlanRow& plan, const PlanSnapshot& snapshot) const {
    const QString currency = qtText(snapshot.result.currency);
    const QLocale locale;
    const bool sized = plan.status != PlanStatus::NoFit && plan.capacityQpsPerReplica > 0;
    QString html = QStringLiteral("<h3>#%1 %2</h3>")
                       .arg(plan.rank)
                       .arg((plan.model ? qtText(plan.model->name) : QString()).toHtmlEscaped());
    if (!plan.message.empty())
        html += QStringLiteral("<p style='color:#b03a2e'><b>%1</b></p>")
                    .arg(models::messageText(plan.message).toHtmlEscaped());
    html += QStringLiteral("<table>");
    html += row(tr("Status"), models::EnumLabels::label(plan.status));
    html += row(tr("Instance"), format::instanceKey(plan));
    html += row(tr("GPU"), format::gpuText(plan));
    html += row(tr("Precision / engine"), models::EnumLabels::label(plan.precision) + QStringLiteral(" / ") +
                                              models::EnumLabels::label(plan.engine));
    html +=
        row(tr("Parallel layout"), plan.attentionDp > 1 || plan.ep > 1 || plan.mtpDraftTokens > 0 || plan.disaggregated
                                       ? qtText(plan.layoutText())
                                       : format::parallelText(plan));
    if (plan.mtpDraftTokens > 0)
        html += row(tr("Multi-token prediction"), tr("%1 draft token(s), acceptance %2 %")
                                                      .arg(plan.mtpDraftTokens)
                                                      .arg(locale.toString(plan.mtpAcceptanceRate * 100, 'f', 0)));
    if (sized) {
        html += row(tr("Capacity per replica"), format::requestsPerSecond(plan.capacityQpsPerReplica));
        html += row(tr("Output per replica"),
                    tr("%1 tokens/s").arg(locale.toString(plan.outputTokensPerSPerReplica, 'f', 0)));
        html += row(tr("Load after cache hits"), format::requestsPerSecond(plan.loadQps));
        html += row(tr("Replicas / instances"), tr("%1 / %2").arg(plan.replicas).arg(plan.instances));
        html += row(tr("Utilisation"), tr("%1 %").arg(locale.toString(plan.utilisation * 100, 'f', 0)));
        html += row(tr("TTFT p%1").arg(std::lround(snapshot.scenario.slo.ttftPercentile * 100)),
                    format::millisecondsWithBand(plan.ttftMs));
        html += row(tr("TPOT p%1").arg(std::lround(snapshot.scenario.slo.tpotPercentile * 100)),
                    format::millisecondsWithBand(plan.tpotMs));
    }
    if (plan.hasPrice && sized) {
        html += row(tr("Instance price"), tr("%1/hour").arg(format::money(plan.instanceHourly, currency)));
        html += row(tr("Monthly cost"), format::monthly(plan.monthlyCost, currency));
        html += row(tr("Cost per M output tokens"), format::moneyPerMillion(plan.costPerMillionOutputTokens, currency));
        if (plan.price) {
            html += row(tr("Price date / source"),
                        qtText(plan.price->effectiveDate) + QStringLiteral(" / ") + qtText(plan.price->source));
            if (plan.price->upfront != Upfront::None) // the price book's upfront part, in the price's currency
                html += row(models::PricingPlanLabels::label(plan.price->upfront),
                            format::money(plan.price->upfrontAmount, qtText(plan.price->currency)));
            const QString staleBefore = AppSettings::staleBefore(QDate::currentDate());
            if (priceIsStale(*plan.price, staleBefore.toStdString()))
                html += row(tr("⚠ Price age"), plan.price->effectiveDate.empty()
                                                   ? tr("undated: may be out of date")
                                                   : tr("older than %1: may be out of date").arg(staleBefore));
            if (priceIsSuspect(*plan.price))
                html += row(tr("⚠ Price source"), tr("flagged SUSPECT: check it before relying on it"));
        }
    }
    if (plan.maxQpsWithinBudget > 0)
        html += row(tr("Budget buys up to"), format::requestsPerSecond(plan.maxQpsWithinBudget));
    if (plan.autoscaling().simulated)
        html +=
            row(tr("With autoscaling"), tr("%1 (saves %2 %)")
                                            .arg(format::monthly(plan.autoscaling().monthlyCost, currency),
                                                 locale.toString(plan.autoscaling().savingsFraction * 100, 'f', 0)));
    html += QStringLiteral("</table>");
    if (plan.disaggregated)
        html += poolsHtml(*plan.disaggregated);
    if (!snapshot.result.fxNote.empty())
        html += QStringLiteral("<p style='color:#555'>%1</p>").arg(qtText(snapshot.result.fxNote).toHtmlEscaped());
    return html;
}

void DetailsPane::drawCharts(const PlanRow& plan, const PlanSnapshot& snapshot) {
    // Only the tab in view is drawn now; the others when they are shown (see the constructor).
    m_drawn.fill(false);
    drawTab(m_tabs->currentIndex(), plan, snapshot);
}

void DetailsPane::drawTab(int tab, const PlanRow& plan, const PlanSnapshot& snapshot) {
    if (tab < 0 || tab >= static_cast<int>(m_drawn.size()) || m_drawn[static_cast<std::size_t>(tab)])
        return;
    m_drawn[static_cast<std::size_t>(tab)] = true;
    if (tab == AutoscalingTab) {
        drawAutoscaling(plan, snapshot);
        return;
    }
    const PlanSeries series = PlanSeries::compute(plan, snapshot.scenario, *snapshot.catalog);
    if (tab == MemoryTab)
        drawMemory(plan, series);
    else if (tab == LatencyTab)
        drawLatency(plan, snapshot, series);
    else
        drawThroughput(series);
}

void DetailsPane::drawMemory(const PlanRow& plan, const PlanSeries& series) {
    MemoryChart::Options memory;
    memory.subject = format::gpuText(plan) + QStringLiteral(" (") + format::parallelText(plan) + QLatin1Char(')');
    memory.showTitle = false;
    MemoryChart::build(m_memory, series.memory, memory);
    m_memory->replot();
}

void DetailsPane::drawLatency(const PlanRow& plan, const PlanSnapshot& snapshot, const PlanSeries& series) {
    LatencyLoadChart::Options latency;
    latency.slo = snapshot.scenario.slo;
    latency.capacityQps = plan.capacityQpsPerReplica;
    latency.showTitle = false;
    LatencyLoadChart::build(m_latency, series.latency, latency);
    m_latency->replot();
}

void DetailsPane::drawThroughput(const PlanSeries& series) {
    ThroughputBatchChart::Options throughput;
    throughput.showTitle = false;
    ThroughputBatchChart::build(m_throughput, series.throughput, throughput);
    m_throughput->replot();
}

void DetailsPane::drawAutoscaling(const PlanRow& plan, const PlanSnapshot& snapshot) {
    ChartStyle::reset(m_autoscaling);
    if (plan.autoscaling().simulated) {
        AutoscalingDayChart::Options day;
        day.currency = qtText(snapshot.result.currency);
        day.hoursPerMonth = snapshot.scenario.hoursPerMonth;
        day.showTitle = false;
        // PlanDetail: the planner's run, simulated again for a plan whose minute trace it did not keep.
        PlanDetailOptions only;
        only.series = false;
        const PlanDetail detail = planDetail(plan, snapshot.scenario, *snapshot.catalog, only);
        AutoscalingDayChart::build(m_autoscaling, plan, detail.autoscaling, day);
    } else {
        ChartStyle::addTitle(m_autoscaling, tr("Autoscaling is off: turn it on under “Traffic over the day”."));
    }
    m_autoscaling->replot();
}

void DetailsPane::clearCharts() {
    m_drawn.fill(true); // nothing to draw later
    for (QCustomPlot* plot : {m_memory, m_latency, m_throughput, m_autoscaling}) {
        ChartStyle::reset(plot);
        plot->replot();
    }
}

} // namespace serveplan::ui
