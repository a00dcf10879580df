#pragma once
// The calibration runs stored in the catalog database, newest first (so m_rows holds them newest first): one row per
// run with its date, GPU, kind, summary and whether its factors are in use. The calibration window's history lists it.
#include "CalibrationStore.h"

#include "CalibrationTableModel.h"

#include <QAbstractTableModel>

#include <vector>

namespace serveplan::models {

class CalibrationRunModel final : public CalibrationTableModel<CalibrationRunInfo> {
    Q_OBJECT
public:
    enum Column : int { Date, Gpu, Kind, Summary, Applied, ColumnCount };
    Q_ENUM(Column)
    /// Every cell answers these, whatever its column.
    enum Role : int {
        RunIdRole = Qt::UserRole, ///< the run's id (qint64)
        KindRole,                 ///< probe | probe_quick | vllm_bench | locust
        AppliedRole,              ///< true when the run's factors are in use for its GPU
    };

    explicit CalibrationRunModel(QObject* parent = nullptr);

    /// Replaces the rows with `runs` as CalibrationStore::runs() lists them (oldest first); shows them newest first.
    void setRuns(const std::vector<CalibrationRunInfo>& runs);
    /// The run on `row`, or null.
    const CalibrationRunInfo* runAt(int row) const;
    /// The row of run `id`, or -1.
    int rowOf(qint64 id) const;
    /// Whether any listed run of `gpu` is applied.
    bool gpuCalibrated(const QString& gpu) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

} // namespace serveplan::models
