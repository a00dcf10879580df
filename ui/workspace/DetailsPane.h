#pragma once
// Everything about the selected plan: a summary with units (where it runs, capacity, latency
// percentiles with their bands, money, warnings) and its charts: memory breakdown of one GPU,
// latency versus load with the SLO lines, throughput versus batch, and the autoscaling day.
// The charts are the report's builders (ui/charts), fed from the same PlanSeries as the report.
#include "PlanSnapshot.h"

#include <QWidget>

#include <array>

class QCustomPlot;
class QTabWidget;
class QTextBrowser;

namespace serveplan {
class PlanTableModel;
}

namespace serveplan::ui {

struct PlanSeries;

class DetailsPane final : public QWidget {
    Q_OBJECT
public:
    explicit DetailsPane(PlanTableModel* plans, QWidget* parent = nullptr);

    /// Shows one plan of the table's snapshot; 0 shows the "pick a plan" hint.
    void showRank(int rank);
    int shownRank() const { return m_rank; }
    QTextBrowser* summary() const { return m_summary; }
    QTabWidget* chartTabs() const { return m_tabs; }
    QCustomPlot* memoryPlot() const { return m_memory; }
    QCustomPlot* latencyPlot() const { return m_latency; }
    QCustomPlot* throughputPlot() const { return m_throughput; }
    QCustomPlot* autoscalingPlot() const { return m_autoscaling; }

private:
    QString summaryHtml(const PlanRow& row, const PlanSnapshot& snapshot) const;
    QString poolsHtml(const DisaggregatedPlan& pools) const;
    enum ChartTab { MemoryTab, LatencyTab, ThroughputTab, AutoscalingTab, ChartTabCount };

    void drawCharts(const PlanRow& row, const PlanSnapshot& snapshot);
    void drawTab(int tab, const PlanRow& plan, const PlanSnapshot& snapshot);
    void drawMemory(const PlanRow& plan, const PlanSeries& series);
    void drawLatency(const PlanRow& plan, const PlanSnapshot& snapshot, const PlanSeries& series);
    void drawThroughput(const PlanSeries& series);
    void drawAutoscaling(const PlanRow& plan, const PlanSnapshot& snapshot);
    void clearCharts();

    PlanTableModel* m_plans;
    int m_rank = 0;
    QTextBrowser* m_summary;
    QTabWidget* m_tabs;
    QCustomPlot* m_memory;
    QCustomPlot* m_latency;
    QCustomPlot* m_throughput;
    QCustomPlot* m_autoscaling;
    std::array<bool, ChartTabCount> m_drawn{}; ///< which tabs show the current plan already
};

} // namespace serveplan::ui
