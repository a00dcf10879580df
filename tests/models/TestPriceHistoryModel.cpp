// The price-history model behind Catalog ▸ Price History: every dated row of one instance × plan,
// every upfront option, newest first; the row the planner takes on the price date is the one marked
// (newest on or before the date, cheapest upfront option when several apply, none before the first);
// QAbstractItemModelTester watches every reset.
#include "PriceHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace serveplan;
using namespace serveplan::models;
using namespace Qt::StringLiterals;

namespace {

Price dated(PricingPlan plan, double amount, const std::string& date, const std::string& source,
            Upfront upfront = Upfront::None, double upfrontAmount = 0, const std::string& fetchedAt = {}) {
    return Price{plan, amount, "USD", PriceUnit::Hour, date, source, false, upfront, upfrontAmount, fetchedAt};
}

/// On-demand 2.5 (2025-01-01), 2.0 (2026-10-01, fetched), 2.2 (2027-02-01); reserved 1 year with no
/// upfront 1.6 and all upfront 1.5 (13,140 paid once), both 2026-10-01; spot undated.
InstanceSpec instance() {
    InstanceSpec s;
    s.provider = "testcloud";
    s.instanceType = "a";
    s.region = "r1";
    s.priceHistory = {
        dated(PricingPlan::OnDemand, 2.5, "2025-01-01", "old list"),
        dated(PricingPlan::OnDemand, 2.0, "2026-10-01", "fetched:testcloud", Upfront::None, 0, "2026-10-02T08:00:00Z"),
        dated(PricingPlan::OnDemand, 2.2, "2027-02-01", "fetched:testcloud", Upfront::None, 0, "2027-02-01T08:00:00Z"),
        dated(PricingPlan::Reserved1y, 1.6, "2026-10-01", "list"),
        dated(PricingPlan::Reserved1y, 1.5, "2026-10-01", "list", Upfront::All, 13140),
        dated(PricingPlan::Spot, 0.9, "", "a blog")};
    sortPriceHistory(s.priceHistory);
    s.prices = priceBookOn(s.priceHistory);
    return s;
}

QString cell(const PriceHistoryModel& m, int row, int column) {
    return m.data(m.index(row, column)).toString();
}

} // namespace

class TestPriceHistoryModel final : public QObject {
    Q_OBJECT

private slots:
    void listsEveryDatedRowNewestFirst() {
        PriceHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(instance(), PricingPlan::OnDemand);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(PriceHistoryModel::ColumnCount));
        QCOMPARE(cell(model, 0, PriceHistoryModel::EffectiveDate), u"2027-02-01"_s);
        QCOMPARE(cell(model, 1, PriceHistoryModel::EffectiveDate), u"2026-10-01"_s);
        QCOMPARE(cell(model, 2, PriceHistoryModel::EffectiveDate), u"2025-01-01"_s);
        QCOMPARE(cell(model, 1, PriceHistoryModel::Amount), u"2 USD per hour"_s);
        QCOMPARE(cell(model, 1, PriceHistoryModel::Source), u"fetched:testcloud"_s);
        QCOMPARE(cell(model, 1, PriceHistoryModel::FetchedAt), u"2026-10-02T08:00:00Z"_s);
        QCOMPARE(cell(model, 2, PriceHistoryModel::FetchedAt), u"\u2014"_s); // shipped row: never fetched
        QCOMPARE(cell(model, 2, PriceHistoryModel::Upfront), u"No upfront"_s);
        QCOMPARE(model.headerData(PriceHistoryModel::EffectiveDate, Qt::Horizontal).toString(), u"Effective date"_s);
    }

    void marksThePriceThePlannerUsesOnTheDate() {
        PriceHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const InstanceSpec s = instance();
        model.setHistory(s, PricingPlan::OnDemand); // no date: the newest
        QCOMPARE(model.inUseRow(), 0);
        QCOMPARE(cell(model, 0, PriceHistoryModel::InUse), u"in use (newest)"_s);
        QVERIFY(cell(model, 1, PriceHistoryModel::InUse).isEmpty());
        model.setHistory(s, PricingPlan::OnDemand, u"2026-12-31"_s);
        QCOMPARE(model.inUseRow(), 1);
        QVERIFY(model.data(model.index(1, 0), PriceHistoryModel::InUseRole).toBool());
        QVERIFY(!model.data(model.index(0, 0), PriceHistoryModel::InUseRole).toBool());
        QCOMPARE(cell(model, 1, PriceHistoryModel::InUse), u"in use on 2026-12-31"_s);
        // The model marks what the planner's own lookup returns.
        QCOMPARE(model.priceAt(1)->amount, s.price(PricingPlan::OnDemand, "2026-12-31")->amount);
        model.setHistory(s, PricingPlan::OnDemand, u"2024-06-01"_s); // before every row
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.inUseRow(), -1);
    }

    void showsEveryUpfrontOptionAndUsesTheCheapest() {
        PriceHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(instance(), PricingPlan::Reserved1y, u"2026-12-31"_s);
        QCOMPARE(model.rowCount(), 2);
        const int used = model.inUseRow();
        QVERIFY(used >= 0);
        QCOMPARE(model.priceAt(used)->amount, 1.5);
        QCOMPARE(cell(model, used, PriceHistoryModel::Upfront), u"All upfront: 13,140 USD paid once"_s);
    }

    void undatedRowsComeLastAndEmptyPlansHaveNoRows() {
        PriceHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(instance(), PricingPlan::Spot);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, PriceHistoryModel::EffectiveDate), u"undated"_s);
        QCOMPARE(model.inUseRow(), 0);
        model.setHistory(instance(), PricingPlan::SavingsPlan3y);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.inUseRow(), -1);
    }

    void csvCatalogWithoutHistoryShowsItsCurrentPrices() {
        InstanceSpec s = instance();
        s.priceHistory.clear();
        PriceHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistory(s, PricingPlan::OnDemand);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.priceAt(0)->amount, 2.2);
        QCOMPARE(model.inUseRow(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPriceHistoryModel)
#include "TestPriceHistoryModel.moc"
