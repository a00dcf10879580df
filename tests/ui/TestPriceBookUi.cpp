// The price book in the GUI, offscreen: the scenario panel's pricing combo and the Add Instance
// dialog offer every plan under the one label table's names and set Scenario::pricing; the catalog's
// price table has a column per plan, marks stale and SUSPECT prices (⚠, roles, tooltip), shows the
// upfront part and the history of a price; Preferences keep the stale age (default 6 months).
#include "CatalogRoles.h"
#include "InstanceTableModel.h"
#include "PricingPlanLabels.h"
#include "catalog/CatalogBrowser.h"
#include "dialogs/InstanceDialog.h"
#include "document/ScenarioDocument.h"
#include "settings/AppSettings.h"
#include "settings/PreferencesDialog.h"
#include "workspace/ScenarioPanel.h"

#include <QAbstractProxyModel>
#include <QComboBox>
#include <QCoreApplication>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::ui;
using namespace Qt::StringLiterals;

namespace {

Price dated(PricingPlan plan, double amount, const std::string& date, const std::string& source) {
    Price p{plan, amount, "USD", PriceUnit::Hour, date, source};
    return p;
}

/// One instance: on-demand 2.0 (2026-10-01, after 2.5 on 2025-01-01), spot undated, reserved 1 year
/// all upfront 1.5/h with 13,140 paid once, a savings plan flagged SUSPECT.
std::shared_ptr<const Catalog> catalog() {
    InstanceSpec s;
    s.provider = "testcloud";
    s.instanceType = "a";
    s.region = "r1";
    s.gpuName = "L4";
    s.gpuId = "l4";
    s.gpuCount = 1;
    s.priceHistory = {dated(PricingPlan::OnDemand, 2.5, "2025-01-01", "old list"),
                      dated(PricingPlan::OnDemand, 2.0, "2026-10-01", "list"),
                      dated(PricingPlan::Spot, 0.9, "", "a blog"),
                      dated(PricingPlan::Reserved1y, 1.5, "2026-10-01", "list"),
                      dated(PricingPlan::SavingsPlan1y, 1.7, "2026-10-01", "list; SUSPECT (about 2x low)")};
    s.priceHistory[3].upfront = Upfront::All;
    s.priceHistory[3].upfrontAmount = 13140;
    sortPriceHistory(s.priceHistory);
    s.prices = priceBookOn(s.priceHistory);
    Catalog c;
    c.instances = {s};
    return std::make_shared<const Catalog>(std::move(c));
}

} // namespace

class TestPriceBookUi final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"serveplan-tests"_s);
    }

    void scenarioComboOffersEveryPlan() {
        ScenarioDocument document;
        ScenarioPanel panel(&document);
        QComboBox* combo = panel.pricingCombo();
        QCOMPARE(combo->count(), int(allPricingPlans().size()));
        for (int i = 0; i < combo->count(); ++i) {
            const auto plan = static_cast<PricingPlan>(combo->itemData(i).toInt());
            QVERIFY(plan == allPricingPlans()[std::size_t(i)]);
            QCOMPARE(combo->itemText(i), models::PricingPlanLabels::label(plan));
        }
        combo->setCurrentIndex(combo->findData(int(PricingPlan::SavingsPlan3y)));
        QVERIFY(document.scenario().pricing == PricingPlan::SavingsPlan3y);
        combo->setCurrentIndex(combo->findData(int(PricingPlan::SubscriptionYear)));
        QVERIFY(document.scenario().pricing == PricingPlan::SubscriptionYear);
    }

    void instanceDialogOffersEveryPlan() {
        InstanceDialog dialog;
        auto* combo = dialog.findChild<QComboBox*>();
        QVERIFY(combo);
        QStringList names;
        for (int i = 0; i < combo->count(); ++i)
            names << combo->itemData(i).toString();
        QCOMPARE(names.size(), 10);
        QVERIFY(names.contains(u"committed_use_1y"_s) && names.contains(u"subscription_year"_s));
    }

    void tableMarksStaleAndSuspectPrices() {
        models::InstanceTableModel model;
        model.setCatalog(catalog());
        QCOMPARE(model.columnCount(), models::InstanceTableModel::Currency + 2);
        for (PricingPlan plan : allPricingPlans())
            QCOMPARE(model.headerData(models::InstanceTableModel::columnOf(plan), Qt::Horizontal).toString(),
                     models::PricingPlanLabels::columnTitle(plan));
        const auto cell = [&](PricingPlan plan) { return model.index(0, models::InstanceTableModel::columnOf(plan)); };
        model.setStaleBefore(u"2026-06-01"_s);
        // On demand is dated after the threshold: not stale, no mark.
        QVERIFY(!cell(PricingPlan::OnDemand).data(models::StaleRole).toBool());
        // Spot is undated: stale, marked.
        QVERIFY(cell(PricingPlan::Spot).data(models::StaleRole).toBool());
        QCOMPARE(cell(PricingPlan::Spot).data().toString(), u"0.9"_s); // the number stays a number
        QVERIFY(cell(PricingPlan::Spot).data(Qt::ToolTipRole).toString().contains(u"undated"_s));
        // The savings plan's source says SUSPECT.
        QVERIFY(cell(PricingPlan::SavingsPlan1y).data(models::SuspectRole).toBool());
        QVERIFY(cell(PricingPlan::SavingsPlan1y).data(Qt::ToolTipRole).toString().contains(u"SUSPECT"_s));
        // A later threshold makes on-demand stale too.
        model.setStaleBefore(u"2026-11-01"_s);
        QVERIFY(cell(PricingPlan::OnDemand).data(models::StaleRole).toBool());
        QVERIFY(cell(PricingPlan::OnDemand).data(Qt::ToolTipRole).toString().contains(u"older than 2026-11-01"_s));
        // No threshold: nothing stale.
        model.setStaleBefore(QString());
        QVERIFY(!cell(PricingPlan::Spot).data(models::StaleRole).toBool());
    }

    void tableShowsUpfrontAndHistory() {
        models::InstanceTableModel model;
        model.setCatalog(catalog());
        const QModelIndex reserved = model.index(0, models::InstanceTableModel::columnOf(PricingPlan::Reserved1y));
        const QString tip = reserved.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"All upfront"_s) && tip.contains(u"13,140"_s), qPrintable(tip));
        QCOMPARE(reserved.data().toString(), u"1.5"_s);
        const QModelIndex onDemand = model.index(0, models::InstanceTableModel::OnDemand);
        const QVariantList history = onDemand.data(models::PriceHistoryRole).toList();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.front().toList().at(0).toString(), u"2025-01-01"_s);
        QCOMPARE(history.back().toList().at(1).toDouble(), 2.0);
        QVERIFY(onDemand.data(Qt::ToolTipRole).toString().contains(u"History:"_s));
        QVERIFY(model.index(0, models::InstanceTableModel::columnOf(PricingPlan::CommittedUse3y))
                    .data(models::MissingRole)
                    .toBool());
    }

    void preferencesKeepTheStaleAge() {
        QCOMPARE(AppSettings::stalePriceMonths(), 6);
        QCOMPARE(AppSettings::staleBefore(QDate(2026, 12, 6)), u"2026-06-06"_s);
        PreferencesDialog dialog;
        QCOMPARE(dialog.staleMonthsBox()->value(), 6);
        dialog.staleMonthsBox()->setValue(3);
        int changed = 0;
        connect(&dialog, &PreferencesDialog::stalePriceMonthsChanged, this,
                [&changed](int months) { changed = months; });
        dialog.save();
        QCOMPARE(changed, 3);
        QCOMPARE(AppSettings::staleBefore(QDate(2026, 12, 6)), u"2026-09-06"_s);
        AppSettings::setStalePriceMonths(0);
        QVERIFY(AppSettings::staleBefore(QDate(2026, 12, 6)).isEmpty());
        AppSettings::setStalePriceMonths(6);
        // The catalog browser applies the preference to its price table.
        CatalogBrowser browser;
        auto* instances = qobject_cast<models::InstanceTableModel*>(
            qobject_cast<QAbstractProxyModel*>(browser.tableView(CatalogBrowser::InstancesTab)->model())
                ? qobject_cast<QAbstractProxyModel*>(browser.tableView(CatalogBrowser::InstancesTab)->model())
                      ->sourceModel()
                : browser.tableView(CatalogBrowser::InstancesTab)->model());
        QVERIFY(instances);
        QCOMPARE(instances->staleBefore(), AppSettings::staleBefore(QDate::currentDate()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestPriceBookUi)
#include "TestPriceBookUi.moc"
