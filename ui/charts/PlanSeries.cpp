#include "charts/PlanSeries.h"

#include "perf/Capacity.h"
#include "perf/EngineProfile.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"
#include "perf/StepTimeModel.h"

#include <algorithm>
#include <cmath>

namespace serveplan::ui {

namespace {
/// The band rule of the performance engine: [v / e^w, v · e^w] (perf/EngineProfile.h, EngineBands).
Estimate band(double value, double width) {
    return {value, value * std::exp(-width), value * std::exp(width)};
}
} // namespace

Workload PlanSeries::workloadOf(const Scenario& scenario) {
    return scenario.workloadPreset == WorkloadPreset::Custom ? scenario.workload
                                                             : workloadForPreset(scenario.workloadPreset);
}

Deployment PlanSeries::deploymentOf(const PlanRow& row, const Scenario& scenario, const Catalog& catalog) {
    Deployment d;
    d.model = row.model;
    d.gpu = row.gpu;
    if (!row.migProfile.empty() && row.gpu)
        for (const MigProfile* profile : catalog.migProfilesFor(row.gpu->id))
            if (profile->profile == row.migProfile)
                d.mig = *profile;
    d.parallel.tp = row.tp;
    d.parallel.pp = row.pp;
    d.weights = row.precision;
    d.kvCache = scenario.kvCachePrecision.value_or(Precision::BF16);
    d.engine = row.engine;
    d.calibration = row.calibration;
    d.gpusPerNode = row.instance ? std::max(1, static_cast<int>(std::lround(row.instance->gpuCount))) : 8;
    return d;
}

PlanSeries PlanSeries::compute(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                               int latencyPoints) {
    PlanSeries out;
    out.deployment = deploymentOf(row, scenario, catalog);
    const Deployment& d = out.deployment;
    if (!d.model || !d.gpu) {
        out.message = "the plan has no model or GPU";
        return out;
    }
    if (!row.migProfile.empty() && !d.mig) {
        out.message = "MIG profile " + row.migProfile + " is not in the catalog";
        return out;
    }
    const Workload workload = workloadOf(scenario);
    const EngineProfile profile = deploymentProfile(d);
    const HardwareRates rates = HardwareRates::of(d);
    const ModelShape shape = ModelShape::from(*d.model);
    out.memory = MemoryModel::compute(d, workload, profile, rates, shape);
    out.valid = true;
    if (!out.memory.fits)
        return out; // the memory chart still explains why; there is no speed to show

    const StepTimeModel model(d, profile, rates, shape);
    const AnalyticCapacity analytic(model, profile, d, workload, out.memory);
    out.maxBatch = analytic.maxBatch();
    const double ttftTail = AnalyticCapacity::ttftTail(scenario.slo.ttftPercentile);
    const double tpotTail = AnalyticCapacity::tpotTail(scenario.slo.tpotPercentile);
    const double outputTokens = std::max(1.0, workload.outputTokens.mean);

    // Geometric batches from 1 to the largest: the load axis is dense where latency bends.
    const int n = std::max(2, latencyPoints);
    for (int i = 0; i < n; ++i) {
        const double batch = std::exp(std::log(out.maxBatch) * i / (n - 1));
        const AnalyticPoint p = analytic.at(batch);
        out.latency.push_back({p.qps, band(p.ttftS * ttftTail * 1e3, profile.bands.ttft),
                               band(p.tpotS * tpotTail * 1e3, profile.bands.tpot)});
    }
    for (double batch = 1; batch < out.maxBatch * 1.0001; batch *= 2) {
        const AnalyticPoint p = analytic.at(batch);
        out.throughput.push_back({batch, band(p.qps * outputTokens, profile.bands.throughput)});
    }
    if (out.throughput.empty() || out.throughput.back().batch < out.maxBatch * 0.9999) {
        const AnalyticPoint p = analytic.at(out.maxBatch);
        out.throughput.push_back({out.maxBatch, band(p.qps * outputTokens, profile.bands.throughput)});
    }
    return out;
}

} // namespace serveplan::ui
