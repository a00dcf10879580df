// The autoscaling simulation against a day worked by hand, cold starts, and the traffic presets.
#include "cost/Autoscaler.h"

#include <QTest>

#include <algorithm>
#include <numeric>

using namespace serveplan;

namespace {
/// Hours 0-11 at a quarter of the peak, hours 12-23 at the peak.
std::vector<double> stepDay() {
    std::vector<double> f(12, 0.25);
    f.insert(f.end(), 12, 1.0);
    return f;
}

AutoscalingPolicy stepPolicy() {
    AutoscalingPolicy p;
    p.enabled = true;
    p.targetUtilization = 1.0;
    p.minReplicas = 1;
    p.scaleUpDelayMinutes = 2;
    p.scaleDownDelayMinutes = 5;
    return p;
}
} // namespace

class TestAutoscaler final : public QObject {
    Q_OBJECT
private slots:
    void stepLoadDay() {
        // Peak 100 QPS, 10 QPS per replica, one replica per instance at 2 USD/h, cold start 3 min.
        // The night needs ceil(25/10) = 3 replicas, the day 10.
        // 00:00 the load drops: the 10 replicas stay for the 5-minute window (minutes 0-4), then 3.
        // 12:00 (minute 720) the load jumps: the scale-up waits 2 minutes, starts 7 replicas at
        // minute 722 (billed from then), ready at 725. Over SLO: minutes 720-724 = 5 minutes.
        // Billed replica-minutes: 5*10 + 717*3 + 718*10 = 9381; a month = 9381/60 * 2 * 730/24.
        AutoscalingInput in;
        in.fractions = stepDay();
        in.peakLoadQps = 100;
        in.capacityPerReplica = 10;
        in.instanceHourly = 2;
        in.hoursPerMonth = 730;
        in.coldStartSeconds = 180;
        const AutoscalingOutcome out = simulateAutoscaling(in, stepPolicy());
        QVERIFY(out.simulated);
        QCOMPARE(out.minutesOverSlo, 5.0);
        QCOMPARE(out.peakReplicas, 10);
        QCOMPARE(out.replicasPerMinute.size(), std::size_t(1440));
        QCOMPARE(out.replicasPerMinute[4], 10);
        QCOMPARE(out.replicasPerMinute[5], 3);
        QCOMPARE(out.replicasPerMinute[724], 3);
        QCOMPARE(out.replicasPerMinute[725], 10);
        QVERIFY(qFuzzyCompare(out.monthlyCost, 9381.0 / 60 * 2 * 730 / 24)); // 9511.29
        QVERIFY(qFuzzyCompare(out.fixedPeakMonthlyCost, 10 * 2 * 730.0));    // 14,600
        QVERIFY(qFuzzyCompare(out.savingsFraction, 1 - 9511.291666666666 / 14600));
    }

    void flatLoadAtFullTargetEqualsFixed() {
        AutoscalingInput in;
        in.fractions = std::vector<double>(24, 1.0);
        in.peakLoadQps = 95;
        in.capacityPerReplica = 10;
        in.instanceHourly = 3;
        const AutoscalingOutcome out = simulateAutoscaling(in, stepPolicy());
        QCOMPARE(out.minutesOverSlo, 0.0);
        QVERIFY(qFuzzyCompare(out.monthlyCost, out.fixedPeakMonthlyCost));
    }

    void lowerTargetKeepsMoreReplicas() {
        // At 70 % target a flat 95 QPS wants ceil(95 / 7) = 14 replicas: more than the fixed 10.
        AutoscalingInput in;
        in.fractions = std::vector<double>(24, 1.0);
        in.peakLoadQps = 95;
        in.capacityPerReplica = 10;
        in.instanceHourly = 3;
        AutoscalingPolicy p = stepPolicy();
        p.targetUtilization = 0.7;
        const AutoscalingOutcome out = simulateAutoscaling(in, p);
        QCOMPARE(out.peakReplicas, 14);
        QVERIFY(out.savingsFraction < 0);
    }

    void maxReplicasCapsAndCountsSloMinutes() {
        AutoscalingInput in;
        in.fractions = stepDay();
        in.peakLoadQps = 100;
        in.capacityPerReplica = 10;
        in.instanceHourly = 1;
        AutoscalingPolicy p = stepPolicy();
        p.maxReplicas = 8; // the day needs 10: every day minute is over the SLO
        const AutoscalingOutcome out = simulateAutoscaling(in, p);
        QCOMPARE(out.peakReplicas, 8);
        QCOMPARE(out.minutesOverSlo, 720.0);
    }

    void weekSimulation() {
        AutoscalingInput in;
        in.fractions = TrafficProfile::presetFractions(TrafficPreset::BusinessHours, true);
        QCOMPARE(in.fractions.size(), std::size_t(168));
        in.peakLoadQps = 100;
        in.capacityPerReplica = 10;
        in.instanceHourly = 1;
        const AutoscalingOutcome out = simulateAutoscaling(in, stepPolicy());
        QCOMPARE(out.replicasPerMinute.size(), std::size_t(168 * 60));
        QVERIFY(out.savingsFraction > 0.5); // 45 of 168 hours at the peak
    }

    void coldStart() {
        // DeepSeek-R1-Distill-Qwen-7B BF16: 7.62e9 params * 2 B = 15.24 GB.
        AutoscalingPolicy p;
        p.engineStartSeconds = 60;
        QVERIFY(qFuzzyCompare(coldStartSeconds(15.24e9, p), 15.24 / 2.0 + 60)); // NVMe 2 GB/s
        p.disk = DiskKind::NetworkDisk;
        QVERIFY(qFuzzyCompare(coldStartSeconds(15.24e9, p), 15.24 / 0.25 + 60)); // network disk 0.25 GB/s
        p.diskBandwidthGBps = 1.0;
        QVERIFY(qFuzzyCompare(coldStartSeconds(15.24e9, p, 2), 7.62 + 60)); // two instances read halves
    }

    void presetsPeakAtOne() {
        for (TrafficPreset preset :
             {TrafficPreset::Flat, TrafficPreset::Diurnal, TrafficPreset::BusinessHours, TrafficPreset::Spiky}) {
            const auto day = TrafficProfile::presetFractions(preset);
            QCOMPARE(day.size(), std::size_t(24));
            QVERIFY(qFuzzyCompare(*std::max_element(day.begin(), day.end()), 1.0));
            QVERIFY(*std::min_element(day.begin(), day.end()) >= 0.0);
        }
        const auto diurnal = TrafficProfile::presetFractions(TrafficPreset::Diurnal);
        QVERIFY(qFuzzyCompare(diurnal[15], 1.0)); // peak 15:00
        QVERIFY(qFuzzyCompare(diurnal[3], 0.1));  // trough 03:00
    }
};

QTEST_APPLESS_MAIN(TestAutoscaler)
#include "TestAutoscaler.moc"
