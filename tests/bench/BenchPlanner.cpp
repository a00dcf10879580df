// Planner speed (DESIGN.md §4): a full-catalog sweep on the analytic path (target >= 1,000,000
// candidate evaluations per second on one core) and an interactive sweep of about 100 candidates
// with simulated capacity (target <= 50 ms). Counters print candidates, distinct capacity
// estimates and rates; the wall time per iteration is the sweep's total time.
#include "TestSupport.h"
#include "catalog/CatalogCsv.h"
#include "plan/Planner.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace serveplan;

namespace {

const Catalog& seedCatalog() {
    static const Catalog catalog = [] {
        auto c = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
        if (!c) {
            std::fprintf(stderr, "cannot load the seed catalog: %s\n", c.error().c_str());
            std::exit(1);
        }
        return std::move(c.value());
    }();
    return catalog;
}

Scenario workedExample() {
    Scenario s;
    s.qps = 500;
    s.workload.inputTokens = LengthDistribution::fixed(512);
    s.workload.outputTokens = LengthDistribution::fixed(256);
    s.slo.ttftMs = 1000;
    s.slo.tpotMs = 50;
    return s;
}

/// Every model x every instance x {bf16, fp8, int4} x {vllm, sglang, trtllm}, every layout.
Scenario fullCatalogSweep(const Catalog& catalog) {
    Scenario s = workedExample();
    for (const ModelSpec& m : catalog.models)
        s.models.push_back(m.id);
    s.precisions = {Precision::BF16, Precision::FP8, Precision::INT4};
    s.engines = {ServingEngine::Vllm, ServingEngine::Sglang, ServingEngine::Trtllm};
    return s;
}

/// The sweep's time covers planning and freeing the result (as the GUI replaces its last result);
/// counting the ok rows afterwards is not timed.
void runFullSweep(benchmark::State& state, const Scenario& s) {
    const Planner planner(seedCatalog());
    PlanOptions options;
    options.curvePlans = 10;
    options.threads = static_cast<int>(state.range(0)); // 1: the one-core figure the target is about
    std::size_t candidates = 0;
    std::size_t estimates = 0;
    std::size_t ok = 0;
    for (auto _ : state) {
        auto result = planner.run(s, options);
        candidates = result->candidates;
        estimates = result->capacityEstimates;
        benchmark::DoNotOptimize(result->rows.data());
        state.PauseTiming();
        ok = static_cast<std::size_t>(std::count_if(result->rows.begin(), result->rows.end(),
                                                    [](const PlanRow& r) { return r.status == PlanStatus::Ok; }));
        state.ResumeTiming();
    }
    state.counters["candidates"] = static_cast<double>(candidates);
    state.counters["capacity_estimates"] = static_cast<double>(estimates);
    state.counters["ok_plans"] = static_cast<double>(ok);
    state.counters["candidates_per_s"] =
        benchmark::Counter(static_cast<double>(candidates) * state.iterations(), benchmark::Counter::kIsRate);
}

/// With every serving layout (issue 15): attention-DP + EP within and across instances, MTP,
/// disaggregated pools and the models' native precisions. The target is about this sweep.
void BM_FullCatalogSweepAnalytic(benchmark::State& state) {
    runFullSweep(state, fullCatalogSweep(seedCatalog()));
}
// Arg: capacity threads (1 = one core; 0 = one per hardware thread).
BENCHMARK(BM_FullCatalogSweepAnalytic)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same sweep with only the layouts the planner knew before issue 15 (TP, pipelines across
/// instances, MIG): the like-for-like comparison with planners older than those layouts.
void BM_FullCatalogSweepAnalyticClassicLayouts(benchmark::State& state) {
    Scenario s = fullCatalogSweep(seedCatalog());
    s.nativePrecision = false;
    s.expertParallel = false;
    s.mtp = MtpMode::Off;
    s.disaggregation = DisaggregationMode::Off;
    runFullSweep(state, s);
}
BENCHMARK(BM_FullCatalogSweepAnalyticClassicLayouts)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same sweep with every candidate's capacity computed afresh (no sharing between identical
/// deployments), to show the cost of the analytic capacity itself inside the planner.
void BM_FullCatalogSweepAnalyticNoSharing(benchmark::State& state) {
    const Catalog& catalog = seedCatalog();
    const Scenario s = fullCatalogSweep(catalog);
    std::size_t calls = 0;
    // A capacity function that cannot be shared: it counts calls and is evaluated once per
    // distinct deployment by the planner, then once more per candidate here.
    const Planner counting(catalog, [&calls](const Deployment& d, const Workload& w, const Slo& slo, CapacityMethod m) {
        ++calls;
        return estimateCapacity(d, w, slo, m);
    });
    std::size_t candidates = 0;
    for (auto _ : state) {
        calls = 0;
        auto result = counting.run(s);
        candidates = result->candidates;
        // Re-evaluate every candidate's deployment once, as a planner without sharing would.
        state.PauseTiming();
        std::vector<Deployment> deployments;
        deployments.reserve(result->rows.size());
        for (const PlanRow& r : result->rows) {
            Deployment d;
            d.model = r.model;
            d.gpu = r.gpu;
            d.parallel.tp = r.tp;
            d.parallel.pp = r.pp;
            d.weights = r.precision;
            d.engine = r.engine;
            d.gpusPerNode = std::max(1, static_cast<int>(r.gpuCount));
            if (!r.migProfile.empty())
                for (const MigProfile* p : catalog.migProfilesFor(r.gpu->id))
                    if (p->profile == r.migProfile)
                        d.mig = *p;
            deployments.push_back(d);
        }
        const Workload w = s.workload;
        state.ResumeTiming();
        for (const Deployment& d : deployments)
            benchmark::DoNotOptimize(estimateCapacity(d, w, s.slo, CapacityMethod::Analytic).maxQps);
    }
    state.counters["candidates"] = static_cast<double>(candidates);
    state.counters["candidates_per_s"] =
        benchmark::Counter(static_cast<double>(candidates) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FullCatalogSweepAnalyticNoSharing)->Unit(benchmark::kMillisecond)->UseRealTime();

/// What the GUI runs on an input change: one model on the AWS us-east-1 and Tencent Guangzhou
/// instances, simulated capacity (the batching simulator), about 100 candidates.
void BM_InteractiveSweepSimulated(benchmark::State& state) {
    const Catalog& catalog = seedCatalog();
    Scenario s = workedExample();
    s.models = {"deepseek-r1-distill-qwen-7b"};
    s.providers = {"aws", "tencent"};
    s.regions = {"us-east-1", "ap-guangzhou-3"};
    s.capacityMethod = CapacityMethod::Simulated;
    const Planner planner(catalog);
    PlanOptions options;
    options.threads = static_cast<int>(state.range(0));
    std::size_t candidates = 0;
    std::size_t estimates = 0;
    for (auto _ : state) {
        auto result = planner.run(s, options);
        candidates = result->candidates;
        estimates = result->capacityEstimates;
        benchmark::DoNotOptimize(result->rows.data());
    }
    state.counters["candidates"] = static_cast<double>(candidates);
    state.counters["capacity_estimates"] = static_cast<double>(estimates);
}
BENCHMARK(BM_InteractiveSweepSimulated)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
