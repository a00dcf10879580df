#pragma once
// The report tests' shared scenario: DeepSeek-R1-Distill-Qwen-7B at 40 req/s on AWS and Tencent Cloud
// with p95 TTFT ≤ 1 s and p95 TPOT ≤ 50 ms, diurnal traffic and autoscaling on, planned against the
// seed catalog parsed straight from resources/data (no database needed).
#include "TestSupport.h"
#include "report/ReportData.h"
#include "catalog/CatalogCsv.h"

#include <QProcess>
#include <QtTest>

#include <memory>

namespace serveplan::test {

inline std::shared_ptr<const Catalog> seedCatalog() {
    auto catalog = CatalogCsv::loadDirectory(sourcePath(QStringLiteral("resources/data")).toStdString());
    if (!catalog)
        qFatal("seed catalog: %s", catalog.error().c_str());
    return std::make_shared<const Catalog>(std::move(catalog).value());
}

inline Scenario reportScenario() {
    Scenario s;
    s.name = "R1 distill 7B chat, 40 req/s";
    s.models = {"deepseek-r1-distill-qwen-7b"};
    s.providers = {"aws", "tencent"};
    s.precisions = {Precision::BF16, Precision::INT8};
    s.workload.inputTokens = LengthDistribution::fixed(512);
    s.workload.outputTokens = LengthDistribution::fixed(256);
    s.qps = 40;
    s.slo.ttftMs = 1000;
    s.slo.tpotMs = 50;
    s.traffic.preset = TrafficPreset::Diurnal;
    s.autoscaling.enabled = true;
    s.top = 12;
    return s;
}

/// A fixed date so two runs of the report are comparable.
inline QDate reportDate() {
    return QDate(2026, 11, 27);
}

/// Runs a command line tool and returns its stdout; fails the test when it does not exit 0.
inline QByteArray runTool(const QString& program, const QStringList& args) {
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
        return {};
    }
    return process.readAllStandardOutput();
}

inline bool havePoppler() {
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty();
}

} // namespace serveplan::test
