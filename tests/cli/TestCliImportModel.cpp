// serveplan-cli db import-model: a Hugging Face config.json becomes a user model with its parameter
// count (DeepSeek-R1: 671.026B total / 37.552B active per models.csv's source column); bad input exits 2.
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args) {
    const auto r = serveplan::test::runCli(args);
    return {r.code, r.out, r.err};
}

} // namespace

class TestCliImportModel final : public QObject {
    Q_OBJECT

private slots:
    void importsDeepSeekWithCounts();
    void invalidInputExitsTwo();
};

void TestCliImportModel::importsDeepSeekWithCounts() {
    QTemporaryDir dir;
    const QString db = dir.filePath(u"c.sqlite"_s);
    const Run r =
        cli({u"--db"_s, db, u"db"_s, u"import-model"_s, serveplan::test::testDataPath(u"hf/deepseek-r1.json"_s),
             u"--id"_s, u"my-r1"_s, u"--name"_s, u"My R1"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"671.0"_s) && r.out.contains(u"37.5"_s), qPrintable(r.out));
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        sql.setDatabaseName(db);
        QVERIFY(sql.open());
        QSqlQuery q(sql);
        QVERIFY(q.prepare(u"SELECT name, attention_type, num_experts, user_entered, params_b FROM llm_models"
                          " WHERE id = ?"_s));
        q.addBindValue(u"my-r1"_s);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toString(), u"My R1"_s);
        QCOMPARE(q.value(1).toString(), u"MLA"_s);
        QCOMPARE(q.value(2).toInt(), 256);
        QCOMPARE(q.value(3).toInt(), 1);
        QVERIFY(std::abs(q.value(4).toDouble() - 671.026) < 0.01 * 671.026);
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    // A seed id cannot be taken over.
    const Run clash =
        cli({u"--db"_s, db, u"db"_s, u"import-model"_s, serveplan::test::testDataPath(u"hf/llama-3.1-8b.json"_s),
             u"--id"_s, u"llama-3.1-8b-instruct"_s});
    QCOMPARE(clash.code, 2);
    QVERIFY2(clash.err.contains(u"built-in catalog"_s), qPrintable(clash.err));
}

void TestCliImportModel::invalidInputExitsTwo() {
    QTemporaryDir dir;
    const QString db = dir.filePath(u"c.sqlite"_s);
    const Run noId =
        cli({u"--db"_s, db, u"db"_s, u"import-model"_s, serveplan::test::testDataPath(u"hf/mixtral-8x7b.json"_s)});
    QCOMPARE(noId.code, 2);
    QVERIFY(noId.err.contains(u"--id"_s));
    const Run broken = cli({u"--db"_s, db, u"db"_s, u"import-model"_s,
                            serveplan::test::testDataPath(u"hf/broken-missing-layers.json"_s), u"--id"_s, u"x"_s});
    QCOMPARE(broken.code, 2);
    QVERIFY2(broken.err.contains(u"num_hidden_layers"_s), qPrintable(broken.err));
}

QTEST_GUILESS_MAIN(TestCliImportModel)
#include "TestCliImportModel.moc"
