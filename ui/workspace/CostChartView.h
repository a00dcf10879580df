#pragma once
// Monthly cost versus peak QPS: one step curve per plan (CurveModel), the cheapest envelope as the
// Pareto frontier, the target-QPS line. Interactive: hover tooltips, click to select (the plans table
// follows), legend click hides a curve, linear/log cost axis, zoom and pan, export PNG/JPG/PDF/SVG by
// file extension and copy to the clipboard (as DB Browser for SQLite's plot dock does).
#include "common/Result.h"

#include <QPointF>
#include <QSet>
#include <QWidget>

class QCPAbstractLegendItem;
class QCPAbstractPlottable;
class QCPGraph;
class QCPLegend;
class QCustomPlot;
class QMouseEvent;
class QToolButton;

namespace serveplan {
class CurveModel;
class PlanTableModel;
} // namespace serveplan

namespace serveplan::ui {

class Prompts;

class CostChartView final : public QWidget {
    Q_OBJECT
public:
    CostChartView(PlanTableModel* plans, CurveModel* curves, Prompts* prompts, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    /// Curves drawn (one per plan; the frontier and reference lines not counted).
    int curveCount() const { return static_cast<int>(m_curveGraphs.size()); }
    /// The graph of a plan's curve, or null.
    QCPGraph* graphOfRank(int rank) const;
    int selectedRank() const { return m_selectedRank; }
    bool isLogScale() const;
    /// The hover text for a plan at a QPS (what the tooltip shows).
    QString describe(int rank, double qps) const;
    /// The plan whose curve passes within the selection tolerance of a pixel position, or 0.
    int rankAt(const QPointF& pos) const;

    void setSelectedRank(int rank);
    void setLogScale(bool log);
    void resetView();
    /// Writes the chart; the format follows the extension (png, jpg, pdf, svg).
    Result<void> exportTo(const QString& path, int width = 0, int height = 0);
    void copyToClipboard();

signals:
    /// The user clicked a plan's curve.
    void planClicked(int rank);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void applyLogAxis(bool log);
    void setGraphShown(QCPAbstractPlottable* plottable, bool shown);
    void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item);
    void showHoverTip(QMouseEvent* event);
    void exportWithDialog();

    PlanTableModel* m_plans;
    CurveModel* m_curves;
    Prompts* m_prompts;
    QCustomPlot* m_plot;
    QToolButton* m_logButton;
    std::vector<QCPGraph*> m_curveGraphs;
    QSet<int> m_hiddenRanks; ///< curves the user hid through the legend (kept across redraws)
    int m_selectedRank = 0;
    QPointF m_pressPos;
};

} // namespace serveplan::ui
