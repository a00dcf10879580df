#pragma once
// The catalog, browsable: one tab each for models, GPUs and instances with prices. Every tab has a
// filter line edit above a sortable table and a "showing N of M" line; the tables read the item
// models of models/ through a QSortFilterProxyModel. MainWindow puts this beside the planning views.
#include "catalog/Catalog.h"

#include <QWidget>

#include <array>
#include <memory>

class QAbstractItemModel;
class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace serveplan::models {
class GpuTableModel;
class InstanceTableModel;
class LlmTableModel;
} // namespace serveplan::models

namespace serveplan::ui {

class PriceHistoryDialog;

class CatalogBrowser final : public QWidget {
    Q_OBJECT
public:
    enum Tab : int { ModelsTab, GpusTab, InstancesTab, TabCount };

    explicit CatalogBrowser(QWidget* parent = nullptr);
    /// Prices dated before `date` (ISO; empty = none) are marked stale; the constructor applies
    /// Preferences (AppSettings::staleBefore of today).
    void setStaleBefore(const QString& date);
    /// The price date (ISO; empty = the newest) whose price a Price History dialog marks as in use:
    /// the scenario's price date.
    void setPriceDate(const QString& date) { m_priceDate = date; }
    QString priceDate() const { return m_priceDate; }
    ~CatalogBrowser() override;

    void setCatalog(std::shared_ptr<const Catalog> catalog);
    /// "33 models · 36 GPUs · 687 instances", the filtered counts when a filter is set.
    QString summary() const;

    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* filterEdit(Tab tab) const { return m_pages[tab].filter; }
    QTableView* tableView(Tab tab) const { return m_pages[tab].view; }
    QSortFilterProxyModel* proxy(Tab tab) const { return m_pages[tab].proxy; }
    QLabel* countLabel(Tab tab) const { return m_pages[tab].count; }
    /// Instances tab: "Price History…" (context menu, Ctrl+Shift+H; Enter on a price cell).
    QAction* priceHistoryAction() const { return m_priceHistoryAction; }
    /// Opens the price history of the current instance under the current cell's plan (on-demand
    /// when the cell is not a price); null when no instance is current.
    PriceHistoryDialog* showPriceHistory();

signals:
    /// The counts changed (new catalog or a filter edit): the text of summary().
    void summaryChanged(const QString& summary);

private:
    struct Page {
        QLineEdit* filter = nullptr;
        QTableView* view = nullptr;
        QSortFilterProxyModel* proxy = nullptr;
        QLabel* count = nullptr;
        QString noun; ///< plural, for "showing N of M <noun>"
    };
    QWidget* buildPage(Tab tab, QAbstractItemModel* source, const QString& placeholder, const QString& noun);
    void updateCounts();
    void addPriceHistoryAction();

    QTabWidget* m_tabs;
    models::LlmTableModel* m_models;
    models::GpuTableModel* m_gpus;
    models::InstanceTableModel* m_instances;
    std::array<Page, TabCount> m_pages;
    QAction* m_priceHistoryAction = nullptr;
    QString m_priceDate;
};

} // namespace serveplan::ui
