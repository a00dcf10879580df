// Price imports that lose nothing (issue 16 item 6): files in GB18030, GBK and UTF-16 with a BOM are
// decoded (never stored as U+FFFD), a Latin-1 file is refused naming its encoding, a big file streams
// through two passes and stays all-or-nothing (a bad last row or a cancel in either pass writes
// nothing), and the optional trailing columns upfront, upfront_amount, fetched_at round-trip.
#include "CatalogDb.h"
#include "PriceCsv.h"
#include "PriceImport.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::models;
using namespace Qt::StringLiterals;

namespace {

constexpr const char* kHeader = "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,"
                                "memory_gib,interconnect,plan,price,currency,unit,effective_date,source,user_entered\n";

qint64 count(const CatalogDb& db, const QString& sql) {
    QSqlQuery q(db.database());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// `rows` data rows of distinct on-prem instances, each a valid price (about 130 bytes a row).
QByteArray manyRows(int first, int rows) {
    QByteArray text;
    text.reserve(rows * 140);
    for (int i = first; i < first + rows; ++i)
        text += "onprem,node-" + QByteArray::number(i) + ",lab,H100,h100-sxm,8,80,224,2048,NVLink,subscription_month," +
                QByteArray::number(1000 + i % 997) + ",EUR,month,2026-11-20,\"lease quote, batch " +
                QByteArray::number(i / 1000) + "\",true\n";
    return text;
}

} // namespace

class TestPriceImport final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void decodesEncodings_data();
    void decodesEncodings();
    void latin1IsRefusedNamingTheEncoding();
    void utf16WithoutBomIsRefused();
    void badRowAtTheEndOfABigFileChangesNothing();
    void duplicateAcrossBlocksIsFound();
    void quotedNewlinesAcrossBlocks();
    void cancelInEitherPassLeavesNothing_data();
    void cancelInEitherPassLeavesNothing();
    void optionalColumnsRoundTrip();
    void optionalColumnsAreChecked();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CatalogDb> m_db;
    qint64 prices() const { return count(*m_db, u"SELECT count(*) FROM prices"_s); }
    qint64 instances() const { return count(*m_db, u"SELECT count(*) FROM instances"_s); }
};

void TestPriceImport::init() {
    m_db.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto db = CatalogDb::open(m_dir->filePath(u"catalog.sqlite"_s));
    QVERIFY2(db, db ? "" : db.error().c_str());
    m_db = std::move(db).value();
}

void TestPriceImport::decodesEncodings_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("lastSource");
    const QString plain = u"包年包月 报价单 第二季度"_s;
    QTest::addRow("utf-8") << u"utf8.csv"_s << u"UTF-8"_s << plain;
    QTest::addRow("gbk") << u"gbk.csv"_s << u"GB18030"_s << plain;
    QTest::addRow("gb18030 with a 4-byte character") << u"gb18030.csv"_s << u"GB18030"_s << plain + u" 㐀"_s;
    QTest::addRow("utf-16le bom") << u"utf16le-bom.csv"_s << u"UTF-16LE"_s << plain;
    QTest::addRow("utf-16be bom") << u"utf16be-bom.csv"_s << u"UTF-16BE"_s << plain;
}

void TestPriceImport::decodesEncodings() {
    QFETCH(QString, file);
    QFETCH(QString, encoding);
    QFETCH(QString, lastSource);
    const qint64 before = prices();
    const auto imported = importPriceFile(*m_db, test::testDataPath(u"imports/"_s + file), {});
    QVERIFY2(imported.parsed.problems.isEmpty(), qPrintable(imported.parsed.problems.join(u'\n')));
    QVERIFY2(imported.summary, qPrintable(imported.error));
    QCOMPARE(imported.parsed.encoding, encoding);
    QCOMPARE(imported.parsed.recordCount, 2);
    QCOMPARE(prices(), before + 2);
    auto exported = m_db->exportPrices();
    QVERIFY(exported);
    QStringList sources;
    for (const PriceRecord& r : *exported)
        if (r.instance.instanceType == "ecs.gn7i-c8g1.2xlarge" && r.instance.region == "cn-hangzhou")
            sources << QString::fromStdString(r.price.source);
    sources.sort();
    QCOMPARE(sources, (QStringList{lastSource, u"阿里云官网 按量付费 报价（杭州）"_s}));
    const QByteArray all = PriceCsv::write(*exported);
    QVERIFY(!QString::fromUtf8(all).contains(QChar::ReplacementCharacter));
}

void TestPriceImport::latin1IsRefusedNamingTheEncoding() {
    const qint64 before = prices();
    const QString path = test::testDataPath(u"imports/latin1.csv"_s);
    const auto imported = importPriceFile(*m_db, path, {});
    QVERIFY(!imported.summary);
    QCOMPARE(imported.parsed.problems.size(), 1);
    const QString problem = imported.parsed.problems.first();
    QVERIFY2(problem.startsWith(path + u": line 2 is not valid UTF-8 (byte 0xFC)"_s), qPrintable(problem));
    QVERIFY2(problem.contains(u"Latin-1"_s) && problem.contains(u"nothing was imported"_s), qPrintable(problem));
    QCOMPARE(prices(), before);
    // The in-memory reader refuses it the same way.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto parsed = PriceCsv::read(file.readAll(), path, {}, m_db->priceLookups());
    QVERIFY(parsed.records.empty());
    QVERIFY(parsed.problems.join(u'\n').contains(u"Latin-1"_s));
}

void TestPriceImport::utf16WithoutBomIsRefused() {
    const QString path = u"nobom.csv"_s;
    const auto encoding = PriceCsv::detectEncoding(QByteArray("p\0r\0o\0v\0", 8), path);
    QVERIFY(!encoding);
    QVERIFY2(QString::fromStdString(encoding.error()).contains(u"UTF-16 without a byte-order mark"_s),
             encoding.error().c_str());
}

void TestPriceImport::badRowAtTheEndOfABigFileChangesNothing() {
    // About 13 MB: several 4 MB blocks, so the bad row is in a later block than the header.
    const int rows = 100'000;
    const QString path = m_dir->filePath(u"big.csv"_s);
    QByteArray text = kHeader + manyRows(0, rows);
    text += "onprem,node-last,lab,H100,h100-sxm,8,80,224,2048,NVLink,subscription_month,-5,EUR,month,,bad,true\n";
    QVERIFY(writeFile(path, text));
    const qint64 before = prices();
    const qint64 instancesBefore = instances();
    const auto imported = importPriceFile(*m_db, path, {});
    QVERIFY(!imported.summary);
    QCOMPARE(imported.parsed.problems,
             QStringList{path + u":%1: price: negative value -5, expected 0 or more"_s.arg(rows + 2)});
    QCOMPARE(prices(), before);
    QCOMPARE(instances(), instancesBefore);
    // Without the bad row the same file imports whole.
    text.chop(text.size() - text.lastIndexOf("onprem,node-last"));
    QVERIFY(writeFile(path, text));
    qint64 lastDone = -1, lastTotal = 0;
    const auto ok = importPriceFile(*m_db, path, {}, [&](qint64 done, qint64 total) {
        if (done < lastDone) // progress never goes back
            return false;
        lastDone = done;
        lastTotal = total;
        return true;
    });
    QVERIFY2(ok.summary, qPrintable(ok.error + ok.parsed.problems.join(u'\n')));
    QCOMPARE(ok.summary->pricesInserted, rows);
    QCOMPARE(prices(), before + rows);
    QCOMPARE(lastTotal, 2 * QFileInfo(path).size());
    QCOMPARE(lastDone, lastTotal);
}

void TestPriceImport::duplicateAcrossBlocksIsFound() {
    const int rows = 60'000; // ~8 MB: row 5 comes again near the end, in another block
    const QString path = m_dir->filePath(u"dup.csv"_s);
    QVERIFY(writeFile(path, kHeader + manyRows(0, rows) + manyRows(5, 1)));
    const auto imported = importPriceFile(*m_db, path, {});
    QVERIFY(!imported.summary);
    QCOMPARE(imported.parsed.problems.size(), 1);
    QVERIFY2(imported.parsed.problems.first().startsWith(
                 path + u":%1: duplicate price for onprem:node-5@lab plan subscription_month (first on line 7), "
                        "same effective date 2026-11-20"_s.arg(rows + 2)),
             qPrintable(imported.parsed.problems.first()));
}

void TestPriceImport::quotedNewlinesAcrossBlocks() {
    // Sources with line breaks inside quotes all through a file of several blocks: every row is read
    // whole, and a bad row after them is reported on its physical line.
    QByteArray text = kHeader;
    int line = 2;
    for (int i = 0; i < 40'000; ++i) {
        text += "onprem,q-" + QByteArray::number(i) +
                ",lab,H100,h100-sxm,8,80,224,2048,NVLink,subscription_month,100,EUR,month,,\"first line\n"
                "second, \"\"quoted\"\" line\nthird\",true\n";
        line += 3;
    }
    text += "onprem,q-bad,lab,H100,h100-sxm,8,80,224,2048,NVLink,weekly,100,EUR,month,,x,true\n";
    const QString path = m_dir->filePath(u"quoted.csv"_s);
    QVERIFY(writeFile(path, text));
    const auto parsed = PriceCsv::validateFile(path, {}, m_db->priceLookups());
    QCOMPARE(parsed.problems.size(), 1);
    QVERIFY2(parsed.problems.first().startsWith(path + u":%1: plan: expected on_demand"_s.arg(line)),
             qPrintable(parsed.problems.first()));
    QCOMPARE(parsed.recordCount, 40'000);
    std::size_t seen = 0;
    bool sourcesWhole = true;
    const auto read = PriceCsv::readFileInBatches(
        path, {}, m_db->priceLookups(), 1000, [&](std::vector<PriceRecord>& batch) -> Result<void> {
            for (const PriceRecord& r : batch)
                sourcesWhole = sourcesWhole && r.price.source == "first line\nsecond, \"quoted\" line\nthird";
            seen += batch.size();
            return {};
        });
    // The second pass meets the bad row too (it trusts pass 1 only for speed, not for safety).
    QVERIFY(!read);
    QVERIFY(sourcesWhole);
    QVERIFY(seen >= 39'000);
}

void TestPriceImport::cancelInEitherPassLeavesNothing_data() {
    QTest::addColumn<double>("at");
    QTest::addRow("while validating") << 0.25;
    QTest::addRow("while writing") << 0.75;
}

void TestPriceImport::cancelInEitherPassLeavesNothing() {
    QFETCH(double, at);
    const QString path = m_dir->filePath(u"cancel.csv"_s);
    QVERIFY(writeFile(path, kHeader + manyRows(0, 80'000)));
    const qint64 before = prices();
    bool asked = false;
    const auto imported = importPriceFile(*m_db, path, {}, [&](qint64 done, qint64 total) {
        if (done >= at * total) {
            asked = true;
            return false;
        }
        return true;
    });
    QVERIFY(asked);
    QVERIFY(imported.cancelled);
    QVERIFY(!imported.summary);
    QCOMPARE(prices(), before);
    QCOMPARE(count(*m_db, u"SELECT count(*) FROM instances WHERE instance_type LIKE 'node-%'"_s), 0);
}

void TestPriceImport::optionalColumnsRoundTrip() {
    const QString path = m_dir->filePath(u"upfront.csv"_s);
    QVERIFY(writeFile(path, QByteArray(kHeader).replace("user_entered\n", "user_entered,upfront,upfront_amount,"
                                                                          "fetched_at\n") +
                                "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,reserved_1y,38.2,USD,hour,"
                                "2026-11-01,AWS offer file,false,partial,167000,2026-11-01T06:00:00Z\n"
                                "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,reserved_1y,40.1,USD,hour,"
                                "2026-11-01,AWS offer file,false,none,,2026-11-01T06:00:00Z\n"));
    const auto imported = importPriceFile(*m_db, path, {});
    QVERIFY2(imported.summary, qPrintable(imported.error + imported.parsed.problems.join(u'\n')));
    QCOMPARE(imported.summary->pricesInserted, 2);
    auto exported = m_db->exportPrices();
    QVERIFY(exported);
    const QByteArray text = PriceCsv::write(*exported);
    QVERIFY(text.startsWith("provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,"
                            "memory_gib,interconnect,plan,price,currency,unit,effective_date,source,user_entered,"
                            "upfront,upfront_amount,fetched_at\n"));
    QVERIFY2(text.contains("reserved_1y,38.2,USD,hour,2026-11-01,AWS offer file,false,partial,167000,"
                           "2026-11-01T06:00:00Z\n"),
             text.right(400).constData());
    QVERIFY(text.contains("reserved_1y,40.1,USD,hour,2026-11-01,AWS offer file,false,none,,2026-11-01T06:00:00Z\n"));
    // An old file without the columns still reads, as none / 0 / empty.
    const auto old = PriceCsv::read(QByteArray(kHeader) + "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,"
                                                          "spot,20,USD,hour,2026-11-02,mine,\n",
                                    u"old.csv"_s, {}, m_db->priceLookups());
    QVERIFY2(old.problems.isEmpty(), qPrintable(old.problems.join(u'\n')));
    QCOMPARE(old.records.size(), std::size_t(1));
    QVERIFY(old.records.front().price.upfront == Upfront::None);
    QCOMPARE(old.records.front().price.upfrontAmount, 0.0);
    QVERIFY(old.records.front().price.fetchedAt.empty());
}

void TestPriceImport::optionalColumnsAreChecked() {
    const QByteArray header = QByteArray(kHeader).replace("user_entered\n", "user_entered,upfront,upfront_amount,"
                                                                            "fetched_at\n");
    const auto parsed = PriceCsv::read(
        header + "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,reserved_1y,38,USD,hour,,x,,some,,\n"
                 "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,on_demand,55,USD,hour,,x,,all,10,\n"
                 "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,spot,20,USD,hour,,x,,none,5,\n"
                 "aws,p5.48xlarge,us-east-1,H100,h100-sxm,8,80,192,2048,,reserved_3y,30,USD,hour,,x,,,,yesterday\n",
        u"opt.csv"_s, {}, m_db->priceLookups());
    QVERIFY(parsed.records.empty());
    const QString all = parsed.problems.join(u'\n');
    QVERIFY2(all.contains(u"opt.csv:2: upfront: expected none, partial or all, got 'some'"_s), qPrintable(all));
    QVERIFY2(all.contains(u"opt.csv:3: upfront: plan on_demand has no upfront payment"_s), qPrintable(all));
    QVERIFY2(all.contains(u"opt.csv:4: upfront_amount: 5 given, but upfront is none"_s), qPrintable(all));
    QVERIFY2(all.contains(u"opt.csv:5: fetched_at: expected an ISO 8601 time"_s), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestPriceImport)
#include "TestPriceImport.moc"
