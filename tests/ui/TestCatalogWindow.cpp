// The first screen: the catalog window opens offscreen on a seeded database and shows every seeded
// row; filters and header sorting work; a database that cannot be opened gives a clear message.
#include "CatalogDb.h"
#include "CatalogRoles.h"
#include "InstanceTableModel.h"
#include "PresetPrompts.h"
#include "catalog/CatalogBrowser.h"
#include "catalog/CatalogWindow.h"

#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::ui;
using namespace Qt::StringLiterals;

class TestCatalogWindow final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void showsSeededRows();
    void filterPerTab();
    void headerClickSorts();
    void damagedDatabaseGivesMessage();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Catalog> m_catalog;
};

void TestCatalogWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    PresetPrompts prompts;
    m_catalog = CatalogWindow::loadCatalog(m_dir.filePath(u"c.sqlite"_s), nullptr, &prompts);
    QVERIFY(m_catalog);
    QCOMPARE(prompts.warningsShown().size(), 0); // a new database is created and seeded without complaint
}

void TestCatalogWindow::showsSeededRows() {
    CatalogWindow window(m_catalog);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CatalogBrowser* browser = window.browser();
    QCOMPARE(browser->tabs()->count(), 3);
    QCOMPARE(browser->tableView(CatalogBrowser::ModelsTab)->model()->rowCount(), 33);
    QCOMPARE(browser->tableView(CatalogBrowser::GpusTab)->model()->rowCount(), 55);
    QCOMPARE(browser->tableView(CatalogBrowser::InstancesTab)->model()->rowCount(), 702);
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.contains(u"33 models"_s) && status.contains(u"55 GPUs"_s) && status.contains(u"702 instances"_s),
             qPrintable(status));
    // The first seeded instance row (instances.csv line 2), as the view shows it.
    QTableView* view = browser->tableView(CatalogBrowser::InstancesTab);
    browser->tabs()->setCurrentIndex(CatalogBrowser::InstancesTab);
    QCOMPARE(view->model()->index(0, models::InstanceTableModel::InstanceType).data().toString(), u"g4dn.12xlarge"_s);
    QCOMPARE(view->model()->index(0, models::InstanceTableModel::OnDemand).data().toString(), u"3.912"_s);
    QCOMPARE(view->model()->index(0, models::InstanceTableModel::Reserved1y).data().toString(), u"\u2014"_s);
    QVERIFY(view->isVisible());
}

void TestCatalogWindow::filterPerTab() {
    CatalogWindow window(m_catalog);
    window.show();
    CatalogBrowser* browser = window.browser();
    QTest::keyClicks(browser->filterEdit(CatalogBrowser::InstancesTab), u"lambda"_s);
    QCOMPARE(browser->proxy(CatalogBrowser::InstancesTab)->rowCount(), 23); // PRICES.md: lambda 23 rows
    QCOMPARE(browser->countLabel(CatalogBrowser::InstancesTab)->text(), u"Showing 23 of 702 instances"_s);
    QVERIFY(window.statusBar()->currentMessage().contains(u"23 of 702 instances"_s));
    QTest::keyClicks(browser->filterEdit(CatalogBrowser::ModelsTab), u"mla"_s);
    // The two DeepSeek 671B checkpoints (R1, V3) use MLA in models.csv.
    QCOMPARE(browser->proxy(CatalogBrowser::ModelsTab)->rowCount(), 2);
    QCOMPARE(browser->proxy(CatalogBrowser::GpusTab)->rowCount(), 55); // other tabs keep their own filter
    browser->filterEdit(CatalogBrowser::InstancesTab)->clear();
    QCOMPARE(browser->proxy(CatalogBrowser::InstancesTab)->rowCount(), 702);
}

void TestCatalogWindow::headerClickSorts() {
    CatalogWindow window(m_catalog);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CatalogBrowser* browser = window.browser();
    browser->tabs()->setCurrentIndex(CatalogBrowser::GpusTab);
    QTableView* view = browser->tableView(CatalogBrowser::GpusTab);
    QHeaderView* header = view->horizontalHeader();
    const int column = 4; // Memory (GB)
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(header->sortIndicatorSection(), column);
    const double first = view->model()->index(0, column).data(models::SortRole).toDouble();
    const double last = view->model()->index(54, column).data(models::SortRole).toDouble();
    QVERIFY(first <= last);
    // gpus.csv: the smallest memory is 8 GB (P4, RTX 3060 Ti), the largest 288 GB (B300, GB300, MI355X).
    QCOMPARE(first, 8.0);
    QCOMPARE(last, 288.0);
}

void TestCatalogWindow::damagedDatabaseGivesMessage() {
    const QString path = m_dir.filePath(u"damaged.sqlite"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a database\n");
    file.close();
    PresetPrompts prompts;
    const auto catalog = CatalogWindow::loadCatalog(path, nullptr, &prompts);
    QCOMPARE(prompts.warningsShown().size(), 1);
    const QString message = prompts.warningsShown().constFirst();
    QVERIFY(catalog); // the built-in catalog instead
    QCOMPARE(catalog->gpus.size(), std::size_t(55));
    QVERIFY2(message.contains(u"damaged.sqlite"_s) && message.contains(u"SQLite header"_s), qPrintable(message));
}

QTEST_MAIN(TestCatalogWindow)
#include "TestCatalogWindow.moc"
