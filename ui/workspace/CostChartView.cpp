#include "CostChartView.h"

#include "CurveModel.h"
#include "PlanFormat.h"
#include "PlanTableModel.h"
#include "charts/ChartStyle.h"
#include "charts/CostCurveChart.h"
#include "charts/Qcp.h"
#include "document/Prompts.h"

#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenu>
#include <QSaveFile>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#ifdef SERVEPLAN_HAVE_SVG
#include <QSvgGenerator>
#endif

#include <algorithm>
#include <cmath>
#include <map>

namespace serveplan::ui {

namespace {
constexpr const char* kRankProperty = CostCurveChart::kRankProperty;
} // namespace

CostChartView::CostChartView(PlanTableModel* plans, CurveModel* curves, Prompts* prompts, QWidget* parent)
    : QWidget(parent)
    , m_plans(plans)
    , m_curves(curves)
    , m_prompts(prompts)
    , m_plot(new QCustomPlot(this))
    , m_logButton(new QToolButton(this)) {
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectPlottables | QCP::iSelectLegend);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->setMinimumSize(320, 240);

    m_logButton->setText(tr("&Log scale"));
    m_logButton->setCheckable(true);
    m_logButton->setToolTip(tr("Logarithmic cost axis"));
    auto* reset = new QToolButton(this);
    reset->setText(tr("&Reset view"));
    reset->setToolTip(tr("Show every curve (after zooming or panning)"));
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("E&xport"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exportButton);
    menu->addAction(tr("Save as &Image or PDF…"), this, &CostChartView::exportWithDialog);
    menu->addAction(tr("&Copy to Clipboard"), this, &CostChartView::copyToClipboard);
    exportButton->setMenu(menu);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_logButton);
    bar->addWidget(reset);
    bar->addWidget(exportButton);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);

    connect(m_logButton, &QToolButton::toggled, this, &CostChartView::setLogScale);
    connect(reset, &QToolButton::clicked, this, &CostChartView::resetView);
    connect(m_plot, &QCustomPlot::legendClick, this, &CostChartView::onLegendClick);
    connect(m_curves, &QAbstractItemModel::modelReset, this, &CostChartView::rebuild);
    rebuild();
}

QCPGraph* CostChartView::graphOfRank(int rank) const {
    for (QCPGraph* graph : m_curveGraphs)
        if (graph->property(kRankProperty).toInt() == rank)
            return graph;
    return nullptr;
}

bool CostChartView::isLogScale() const {
    return m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic;
}

void CostChartView::rebuild() {
    m_curveGraphs.clear();
    const PlanSnapshotPtr& snapshot = m_curves->snapshot();
    if (!snapshot) {
        ChartStyle::reset(m_plot);
        m_plot->replot();
        return;
    }
    // The drawing is the report's (charts/CostCurveChart); this view adds the interaction on top.
    CostCurveChart::Options options;
    options.targetQps = snapshot->scenario.qps;
    options.highlightRank = m_selectedRank;
    options.maxLegendColumns = 3;
    options.showTitle = false;
    CostCurveChart::build(m_plot, snapshot->result, options);
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        QCPGraph* graph = m_plot->graph(i);
        if (!graph->property(kRankProperty).isValid()) {
            graph->setSelectable(QCP::stNone);
            continue;
        }
        graph->setSelectable(QCP::stWhole);
        graph->selectionDecorator()->setPen(QPen(graph->pen().color(), 3));
        m_curveGraphs.push_back(graph);
        if (m_hiddenRanks.contains(graph->property(kRankProperty).toInt()))
            setGraphShown(graph, false);
    }
    if (m_plot->legend)
        m_plot->legend->setSelectableParts(QCPLegend::spItems);
    if (m_logButton->isChecked())
        applyLogAxis(true);
    m_plot->replot();
}

void CostChartView::setSelectedRank(int rank) {
    if (rank == m_selectedRank)
        return;
    m_selectedRank = rank;
    // Keep the user's zoom: the highlight should not move the view.
    const QCPRange x = m_plot->xAxis->range();
    const QCPRange y = m_plot->yAxis->range();
    const bool keepView = !m_curveGraphs.empty();
    rebuild();
    if (keepView) {
        m_plot->xAxis->setRange(x);
        m_plot->yAxis->setRange(y);
        m_plot->replot();
    }
}

void CostChartView::applyLogAxis(bool log) {
    QCPAxis* y = m_plot->yAxis;
    if (log) {
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        double lowest = std::numeric_limits<double>::infinity();
        for (const QCPGraph* graph : m_curveGraphs)
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
                if (it->value > 0)
                    lowest = std::min(lowest, it->value);
        const double upper = y->range().upper > 0 ? y->range().upper : 1;
        y->setRange(std::isfinite(lowest) ? lowest / 1.5 : upper / 1000, upper * 1.2);
    } else {
        y->setScaleType(QCPAxis::stLinear);
        y->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
}

void CostChartView::setLogScale(bool log) {
    if (m_logButton->isChecked() != log) {
        m_logButton->setChecked(log); // re-enters through toggled
        return;
    }
    rebuild(); // the builder's ranges, then the log axis on top
}

void CostChartView::resetView() {
    rebuild();
}

int CostChartView::rankAt(const QPointF& pos) const {
    // Own hit test over the plan curves only: the frontier drawn on top must not swallow clicks.
    double best = m_plot->selectionTolerance();
    int rank = 0;
    for (QCPGraph* graph : m_curveGraphs) {
        if (!graph->visible())
            continue;
        const double distance = graph->selectTest(pos, false);
        if (distance >= 0 && distance <= best) {
            best = distance;
            rank = graph->property(kRankProperty).toInt();
        }
    }
    return rank;
}

void CostChartView::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item) {
    // Clicking a legend entry hides or shows that curve.
    auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plottableItem)
        return;
    QCPAbstractPlottable* plottable = plottableItem->plottable();
    const bool show = !plottable->visible();
    if (const QVariant rank = plottable->property(kRankProperty); rank.isValid()) {
        if (show)
            m_hiddenRanks.remove(rank.toInt());
        else
            m_hiddenRanks.insert(rank.toInt());
    }
    setGraphShown(plottable, show);
    plottableItem->setSelected(false);
    m_plot->replot();
}

void CostChartView::setGraphShown(QCPAbstractPlottable* plottable, bool shown) {
    plottable->setVisible(shown);
    if (QCPPlottableLegendItem* item = m_plot->legend ? m_plot->legend->itemWithPlottable(plottable) : nullptr)
        item->setTextColor(shown ? ChartStyle::textColor() : ChartStyle::mutedColor());
}

QString CostChartView::describe(int rank, double qps) const {
    const int row = m_curves->rowOfRank(rank);
    const CostCurve* curve = m_curves->curveAt(row);
    const PlanRow* plan = m_plans->planAt(m_plans->rowOfRank(rank));
    if (!curve || !plan)
        return {};
    const QString currency = QString::fromStdString(m_curves->snapshot()->result.currency);
    QString text = tr("#%1 %2").arg(rank).arg(QString::fromStdString(curve->label));
    for (const CurveStep& step : curve->steps) {
        if (qps > step.qpsFrom && qps <= step.qpsTo) {
            text += QLatin1Char('\n') + tr("At %1: %2, %3")
                                            .arg(format::requestsPerSecond(qps), format::replicas(step.replicas),
                                                 format::monthly(step.monthlyCost, currency));
            break;
        }
    }
    text += QLatin1Char('\n') + tr("Per replica: %1; TTFT %2; TPOT %3")
                                    .arg(format::requestsPerSecond(plan->capacityQpsPerReplica),
                                         format::millisecondsWithBand(plan->ttftMs),
                                         format::millisecondsWithBand(plan->tpotMs));
    text += QLatin1Char('\n') + tr("GPU: %1").arg(format::gpuText(*plan));
    return text;
}

bool CostChartView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_plot)
        return QWidget::eventFilter(watched, event);
    const QEvent::Type type = event->type();
    if (type != QEvent::MouseMove && type != QEvent::MouseButtonPress && type != QEvent::MouseButtonRelease)
        return QWidget::eventFilter(watched, event);
    auto* mouse = static_cast<QMouseEvent*>(event); // only mouse events get here
    switch (type) {
    case QEvent::MouseMove:
        showHoverTip(mouse);
        break;
    case QEvent::MouseButtonPress:
        m_pressPos = mouse->position();
        break;
    case QEvent::MouseButtonRelease:
        // A click, not the end of a drag: select the curve under the pointer.
        if (mouse->button() == Qt::LeftButton && (mouse->position() - m_pressPos).manhattanLength() < 4) {
            if (const int rank = rankAt(mouse->position()); rank > 0) {
                setSelectedRank(rank);
                emit planClicked(rank);
            }
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void CostChartView::showHoverTip(QMouseEvent* event) {
    if (event->buttons() != Qt::NoButton)
        return; // dragging
    const int rank = rankAt(event->position());
    if (rank <= 0) {
        QToolTip::hideText();
        return;
    }
    const double qps = m_plot->xAxis->pixelToCoord(event->position().x());
    QToolTip::showText(event->globalPosition().toPoint(), describe(rank, qps), m_plot);
}

Result<void> CostChartView::exportTo(const QString& path, int width, int height) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == u"png")
        ok = m_plot->savePng(path, width, height, 2.0);
    else if (suffix == u"jpg" || suffix == u"jpeg")
        ok = m_plot->saveJpg(path, width, height, 2.0);
    else if (suffix == u"pdf")
        ok = m_plot->savePdf(path, width, height);
#ifdef SERVEPLAN_HAVE_SVG
    else if (suffix == u"svg") {
        QSvgGenerator generator;
        generator.setFileName(path);
        const QSize size(width > 0 ? width : m_plot->width(), height > 0 ? height : m_plot->height());
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(tr("Monthly cost versus request rate"));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            m_plot->toPainter(&painter, size.width(), size.height());
            ok = painter.end();
        }
    }
#endif
    else
        return Error{tr("%1: unknown image type “%2” (expected png, jpg, pdf or svg)").arg(path, suffix).toStdString()};
    if (!ok)
        return Error{tr("%1: cannot write the chart").arg(path).toStdString()};
    return {};
}

void CostChartView::copyToClipboard() {
    QApplication::clipboard()->setPixmap(m_plot->toPixmap());
}

void CostChartView::exportWithDialog() {
    QString filter = tr("PNG image (*.png);;JPEG image (*.jpg);;PDF document (*.pdf)");
#ifdef SERVEPLAN_HAVE_SVG
    filter += tr(";;SVG drawing (*.svg)");
#endif
    const QString path = m_prompts->saveFileName(this, tr("Export Chart"), tr("cost-vs-qps.png"), filter);
    if (path.isEmpty())
        return;
    if (Result<void> written = exportTo(path); !written)
        m_prompts->showError(this, tr("Cannot export chart"), QString::fromStdString(written.error()));
}

} // namespace serveplan::ui
