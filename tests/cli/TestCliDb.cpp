// serveplan-cli db: exit codes (0 ok, 1 failure, 2 invalid input; DESIGN.md §3.1), info --json
// counts, check on sound and damaged files, and imports that change nothing when any row is bad.
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool execSql(const QString& path, const QStringList& statements) {
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString& s : statements)
            ok = ok && q.exec(s);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return ok;
}

} // namespace

class TestCliDb final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void infoJsonCounts();
    void infoText();
    void checkSound();
    void checkDamagedFileExitsNonZeroAndLeavesIt();
    void checkBrokenForeignKey();
    void newerSchemaFails();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void badImportChangesNothing();
    void badQuotingImportChangesNothing();
    void goodImportThenRoundTrip();
    void skypilotImport();
    void chineseEncodingsImport_data();
    void chineseEncodingsImport();
    void latin1ImportIsRefused();
    void bigImportReportsProgressAndStaysAllOrNothing();
    void benchCatalogRuns();

private:
    Run cli(const QStringList& args, const QString& db = {}) const;
    QString dbPath() const { return m_dir->filePath(u"catalog.sqlite"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliDb::initTestCase() {}

void TestCliDb::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestCliDb::cli(const QStringList& args, const QString& db) const {
    const auto r = serveplan::test::runCli(QStringList{u"--db"_s, db.isEmpty() ? dbPath() : db} + args);
    return {r.code, r.out.toUtf8(), r.err.toUtf8()};
}

void TestCliDb::infoJsonCounts() {
    const Run run = cli({u"db"_s, u"info"_s, u"--json"_s});
    QCOMPARE(run.code, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject summary = doc.object().value(u"summary"_s).toObject();
    // The "done when": >= 36 GPUs, 33 models, 600 instances, 7 providers (the seed has 8).
    // 55 GPUs since issues 15 and 16 (every shipped instance maps to a GPU).
    QCOMPARE(summary.value(u"gpus"_s).toInt(), 55);
    QCOMPARE(summary.value(u"models"_s).toInt(), 33);
    QCOMPARE(summary.value(u"instances"_s).toInt(), 702); // 687 + 15 Alibaba H20/L20 listed without a price
    QCOMPARE(summary.value(u"providers"_s).toInt(), 8);
    QCOMPARE(doc.object().value(u"schema_version"_s).toInt(), 3); // migration 3: the dated price book
    QCOMPARE(doc.object().value(u"tables"_s).toObject().value(u"prices"_s).toInt(), 1228);
    QCOMPARE(doc.object().value(u"price_dates"_s).toObject().value(u"min"_s).toString(), u"2023-06-30"_s);
    QVERIFY(!doc.object().value(u"sources"_s).toArray().isEmpty());
}

void TestCliDb::infoText() {
    const Run run = cli({u"db"_s, u"info"_s});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.contains("schema version:  3"));
    QVERIFY(run.out.contains("instances"));
}

void TestCliDb::checkSound() {
    const Run run = cli({u"db"_s, u"check"_s});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.startsWith("ok"));
}

void TestCliDb::checkDamagedFileExitsNonZeroAndLeavesIt() {
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() / 3)); // truncated
    file.close();
    const QByteArray before = fileHash(dbPath());
    const Run run = cli({u"db"_s, u"check"_s});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains("truncated"), run.err.constData());
    QCOMPARE(fileHash(dbPath()), before);
}

void TestCliDb::checkBrokenForeignKey() {
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    QVERIFY(execSql(dbPath(), {u"PRAGMA foreign_keys = OFF"_s,
                               u"INSERT INTO mig_profiles VALUES ('no-such-gpu', '1g.1gb', 1, 1, 0.5)"_s}));
    const Run run = cli({u"db"_s, u"check"_s});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains("mig_profiles"), run.err.constData());
}

void TestCliDb::newerSchemaFails() {
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    QVERIFY(execSql(dbPath(), {u"UPDATE meta SET value = '4' WHERE key = 'schema_version'"_s}));
    const QByteArray before = fileHash(dbPath());
    const Run run = cli({u"db"_s, u"info"_s});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains("newer"), run.err.constData());
    QCOMPARE(fileHash(dbPath()), before);
}

void TestCliDb::usageErrorsExit2_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addRow("no subcommand") << QStringList{u"db"_s};
    QTest::addRow("unknown subcommand") << QStringList{u"db"_s, u"frobnicate"_s};
    QTest::addRow("info bad flag") << QStringList{u"db"_s, u"info"_s, u"--xml"_s};
    QTest::addRow("import without file") << QStringList{u"db"_s, u"import-prices"_s};
    QTest::addRow("import missing file") << QStringList{u"db"_s, u"import-prices"_s, u"nope.csv"_s};
    QTest::addRow("import bad format") << QStringList{u"db"_s, u"import-prices"_s, u"x.csv"_s, u"--format"_s, u"xml"_s};
    QTest::addRow("export without file") << QStringList{u"db"_s, u"export-prices"_s};
}

void TestCliDb::usageErrorsExit2() {
    QFETCH(QStringList, args);
    const Run run = cli(args);
    QCOMPARE(run.code, 2);
    QVERIFY(!run.err.isEmpty());
}

void TestCliDb::badImportChangesNothing() {
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    const QByteArray before = fileHash(dbPath());
    const QString exported = m_dir->filePath(u"before.csv"_s);
    QCOMPARE(cli({u"db"_s, u"export-prices"_s, exported}).code, 0);
    // Good rows first: they must not be written either. Lines 4..8 are each bad in one way.
    const QString bad = m_dir->filePath(u"bad.csv"_s);
    QVERIFY(writeFile(bad, "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,"
                           "memory_gib,interconnect,plan,price,currency,unit,effective_date,source,user_entered\n"
                           "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,on_demand,0.01,USD,hour,2026-11-27,me,\n"
                           "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,spot,0.02,USD,hour,2026-11-27,me,\n"
                           "aws,a.large,us-east-1,Z9,z9,1,,,,,on_demand,1,USD,hour,,me,\n"
                           "aws,b.large,us-east-1,T4,t4,1,,,,,on_demand,-3,USD,hour,,me,\n"
                           "aws,c.large,us-east-1,T4,t4,1,,,,,on_demand,NaN,USD,hour,,me,\n"
                           "aws,d.large,us-east-1,T4,t4,1,,,,,on_demand,1,XYZ,hour,,me,\n"
                           "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,spot,0.03,USD,hour,2026-11-27,me,\n"));
    const Run run = cli({u"db"_s, u"import-prices"_s, bad});
    QCOMPARE(run.code, 2);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(bad + u":4: gpu_id: unknown GPU 'z9'"_s), qPrintable(err));
    QVERIFY2(err.contains(bad + u":5: price: negative value -3"_s), qPrintable(err));
    QVERIFY2(err.contains(bad + u":6: price: expected a finite number, got 'NaN'"_s), qPrintable(err));
    QVERIFY2(err.contains(bad + u":7: currency: unknown currency 'XYZ'"_s), qPrintable(err));
    QVERIFY2(err.contains(bad + u":8: duplicate price"_s), qPrintable(err));
    QVERIFY2(!err.contains(bad + u":2:"_s) && !err.contains(bad + u":3:"_s), qPrintable(err));
    QCOMPARE(fileHash(dbPath()), before); // byte for byte
    const QString after = m_dir->filePath(u"after.csv"_s);
    QCOMPARE(cli({u"db"_s, u"export-prices"_s, after}).code, 0);
    QCOMPARE(readFile(after), readFile(exported));
}

void TestCliDb::badQuotingImportChangesNothing() {
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    const QByteArray before = fileHash(dbPath());
    const QString bad = m_dir->filePath(u"quoting.csv"_s);
    QVERIFY(writeFile(bad, "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,"
                           "memory_gib,interconnect,plan,price,currency,unit,effective_date,source,user_entered\n"
                           "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,on_demand,0.01,USD,hour,,me,\n"
                           "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,spot,0.02,USD,hour,,\"my \"quote\",\n"));
    const Run run = cli({u"db"_s, u"import-prices"_s, bad});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(":3: bad quoting"), run.err.constData());
    QCOMPARE(fileHash(dbPath()), before);
}

void TestCliDb::goodImportThenRoundTrip() {
    const QString a = m_dir->filePath(u"a.csv"_s);
    QCOMPARE(cli({u"db"_s, u"export-prices"_s, a}).code, 0);
    const QString mine = m_dir->filePath(u"mine.csv"_s);
    QVERIFY(writeFile(mine, "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,"
                            "memory_gib,interconnect,plan,price,currency,unit,effective_date,source\n"
                            "aws,g4dn.12xlarge,us-east-1,T4,t4,4,16,48,192,,reserved_1y,2.5,USD,hour,2026-11-27,"
                            "\"my quote, by mail\"\n"
                            "onprem,rack-1,basement,H100,h100-sxm,8,80,224,2048,NVLink,subscription_month,9000,EUR,"
                            "month,2026-11-27,lease\n"));
    const Run imported = cli({u"db"_s, u"import-prices"_s, mine});
    QCOMPARE(imported.code, 0);
    QVERIFY2(imported.out.contains("2 new"), imported.out.constData());
    QVERIFY(imported.out.contains("1 new instance"));
    const QString b = m_dir->filePath(u"b.csv"_s);
    QCOMPARE(cli({u"db"_s, u"export-prices"_s, b}).code, 0);
    const QByteArray exported = readFile(b);
    QCOMPARE(exported.count('\n'), readFile(a).count('\n') + 2);
    QVERIFY(exported.contains("reserved_1y,2.5,USD,hour,2026-11-27,\"my quote, by mail\",true"));
    QVERIFY(exported.contains("onprem,rack-1,basement,H100,h100-sxm,8,80,224,2048,NVLink,subscription_month,9000,EUR"));
    // Export -> import -> export is byte-identical, in this database and in a fresh one.
    QCOMPARE(cli({u"db"_s, u"import-prices"_s, b}).code, 0);
    const QString c = m_dir->filePath(u"c.csv"_s);
    QCOMPARE(cli({u"db"_s, u"export-prices"_s, c}).code, 0);
    QCOMPARE(readFile(c), exported);
    const QString fresh = m_dir->filePath(u"fresh.sqlite"_s);
    QCOMPARE(cli({u"db"_s, u"import-prices"_s, b}, fresh).code, 0);
    const Run toStdout = cli({u"db"_s, u"export-prices"_s, u"-"_s}, fresh);
    QCOMPARE(toStdout.code, 0);
    QCOMPARE(toStdout.out, exported);
}

void TestCliDb::skypilotImport() {
    const Run run = cli({u"db"_s, u"import-prices"_s, serveplan::test::testDataPath(u"db/aws_vms.csv"_s), u"--format"_s,
                         u"skypilot"_s, u"--date"_s, u"2026-11-27"_s});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains("imported 3 price(s)"), run.out.constData());
    QVERIFY(run.out.contains("skipped 1 row(s) without an accelerator"));
    const QString bad = m_dir->filePath(u"gcp_vms.csv"_s);
    QVERIFY(writeFile(bad, "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,SpotPrice,Region,"
                           "AvailabilityZone\n"
                           "a2-highgpu-1g,A100,1,12,85,1.5,,us-central1,us-central1-a\n"
                           "a2-highgpu-1g,A100,1,12,85,1.5,,us-central1,us-central1-a\n"
                           "x9,Z9000,1,12,85,1.5,,us-central1,us-central1-a\n"));
    const Run refused = cli({u"db"_s, u"import-prices"_s, bad, u"--format"_s, u"skypilot"_s});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(":3: duplicate row for a2-highgpu-1g"), refused.err.constData());
    QVERIFY2(refused.err.contains(":4: AcceleratorName: unknown GPU 'Z9000'"), refused.err.constData());
}

void TestCliDb::chineseEncodingsImport_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("readAs");
    QTest::addRow("gbk") << u"gbk.csv"_s << QByteArray("(read as GB18030)");
    QTest::addRow("gb18030") << u"gb18030.csv"_s << QByteArray("(read as GB18030)");
    QTest::addRow("utf-16le") << u"utf16le-bom.csv"_s << QByteArray("(read as UTF-16LE)");
    QTest::addRow("utf-16be") << u"utf16be-bom.csv"_s << QByteArray("(read as UTF-16BE)");
}

void TestCliDb::chineseEncodingsImport() {
    QFETCH(QString, file);
    QFETCH(QByteArray, readAs);
    const Run run = cli({u"db"_s, u"import-prices"_s, serveplan::test::testDataPath(u"imports/"_s + file)});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains("imported 2 price(s)") && run.out.contains(readAs), run.out.constData());
    const Run exported = cli({u"db"_s, u"export-prices"_s, u"-"_s});
    QCOMPARE(exported.code, 0);
    const QString text = QString::fromUtf8(exported.out);
    QVERIFY(text.contains(u"阿里云官网 按量付费 报价（杭州）"_s));
    QVERIFY(text.contains(u"包年包月 报价单 第二季度"_s));
    QVERIFY(!text.contains(QChar::ReplacementCharacter));
}

void TestCliDb::latin1ImportIsRefused() {
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    const QByteArray before = fileHash(dbPath());
    const QString latin1 = serveplan::test::testDataPath(u"imports/latin1.csv"_s);
    const Run run = cli({u"db"_s, u"import-prices"_s, latin1});
    QCOMPARE(run.code, 2);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(latin1 + u": line 2 is not valid UTF-8 (byte 0xFC)"_s), qPrintable(err));
    QVERIFY2(err.contains(u"Latin-1 (ISO-8859-1) or Windows-1252"_s), qPrintable(err));
    QCOMPARE(fileHash(dbPath()), before);
}

void TestCliDb::bigImportReportsProgressAndStaysAllOrNothing() {
    // 20 MiB (over the 16 MiB from which progress is shown), a bad row at the very end.
    QCOMPARE(cli({u"db"_s, u"info"_s}).code, 0);
    const QByteArray before = fileHash(dbPath());
    QByteArray text = "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,memory_gib,"
                      "interconnect,plan,price,currency,unit,effective_date,source,user_entered\n";
    int rows = 0;
    while (text.size() < (20 << 20)) {
        text += "onprem,node-" + QByteArray::number(rows) +
                ",lab,H100,h100-sxm,8,80,224,2048,NVLink,subscription_month,9000,EUR,month,2026-11-20,lease,true\n";
        ++rows;
    }
    const QString big = m_dir->filePath(u"big.csv"_s);
    QVERIFY(writeFile(big, text + "onprem,node-x,lab,H100,h100-sxm,8,80,224,2048,NVLink,weekly,1,EUR,month,,x,\n"));
    const Run refused = cli({u"db"_s, u"import-prices"_s, big});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains("import-prices: 0% (pass 1 of 2: validating)"), refused.err.constData());
    QVERIFY2(
        refused.err.contains(QByteArray(QByteArray(":") + QByteArray::number(rows + 2) + ": plan: expected on_demand")),
        refused.err.right(600).constData());
    QVERIFY2(refused.err.contains("1 problem(s); nothing was imported"), refused.err.constData());
    QCOMPARE(fileHash(dbPath()), before);
    QVERIFY(writeFile(big, text));
    const Run imported = cli({u"db"_s, u"import-prices"_s, big});
    QCOMPARE(imported.code, 0);
    QVERIFY2(imported.err.contains("(pass 2 of 2: writing)") && imported.err.contains("100% (pass 2 of 2: writing)"),
             imported.err.constData());
    QVERIFY2(imported.out.contains(QByteArray("imported " + QByteArray::number(rows) + " price(s)")),
             imported.out.constData());
    QVERIFY(imported.out.contains(QByteArray(QByteArray::number(rows) + " new instance(s)")));
}

void TestCliDb::benchCatalogRuns() {
    // Only that the benchmark keeps working and prints every figure; its timings are not judged here.
    const Run run = cli({u"bench"_s, u"catalog"_s, u"--runs"_s, u"1"_s});
    QCOMPARE(run.code, 0);
    for (const char* name :
         {"parse_seed_csv", "create_and_seed", "open_and_load", "load_catalog", "export_prices", "import_prices"})
        QVERIFY2(run.out.contains(name), run.out.constData());
    QVERIFY(run.out.contains("price list: 1228 prices"));
    QCOMPARE(cli({u"bench"_s, u"nothing"_s}).code, 2);
    QVERIFY(!QFile::exists(dbPath())); // the benchmark works in a temporary folder
}

QTEST_GUILESS_MAIN(TestCliDb)
#include "TestCliDb.moc"
