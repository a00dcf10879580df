// CsvReader / CsvWriter (RFC 4180 on libcsv) and CatalogCsv (the seed files into Catalog).
#include "TestSupport.h"
#include "common/CsvReader.h"
#include "catalog/CatalogCsv.h"

#include <QTest>

using namespace serveplan;

class TestCsvReader final : public QObject {
    Q_OBJECT

private slots:
    void quotedFieldsAndLineNumbers();
    void crlfBomAndBlankLines();
    void noTrimmingAndNoTrailingNewline();
    void badQuoting_data();
    void badQuoting();
    void headerLookup();
    void writerQuotesAndRoundTrips();
    void seedCatalogCounts();
    void seedPricesAbsentNeverZero();
    void catalogErrorsNameFileLineAndColumn_data();
    void catalogErrorsNameFileLineAndColumn();
    void numberParsing();
};

void TestCsvReader::quotedFieldsAndLineNumbers() {
    // RFC 4180 §2.6/2.7: a quoted field may hold commas, doubled quotes and line breaks.
    const std::string text = "a,b,c\n"
                             "1,\"x, y\",3\n"
                             "2,\"two\nlines\",\"say \"\"hi\"\"\"\n"
                             "3,z,\n";
    auto table = CsvReader::parse(text, "t.csv");
    QVERIFY2(table.ok(), table.ok() ? "" : table.error().c_str());
    QCOMPARE(table->header, (std::vector<std::string>{"a", "b", "c"}));
    QCOMPARE(table->rows.size(), std::size_t(3));
    QCOMPARE(table->rows[0].line, std::size_t(2));
    QCOMPARE(table->rows[0].fields[1], std::string("x, y"));
    QCOMPARE(table->rows[1].line, std::size_t(3));
    QCOMPARE(table->rows[1].fields[1], std::string("two\nlines"));
    QCOMPARE(table->rows[1].fields[2], std::string("say \"hi\""));
    QCOMPARE(table->rows[2].line, std::size_t(5)); // the previous record spans lines 3 and 4
    QCOMPARE(table->rows[2].fields.size(), std::size_t(3));
    QCOMPARE(table->rows[2].fields[2], std::string());
}

void TestCsvReader::crlfBomAndBlankLines() {
    const std::string text = "\xEF\xBB\xBFid,v\r\n\r\nx,1\r\n\r\ny,2\r\n";
    auto table = CsvReader::parse(text, "crlf.csv");
    QVERIFY(table.ok());
    QCOMPARE(table->header.front(), std::string("id")); // BOM stripped
    QCOMPARE(table->rows.size(), std::size_t(2));
    QCOMPARE(table->rows[0].line, std::size_t(3));
    QCOMPARE(table->rows[1].line, std::size_t(5));
    QCOMPARE(table->rows[1].fields[1], std::string("2")); // no stray CR
}

void TestCsvReader::noTrimmingAndNoTrailingNewline() {
    auto table = CsvReader::parse("a,b\n x , y", "s.csv");
    QVERIFY(table.ok());
    QCOMPARE(table->rows.size(), std::size_t(1));
    QCOMPARE(table->rows[0].fields[0], std::string(" x "));
    QCOMPARE(table->rows[0].fields[1], std::string(" y"));
}

void TestCsvReader::badQuoting_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expectedPrefix");
    QTest::addRow("quote inside unquoted field")
        << QByteArray("a,b\n1,2\n3,ab\"c\n") << QByteArray("q.csv:3: bad quoting");
    QTest::addRow("text after closing quote") << QByteArray("a,b\n\"x\"y,2\n") << QByteArray("q.csv:2: bad quoting");
    QTest::addRow("unterminated quote") << QByteArray("a,b\n1,2\n3,\"open\n4,5\n")
                                        << QByteArray("q.csv:3: unterminated quoted field");
}

void TestCsvReader::badQuoting() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expectedPrefix);
    auto table = CsvReader::parse(text.toStdString(), "q.csv");
    QVERIFY(!table.ok());
    QVERIFY2(table.error().rfind(expectedPrefix.toStdString(), 0) == 0, table.error().c_str());
}

void TestCsvReader::headerLookup() {
    auto table = CsvReader::parse("id,name\nx,short\ny\n", "h.csv");
    QVERIFY(table.ok());
    QCOMPARE(table->column("name"), std::optional<std::size_t>(1));
    QVERIFY(!table->column("missing"));
    QCOMPARE(table->field(table->rows[0], "name"), std::string_view("short"));
    QCOMPARE(table->field(table->rows[1], "name"), std::string_view()); // short row
    QCOMPARE(table->where(table->rows[1]), std::string("h.csv:3: "));
    QCOMPARE(table->missingColumns({"id", "price", "name", "unit"}), (std::vector<std::string>{"price", "unit"}));
}

void TestCsvReader::writerQuotesAndRoundTrips() {
    QCOMPARE(CsvWriter::field("plain"), std::string("plain"));
    QCOMPARE(CsvWriter::field("a,b"), std::string("\"a,b\""));
    QCOMPARE(CsvWriter::field("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
    QCOMPARE(CsvWriter::field("two\nlines"), std::string("\"two\nlines\""));
    QCOMPARE(CsvWriter::field(" pad"), std::string("\" pad\""));
    const std::vector<std::string> fields{"", "x,y", "\"q\"", "line\r\nbreak", " s ", "中文"};
    const std::string text = CsvWriter::row({"a", "b", "c", "d", "e", "f"}) + CsvWriter::row(fields);
    auto table = CsvReader::parse(text, "w.csv");
    QVERIFY(table.ok());
    QCOMPARE(table->rows.size(), std::size_t(1));
    QCOMPARE(table->rows[0].fields, fields);
}

void TestCsvReader::seedCatalogCounts() {
    // Row counts of the seed CSVs, counted with Python's csv module: 55 GPUs (36 first shipped, 3 for the
    // MoE reference rows, 16 mapping instances that had none), 131 MIG profiles, 33 models, 702
    // instances (687 + 15 Alibaba H20/L20 listed without a price), 5 FX rates.
    auto catalog = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
    QVERIFY2(catalog.ok(), catalog.ok() ? "" : catalog.error().c_str());
    QCOMPARE(catalog->gpus.size(), std::size_t(55));
    QCOMPARE(catalog->migProfiles.size(), std::size_t(131));
    QCOMPARE(catalog->models.size(), std::size_t(33));
    QCOMPARE(catalog->instances.size(), std::size_t(702));
    QCOMPARE(catalog->fxRates.size(), std::size_t(5));
    const GpuSpec* h100 = catalog->gpu("h100-sxm");
    QVERIFY(h100);
    QCOMPARE(h100->memoryGb, 80.0);
    QCOMPARE(h100->bf16Tflops, 989.5); // README §1: 1,979 sparse -> 989.5 dense
    const ModelSpec* r1 = catalog->model("deepseek-r1");
    QVERIFY(r1);
    QCOMPARE(r1->attention, AttentionType::MLA);
    QCOMPARE(r1->kvLoraRank, 512);
    QCOMPARE(r1->numExperts, 256);
}

void TestCsvReader::seedPricesAbsentNeverZero() {
    auto catalog = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
    QVERIFY(catalog.ok());
    // First data row of instances.csv: aws g4dn.12xlarge us-east-1, on-demand 3.912, spot 1.6767, no reserved.
    const InstanceSpec& first = catalog->instances.front();
    QCOMPARE(first.key(), std::string("aws:g4dn.12xlarge@us-east-1"));
    QCOMPARE(first.prices.size(), std::size_t(2));
    QVERIFY(first.price(PricingPlan::OnDemand));
    QCOMPARE(first.price(PricingPlan::OnDemand)->amount, 3.912);
    QCOMPARE(first.price(PricingPlan::Spot)->amount, 1.6767);
    QCOMPARE(first.price(PricingPlan::OnDemand)->effectiveDate, std::string("2026-04-02"));
    QVERIFY(!first.price(PricingPlan::Reserved1y));
    QVERIFY(!first.price(PricingPlan::SubscriptionMonth));
    int monthly = 0;
    std::size_t total = 0;
    for (const InstanceSpec& s : catalog->instances)
        for (const Price& p : s.prices) {
            ++total;
            QVERIFY(p.amount > 0);
            if (p.plan == PricingPlan::SubscriptionMonth) {
                QCOMPARE(p.unit, PriceUnit::Month);
                ++monthly;
            } else {
                QCOMPARE(p.unit, PriceUnit::Hour);
            }
        }
    // Counted with Python's csv module: 31 non-empty price_monthly_subscription cells (all Alibaba).
    QCOMPARE(monthly, 31);
    QCOMPARE(total, std::size_t(686 + 511 + 31)); // on-demand + spot + monthly cells, same count
}

void TestCsvReader::catalogErrorsNameFileLineAndColumn_data() {
    QTest::addColumn<QByteArray>("fxText");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("non-numeric rate") << QByteArray("currency,usd_per_unit,date,source\nUSD,1,,x\nCNY,abc,,y\n")
                                      << QByteArray(
                                             "fx_rates.csv:3: usd_per_unit: expected a finite number, got 'abc'");
    QTest::addRow("nan rate") << QByteArray("currency,usd_per_unit,date,source\nUSD,nan,,x\n")
                              << QByteArray("fx_rates.csv:2: usd_per_unit: expected a finite number, got 'nan'");
    QTest::addRow("bad currency") << QByteArray("currency,usd_per_unit,date,source\nusd,1,,x\n")
                                  << QByteArray("fx_rates.csv:2: currency: expected a three-letter code");
    QTest::addRow("missing column") << QByteArray("currency,date,source\nUSD,,x\n")
                                    << QByteArray("fx_rates.csv:1: missing column 'usd_per_unit'");
    QTest::addRow("short row") << QByteArray("currency,usd_per_unit,date,source\nUSD,1\n")
                               << QByteArray("fx_rates.csv:2: expected 4 fields as in the header, found 2");
}

void TestCsvReader::catalogErrorsNameFileLineAndColumn() {
    QFETCH(QByteArray, fxText);
    QFETCH(QByteArray, expected);
    auto table = CsvReader::parse(fxText.toStdString(), "fx_rates.csv");
    QVERIFY(table.ok());
    auto rates = CatalogCsv::parseFxRates(*table);
    QVERIFY(!rates.ok());
    QVERIFY2(rates.error().find(expected.toStdString()) != std::string::npos, rates.error().c_str());
}

void TestCsvReader::numberParsing() {
    QCOMPARE(CatalogCsv::parseNumber("1.5"), std::optional<double>(1.5));
    QCOMPARE(CatalogCsv::parseNumber("-2"), std::optional<double>(-2.0));
    QVERIFY(!CatalogCsv::parseNumber("inf"));
    QVERIFY(!CatalogCsv::parseNumber("NaN"));
    QVERIFY(!CatalogCsv::parseNumber("1.5x"));
    QVERIFY(!CatalogCsv::parseNumber(" 1"));
    QVERIFY(!CatalogCsv::parseNumber("1,5"));
    QVERIFY(!CatalogCsv::parseNumber(""));
    QCOMPARE(CatalogCsv::parseInteger("42"), std::optional<long long>(42));
    QVERIFY(!CatalogCsv::parseInteger("4.2"));
}

QTEST_APPLESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
