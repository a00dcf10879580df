#pragma once
// The selected run of the calibration window, in detail: what it says, its fitted factors (a view over
// CalibrationFactorModel), the engine's predictions before and after calibration against what was
// measured (a view over CalibrationResultModel) and the same as a log-log chart. For a probe run the
// steps it timed; for a load test its metrics, "after" previewing the factors fitted to the load
// tests of the same deployment (what Apply would store).
#include "catalog/Catalog.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTableView;

namespace serveplan::models {
class CalibrationFactorModel;
class CalibrationResultModel;
class CalibrationStore;
} // namespace serveplan::models

namespace serveplan::ui {

class CalibrationResultsPage final : public QWidget {
    Q_OBJECT
public:
    /// Reads runs from `store` and predicts with `catalog`; both must outlive the page.
    CalibrationResultsPage(const models::CalibrationStore& store, const Catalog& catalog, QWidget* parent = nullptr);

    /// Shows run `id` of `kind` (a probe run or a load test).
    void showRun(qint64 id, const QString& kind);
    /// Shows nothing but `text`.
    void clear(const QString& text);

    QTableView* factorView() const { return m_factors; }
    QTableView* comparisonView() const { return m_comparison; }
    QLabel* detailLabel() const { return m_detail; }
    QCustomPlot* chart() const { return m_chart; }
    models::CalibrationFactorModel* factorModel() const { return m_factorModel; }
    models::CalibrationResultModel* resultModel() const { return m_resultModel; }

private:
    void showProbeRun(qint64 id);
    void showLoadTest(qint64 id);

    const models::CalibrationStore& m_store;
    const Catalog& m_catalog;
    models::CalibrationFactorModel* m_factorModel;
    models::CalibrationResultModel* m_resultModel;
    QTableView* m_factors = nullptr;
    QLabel* m_detail = nullptr;
    QTableView* m_comparison = nullptr;
    QCustomPlot* m_chart = nullptr;
};

} // namespace serveplan::ui
