#include "cost/CostModel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace serveplan {

namespace {
// Loads are products of user inputs and model outputs; 1e-9 relative keeps 10 × 1.0 from needing 11.
constexpr double kTolerance = 1e-9;
} // namespace

int replicasFor(double loadQps, double capacityPerReplica) {
    if (!(capacityPerReplica > 0) || !(loadQps > 0))
        return 1;
    const double ratio = loadQps / capacityPerReplica;
    const double n = std::ceil(ratio * (1.0 - kTolerance));
    if (n >= static_cast<double>(std::numeric_limits<int>::max()))
        return std::numeric_limits<int>::max();
    return std::max(1, static_cast<int>(n));
}

int instancesFor(int replicas, const Packing& packing) {
    if (packing.instancesPerReplica > 1)
        return replicas * packing.instancesPerReplica;
    const int per = std::max(1, packing.replicasPerInstance);
    return (replicas + per - 1) / per;
}

int replicasOn(int instances, const Packing& packing) {
    if (packing.instancesPerReplica > 1)
        return instances / packing.instancesPerReplica;
    return instances * std::max(1, packing.replicasPerInstance);
}

double loadAfterCache(double qps, double cacheHitRate) {
    return qps * (1.0 - cacheHitRate);
}

FleetSize sizeFleet(double loadQps, double capacityPerReplica, const Packing& packing) {
    FleetSize f;
    f.replicas = replicasFor(loadQps, capacityPerReplica);
    f.instances = instancesFor(f.replicas, packing);
    const double fleet = f.replicas * capacityPerReplica;
    f.utilisation = fleet > 0 ? loadQps / fleet : 0;
    f.headroom = loadQps > 0 ? fleet / loadQps - 1.0 : 0;
    return f;
}

double costPerMillionTokens(double hourlyCost, double tokensPerSecond) {
    if (!(tokensPerSecond > 0))
        return 0;
    return hourlyCost / (tokensPerSecond * 3600.0 / 1e6);
}

BudgetReach budgetReach(double monthlyBudget, int maxInstances, double instanceMonthly, double capacityPerReplica,
                        double cacheHitRate, const Packing& packing) {
    BudgetReach r;
    int instances = std::numeric_limits<int>::max();
    if (monthlyBudget > 0 && instanceMonthly > 0) {
        const double n = std::floor(monthlyBudget / instanceMonthly * (1.0 + kTolerance));
        instances = n >= instances ? instances : static_cast<int>(n);
        r.limited = true;
    }
    if (maxInstances > 0) {
        instances = std::min(instances, maxInstances);
        r.limited = true;
    }
    if (!r.limited)
        return r;
    r.instances = instances;
    r.replicas = replicasOn(instances, packing);
    r.maxQps = r.replicas * capacityPerReplica / (1.0 - cacheHitRate);
    return r;
}

std::vector<CostStep> costCurve(double qpsMin, double qpsMax, double capacityPerReplica, double cacheHitRate,
                                const Packing& packing, double instanceMonthly, int maxSteps) {
    std::vector<CostStep> steps;
    if (!(capacityPerReplica > 0) || !(qpsMax > qpsMin) || maxSteps <= 0)
        return steps;
    // Peak QPS one replica covers once the cache has taken its share.
    const double perReplica = capacityPerReplica / (1.0 - cacheHitRate);
    int replicas = replicasFor(loadAfterCache(std::max(qpsMin, 1e-12), cacheHitRate), capacityPerReplica);
    double from = qpsMin;
    while (from < qpsMax && static_cast<int>(steps.size()) < maxSteps) {
        const int instances = instancesFor(replicas, packing);
        // The last replica count these instances can hold: a step ends where the instances run out.
        const int held = replicasOn(instances, packing);
        const double to = std::min(qpsMax, held * perReplica);
        steps.push_back({from, to, held, instances, instances * instanceMonthly});
        from = to;
        replicas = held + 1;
    }
    return steps;
}

} // namespace serveplan
