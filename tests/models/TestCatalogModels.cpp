// The catalog item models: QAbstractItemModelTester, known cells from the seed, "—" for a missing
// price (never 0), sorting through QSortFilterProxyModel on SortRole with missing values last.
#include "CatalogDb.h"
#include "CatalogRoles.h"
#include "CellFormat.h"
#include "GpuTableModel.h"
#include "InstanceTableModel.h"
#include "LlmTableModel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace serveplan;
using namespace serveplan::models;
using namespace Qt::StringLiterals;

class TestCatalogModels final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void passModelTester();
    void gpuCells();
    void modelCells();
    void instancePricesAbsentNotZero();
    void sortingPutsMissingLast();
    void filtering();
    void numberFormat_data();
    void numberFormat();

private:
    std::shared_ptr<const Catalog> m_catalog;
    int rowOf(const QAbstractItemModel& model, const QString& id) const;
};

void TestCatalogModels::initTestCase() {
    auto seed = CatalogDb::embeddedSeed();
    QVERIFY2(seed.ok(), seed.ok() ? "" : seed.error().c_str());
    m_catalog = std::make_shared<const Catalog>(std::move(seed).value());
}

int TestCatalogModels::rowOf(const QAbstractItemModel& model, const QString& id) const {
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, 0).data(IdRole).toString() == id)
            return row;
    return -1;
}

void TestCatalogModels::passModelTester() {
    GpuTableModel gpus;
    LlmTableModel llms;
    InstanceTableModel instances;
    QAbstractItemModelTester t1(&gpus, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&llms, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&instances, QAbstractItemModelTester::FailureReportingMode::QtTest);
    gpus.setCatalog(m_catalog);
    llms.setCatalog(m_catalog);
    instances.setCatalog(m_catalog);
    QCOMPARE(gpus.rowCount(), 55);
    QCOMPARE(llms.rowCount(), 33);
    QCOMPARE(instances.rowCount(), 702);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester t4(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&instances);
    proxy.setSortRole(SortRole);
    proxy.sort(InstanceTableModel::OnDemand);
    proxy.setFilterFixedString(u"h100"_s);
    gpus.setCatalog(nullptr); // a reset to empty is a valid state too
    QCOMPARE(gpus.rowCount(), 0);
}

void TestCatalogModels::gpuCells() {
    GpuTableModel model;
    model.setCatalog(m_catalog);
    const int h100 = rowOf(model, u"h100-sxm"_s);
    QVERIFY(h100 >= 0);
    // gpus.csv h100-sxm: 80 GB, 3350 GB/s, BF16 989.5 dense (README §1), MIG 7.
    QCOMPARE(model.index(h100, GpuTableModel::MemoryGb).data().toString(), u"80"_s);
    QCOMPARE(model.index(h100, GpuTableModel::BandwidthGBps).data().toString(), u"3,350"_s);
    QCOMPARE(model.index(h100, GpuTableModel::Bf16Tflops).data().toString(), u"989.5"_s);
    QCOMPARE(model.index(h100, GpuTableModel::MigInstances).data().toString(), u"7"_s);
    QCOMPARE(model.index(h100, GpuTableModel::Bf16Tflops).data(SortRole).toDouble(), 989.5);
    // The T4 has no FP8 unit: a dash, flagged missing.
    const int t4 = rowOf(model, u"t4"_s);
    QCOMPARE(model.index(t4, GpuTableModel::Fp8Tflops).data().toString(), CellFormat::missing());
    QVERIFY(model.index(t4, GpuTableModel::Fp8Tflops).data(MissingRole).toBool());
    QVERIFY(!model.index(t4, GpuTableModel::Name).data(Qt::ToolTipRole).toString().isEmpty()); // source
    QCOMPARE(model.headerData(GpuTableModel::MemoryGb, Qt::Horizontal).toString(), u"Memory (GB)"_s);
}

void TestCatalogModels::modelCells() {
    LlmTableModel model;
    model.setCatalog(m_catalog);
    const int r1 = rowOf(model, u"deepseek-r1"_s);
    QVERIFY(r1 >= 0);
    // models.csv deepseek-r1: DeepSeek family, 671B total / 37B active, MLA, 256 experts top 8, 61 layers.
    QCOMPARE(model.index(r1, LlmTableModel::Family).data().toString(), u"DeepSeek"_s);
    QCOMPARE(model.index(r1, LlmTableModel::ParamsB).data().toString(), u"671"_s);
    QCOMPARE(model.index(r1, LlmTableModel::ActiveParamsB).data().toString(), u"37"_s);
    QCOMPARE(model.index(r1, LlmTableModel::Attention).data().toString(), u"MLA"_s);
    QCOMPARE(model.index(r1, LlmTableModel::Experts).data().toString(), u"256 (top 8)"_s);
    QCOMPARE(model.index(r1, LlmTableModel::Layers).data().toString(), u"61"_s);
}

void TestCatalogModels::instancePricesAbsentNotZero() {
    InstanceTableModel model;
    model.setCatalog(m_catalog);
    const int row = rowOf(model, u"aws:g4dn.12xlarge@us-east-1"_s);
    QVERIFY(row >= 0);
    // instances.csv line 2: on-demand 3.912, spot 1.676700, no reserved or monthly price.
    QCOMPARE(model.index(row, InstanceTableModel::OnDemand).data().toString(), u"3.912"_s);
    QCOMPARE(model.index(row, InstanceTableModel::Spot).data().toString(), u"1.6767"_s);
    for (int column :
         {int(InstanceTableModel::Reserved1y), int(InstanceTableModel::Reserved3y), int(InstanceTableModel::Monthly)}) {
        QCOMPARE(model.index(row, column).data().toString(), CellFormat::missing());
        QVERIFY(model.index(row, column).data(MissingRole).toBool());
    }
    QCOMPARE(model.index(row, InstanceTableModel::Currency).data().toString(), u"USD"_s);
    QCOMPARE(model.index(row, InstanceTableModel::PriceDate).data().toString(), u"2026-04-02"_s);
    QVERIFY(model.index(row, InstanceTableModel::OnDemand).data(Qt::ToolTipRole).toString().contains(u"anycloud"_s));
    // No price cell anywhere shows 0.
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = InstanceTableModel::OnDemand; c <= InstanceTableModel::Monthly; ++c)
            QVERIFY(model.index(r, c).data().toString() != u"0"_s);
}

void TestCatalogModels::sortingPutsMissingLast() {
    InstanceTableModel model;
    model.setCatalog(m_catalog);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(InstanceTableModel::Spot, Qt::AscendingOrder);
    double previous = -1;
    bool seenMissing = false;
    for (int r = 0; r < proxy.rowCount(); ++r) {
        const QModelIndex index = proxy.index(r, InstanceTableModel::Spot);
        if (index.data(MissingRole).toBool()) {
            seenMissing = true;
            continue;
        }
        QVERIFY2(!seenMissing, "a priced row sorted after a row without a spot price");
        const double value = index.data(SortRole).toDouble();
        QVERIFY(value >= previous);
        previous = value;
    }
    QVERIFY(seenMissing); // 511 of 702 instances have a spot price (counted with Python's csv module)
    proxy.sort(InstanceTableModel::Provider, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, InstanceTableModel::Provider).data().toString(), u"alibaba"_s);
}

void TestCatalogModels::filtering() {
    InstanceTableModel model;
    model.setCatalog(m_catalog);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(u"LAMBDA"_s);
    QCOMPARE(proxy.rowCount(), 23); // PRICES.md: lambda 23 rows
    proxy.setFilterFixedString(u"tencent"_s);
    QCOMPARE(proxy.rowCount(), 21);
}

void TestCatalogModels::numberFormat_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::addRow("integer") << 80.0 << 1 << u"80"_s;
    QTest::addRow("thousands") << 16676.0 << 2 << u"16,676"_s;
    QTest::addRow("decimals trimmed") << 1.676700 << 4 << u"1.6767"_s;
    QTest::addRow("rounded") << 0.13811 << 3 << u"0.138"_s;
    QTest::addRow("millions") << 1234567.5 << 1 << u"1,234,567.5"_s;
    QTest::addRow("negative") << -1234.0 << 0 << u"-1,234"_s;
}

void TestCatalogModels::numberFormat() {
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(CellFormat::number(value, decimals), expected);
}

QTEST_GUILESS_MAIN(TestCatalogModels)
#include "TestCatalogModels.moc"
