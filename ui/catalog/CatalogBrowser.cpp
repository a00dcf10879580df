#include "CatalogBrowser.h"

#include "CatalogItemDelegate.h"
#include "CatalogRoles.h"
#include "GpuTableModel.h"
#include "InstanceTableModel.h"
#include "LlmTableModel.h"
#include "PriceHistoryDialog.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QDate>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace serveplan::ui {

CatalogBrowser::CatalogBrowser(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_models(new models::LlmTableModel(this))
    , m_gpus(new models::GpuTableModel(this))
    , m_instances(new models::InstanceTableModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    m_tabs->addTab(buildPage(ModelsTab, m_models, tr("Filter models (name, family, attention…)"), tr("models")),
                   tr("&Models"));
    m_tabs->addTab(buildPage(GpusTab, m_gpus, tr("Filter GPUs (name, vendor, architecture…)"), tr("GPUs")),
                   tr("&GPUs"));
    m_tabs->addTab(
        buildPage(InstancesTab, m_instances, tr("Filter instances (provider, type, region, GPU…)"), tr("instances")),
        tr("&Instances and prices"));
    m_instances->setStaleBefore(AppSettings::staleBefore(QDate::currentDate()));
    addPriceHistoryAction();
    updateCounts();
}

void CatalogBrowser::addPriceHistoryAction() {
    QTableView* view = m_pages[InstancesTab].view;
    m_priceHistoryAction = new QAction(tr("Price &History…"), view);
    m_priceHistoryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_priceHistoryAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_priceHistoryAction->setToolTip(tr("Every dated price of this instance and plan, and the one the planner uses"));
    view->addAction(m_priceHistoryAction);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_priceHistoryAction, &QAction::triggered, this, &CatalogBrowser::showPriceHistory);
    // Enter (or a double click) on a price cell opens its history; other cells have nothing to open.
    connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (models::InstanceTableModel::planOf(index.column()))
            showPriceHistory();
    });
}

PriceHistoryDialog* CatalogBrowser::showPriceHistory() {
    const Page& page = m_pages[InstancesTab];
    const QModelIndex current = page.proxy->mapToSource(page.view->currentIndex());
    const InstanceSpec* instance = current.isValid() ? m_instances->instanceAt(current.row()) : nullptr;
    if (!instance)
        return nullptr;
    const PricingPlan plan = models::InstanceTableModel::planOf(current.column()).value_or(PricingPlan::OnDemand);
    auto* dialog = new PriceHistoryDialog(*instance, plan, m_priceDate, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

CatalogBrowser::~CatalogBrowser() = default;

void CatalogBrowser::setStaleBefore(const QString& date) {
    m_instances->setStaleBefore(date);
}

QWidget* CatalogBrowser::buildPage(Tab tab, QAbstractItemModel* source, const QString& placeholder,
                                   const QString& noun) {
    auto* page = new QWidget(m_tabs);
    Page& p = m_pages[tab];
    p.noun = noun;
    p.filter = new QLineEdit(page);
    p.filter->setPlaceholderText(placeholder);
    p.filter->setClearButtonEnabled(true);
    p.proxy = new QSortFilterProxyModel(page);
    p.proxy->setSourceModel(source);
    p.proxy->setSortRole(models::SortRole);
    p.proxy->setFilterKeyColumn(-1); // match any column
    p.proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    p.view = new QTableView(page);
    p.view->setModel(p.proxy);
    p.view->setItemDelegate(new CatalogItemDelegate(p.view));
    p.view->setSortingEnabled(true);
    p.view->sortByColumn(-1, Qt::AscendingOrder); // seed order until the user clicks a header
    p.view->setSelectionBehavior(QAbstractItemView::SelectRows);
    p.view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    p.view->setAlternatingRowColors(true);
    p.view->verticalHeader()->setVisible(false);
    p.view->verticalHeader()->setDefaultSectionSize(p.view->fontMetrics().height() + 6);
    p.view->horizontalHeader()->setStretchLastSection(true);
    p.count = new QLabel(page);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(p.filter);
    layout->addWidget(p.view, 1);
    layout->addWidget(p.count);
    connect(p.filter, &QLineEdit::textChanged, p.proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(p.proxy, &QAbstractItemModel::rowsInserted, this, &CatalogBrowser::updateCounts);
    connect(p.proxy, &QAbstractItemModel::rowsRemoved, this, &CatalogBrowser::updateCounts);
    connect(p.proxy, &QAbstractItemModel::modelReset, this, &CatalogBrowser::updateCounts);
    connect(p.proxy, &QAbstractItemModel::layoutChanged, this, &CatalogBrowser::updateCounts);
    return page;
}

void CatalogBrowser::setCatalog(std::shared_ptr<const Catalog> catalog) {
    m_models->setCatalog(catalog);
    m_gpus->setCatalog(catalog);
    m_instances->setCatalog(std::move(catalog));
    for (const Page& p : m_pages)
        p.view->resizeColumnsToContents();
    updateCounts();
}

QString CatalogBrowser::summary() const {
    QStringList parts;
    for (const Page& p : m_pages) {
        const int shown = p.proxy->rowCount();
        const int total = p.proxy->sourceModel()->rowCount();
        parts << (shown == total ? tr("%1 %2").arg(total).arg(p.noun)
                                 : tr("%1 of %2 %3").arg(shown).arg(total).arg(p.noun));
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

void CatalogBrowser::updateCounts() {
    for (const Page& p : m_pages) {
        const int shown = p.proxy->rowCount();
        const int total = p.proxy->sourceModel()->rowCount();
        p.count->setText(shown == total ? tr("%1 %2").arg(total).arg(p.noun)
                                        : tr("Showing %1 of %2 %3").arg(shown).arg(total).arg(p.noun));
    }
    emit summaryChanged(summary());
}

} // namespace serveplan::ui
