#pragma once
// The cost arithmetic of one plan (engine/plan/README.md): replicas for a load, instances for
// replicas, hourly/monthly cost, cost per million tokens, what a budget buys, and the
// cost-versus-QPS step curve. Plain functions on numbers, so each has known-answer tests.
#include <vector>

namespace serveplan {

/// How replicas map onto instances: several small replicas per instance (TP below the instance's
/// GPU count, MIG slices), or one replica pipelined over several instances.
struct Packing {
    int replicasPerInstance = 1;
    int instancesPerReplica = 1;
};

/// Replicas needed so that replicas × capacity ≥ load (at least 1; a tiny tolerance absorbs rounding).
int replicasFor(double loadQps, double capacityPerReplica);
/// Instances that hold `replicas` replicas.
int instancesFor(int replicas, const Packing& packing);
/// Replicas that `instances` instances hold.
int replicasOn(int instances, const Packing& packing);

/// Load the GPUs see: requests answered by the response cache never reach them.
double loadAfterCache(double qps, double cacheHitRate);

struct FleetSize {
    int replicas = 0;
    int instances = 0;
    double utilisation = 0; ///< load ÷ fleet capacity
    double headroom = 0;    ///< fleet capacity ÷ load − 1
};
FleetSize sizeFleet(double loadQps, double capacityPerReplica, const Packing& packing);

/// price per hour ÷ (tokens per hour ÷ 10⁶) (MODELING.md "Cost arithmetic"); 0 when no tokens flow.
double costPerMillionTokens(double hourlyCost, double tokensPerSecond);

/// What a monthly budget and an instance cap buy: the most instances, replicas and peak QPS
/// (before cache hits). A budget or cap of 0 means "none"; with neither, `limited` is false.
struct BudgetReach {
    bool limited = false;
    int instances = 0;
    int replicas = 0;
    double maxQps = 0;
};
BudgetReach budgetReach(double monthlyBudget, int maxInstances, double instanceMonthly, double capacityPerReplica,
                        double cacheHitRate, const Packing& packing);

/// One step of cost versus peak QPS: every QPS in (qpsFrom, qpsTo] needs `replicas`.
struct CostStep {
    double qpsFrom = 0;
    double qpsTo = 0;
    int replicas = 0;
    int instances = 0;
    double monthlyCost = 0;
};
/// The integer-replica step function over [qpsMin, qpsMax] (peak QPS before cache hits), at most
/// `maxSteps` steps (the last one is cut at qpsMax). Steps of equal instance count are merged.
std::vector<CostStep> costCurve(double qpsMin, double qpsMax, double capacityPerReplica, double cacheHitRate,
                                const Packing& packing, double instanceMonthly, int maxSteps);

} // namespace serveplan
