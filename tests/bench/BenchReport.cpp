// Time to write the full cost report (issue 6 target: under 2 s for 50 plans): the PDF with every
// section and chart, the CSV tables, and the planning pass in front of them, on the seed catalog.
#include "TestSupport.h"
#include "report/ReportComposer.h"
#include "report/ReportWriter.h"
#include "catalog/CatalogCsv.h"

#include <QApplication>
#include <QBuffer>

#include <benchmark/benchmark.h>

#include <memory>

using namespace serveplan;
using namespace serveplan::ui;

namespace {

/// DeepSeek-R1-Distill-Qwen-7B on every provider at 40 req/s with BF16 and INT8: hundreds of ok plans,
/// of which the report ranks 50.
Scenario fiftyPlanScenario() {
    Scenario s;
    s.name = "Benchmark: 50 plans";
    s.models = {"deepseek-r1-distill-qwen-7b"};
    s.precisions = {Precision::BF16, Precision::INT8};
    s.qps = 40;
    s.slo.ttftMs = 1000;
    s.slo.tpotMs = 50;
    s.traffic.preset = TrafficPreset::Diurnal;
    s.autoscaling.enabled = true;
    s.top = 50;
    return s;
}

const ReportData& reportData() {
    static const ReportData data = [] {
        auto catalog = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
        if (!catalog)
            qFatal("catalog: %s", catalog.error().c_str());
        auto planned = ReportData::plan(std::make_shared<const Catalog>(std::move(catalog).value()),
                                        fiftyPlanScenario(), {QDate(2026, 11, 27), {}});
        if (!planned)
            qFatal("plan: %s", planned.error().c_str());
        int ok = 0;
        for (const PlanRow& row : planned->result.rows)
            ok += row.status == PlanStatus::Ok;
        if (ok < 50)
            qFatal("the benchmark needs at least 50 ok plans, got %d", ok);
        return std::move(planned).value();
    }();
    return data;
}

void BM_WritePdf50Plans(benchmark::State& state) {
    const ReportData& data = reportData();
    qint64 bytes = 0;
    for (auto _ : state) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (!ReportWriter::writePdf(data, &buffer, {}).ok())
            state.SkipWithError("writePdf failed");
        bytes = buffer.size();
    }
    state.counters["pdf_bytes"] = double(bytes);
}
BENCHMARK(BM_WritePdf50Plans)->Unit(benchmark::kMillisecond);

void BM_WriteCsv(benchmark::State& state) {
    const ReportData& data = reportData();
    for (auto _ : state) {
        QBuffer plans, curves;
        plans.open(QIODevice::WriteOnly);
        curves.open(QIODevice::WriteOnly);
        benchmark::DoNotOptimize(ReportWriter::writeCsv(data, &plans, &curves, {}).ok());
    }
    state.counters["rows"] = double(data.result.rows.size());
}
BENCHMARK(BM_WriteCsv)->Unit(benchmark::kMillisecond);

/// What `serveplan-cli report` does after loading the catalog: plan, then write the PDF and the CSV.
void BM_PlanAndWriteFullReport(benchmark::State& state) {
    const ReportData& base = reportData();
    for (auto _ : state) {
        auto data = ReportData::plan(base.catalog, base.scenario, {base.date, {}});
        QBuffer pdf, plans, curves;
        pdf.open(QIODevice::WriteOnly);
        plans.open(QIODevice::WriteOnly);
        curves.open(QIODevice::WriteOnly);
        if (!data || !ReportWriter::writePdf(*data, &pdf, {}).ok() ||
            !ReportWriter::writeCsv(*data, &plans, &curves, {}).ok())
            state.SkipWithError("report failed");
    }
    state.counters["candidates"] = double(base.result.candidates);
}
BENCHMARK(BM_PlanAndWriteFullReport)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // charts are QWidgets; no display is needed
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
