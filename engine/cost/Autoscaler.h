#pragma once
// A minute-by-minute simulation of an HPA-like autoscaler over a traffic profile: desired replicas
// = ceil(load ÷ (capacity × target utilisation)) within [min, max]; scale-ups wait for the
// scale-up delay and then for the cold start (weights ÷ disk bandwidth + engine start), scale-downs
// wait for the stabilisation window. Starting replicas are billed; only ready ones serve.
#include "cost/CostModel.h"
#include "scenario/Scenario.h"

#include <vector>

namespace serveplan {

struct AutoscalingOutcome {
    bool simulated = false;
    double coldStartSeconds = 0;     ///< weights ÷ disk bandwidth + engine start
    double monthlyCost = 0;          ///< billed instance-hours of one period, scaled to a month
    double fixedPeakMonthlyCost = 0; ///< the fleet sized for the peak, all the time
    double savingsFraction = 0;      ///< 1 − monthlyCost ÷ fixedPeakMonthlyCost (negative = autoscaling costs more)
    double minutesOverSlo = 0;       ///< per period: minutes when the load exceeded the ready capacity
    double meanReplicas = 0;         ///< ready replicas, averaged over the period
    int peakReplicas = 0;
    std::vector<int> replicasPerMinute; ///< ready replicas, one value per minute of the period
};

/// Seconds a new replica needs before it serves.
double coldStartSeconds(double weightBytes, const AutoscalingPolicy& policy, int instancesPerReplica = 1);

struct AutoscalingInput {
    std::vector<double> fractions; ///< the traffic profile (24 or 168 hourly fractions of the peak)
    double peakLoadQps = 0;        ///< after cache hits
    double capacityPerReplica = 0; ///< SLO-aware, requests/s
    Packing packing;
    double instanceHourly = 0;
    double hoursPerMonth = 730;
    int maxInstances = 0; ///< 0 = none (Scenario::maxInstances)
    double coldStartSeconds = 0;
};

/// Simulates one period (a day, or a week when policy.simulateWeek or the profile has 168 values)
/// after a warm-up period, so the start state is the steady state of the previous period.
AutoscalingOutcome simulateAutoscaling(const AutoscalingInput& input, const AutoscalingPolicy& policy);

} // namespace serveplan
