#include "DemoScenario.h"

#include "settings/AppSettings.h"

namespace serveplan::ui {

namespace {
/// The cost units a user chose once for all new scenarios.
Scenario withCostPreferences(Scenario s) {
    s.currency = AppSettings::currency().toStdString();
    s.hoursPerMonth = AppSettings::hoursPerMonth();
    return s;
}
} // namespace

Scenario demoScenario() {
    Scenario s;
    s.name = "Chat assistant, 8B models";
    s.models = {"deepseek-r1-distill-llama-8b", "llama-3.1-8b-instruct"};
    s.gpus = {"h100-sxm", "a100-80gb-sxm", "l40s"};
    s.precisions = {Precision::BF16, Precision::FP8};
    s.engines = {ServingEngine::Vllm};
    s.workloadPreset = WorkloadPreset::Chat;
    s.workload = workloadForPreset(WorkloadPreset::Chat);
    s.qps = 20;
    s.slo.ttftMs = 1000;
    s.slo.tpotMs = 50;
    s.cacheHitRate = 0.1;
    s.traffic.preset = TrafficPreset::Diurnal;
    s.autoscaling.enabled = true;
    return withCostPreferences(std::move(s));
}

Scenario newScenario() {
    Scenario s;
    s.workloadPreset = WorkloadPreset::Chat;
    s.workload = workloadForPreset(WorkloadPreset::Chat);
    return withCostPreferences(std::move(s));
}

} // namespace serveplan::ui
