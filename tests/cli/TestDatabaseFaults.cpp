// Database faults (issue 9): a database locked by another process, a read-only file system, a full
// disk, a truncated file. Each must give a clear message, leave the user's data intact and never
// half-apply an import. Runs the real serveplan-cli on real SQLite files; the read-only and full-disk
// cases mount a small tmpfs, which needs root (CI runs as root) and are skipped cleanly otherwise.
#include "CliInProcess.h"
#include "common/CsvReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using serveplan::CsvReader;
using serveplan::CsvWriter;

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args) {
    const auto r = serveplan::test::runCli(args);
    return {r.code, r.out, r.err};
}

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

int run(const QString& program, const QStringList& args) {
    return QProcess::execute(program, args);
}

/// Row count of the prices table as `db info --json` reports it.
qint64 priceRows(const QString& db) {
    const CliRun r =
        runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("info"), QStringLiteral("--json")});
    const int at = r.out.indexOf(QLatin1String("\"prices\""));
    if (r.exitCode != 0 || at < 0)
        return -1;
    const int colon = r.out.indexOf(QLatin1Char(':'), at);
    int end = colon + 1;
    while (end < r.out.size() && (r.out[end].isDigit() || r.out[end].isSpace()))
        ++end;
    return r.out.mid(colon + 1, end - colon - 1).trimmed().toLongLong();
}

/// A valid price file that adds `copies` renamed copies of every exported instance: a large import.
QString writeBigImport(const QString& db, const QString& dir, int copies) {
    const QString exported = dir + QStringLiteral("/export.csv");
    if (runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("export-prices"), exported})
            .exitCode != 0)
        return {};
    auto table = CsvReader::readFile(exported.toStdString());
    if (!table.ok())
        return {};
    const auto typeColumn = table->column("instance_type");
    const auto userColumn = table->column("user_entered");
    std::string text = CsvWriter::row(table->header);
    for (int copy = 0; copy < copies; ++copy) {
        for (const auto& row : table->rows) {
            std::vector<std::string> fields = row.fields;
            fields[*typeColumn] += "-copy" + std::to_string(copy);
            if (userColumn)
                fields[*userColumn] = "true";
            text += CsvWriter::row(fields);
        }
    }
    const QString big = dir + QStringLiteral("/big.csv");
    QFile f(big);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size()))
        return {};
    return big;
}

bool canMount() {
    return ::geteuid() == 0 && QFile::exists(QStringLiteral("/bin/mount"));
}

} // namespace

class TestDatabaseFaults final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_seeded = m_dir.filePath(QStringLiteral("seeded.sqlite"));
        const CliRun r = runCli({QStringLiteral("--db"), m_seeded, QStringLiteral("db"), QStringLiteral("info")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_seededPrices = priceRows(m_seeded);
        QVERIFY(m_seededPrices > 600);
        m_bigImport = writeBigImport(m_seeded, m_dir.path(), 6);
        QVERIFY(!m_bigImport.isEmpty());
    }

    void cleanup() {
        for (const QString& mount : std::as_const(m_mounts))
            run(QStringLiteral("umount"), {QStringLiteral("-l"), mount});
        m_mounts.clear();
    }

    void lockedByAnotherProcess() {
        const QString db = copyOfSeeded(m_dir.path(), QStringLiteral("locked.sqlite"));
        // Another process holds an exclusive write lock for longer than the importer waits.
        QProcess locker;
        locker.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                                 QStringLiteral("import sqlite3,sys,time\n"
                                                                "c=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
                                                                "c.execute('BEGIN EXCLUSIVE')\n"
                                                                "print('locked',flush=True)\n"
                                                                "time.sleep(60)\n"),
                                                 db});
        QVERIFY(locker.waitForStarted());
        QVERIFY(locker.waitForReadyRead(20000));
        QCOMPARE(locker.readLine().trimmed(), QByteArray("locked"));

        const CliRun r =
            runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("import-prices"), m_bigImport});
        locker.kill();
        locker.waitForFinished();
        QVERIFY2(r.exitCode == 1 || r.exitCode == 2,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QLatin1String("lock"), Qt::CaseInsensitive) ||
                     r.err.contains(QLatin1String("busy"), Qt::CaseInsensitive),
                 qPrintable(r.err));
        QCOMPARE(priceRows(db), m_seededPrices); // nothing half-applied
        QCOMPARE(runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("check")}).exitCode, 0);
    }

    void readOnlyFileSystem() {
        if (!canMount())
            QSKIP("needs root and mount(8) for a read-only tmpfs");
        const QString mountPoint = mountTmpfs(int(QFileInfo(m_seeded).size() / 1024) + 1024);
        QVERIFY(!mountPoint.isEmpty());
        const QString db = copyOfSeeded(mountPoint, QStringLiteral("catalog.sqlite"));
        QVERIFY(!db.isEmpty());
        QCOMPARE(run(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), mountPoint}), 0);
        const QByteArray before = fileHash(db);

        const CliRun r =
            runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("import-prices"), m_bigImport});
        QVERIFY2(r.exitCode == 1 || r.exitCode == 2, qPrintable(QStringLiteral("exit %1").arg(r.exitCode)));
        QVERIFY2(r.err.contains(QLatin1String("read"), Qt::CaseInsensitive) ||
                     r.err.contains(QLatin1String("open"), Qt::CaseInsensitive),
                 qPrintable(r.err));
        QVERIFY2(!r.err.trimmed().isEmpty(), "no message");
        QCOMPARE(fileHash(db), before);
    }

    void fullDisk() {
        if (!canMount())
            QSKIP("needs root and mount(8) for a small tmpfs");
        // Room for the database and a little more, far less than the import needs.
        const qint64 size = QFileInfo(m_seeded).size();
        const QString mountPoint = mountTmpfs(int(size / 1024) + 256);
        QVERIFY(!mountPoint.isEmpty());
        const QString db = copyOfSeeded(mountPoint, QStringLiteral("catalog.sqlite"));
        QVERIFY(!db.isEmpty());

        const CliRun r =
            runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("import-prices"), m_bigImport});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("full"), Qt::CaseInsensitive) ||
                     r.err.contains(QLatin1String("disk"), Qt::CaseInsensitive) ||
                     r.err.contains(QLatin1String("space"), Qt::CaseInsensitive),
                 qPrintable(r.err));
        // The user's data is intact and the failed import left nothing behind.
        QCOMPARE(priceRows(db), m_seededPrices);
        QCOMPARE(runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("check")}).exitCode, 0);
    }

    void truncatedFileIsRefusedAndKept() {
        const QString db = copyOfSeeded(m_dir.path(), QStringLiteral("truncated.sqlite"));
        QFile f(db);
        QVERIFY(f.resize(f.size() / 3));
        const QByteArray before = fileHash(db);
        const CliRun r = runCli({QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("info")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(!r.err.trimmed().isEmpty(), "no message");
        QCOMPARE(fileHash(db), before);
    }

private:
    QString copyOfSeeded(const QString& dir, const QString& name) {
        const QString target = dir + QLatin1Char('/') + name;
        QFile::remove(target);
        return QFile::copy(m_seeded, target) ? target : QString();
    }

    QString mountTmpfs(int kib) {
        const QString point = m_dir.filePath(QStringLiteral("mnt%1").arg(m_mountCounter++));
        QDir().mkpath(point);
        if (run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                          QStringLiteral("size=%1k").arg(kib), QStringLiteral("tmpfs"), point}) != 0)
            return {};
        m_mounts << point;
        return point;
    }

    QTemporaryDir m_dir;
    QString m_seeded;
    QString m_bigImport;
    qint64 m_seededPrices = 0;
    QStringList m_mounts;
    int m_mountCounter = 0;
};

QTEST_GUILESS_MAIN(TestDatabaseFaults)
#include "TestDatabaseFaults.moc"
