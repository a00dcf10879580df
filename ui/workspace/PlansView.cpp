#include "PlansView.h"

#include "PlanTableModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QTableView>
#include <QVBoxLayout>

namespace serveplan::ui {

PlanFilterProxy::PlanFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(PlanTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
}

void PlanFilterProxy::setOnlyWorking(bool only) {
    m_onlyWorking = only;
    invalidateFilter();
}

QVariant PlanFilterProxy::data(const QModelIndex& index, int role) const {
    if (role == Qt::ForegroundRole &&
        QSortFilterProxyModel::data(index, PlanTableModel::StatusRole).toInt() != static_cast<int>(PlanStatus::Ok))
        return QPalette().color(QPalette::Disabled, QPalette::Text);
    return QSortFilterProxyModel::data(index, role);
}

bool PlanFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_onlyWorking) {
        const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
        if (index.data(PlanTableModel::StatusRole).toInt() != static_cast<int>(PlanStatus::Ok))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

PlansView::PlansView(PlanTableModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new PlanFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_onlyWorking(new QCheckBox(tr("Only plans that &work"), this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this)) {
    m_proxy->setSourceModel(model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PlanTableModel::Rank, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Column widths from the first rows only: measuring every cell of a big sweep costs more than planning.
    m_table->horizontalHeader()->setResizeContentsPrecision(40);
    m_filter->setPlaceholderText(tr("Filter plans (model, provider, GPU, …)"));
    m_filter->setClearButtonEnabled(true);

    auto* bar = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);
    bar->addWidget(filterLabel);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_onlyWorking);
    bar->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_onlyWorking, &QCheckBox::toggled, m_proxy, &PlanFilterProxy::setOnlyWorking);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const int rank = currentRank();
        if (rank > 0)
            m_rememberedRank = rank;
        emit currentRankChanged(rank);
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &PlansView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &PlansView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &PlansView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &PlansView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        // A new pass renumbers plans; start on the best one.
        selectRank(m_model->rowCount() > 0 ? 1 : 0);
    });
    updateCount();
}

int PlansView::currentRank() const {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(PlanTableModel::RankRole).toInt() : 0;
}

void PlansView::selectRank(int rank) {
    const int sourceRow = m_model->rowOfRank(rank);
    if (sourceRow < 0) {
        m_table->selectionModel()->clearCurrentIndex();
        m_table->clearSelection();
        return;
    }
    QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, PlanTableModel::Rank));
    if (!index.isValid()) {
        m_filter->clear();
        m_onlyWorking->setChecked(false);
        index = m_proxy->mapFromSource(m_model->index(sourceRow, PlanTableModel::Rank));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void PlansView::updateCount() {
    m_count->setText(tr("Showing %1 of %2 plans").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

} // namespace serveplan::ui
