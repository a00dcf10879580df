#pragma once
// Everything shown about one planned row, computed in the engine and only once: the replica the
// planner evaluated (its Deployment), its memory, the latency-versus-load and throughput-versus-batch
// series with their uncertainty bands, and its autoscaling day or week. The details pane, the charts,
// the report and the CLI draw or print what this returns; the planner itself builds its deployments,
// traffic profile and autoscaling runs with the same functions, so nothing is recomputed elsewhere
// under a rule that could drift.
#include "catalog/Catalog.h"
#include "cost/Autoscaler.h"
#include "perf/PerfTypes.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace serveplan {

/// The workload the planner plans for: a workload preset replaces the scenario's own lengths.
Workload plannedWorkload(const Scenario& scenario);

/// The hourly traffic fractions the autoscaling and burst-mix passes run over: the scenario's day,
/// or a preset's week (quieter weekends) when AutoscalingPolicy::simulateWeek is set. A custom profile
/// is used as given (24 or 168 values).
std::vector<double> plannedTrafficFractions(const Scenario& scenario);

/// A fractional vGPU share of `gpu` (an instance with gpu_count < 1) as a slice: that share of the
/// memory and compute, named "vgpu-0.250".
MigProfile fractionalGpuShare(const GpuSpec& gpu, double share);

/// The replica the planner evaluates for a candidate: the one definition the enumeration and
/// PlanDetail share. `instance` is null for a bare-GPU candidate.
Deployment plannedDeployment(const ModelSpec& model, const GpuSpec* gpu, const InstanceSpec* instance,
                             const std::optional<MigProfile>& slice, const Parallelism& parallel, Precision weights,
                             ServingEngine engine, const GpuCalibration* calibration, const Scenario& scenario);

/// The replica behind a planned row (its slice looked up in the catalog, or rebuilt for a vGPU share).
/// `message` (when given) says why the deployment is incomplete: no model or GPU, a MIG profile the
/// catalog does not have.
Deployment plannedDeployment(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                             Message* message = nullptr);

/// Seconds a new replica of `row` needs before it serves (its weights over the scenario's disk, plus
/// the engine start).
double plannedColdStartSeconds(const PlanRow& row, const Scenario& scenario);

/// Instances `row`'s fleet needs to serve `loadQps` (after cache hits): its replicas packed on
/// instances, or for a disaggregated plan the prefill and decode pools' instances together.
int plannedInstancesAt(const PlanRow& row, double loadQps);

/// The autoscaling simulation of `row` over `fractions` under the scenario's policy (whether or not the
/// scenario turns autoscaling on): the planner's rule, including that an owned (on-premises) server
/// shows no saving, because it costs the same idle. Needs the row's capacity and instance price. A
/// disaggregated row's two pools scale on their own and are added up as one fleet.
AutoscalingOutcome simulatePlanAutoscaling(const PlanRow& row, const Scenario& scenario,
                                           const std::vector<double>& fractions);

/// Latency of one replica at an arrival rate, at the SLO percentiles, with uncertainty bands.
struct PlanLatencyPoint {
    double qps = 0; ///< requests/s arriving at one replica
    Estimate ttftMs;
    Estimate tpotMs;
};

/// Output throughput of one replica at a fixed number of concurrent sequences.
struct PlanThroughputPoint {
    double batch = 0; ///< concurrent sequences
    Estimate outputTokensPerS;
};

struct PlanDetail {
    bool valid = false; ///< false: no model or GPU, or a slice the catalog lacks (`message` says which)
    Message message;    ///< why not valid
    Deployment deployment;
    Workload workload;
    MemoryFit memory;
    std::vector<PlanLatencyPoint> latency;       ///< rising load up to the largest batch (empty when it does not fit)
    std::vector<PlanThroughputPoint> throughput; ///< batch 1, 2, 4, ... and the largest batch
    double maxBatch = 0;                         ///< the largest batch memory and the engine allow
    /// The autoscaling day or week: the planner's own outcome when the scenario turns autoscaling on
    /// (re-simulated when the planner dropped its minute trace), else the same simulation under the
    /// scenario's policy, marked `autoscalingIllustrative`. Not simulated for a row without capacity or price.
    AutoscalingOutcome autoscaling;
    bool autoscalingIllustrative = false;
};

struct PlanDetailOptions {
    int latencyPoints = 24;  ///< points of the latency-versus-load series
    bool series = true;      ///< memory, latency and throughput series
    bool autoscaling = true; ///< the autoscaling day or week
};

/// Everything the screen, the report and the CLI show about `row` (a row of a PlanResult planned from
/// `scenario` against `catalog`). Analytic steady-state series at the scenario's SLO percentiles.
PlanDetail planDetail(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                      const PlanDetailOptions& options = {});

} // namespace serveplan
