#pragma once
// The ranked plans as a sortable, filterable table (PlanTableModel through a proxy): a text filter
// over every column and "only plans that work". The current row is reported as a rank, so the chart
// and the details pane follow it; selectRank() lets the chart drive the table.
#include <QSortFilterProxyModel>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace serveplan {
class PlanTableModel;
}

namespace serveplan::ui {

/// Sorts by PlanTableModel::SortRole, filters by text and status, greys out rows that do not work.
class PlanFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PlanFilterProxy(QObject* parent = nullptr);
    void setOnlyWorking(bool only);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool m_onlyWorking = false;
};

class PlansView final : public QWidget {
    Q_OBJECT
public:
    explicit PlansView(PlanTableModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    PlanFilterProxy* proxy() const { return m_proxy; }
    QLineEdit* filterEdit() const { return m_filter; }
    QCheckBox* onlyWorkingBox() const { return m_onlyWorking; }
    /// The rank of the current row, or 0.
    int currentRank() const;
    /// Makes the row of a rank current (clearing the filter when it hides that row).
    void selectRank(int rank);

signals:
    void currentRankChanged(int rank);

private:
    void updateCount();

    PlanTableModel* m_model;
    PlanFilterProxy* m_proxy;
    QLineEdit* m_filter;
    QCheckBox* m_onlyWorking;
    QLabel* m_count;
    QTableView* m_table;
    int m_rememberedRank = 0;
};

} // namespace serveplan::ui
