// Catalog ▸ instances ▸ Price History, offscreen: reachable from the keyboard (Ctrl+Shift+H on the
// price table, Enter on a price cell) and the context menu; it lists every dated row of the current
// instance × the current cell's plan, selects the one the planner uses on the browser's price date,
// and its plan combo switches to the instance's other plans.
#include "InstanceTableModel.h"
#include "PriceHistoryModel.h"
#include "catalog/CatalogBrowser.h"
#include "catalog/PriceHistoryDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace serveplan;
using namespace serveplan::ui;
using namespace Qt::StringLiterals;

namespace {

Price dated(PricingPlan plan, double amount, const std::string& date, const std::string& source) {
    return Price{plan, amount, "USD", PriceUnit::Hour, date, source};
}

/// Instance "a": on-demand 2.5 (2025-01-01), 2.0 (2026-10-01), 2.2 (2027-02-01), spot 0.9 (2026-10-01);
/// instance "b": on-demand 4.0 only.
std::shared_ptr<const Catalog> catalog() {
    InstanceSpec a;
    a.provider = "testcloud";
    a.instanceType = "a";
    a.region = "r1";
    a.gpuId = "l4";
    a.gpuCount = 1;
    a.priceHistory = {dated(PricingPlan::OnDemand, 2.5, "2025-01-01", "old list"),
                      dated(PricingPlan::OnDemand, 2.0, "2026-10-01", "list"),
                      dated(PricingPlan::OnDemand, 2.2, "2027-02-01", "fetched:testcloud"),
                      dated(PricingPlan::Spot, 0.9, "2026-10-01", "list")};
    sortPriceHistory(a.priceHistory);
    a.prices = priceBookOn(a.priceHistory);
    InstanceSpec b = a;
    b.instanceType = "b";
    b.priceHistory = {dated(PricingPlan::OnDemand, 4.0, "2026-10-01", "list")};
    b.prices = priceBookOn(b.priceHistory);
    Catalog c;
    c.instances = {a, b};
    return std::make_shared<const Catalog>(std::move(c));
}

QModelIndex cellOf(const CatalogBrowser& browser, int row, PricingPlan plan) {
    const auto* proxy = browser.proxy(CatalogBrowser::InstancesTab);
    return proxy->mapFromSource(proxy->sourceModel()->index(row, models::InstanceTableModel::columnOf(plan)));
}

PriceHistoryDialog* openDialog(const CatalogBrowser& browser) {
    const auto dialogs = browser.findChildren<PriceHistoryDialog*>();
    return dialogs.isEmpty() ? nullptr : dialogs.last();
}

} // namespace

class TestPriceHistoryDialog final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shortcutOpensTheCurrentCellsHistory() {
        CatalogBrowser browser;
        browser.setCatalog(catalog());
        browser.setPriceDate(u"2026-12-31"_s);
        browser.tabs()->setCurrentIndex(CatalogBrowser::InstancesTab);
        browser.show();
        QApplication::setActiveWindow(&browser);
        QVERIFY(QTest::qWaitForWindowActive(&browser));
        QTableView* view = browser.tableView(CatalogBrowser::InstancesTab);
        view->setFocus();
        view->setCurrentIndex(cellOf(browser, 0, PricingPlan::OnDemand));
        QCOMPARE(browser.priceHistoryAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        QVERIFY(view->actions().contains(browser.priceHistoryAction())); // the context menu's entry
        QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);

        QTest::keyClick(view, Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        PriceHistoryDialog* dialog = openDialog(browser);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->windowTitle().contains(u"testcloud:a@r1"_s));
        QVERIFY(dialog->plan() == PricingPlan::OnDemand);
        QCOMPARE(dialog->model()->rowCount(), 3);
        // 2026-12-31 takes the 2026-10-01 row: the second, newest first; the view selects it.
        QCOMPARE(dialog->model()->inUseRow(), 1);
        const QModelIndexList selected = dialog->view()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.front().row(), 1);
        QCOMPARE(dialog->model()->data(dialog->model()->index(1, models::PriceHistoryModel::Amount)).toString(),
                 u"2 USD per hour"_s);
        QVERIFY(dialog->summaryLabel()->text().contains(u"2026-12-31"_s));

        // The plan combo, from the keyboard, shows the spot history.
        dialog->planCombo()->setFocus();
        dialog->planCombo()->setCurrentIndex(dialog->planCombo()->findData(int(PricingPlan::Spot)));
        QVERIFY(dialog->plan() == PricingPlan::Spot);
        QCOMPARE(dialog->model()->rowCount(), 1);
        QCOMPARE(dialog->model()->priceAt(0)->amount, 0.9);
        dialog->close();
    }

    void returnOnAPriceCellOpensItsPlan() {
        CatalogBrowser browser;
        browser.setCatalog(catalog());
        browser.tabs()->setCurrentIndex(CatalogBrowser::InstancesTab);
        browser.show();
        QApplication::setActiveWindow(&browser);
        QVERIFY(QTest::qWaitForWindowActive(&browser));
        QTableView* view = browser.tableView(CatalogBrowser::InstancesTab);
        view->setFocus();
        view->setCurrentIndex(cellOf(browser, 0, PricingPlan::Spot));
        QTest::keyClick(view, Qt::Key_Return);
        PriceHistoryDialog* dialog = openDialog(browser);
        QVERIFY(dialog);
        QVERIFY(dialog->plan() == PricingPlan::Spot);
        dialog->close();
        // Return on a cell that is not a price opens nothing.
        view->setCurrentIndex(
            browser.proxy(CatalogBrowser::InstancesTab)->index(0, models::InstanceTableModel::Region));
        const int before = int(browser.findChildren<PriceHistoryDialog*>().size());
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(int(browser.findChildren<PriceHistoryDialog*>().size()), before);
    }

    void followsTheSortedRowAndFallsBackToOnDemand() {
        CatalogBrowser browser;
        browser.setCatalog(catalog());
        QTableView* view = browser.tableView(CatalogBrowser::InstancesTab);
        // Sorted by type descending, the first row is instance b.
        view->sortByColumn(models::InstanceTableModel::InstanceType, Qt::DescendingOrder);
        const auto* proxy = browser.proxy(CatalogBrowser::InstancesTab);
        view->setCurrentIndex(proxy->index(0, models::InstanceTableModel::Region)); // not a price cell
        PriceHistoryDialog* dialog = browser.showPriceHistory();
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(u"testcloud:b@r1"_s));
        QVERIFY(dialog->plan() == PricingPlan::OnDemand);
        QCOMPARE(dialog->model()->rowCount(), 1);
        QCOMPARE(dialog->model()->inUseRow(), 0); // no price date: the newest
        dialog->close();
    }

    void nothingCurrentOpensNothing() {
        CatalogBrowser browser;
        browser.setCatalog(catalog());
        browser.tableView(CatalogBrowser::InstancesTab)->setCurrentIndex({});
        QVERIFY(!browser.showPriceHistory());
    }
};

QTEST_MAIN(TestPriceHistoryDialog)
#include "TestPriceHistoryDialog.moc"
