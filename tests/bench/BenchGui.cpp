// GUI speed and size (DESIGN.md §4), measured in-process on the offscreen platform:
// - BM_InputChangeToRedrawnChart: from a changed input (the request-rate spin box) to the cost chart
//   redrawn with the new plans, about 100 candidates (one model on AWS and Tencent instances in two
//   regions, BF16 and FP8; arg 0 = analytic capacity, the GUI default; 1 = simulated). Target ≤ 50 ms.
//   The 150 ms input debounce is set to 0 here: it is a deliberate wait, not work.
// - BM_TimeToFirstWindow: loading the full seed catalog, building the main window and painting it
//   once (the QApplication already exists; its start-up is printed separately). Target ≤ 0.5 s.
// - BM_ResidentMemory: resident set size with the full catalog loaded, the window shown and the
//   demo scenario planned. Target ≤ 200 MB.
#include "CurveModel.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "document/ScenarioDocument.h"
#include "catalog/CatalogCsv.h"
#include "workspace/CostChartView.h"
#include "workspace/DemoScenario.h"
#include "workspace/PlanningController.h"
#include "workspace/ScenarioPanel.h"

#include "charts/Qcp.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

using namespace serveplan;
using namespace serveplan::ui;

namespace {

std::shared_ptr<const Catalog> loadSeedCatalog() {
    auto catalog = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
    if (!catalog) {
        std::fprintf(stderr, "cannot load the seed catalog: %s\n", catalog.error().c_str());
        std::exit(1);
    }
    return std::make_shared<const Catalog>(std::move(catalog).value());
}

Scenario interactiveScenario(bool simulated) {
    Scenario s;
    s.models = {"deepseek-r1-distill-qwen-7b"};
    s.providers = {"aws", "tencent"};
    s.regions = {"us-east-1", "ap-guangzhou-3"};
    s.engines = {ServingEngine::Vllm};
    s.precisions = {Precision::BF16, Precision::FP8};
    s.qps = 500;
    s.slo.ttftMs = 1000;
    s.slo.tpotMs = 50;
    s.capacityMethod = simulated ? CapacityMethod::Simulated : CapacityMethod::Analytic;
    return s;
}

/// Runs the event loop until the planner publishes a result (or 60 s pass).
bool waitForPlan(PlanningController* planning) {
    QEventLoop loop;
    QObject::connect(planning, &PlanningController::finished, &loop, &QEventLoop::quit);
    QObject::connect(planning, &PlanningController::failed, &loop, [&loop] { loop.exit(1); });
    QTimer::singleShot(60'000, &loop, [&loop] { loop.exit(2); });
    return loop.exec() == 0;
}

long residentKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLong();
    return -1;
}

void BM_InputChangeToRedrawnChart(benchmark::State& state) {
    MainWindow window(loadSeedCatalog());
    window.show();
    window.planning()->setDebounceMs(0);
    window.document()->reset(interactiveScenario(state.range(0) != 0));
    if (!waitForPlan(window.planning())) {
        state.SkipWithError("planning failed");
        return;
    }
    QDoubleSpinBox* qps = window.scenarioPanel()->qpsSpin();
    QCustomPlot* plot = window.costChart()->plot();
    // Where the time goes: the planning pass (pool thread, PlanningController::lastDurationMs) and
    // the rest (the edit, item models reset, table, details, chart rebuilt and replotted).
    QElapsedTimer iteration;
    double planMs = 0;
    double guiMs = 0;
    double next = 500;
    for (auto _ : state) {
        next = next == 500 ? 520 : 500;
        iteration.start();
        qps->setValue(next); // the edit: undo command, planning request
        if (!waitForPlan(window.planning())) {
            state.SkipWithError("planning failed");
            return;
        }
        plot->replot(QCustomPlot::rpImmediateRefresh); // the chart drawn now, not at the next paint
        const double plan = static_cast<double>(window.planning()->lastDurationMs());
        planMs += plan;
        guiMs += static_cast<double>(iteration.nsecsElapsed()) / 1e6 - plan;
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["plan_ms"] = planMs / n;
    state.counters["rest_ms"] = guiMs / n;
    const PlanSnapshotPtr shown = window.planning()->latest();
    state.counters["candidates"] = static_cast<double>(shown->result.candidates);
    state.counters["plans"] = static_cast<double>(shown->result.rows.size());
    state.counters["curves"] = static_cast<double>(window.curveModel()->rowCount());
}
BENCHMARK(BM_InputChangeToRedrawnChart)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TimeToFirstWindow(benchmark::State& state) {
    for (auto _ : state) {
        const auto catalog = loadSeedCatalog();
        MainWindow window(catalog);
        window.show();
        const QPixmap painted = window.grab(); // one full paint of every view
        benchmark::DoNotOptimize(painted.cacheKey());
    }
}
BENCHMARK(BM_TimeToFirstWindow)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ResidentMemory(benchmark::State& state) {
    MainWindow window(loadSeedCatalog());
    window.show();
    window.planning()->setDebounceMs(0);
    window.document()->reset(demoScenario());
    if (!waitForPlan(window.planning())) {
        state.SkipWithError("planning failed");
        return;
    }
    benchmark::DoNotOptimize(window.grab().cacheKey());
    for (auto _ : state)
        benchmark::DoNotOptimize(residentKiB());
    state.counters["rss_MB"] = static_cast<double>(residentKiB()) / 1024.0;
    state.counters["catalog_instances"] = static_cast<double>(window.planning()->catalog()->instances.size());
}
BENCHMARK(BM_ResidentMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    QTemporaryDir settings;
    qputenv("XDG_CONFIG_HOME", settings.path().toUtf8()); // recent files go nowhere
    QStandardPaths::setTestModeEnabled(true);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QElapsedTimer start;
    start.start();
    QApplication app(argc, argv);
    std::printf("QApplication start-up: %.1f ms; resident before any window: %.1f MB\n",
                static_cast<double>(start.nsecsElapsed()) / 1e6, static_cast<double>(residentKiB()) / 1024.0);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
