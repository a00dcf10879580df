#include "plan/PlanDetail.h"

#include "cost/CostModel.h"
#include "perf/Bands.h"
#include "perf/Capacity.h"
#include "perf/EngineProfile.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"
#include "perf/StepTimeModel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace serveplan {

Workload plannedWorkload(const Scenario& scenario) {
    Workload w = scenario.workloadPreset == WorkloadPreset::Custom ? scenario.workload
                                                                   : workloadForPreset(scenario.workloadPreset);
    w.prefixCacheHitRate = scenario.workload.prefixCacheHitRate; // a preset sets the lengths only
    return w;
}

std::vector<double> plannedTrafficFractions(const Scenario& scenario) {
    // A week's simulation of a preset uses the preset's week (quieter weekends), not the day seven times.
    return scenario.autoscaling.simulateWeek && scenario.traffic.preset != TrafficPreset::Custom
               ? TrafficProfile::presetFractions(scenario.traffic.preset, true)
               : scenario.traffic.fractions();
}

MigProfile fractionalGpuShare(const GpuSpec& gpu, double share) {
    char name[64];
    std::snprintf(name, sizeof name, "vgpu-%.3f", share);
    return MigProfile{gpu.id, name, 1, gpu.memoryGb * share, share};
}

Deployment plannedDeployment(const ModelSpec& model, const GpuSpec* gpu, const InstanceSpec* instance,
                             const std::optional<MigProfile>& slice, const Parallelism& parallel, Precision weights,
                             ServingEngine engine, const GpuCalibration* calibration, const Scenario& scenario) {
    Deployment d;
    d.model = &model;
    d.gpu = gpu;
    d.mig = slice;
    d.parallel = parallel;
    d.weights = weights;
    d.kvCache = scenario.kvCachePrecision.value_or(Precision::BF16);
    d.engine = engine;
    d.calibration = calibration;
    d.gpusPerNode = instance ? std::max(1, static_cast<int>(std::lround(instance->gpuCount))) : 8;
    return d;
}

Deployment plannedDeployment(const PlanRow& row, const Scenario& scenario, const Catalog& catalog, Message* message) {
    auto fail = [&](Message why) {
        if (message)
            *message = std::move(why);
    };
    if (!row.model || !row.gpu) {
        fail(Message(MessageCode::PlanHasNoModelOrGpu));
        Deployment d;
        d.model = row.model;
        d.gpu = row.gpu;
        return d;
    }
    std::optional<MigProfile> slice;
    if (!row.migProfile.empty()) {
        for (const MigProfile* profile : catalog.migProfilesFor(row.gpu->id))
            if (profile->profile == row.migProfile)
                slice = *profile;
        if (!slice && row.instance && row.gpuCount > 0 && row.gpuCount < 1)
            slice = fractionalGpuShare(*row.gpu, row.gpuCount);
        if (!slice)
            fail(Message(MessageCode::MigProfileNotInCatalog, {MessageArg::name(row.migProfile)}));
    }
    // The row's layout as the planner's enumeration sets it (engine/plan/Planner.cpp, deploymentFor).
    Parallelism parallel;
    parallel.tp = row.tp;
    parallel.pp = row.pp;
    parallel.attentionDp = row.attentionDp;
    parallel.ep = row.ep;
    Deployment d = plannedDeployment(*row.model, row.gpu, row.instance, slice, parallel, row.precision, row.engine,
                                     row.calibration, scenario);
    if (row.mtpDraftTokens > 0)
        d.speculative = {row.mtpDraftTokens, row.mtpAcceptanceRate};
    return d;
}

double plannedColdStartSeconds(const PlanRow& row, const Scenario& scenario) {
    const double weightBytes = row.model ? row.model->paramsB * 1e9 * bytesPerElement(row.precision) : 0;
    return coldStartSeconds(weightBytes, scenario.autoscaling, row.instancesPerReplica);
}

AutoscalingOutcome simulatePlanAutoscaling(const PlanRow& row, const Scenario& scenario,
                                           const std::vector<double>& fractions) {
    if (!row.model || row.capacityQpsPerReplica <= 0)
        return {};
    const AutoscalingInput input{fractions,
                                 loadAfterCache(scenario.qps, scenario.cacheHitRate),
                                 row.capacityQpsPerReplica,
                                 Packing{row.replicasPerInstance, row.instancesPerReplica},
                                 row.instanceHourly,
                                 scenario.hoursPerMonth,
                                 scenario.maxInstances,
                                 plannedColdStartSeconds(row, scenario)};
    AutoscalingOutcome out = simulateAutoscaling(input, scenario.autoscaling);
    if (row.instance && row.instance->onPrem) {
        // Owned servers cost the same whether a replica runs or not: no saving to claim.
        out.monthlyCost = out.fixedPeakMonthlyCost;
        out.savingsFraction = 0;
    }
    return out;
}

namespace {

void fillSeries(PlanDetail& out, const Scenario& scenario, int latencyPoints) {
    const Deployment& d = out.deployment;
    const EngineProfile profile = deploymentProfile(d);
    const HardwareRates rates = HardwareRates::of(d);
    const ModelShape shape = ModelShape::from(*d.model);
    out.memory = MemoryModel::compute(d, out.workload, profile, rates, shape);
    if (!out.memory.fits)
        return; // the memory still explains why; there is no speed to show

    const StepTimeModel model(d, profile, rates, shape);
    const AnalyticCapacity analytic(model, profile, d, out.workload, out.memory);
    out.maxBatch = analytic.maxBatch();
    const double ttftTail = AnalyticCapacity::ttftTail(scenario.slo.ttftPercentile);
    const double tpotTail = AnalyticCapacity::tpotTail(scenario.slo.tpotPercentile);
    const double outputTokens = std::max(1.0, out.workload.outputTokens.mean);

    // Geometric batches from 1 to the largest: the load axis is dense where latency bends.
    const int n = std::max(2, latencyPoints);
    for (int i = 0; i < n; ++i) {
        const double batch = std::exp(std::log(out.maxBatch) * i / (n - 1));
        const AnalyticPoint p = analytic.at(batch);
        out.latency.push_back({p.qps, withBand(p.ttftS * ttftTail * 1e3, profile.bands.ttft),
                               withBand(p.tpotS * tpotTail * 1e3, profile.bands.tpot)});
    }
    for (double batch = 1; batch < out.maxBatch * 1.0001; batch *= 2) {
        const AnalyticPoint p = analytic.at(batch);
        out.throughput.push_back({batch, withBand(p.qps * outputTokens, profile.bands.throughput)});
    }
    if (out.throughput.empty() || out.throughput.back().batch < out.maxBatch * 0.9999) {
        const AnalyticPoint p = analytic.at(out.maxBatch);
        out.throughput.push_back({out.maxBatch, withBand(p.qps * outputTokens, profile.bands.throughput)});
    }
}

} // namespace

PlanDetail planDetail(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                      const PlanDetailOptions& options) {
    PlanDetail out;
    out.workload = plannedWorkload(scenario);
    Message message;
    out.deployment = plannedDeployment(row, scenario, catalog, &message);
    out.valid = message.empty();
    out.message = std::move(message);
    if (options.series && out.valid)
        fillSeries(out, scenario, options.latencyPoints);
    if (options.autoscaling) {
        out.autoscalingIllustrative = !row.autoscaling.simulated;
        const bool priced = row.status == PlanStatus::Ok || row.status == PlanStatus::OverBudget;
        // The planner keeps minute traces only for its best plans; a row without one is simulated again
        // with the same function, which gives the same outcome.
        out.autoscaling = row.autoscaling.simulated && !row.autoscaling.replicasPerMinute.empty() ? row.autoscaling
                          : priced ? simulatePlanAutoscaling(row, scenario, plannedTrafficFractions(scenario))
                                   : AutoscalingOutcome{};
    }
    return out;
}

} // namespace serveplan
