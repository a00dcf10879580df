// Performance-engine speed (DESIGN.md §4): analytic capacity evaluations per second (target
// >= 1,000,000 on one core) and simulated requests per second (target: 100,000 requests <= 100 ms).
#include "TestSupport.h"
#include "perf/Capacity.h"
#include "perf/BatchSimulator.h"
#include "catalog/CatalogCsv.h"

#include <benchmark/benchmark.h>

#include <cstdlib>

using namespace serveplan;

namespace {
const Catalog& catalog() {
    static const Catalog c = [] {
        auto loaded =
            CatalogCsv::loadDirectory(serveplan::test::sourcePath(QStringLiteral("resources/data")).toStdString());
        if (!loaded)
            std::abort();
        return std::move(loaded).value();
    }();
    return c;
}

Deployment deployment(const char* model, const char* gpu, int tp) {
    Deployment d;
    d.model = catalog().model(model);
    d.gpu = catalog().gpu(gpu);
    d.parallel.tp = tp;
    d.engine = ServingEngine::Vllm;
    return d;
}

Workload workload() {
    Workload w;
    w.inputTokens = LengthDistribution::fixed(1024);
    w.outputTokens = LengthDistribution::fixed(256);
    return w;
}

/// One planner candidate: memory fit + SLO-aware capacity, closed form.
void BM_AnalyticCandidate(benchmark::State& state) {
    const Deployment candidates[] = {deployment("llama-3.1-8b-instruct", "h100-sxm", 1),
                                     deployment("llama-3.1-70b-instruct", "a100-80gb-sxm", 4),
                                     deployment("qwen3-30b-a3b", "l40s", 1), deployment("deepseek-r1", "h200-sxm", 8)};
    Slo slo;
    slo.ttftMs = 2000;
    slo.tpotMs = 50;
    const Workload w = workload();
    std::size_t i = 0;
    for (auto _ : state) {
        const CapacityEstimate c = estimateCapacity(candidates[i++ % 4], w, slo, CapacityMethod::Analytic);
        benchmark::DoNotOptimize(c.maxQps);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["evaluations/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnalyticCandidate);

/// The batching simulator: 100,000 Poisson requests (and offline) with the vLLM profile.
void BM_Simulate100k(benchmark::State& state) {
    const Deployment d = deployment("llama-3.1-8b-instruct", "h100-sxm", 1);
    const EngineProfile profile = engineProfile(d.engine);
    const MemoryFit memory = computeMemoryFit(d, workload());
    const StepTimeModel model(d, profile);
    SimConfig c = SimConfig::forEngine(profile, d, memory);
    c.workload = workload();
    c.workload.inputTokens = {LengthDistribution::Kind::LogNormal, 1024, 600, 16, 8192};
    c.workload.outputTokens = {LengthDistribution::Kind::LogNormal, 256, 200, 1, 4096};
    c.mode = state.range(0) ? SimConfig::Mode::Poisson : SimConfig::Mode::Offline;
    c.rate = 20;
    c.requests = 100000;
    for (auto _ : state) {
        const SimResult r = BatchSimulator(model, c).run();
        benchmark::DoNotOptimize(r.outputTokensPerS);
    }
    state.SetItemsProcessed(state.iterations() * c.requests);
    state.counters["requests/s"] =
        benchmark::Counter(double(state.iterations()) * c.requests, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Simulate100k)->Arg(0)->Arg(1)->ArgName("poisson")->Unit(benchmark::kMillisecond);
} // namespace

BENCHMARK_MAIN();
