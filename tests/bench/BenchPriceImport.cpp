// Price import in bounded memory (issue 16 item 6): `serveplan-cli db import-prices` of a generated
// serveplan price CSV, run as a child process so its peak resident set is its own
// (getrusage(RUSAGE_CHILDREN).ru_maxrss). Target: a 1 GB file under 300 MB peak RSS.
// - BM_ImportPriceCsv: wall time of the import, its CPU time and the child's peak RSS (counters wall_s,
//   cpu_s, peak_rss_mb, file_mb, rows, rows_per_s). The file is generated at run time in a temporary folder under /tmp
//   and removed afterwards, never committed. Its size is SERVEPLAN_BENCH_IMPORT_MB (default 32, what
//   CI runs; the figure is taken with SERVEPLAN_BENCH_IMPORT_MB=1024).
//   Rows: on-prem instances, each with 16 dated monthly subscription prices (a price history), 64
//   distinct source texts, about 150 bytes a row.
#include "CatalogDb.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>

namespace {

/// Writes about `megabytes` MB of valid price rows; returns the number of rows.
qint64 generate(const QString& path, qint64 megabytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    file.write("provider,instance_type,region,gpu_name,gpu_id,gpu_count,gpu_memory_gb_each,vcpus,memory_gib,"
               "interconnect,plan,price,currency,unit,effective_date,source,user_entered\n");
    const qint64 target = megabytes << 20;
    qint64 rows = 0;
    QByteArray block;
    block.reserve(1 << 20);
    for (qint64 instance = 0; file.size() + block.size() < target; ++instance) {
        for (int month = 1; month <= 16; ++month) {
            block += "onprem,node-" + QByteArray::number(instance) + ",lab-" + QByteArray::number(instance % 7) +
                     ",H100,h100-sxm,8,80,224,2048,NVLink,subscription_month," +
                     QByteArray::number(9000 + (instance * 31 + month * 7) % 1000) + ",EUR,month," +
                     QByteArray::number(2025 + (month - 1) / 12) + "-" +
                     QByteArray::number((month - 1) % 12 + 1).rightJustified(2, '0') + "-01,\"lease quote, supplier " +
                     QByteArray::number(instance % 64) + "\",true\n";
            ++rows;
        }
        if (block.size() >= (1 << 20)) {
            file.write(block);
            block.clear();
        }
    }
    file.write(block);
    return rows;
}

void BM_ImportPriceCsv(benchmark::State& state) {
    const QString cli = qEnvironmentVariable("SERVEPLAN_CLI");
    if (cli.isEmpty()) {
        state.SkipWithError("SERVEPLAN_CLI is not set (run through ctest, or set it)");
        return;
    }
    const qint64 megabytes = qEnvironmentVariableIsSet("SERVEPLAN_BENCH_IMPORT_MB")
                                 ? qEnvironmentVariableIntValue("SERVEPLAN_BENCH_IMPORT_MB")
                                 : 32;
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/serveplan-bench-import-XXXXXX"));
    const QString csv = dir.filePath(QStringLiteral("prices.csv"));
    const qint64 rows = generate(csv, megabytes);
    if (rows <= 0) {
        state.SkipWithError("cannot write the generated price file");
        return;
    }
    double wall = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString db = dir.filePath(QStringLiteral("catalog.sqlite"));
        QFile::remove(db);
        QFile::remove(db + QStringLiteral("-wal"));
        QFile::remove(db + QStringLiteral("-shm"));
        // Create and seed the database in this process, so the only child (and its peak RSS) is the import.
        if (!serveplan::models::CatalogDb::open(db)) {
            state.SkipWithError("cannot create the catalog database");
            return;
        }
        state.ResumeTiming();
        QElapsedTimer timer;
        timer.start();
        QProcess process;
        process.start(cli, {QStringLiteral("--db"), db, QStringLiteral("db"), QStringLiteral("import-prices"), csv});
        process.waitForFinished(-1);
        wall = timer.elapsed() / 1000.0;
        if (process.exitCode() != 0) {
            state.SkipWithError(process.readAllStandardError().right(400).constData());
            return;
        }
        std::fprintf(stderr, "%s", process.readAllStandardOutput().constData());
    }
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage); // the one child: the import
    state.counters["file_mb"] = static_cast<double>(QFileInfo(csv).size()) / (1 << 20);
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["wall_s"] = wall;
    state.counters["rows_per_s"] = wall > 0 ? static_cast<double>(rows) / wall : 0;
    state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
    // CPU time of the import (user + system): on a shared machine the wall time also holds waiting.
    state.counters["cpu_s"] = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                              static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}
BENCHMARK(BM_ImportPriceCsv)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
