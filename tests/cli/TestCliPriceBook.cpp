// serveplan-cli plan --pricing with the plans of the price book: prices imported with
// `db import-prices` (two instances, reserved, savings-plan and subscription prices, an older dated
// reserved price) are ranked per plan, --price-date picks the older price, and an unknown plan or date
// is refused with exit code 2 and a message that lists the plans.
#include "CliInProcess.h"
#include "TestSupport.h"
#include "common/CsvReader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QString err;
};

// Two one-L4 instances of a made-up provider. Per hour, USD: `a` reserved 0.50, savings plan 0.55,
// monthly subscription 300 a month; `b` reserved 0.40 (0.70 until 2026-01-01), savings plan 0.60,
// monthly subscription 320. So b is cheaper reserved now, a on the savings plan, the subscription
// and reserved before 2026.
const char* kPrices =
    "provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,memory_gib,interconnect,"
    "plan,price,currency,unit,effective_date,source,user_entered\n"
    "testcloud,a,r1,L4,l4,1,24,8,32,,reserved_1y,0.50,USD,hour,2026-06-01,test quote,false\n"
    "testcloud,a,r1,L4,l4,1,24,8,32,,savings_plan_1y,0.55,USD,hour,2026-06-01,test quote,false\n"
    "testcloud,a,r1,L4,l4,1,24,8,32,,subscription_month,300,USD,month,2026-06-01,test quote,false\n"
    "testcloud,b,r1,L4,l4,1,24,8,32,,reserved_1y,0.70,USD,hour,2025-01-01,old quote,false\n"
    "testcloud,b,r1,L4,l4,1,24,8,32,,reserved_1y,0.40,USD,hour,2026-01-01,test quote,false\n"
    "testcloud,b,r1,L4,l4,1,24,8,32,,savings_plan_1y,0.60,USD,hour,2026-06-01,test quote,false\n"
    "testcloud,b,r1,L4,l4,1,24,8,32,,subscription_month,320,USD,month,2026-06-01,test quote,false\n";

struct Ranked {
    QByteArray instanceType;
    double hourlyCost = 0;
    int instances = 0;
    QByteArray status;
};

QList<Ranked> ranked(const QByteArray& csv) {
    QList<Ranked> out;
    const auto table = serveplan::CsvReader::parse(csv.toStdString(), "plan output");
    if (!table)
        return out;
    for (const serveplan::CsvRow& row : table->rows) {
        const auto field = [&](const char* name) {
            return QByteArray::fromStdString(std::string(table->field(row, name)));
        };
        out.append(
            {field("instance_type"), field("hourly_cost").toDouble(), field("instances").toInt(), field("status")});
    }
    return out;
}

} // namespace

class TestCliPriceBook final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    Run cli(const QStringList& args) {
        const auto r = serveplan::test::runCli(QStringList{u"--db"_s, m_db} + args);
        return {r.code, r.out.toUtf8(), r.err};
    }

    QList<Ranked> plan(const QStringList& extra) {
        const Run r = cli(QStringList{u"plan"_s, u"--model"_s, u"deepseek-r1-distill-qwen-7b"_s, u"--instance"_s,
                                      u"testcloud:a,testcloud:b"_s, u"--precision"_s, u"bf16"_s, u"--engine"_s,
                                      u"vllm"_s, u"--qps"_s, u"2"_s, u"--top"_s, u"2"_s} +
                          extra);
        if (r.code != 0)
            qWarning("%s", qPrintable(r.err));
        return ranked(r.out);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"catalog.sqlite"_s);
        QFile file(m_dir.filePath(u"prices.csv"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kPrices);
        file.close();
        const Run imported = cli({u"db"_s, u"import-prices"_s, file.fileName()});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
    }

    void ranksRealPricesPerPlan_data() {
        QTest::addColumn<QString>("pricing");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<double>("firstHourly"); ///< per instance
        QTest::addColumn<double>("secondHourly");
        QTest::addRow("reserved_1y") << u"reserved_1y"_s << QString() << QByteArray("b") << 0.40 << 0.50;
        QTest::addRow("reserved_1y on 2025-06-30") << u"reserved_1y"_s << u"2025-06-30"_s << QByteArray("b") << 0.70
                                                   << 0.0; // a has no reserved price before 2026-06-01
        QTest::addRow("savings_plan_1y") << u"savings_plan_1y"_s << QString() << QByteArray("a") << 0.55 << 0.60;
        // 300 and 320 a month over the default 730 hours.
        QTest::addRow("subscription_month")
            << u"subscription_month"_s << QString() << QByteArray("a") << 300.0 / 730 << 320.0 / 730;
    }

    void ranksRealPricesPerPlan() {
        QFETCH(QString, pricing);
        QFETCH(QString, date);
        QFETCH(QByteArray, first);
        QFETCH(double, firstHourly);
        QFETCH(double, secondHourly);
        QStringList extra{u"--pricing"_s, pricing};
        if (!date.isEmpty())
            extra << u"--price-date"_s << date;
        const QList<Ranked> rows = plan(extra);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].instanceType, first);
        QCOMPARE(rows[0].status, QByteArray("ok"));
        QVERIFY(rows[0].instances > 0);
        QVERIFY2(qAbs(rows[0].hourlyCost - rows[0].instances * firstHourly) < 0.01,
                 qPrintable(QString::number(rows[0].hourlyCost)));
        if (secondHourly == 0) {
            QCOMPARE(rows[1].status, QByteArray("no_price"));
            return;
        }
        QCOMPARE(rows[1].status, QByteArray("ok"));
        QVERIFY2(qAbs(rows[1].hourlyCost - rows[1].instances * secondHourly) < 0.01,
                 qPrintable(QString::number(rows[1].hourlyCost)));
    }

    void refusesUnknownPlanAndDate() {
        const Run plan =
            cli({u"plan"_s, u"--model"_s, u"deepseek-r1-distill-qwen-7b"_s, u"--pricing"_s, u"lifetime"_s});
        QCOMPARE(plan.code, 2);
        QVERIFY2(plan.err.contains(u"--pricing"_s) && plan.err.contains(u"savings_plan_1y"_s) &&
                     plan.err.contains(u"subscription_year"_s) && plan.err.contains(u"lifetime"_s),
                 qPrintable(plan.err));
        const Run date =
            cli({u"plan"_s, u"--model"_s, u"deepseek-r1-distill-qwen-7b"_s, u"--price-date"_s, u"2026-13-01"_s});
        QCOMPARE(date.code, 2);
        QVERIFY2(date.err.contains(u"--price-date"_s) && date.err.contains(u"2026-13-01"_s), qPrintable(date.err));
        const Run help = cli({u"help"_s, u"plan"_s});
        QVERIFY2(help.out.contains("committed_use_3y") && help.out.contains("--price-date"), help.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPriceBook)
#include "TestCliPriceBook.moc"
