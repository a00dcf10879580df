// serveplan-cli prices fetch against a local HTTP server replaying recorded provider replies:
// the summary before writing, --dry-run, one transaction per provider, a failing provider that
// keeps its old prices and does not stop the others, exit codes (DESIGN.md §3.1), no key in any
// message; and the seed guide's 3 clouds x 4 plans table filled from the fetched rows.
#include "CliInProcess.h"
#include "HttpFixtureServer.h"
#include "TestSupport.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace serveplan::test;

namespace {

const QString kSecret = u"cli-s3cr3t-Value-987"_s;

struct Run {
    int code = -1;
    QString out;
    QString err;
};

/// Runs the CLI in this process, with the providers' keys in the environment; the fetch's local event
/// loop keeps serving the fixture server on this thread.
Run cli(const QStringList& args) {
    qputenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "cli-id");
    qputenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", kSecret.toUtf8());
    qputenv("TENCENTCLOUD_SECRET_ID", "AKIDcli");
    qputenv("TENCENTCLOUD_SECRET_KEY", kSecret.toUtf8());
    qputenv("SERVEPLAN_NO_KEYRING", "1");
    const auto r = serveplan::test::runCli(args);
    return {r.code, r.out, r.err};
}

struct Db {
    explicit Db(const QString& path) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path);
        db.open();
    }
    ~Db() { QSqlDatabase::removeDatabase(u"check"_s); }
    qint64 count(const QString& where) const {
        QSqlQuery q(QSqlDatabase::database(u"check"_s));
        q.exec(u"SELECT COUNT(*) FROM prices p JOIN instances i ON i.id = p.instance_id WHERE "_s + where);
        return q.next() ? q.value(0).toLongLong() : -1;
    }
    qint64 instances(const QString& provider) const {
        QSqlQuery q(QSqlDatabase::database(u"check"_s));
        q.prepare(u"SELECT COUNT(*) FROM instances WHERE provider_id = ?"_s);
        q.addBindValue(provider);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }
    /// The newest price of one instance's plan: "amount currency/unit" (the cheapest upfront option), or "".
    QString cell(const QString& provider, const QString& type, const QString& region, const QString& plan) const {
        QSqlQuery q(QSqlDatabase::database(u"check"_s));
        q.prepare(
            u"SELECT p.amount, p.currency, p.unit, p.upfront FROM prices p JOIN instances i ON i.id = p.instance_id"
            " WHERE i.provider_id = ? AND i.instance_type = ? AND i.region_id = ? AND p.plan = ?"
            " ORDER BY p.effective_date DESC, p.amount LIMIT 1"_s);
        q.addBindValue(provider);
        q.addBindValue(type);
        q.addBindValue(region);
        q.addBindValue(plan);
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return {};
        }
        if (!q.next())
            return {};
        return QString::number(q.value(0).toDouble(), 'f', 2) + u' ' + q.value(1).toString() + u'/' +
               q.value(2).toString() +
               (q.value(3).toString() == u"none"_s ? QString() : u" ("_s + q.value(3).toString() + u" upfront)"_s);
    }
};

/// The summary row of one provider: {new, changed, unchanged, vanished}, or {} when absent/failed.
QList<int> summary(const QString& out, const QString& provider) {
    for (const QString& line : out.split(u'\n')) {
        const QStringList f = line.split(u' ', Qt::SkipEmptyParts);
        if (f.size() >= 7 && f[0] == provider && f.last() == u"ok"_s)
            return {f[1].toInt(), f[2].toInt(), f[3].toInt(), f[4].toInt()};
    }
    return {};
}

} // namespace

class TestCliPrices final : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"catalog_%1.sqlite"_s.arg(++m_n));
    }

    void invalidInputExits2() {
        QCOMPARE(cli({u"--db"_s, m_db, u"prices"_s, u"fetch"_s}).code, 2);
        const Run unknown = cli({u"--db"_s, m_db, u"prices"_s, u"fetch"_s, u"--provider"_s, u"aws,oracle"_s});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(u"unknown provider oracle"_s));
        QCOMPARE(
            cli({u"--db"_s, m_db, u"prices"_s, u"fetch"_s, u"--provider"_s, u"aws"_s, u"--endpoint"_s, u"ftp://x"_s})
                .code,
            2);
        const Run help = cli({u"help"_s, u"prices"_s});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(u"ALIBABA_CLOUD_ACCESS_KEY_SECRET"_s) &&
                help.out.contains(u"TENCENTCLOUD_SECRET_KEY"_s));
    }

    void dryRunWritesNothingThenFetchWritesEveryPlan() {
        HttpFixtureServer server(
            [](const FixtureRequest& r) { return recordedPriceReply(r, testDataPath(u"prices"_s)); });
        QVERIFY(server.listen());
        const QStringList fetch{
            u"--db"_s,       m_db,
            u"prices"_s,     u"fetch"_s,
            u"--provider"_s, u"aws,azure,alibaba,tencent"_s,
            u"--region"_s,   u"aws:us-east-1,azure:eastus,alibaba:cn-hangzhou,tencent:ap-guangzhou"_s,
            u"--endpoint"_s, server.baseUrl()};
        const Run dry = cli(fetch + QStringList{u"--dry-run"_s});
        QVERIFY2(dry.code == 0, qPrintable(dry.err));
        // The database starts from the seed, which already holds some of these prices: every fetched
        // price is new, changed or unchanged.
        const QList<int> aws = summary(dry.out, u"aws"_s);
        QVERIFY2(aws.size() == 4 && aws[0] + aws[1] + aws[2] == 12, qPrintable(dry.out));
        QCOMPARE(summary(dry.out, u"azure"_s).value(0) + summary(dry.out, u"azure"_s).value(1) +
                     summary(dry.out, u"azure"_s).value(2),
                 7);
        QCOMPARE(summary(dry.out, u"alibaba"_s),
                 (QList<int>{19, 0, 0, 0})); // no first-party Alibaba prices in the seed
        QCOMPARE(summary(dry.out, u"tencent"_s).value(0), 11);
        QVERIFY(dry.out.contains(u"dry run: nothing written"_s));
        QVERIFY(dry.err.contains(u"aws: reading the EC2 offer for us-east-1"_s)); // progress on stderr
        {
            Db db(m_db);
            QCOMPARE(db.count(u"p.fetched_at <> ''"_s), 0);
        }
        const Run real = cli(fetch);
        QVERIFY2(real.code == 0, qPrintable(real.err));
        QVERIFY(real.out.indexOf(u"provider  new"_s) < real.out.indexOf(u"aws: wrote "_s)); // summary first
        QVERIFY(real.out.contains(u"aws: wrote %1 prices"_s.arg(aws[0] + aws[1])));
        QVERIFY(!real.out.contains(kSecret) && !real.err.contains(kSecret));
        {
            Db db(m_db);
            QCOMPARE(db.count(u"i.provider_id = 'aws' AND p.fetched_at <> ''"_s), aws[0] + aws[1]);
            QCOMPARE(db.count(u"i.provider_id = 'alibaba' AND p.fetched_at <> ''"_s), 19);
            QCOMPARE(db.count(u"i.provider_id = 'tencent' AND p.fetched_at <> ''"_s), 11);

            // The seed guide's question: AWS, Alibaba Cloud and Tencent Cloud under on-demand (按量),
            // reserved (预留), monthly subscription (包年包月) and spot (抢占式), for their H100/H20 8-GPU class.
            struct Cloud {
                const char* provider;
                const char* type;
                const char* region;
            };
            const Cloud clouds[] = {{"aws", "p5.48xlarge", "us-east-1"},
                                    {"alibaba", "ecs.gn8v-4x.8xlarge", "cn-hangzhou"},
                                    {"tencent", "HCCPNV5V.48XLARGE1152", "ap-guangzhou-6"}};
            const char* plans[] = {"on_demand", "reserved_1y", "subscription_month", "spot"};
            QString table = u"\ncloud    | on_demand | reserved_1y | subscription_month | spot\n"_s;
            int filled = 0;
            for (const Cloud& c : clouds) {
                table += QString::fromLatin1(c.provider).leftJustified(8) + u" |"_s;
                for (const char* plan : plans) {
                    const QString value = db.cell(QString::fromLatin1(c.provider), QString::fromLatin1(c.type),
                                                  QString::fromLatin1(c.region), QString::fromLatin1(plan));
                    filled += value.isEmpty() ? 0 : 1;
                    table += u' ' + (value.isEmpty() ? u"-"_s : value) + u" |"_s;
                }
                table += u'\n';
            }
            qInfo().noquote() << table;
            // AWS sells no monthly subscription: 11 of the 12 cells, each the fetched price (AWS's
            // on-demand price equals the seed's, so the book keeps the seed row: "unchanged").
            QCOMPARE(filled, 11);
            QCOMPARE(db.cell(u"aws"_s, u"p5.48xlarge"_s, u"us-east-1"_s, u"spot"_s), u"21.29 USD/hour"_s);
            QCOMPARE(db.cell(u"alibaba"_s, u"ecs.gn8v-4x.8xlarge"_s, u"cn-hangzhou"_s, u"subscription_month"_s),
                     u"46233.60 CNY/month"_s);
            QCOMPARE(db.cell(u"tencent"_s, u"HCCPNV5V.48XLARGE1152"_s, u"ap-guangzhou-6"_s, u"spot"_s),
                     u"28.71 CNY/hour"_s);
            QVERIFY(db.cell(u"aws"_s, u"p5.48xlarge"_s, u"us-east-1"_s, u"subscription_month"_s).isEmpty());
        }
        // Fetching again changes nothing: every price is unchanged.
        const Run again = cli(fetch);
        QCOMPARE(again.code, 0);
        QCOMPARE(summary(again.out, u"aws"_s).mid(0, 3), (QList<int>{0, 0, 12}));
        QCOMPARE(summary(again.out, u"alibaba"_s).mid(0, 3), (QList<int>{0, 0, 19}));
    }

    void failingProviderKeepsItsPricesAndDoesNotStopTheOthers() {
        bool refuse = false;
        HttpFixtureServer server([&](const FixtureRequest& r) {
            if (refuse && !r.header("x-tc-action").isEmpty())
                return FixtureReply::file(testDataPath(u"prices/tencent/error_AuthFailure.json"_s));
            return recordedPriceReply(r, testDataPath(u"prices"_s));
        });
        QVERIFY(server.listen());
        const QStringList fetch{u"--db"_s,       m_db,
                                u"prices"_s,     u"fetch"_s,
                                u"--provider"_s, u"tencent,aws"_s,
                                u"--region"_s,   u"aws:us-east-1,tencent:ap-guangzhou"_s,
                                u"--endpoint"_s, server.baseUrl()};
        QCOMPARE(cli(fetch).code, 0);
        qint64 tencentBefore = 0;
        {
            Db db(m_db);
            tencentBefore = db.count(u"i.provider_id = 'tencent'"_s);
        }
        refuse = true;
        const Run failed = cli(fetch);
        QCOMPARE(failed.code, 1);
        QVERIFY2(
            failed.err.contains(
                u"tencent: DescribeZoneInstanceConfigInfos in ap-guangzhou was refused (AuthFailure.SignatureFailure)"_s),
            qPrintable(failed.err));
        QVERIFY(!failed.err.contains(kSecret) && !failed.out.contains(kSecret));
        QVERIFY(failed.out.contains(u"tencent   -    -"_s));
        QCOMPARE(summary(failed.out, u"aws"_s).mid(0, 3), (QList<int>{0, 0, 12}));
        Db db(m_db);
        QCOMPARE(db.count(u"i.provider_id = 'tencent'"_s), tencentBefore);
    }

    // RunPod's reply names GPUs ("H100 SXM", "A100 PCIe"); the fetcher names pods as the seed does
    // (1x_H100-SXM_SECURE, 8x_A100-80GB_SECURE), so a fetch adds dated prices to the seed's instances
    // instead of a second instance beside each of them.
    void runpodFetchDatesTheSeedInstances() {
        HttpFixtureServer server(
            [](const FixtureRequest& r) { return recordedPriceReply(r, testDataPath(u"prices"_s)); });
        QVERIFY(server.listen());
        const QStringList fetch{u"--db"_s,       m_db,        u"prices"_s,     u"fetch"_s,
                                u"--provider"_s, u"runpod"_s, u"--endpoint"_s, server.baseUrl()};
        const Run dry = cli(fetch + QStringList{u"--dry-run"_s});
        QVERIFY2(dry.code == 0, qPrintable(dry.err));
        // H100 SXM and A100 PCIe: 1, 2, 4, 8 GPUs x on-demand and spot, all priced differently from the
        // seed; L40S: 1, 2, 4 GPUs at the seed's own prices. None is new.
        QCOMPARE(summary(dry.out, u"runpod"_s).mid(0, 3), (QList<int>{0, 16, 6}));
        qint64 instancesBefore = 0;
        {
            Db db(m_db);
            instancesBefore = db.instances(u"runpod"_s);
        }
        QVERIFY(instancesBefore > 0);
        QCOMPARE(cli(fetch).code, 0);
        Db db(m_db);
        QCOMPARE(db.instances(u"runpod"_s), instancesBefore);
        QCOMPARE(db.cell(u"runpod"_s, u"8x_H100-SXM_SECURE"_s, u"global"_s, u"on_demand"_s), u"23.92 USD/hour"_s);
        QCOMPARE(db.cell(u"runpod"_s, u"1x_A100-80GB_SECURE"_s, u"global"_s, u"spot"_s), u"0.82 USD/hour"_s);
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestCliPrices)
#include "TestCliPrices.moc"
