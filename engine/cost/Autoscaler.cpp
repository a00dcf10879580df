#include "cost/Autoscaler.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>

namespace serveplan {

namespace {

double diskBandwidth(const AutoscalingPolicy& p) {
    if (p.diskBandwidthGBps > 0)
        return p.diskBandwidthGBps;
    // Typical sequential reads: a local NVMe SSD ~2 GB/s; a network block disk (EBS gp3-class) ~0.25 GB/s.
    return p.disk == DiskKind::Nvme ? 2.0 : 0.25;
}

struct Launch {
    double readyAtMinute;
    int count;
};

class Simulation {
public:
    Simulation(const AutoscalingInput& in, const AutoscalingPolicy& p)
        : m_in(in)
        , m_policy(p) {
        m_maxReplicas = p.maxReplicas > 0 ? p.maxReplicas : 1 << 30;
        if (in.maxInstances > 0)
            m_maxReplicas = std::min(m_maxReplicas, replicasOn(in.maxInstances, in.packing));
        m_minReplicas = std::min(std::max(0, p.minReplicas), m_maxReplicas);
    }

    int desired(double load) const {
        const int n = load > 0 ? replicasFor(load, m_in.capacityPerReplica * m_policy.targetUtilization) : 0;
        return std::clamp(n, m_minReplicas, m_maxReplicas);
    }

    void start(double load) { m_ready = desired(load); }

    /// Advances one minute; returns the billed instances of that minute.
    int step(int minute, double load) {
        while (!m_pending.empty() && m_pending.front().readyAtMinute <= minute) {
            m_ready += m_pending.front().count;
            m_pending.pop_front();
        }
        const int want = desired(load);
        const int total = m_ready + pendingCount();
        decideUp(minute, want, total);
        decideDown(minute, want);
        m_overSlo = load > m_ready * m_in.capacityPerReplica * (1.0 + 1e-9);
        return instancesFor(m_ready + pendingCount(), m_in.packing);
    }

    int ready() const { return m_ready; }
    bool overSlo() const { return m_overSlo; }

private:
    int pendingCount() const {
        int n = 0;
        for (const Launch& l : m_pending)
            n += l.count;
        return n;
    }

    void decideUp(int minute, int want, int total) {
        if (want <= total) {
            m_upSince.reset();
            return;
        }
        if (!m_upSince)
            m_upSince = minute;
        if (minute - *m_upSince >= m_policy.scaleUpDelayMinutes) {
            m_pending.push_back({minute + m_in.coldStartSeconds / 60.0, want - total});
            m_upSince.reset();
        }
    }

    void decideDown(int minute, int want) {
        if (want >= m_ready || !m_pending.empty()) {
            m_downSince.reset();
            return;
        }
        if (!m_downSince)
            m_downSince = minute;
        if (minute - *m_downSince >= m_policy.scaleDownDelayMinutes) {
            m_ready = want;
            m_downSince.reset();
        }
    }

    const AutoscalingInput& m_in;
    const AutoscalingPolicy& m_policy;
    int m_minReplicas = 0;
    int m_maxReplicas = 0;
    int m_ready = 0;
    std::deque<Launch> m_pending;
    std::optional<int> m_upSince;   ///< first minute the desired count exceeded ready + starting
    std::optional<int> m_downSince; ///< first minute the desired count fell below ready
    bool m_overSlo = false;
};

std::vector<double> periodFractions(const AutoscalingInput& in, const AutoscalingPolicy& p) {
    std::vector<double> f = in.fractions.empty() ? std::vector<double>(24, 1.0) : in.fractions;
    if (p.simulateWeek && f.size() == 24) {
        std::vector<double> week;
        for (int d = 0; d < 7; ++d)
            week.insert(week.end(), f.begin(), f.end());
        f = std::move(week);
    }
    return f;
}

} // namespace

double coldStartSeconds(double weightBytes, const AutoscalingPolicy& policy, int instancesPerReplica) {
    // Each instance of a replica reads its own share of the weights from its own disk.
    const double perInstance = weightBytes / std::max(1, instancesPerReplica);
    return perInstance / (diskBandwidth(policy) * 1e9) + policy.engineStartSeconds;
}

AutoscalingOutcome simulateAutoscaling(const AutoscalingInput& in, const AutoscalingPolicy& policy) {
    AutoscalingOutcome out;
    if (!(in.capacityPerReplica > 0))
        return out;
    const std::vector<double> fractions = periodFractions(in, policy);
    const int minutes = static_cast<int>(fractions.size()) * 60;
    auto loadAt = [&](int minute) { return in.peakLoadQps * fractions[static_cast<std::size_t>(minute / 60)]; };

    Simulation sim(in, policy);
    sim.start(loadAt(minutes - 1));
    for (int m = 0; m < minutes; ++m) // warm-up period: reach the profile's own steady state
        sim.step(m - minutes, loadAt(m));

    double instanceMinutes = 0;
    double replicaSum = 0;
    out.replicasPerMinute.reserve(static_cast<std::size_t>(minutes));
    for (int m = 0; m < minutes; ++m) {
        instanceMinutes += sim.step(m, loadAt(m));
        out.replicasPerMinute.push_back(sim.ready());
        replicaSum += sim.ready();
        out.peakReplicas = std::max(out.peakReplicas, sim.ready());
        if (sim.overSlo())
            out.minutesOverSlo += 1;
    }
    const double periodHours = minutes / 60.0;
    out.simulated = true;
    out.coldStartSeconds = in.coldStartSeconds;
    out.meanReplicas = replicaSum / minutes;
    out.monthlyCost = instanceMinutes / 60.0 * in.instanceHourly * (in.hoursPerMonth / periodHours);
    const int peakInstances = instancesFor(replicasFor(in.peakLoadQps, in.capacityPerReplica), in.packing);
    out.fixedPeakMonthlyCost = peakInstances * in.instanceHourly * in.hoursPerMonth;
    out.savingsFraction = out.fixedPeakMonthlyCost > 0 ? 1.0 - out.monthlyCost / out.fixedPeakMonthlyCost : 0;
    return out;
}

} // namespace serveplan
