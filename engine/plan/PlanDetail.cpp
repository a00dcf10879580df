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
#include <functional>

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

namespace {

/// Cold start of a replica of `row`'s model spread over `instancesPerReplica` instances.
double coldStartOver(const PlanRow& row, const Scenario& scenario, int instancesPerReplica) {
    const double weightBytes = row.model ? row.model->paramsB * 1e9 * bytesPerElement(row.precision) : 0;
    return coldStartSeconds(weightBytes, scenario.autoscaling, instancesPerReplica);
}

} // namespace

double plannedColdStartSeconds(const PlanRow& row, const Scenario& scenario) {
    return coldStartOver(row, scenario, row.instancesPerReplica);
}

int plannedInstancesAt(const PlanRow& row, double loadQps) {
    if (!(loadQps > 0))
        return 0;
    auto pool = [&](double capacity, const Packing& packing) {
        return capacity > 0 ? instancesFor(replicasFor(loadQps, capacity), packing) : 0;
    };
    if (const DisaggregatedPlan* d = row.disaggregated.get())
        return pool(d->prefill.capacityQpsPerReplica,
                    {d->prefill.replicasPerInstance, d->prefill.instancesPerReplica}) +
               pool(d->decode.capacityQpsPerReplica, {d->decode.replicasPerInstance, d->decode.instancesPerReplica});
    return pool(row.capacityQpsPerReplica, {row.replicasPerInstance, row.instancesPerReplica});
}

namespace {

AutoscalingInput autoscalingInput(const PlanRow& row, const Scenario& scenario, const std::vector<double>& fractions,
                                  double capacityPerReplica, const Packing& packing, int maxInstances) {
    return {fractions,          loadAfterCache(scenario.qps, scenario.cacheHitRate),
            capacityPerReplica, packing,
            row.instanceHourly, scenario.hoursPerMonth,
            maxInstances,       coldStartOver(row, scenario, packing.instancesPerReplica)};
}

/// Two pools scaled side by side as one fleet: costs and replicas add up minute by minute; the load
/// is over the SLO when either pool is short, and both pools follow the same ramps, so the fleet's
/// minutes over the SLO are taken as the larger pool's (a lower bound when they are short apart).
AutoscalingOutcome combinePools(const AutoscalingOutcome& prefill, const AutoscalingOutcome& decode) {
    AutoscalingOutcome out;
    out.simulated = prefill.simulated && decode.simulated;
    out.coldStartSeconds = std::max(prefill.coldStartSeconds, decode.coldStartSeconds);
    out.monthlyCost = prefill.monthlyCost + decode.monthlyCost;
    out.fixedPeakMonthlyCost = prefill.fixedPeakMonthlyCost + decode.fixedPeakMonthlyCost;
    out.savingsFraction = out.fixedPeakMonthlyCost > 0 ? 1.0 - out.monthlyCost / out.fixedPeakMonthlyCost : 0;
    out.minutesOverSlo = std::max(prefill.minutesOverSlo, decode.minutesOverSlo);
    out.meanReplicas = prefill.meanReplicas + decode.meanReplicas;
    if (prefill.replicasPerMinute.size() == decode.replicasPerMinute.size() && !prefill.replicasPerMinute.empty()) {
        out.replicasPerMinute.resize(prefill.replicasPerMinute.size());
        std::transform(prefill.replicasPerMinute.begin(), prefill.replicasPerMinute.end(),
                       decode.replicasPerMinute.begin(), out.replicasPerMinute.begin(), std::plus<>());
        out.peakReplicas = *std::max_element(out.replicasPerMinute.begin(), out.replicasPerMinute.end());
    } else {
        out.peakReplicas = prefill.peakReplicas + decode.peakReplicas;
    }
    return out;
}

/// A disaggregated plan's prefill and decode pools each scale with the load on their own replicas;
/// the scenario's instance cap holds for the fleet, so each pool may use what the other leaves at peak.
AutoscalingOutcome simulatePoolAutoscaling(const PlanRow& row, const DisaggregatedPlan& d, const Scenario& scenario,
                                           const std::vector<double>& fractions) {
    auto capFor = [&](const PoolPlan& other) {
        return scenario.maxInstances > 0 ? std::max(1, scenario.maxInstances - other.instances) : 0;
    };
    auto simulate = [&](const PoolPlan& pool, const PoolPlan& other) {
        return simulateAutoscaling(autoscalingInput(row, scenario, fractions, pool.capacityQpsPerReplica,
                                                    {pool.replicasPerInstance, pool.instancesPerReplica},
                                                    capFor(other)),
                                   scenario.autoscaling);
    };
    return combinePools(simulate(d.prefill, d.decode), simulate(d.decode, d.prefill));
}

} // namespace

AutoscalingOutcome simulatePlanAutoscaling(const PlanRow& row, const Scenario& scenario,
                                           const std::vector<double>& fractions) {
    if (!row.model || row.capacityQpsPerReplica <= 0)
        return {};
    AutoscalingOutcome out =
        row.disaggregated ? simulatePoolAutoscaling(row, *row.disaggregated, scenario, fractions)
                          : simulateAutoscaling(autoscalingInput(row, scenario, fractions, row.capacityQpsPerReplica,
                                                                 {row.replicasPerInstance, row.instancesPerReplica},
                                                                 scenario.maxInstances),
                                                scenario.autoscaling);
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
        out.autoscalingIllustrative = !row.autoscaling().simulated;
        const bool priced = row.status == PlanStatus::Ok || row.status == PlanStatus::OverBudget;
        // The planner keeps minute traces only for its best plans; a row without one is simulated again
        // with the same function, which gives the same outcome.
        out.autoscaling = row.autoscaling().simulated && !row.autoscaling().replicasPerMinute.empty()
                              ? row.autoscaling()
                          : priced ? simulatePlanAutoscaling(row, scenario, plannedTrafficFractions(scenario))
                                   : AutoscalingOutcome{};
    }
    return out;
}

} // namespace serveplan
