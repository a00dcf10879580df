#include "plan/PlanColumns.h"

namespace serveplan {

namespace {

using Cell = PlanCell;
using Ctx = PlanTableContext;
constexpr auto kReport = PlanColumnScope::ReportOnly;

/// A row that got a capacity: its sizing, latency and utilisation cells have values.
bool sized(const PlanRow& r) {
    return r.status != PlanStatus::NoFit && r.capacityQpsPerReplica > 0;
}
Cell ifSized(const PlanRow& r, Cell c) {
    return sized(r) ? std::move(c) : Cell::none();
}
/// Money of the fleet: a price and a size. A missing price is an empty cell, never 0.
Cell fleetMoney(const PlanRow& r, double v) {
    return r.hasPrice && sized(r) ? Cell::decimal(v) : Cell::none();
}
/// Money that needs a price but not a size (an instance's price, a simulated month).
Cell money(const PlanRow& r, bool applies, double v) {
    return applies && r.hasPrice ? Cell::decimal(v) : Cell::none();
}

enum class PoolField { Layout, Replicas, Instances };

/// A disaggregated plan's prefill or decode pool field; empty for an aggregated plan.
Cell pool(const PlanRow& r, bool prefill, PoolField field) {
    if (!r.disaggregated)
        return Cell::none();
    const PoolPlan& p = prefill ? r.disaggregated->prefill : r.disaggregated->decode;
    switch (field) {
    case PoolField::Layout:
        return Cell::of(p.layoutText() + (p.mtpDraftTokens > 0 ? " MTP " + std::to_string(p.mtpDraftTokens) : ""));
    case PoolField::Replicas:
        return Cell::whole(p.replicas);
    case PoolField::Instances:
        return Cell::whole(p.instances);
    }
    return Cell::none();
}

// clang-format off
std::vector<PlanColumn> buildPlanColumns() {
    return {
    // DESIGN.md §3.1: the contract's 20 columns, in its order.
    {"rank", "1-based rank", 0, false, {}, [](const PlanRow& r, const Ctx&) { return Cell::whole(r.rank); }},
    {"model", "model id (models.csv model_id)", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return r.model ? Cell::of(r.model->id) : Cell::none(); }},
    {"provider", "cloud provider; empty for a bare-GPU candidate", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(r.provider()); }},
    {"instance_type", "instance type", 0, true, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(r.instanceType()); }},
    {"region", "region", 0, false, {}, [](const PlanRow& r, const Ctx&) { return Cell::of(r.region()); }},
    {"gpu", "gpu id (gpus.csv gpu_id)", 0, true, {},
     [](const PlanRow& r, const Ctx&) { return r.gpu ? Cell::of(r.gpu->id) : Cell::of(std::string()); }},
    {"gpu_count", "GPUs per instance (fractional for vGPU shares)", kGeneralDecimals, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::decimal(r.gpuCount); }},
    {"precision", "weights: fp32 bf16 fp16 fp8 int8 int4 fp4", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(toString(r.precision)); }},
    {"engine", "vllm sglang trtllm tgi lmdeploy llamacpp mlc hf generic", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(toString(r.engine)); }},
    {"tp", "tensor-parallel degree", 0, false, {}, [](const PlanRow& r, const Ctx&) { return Cell::whole(r.tp); }},
    {"replicas", "replicas for the peak load after cache hits", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::whole(r.replicas)); }},
    {"capacity_qps_per_replica", "requests/s one replica sustains within the SLO", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.capacityQpsPerReplica)); }},
    {"hourly_cost", "the fleet, currency per hour", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return fleetMoney(r, r.hourlyCost); }},
    {"monthly_cost", "the fleet, currency per month (hourly x hours per month)", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return fleetMoney(r, r.monthlyCost); }},
    {"currency", "ISO 4217 code", 0, false, {},
     [](const PlanRow&, const Ctx& c) { return Cell::of(c.result.currency); }},
    {"cost_per_million_output_tokens", "currency per 10^6 output tokens at the planned load", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return fleetMoney(r, r.costPerMillionOutputTokens); }},
    {"ttft_p95_ms", "ms at the SLO percentile and the replica's capacity", 1, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.ttftMs.value)); }},
    {"tpot_p95_ms", "ms at the SLO percentile and the replica's capacity", 2, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.tpotMs.value)); }},
    {"status", "ok no_fit no_price slo_miss over_budget", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(toString(r.status)); }},
    {"message", "why the status is not ok", 0, true, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(toEnglish(r.message)); }},
    // The CLI's extras.
    {"pp", "pipeline-parallel degree (instances a replica spans)", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::whole(r.pp); }},
    {"mig_profile", "MIG slice (e.g. 3g.40gb); empty for whole GPUs", 0, true, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(r.migProfile); }},
    {"instances", "instances of the fleet", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::whole(r.instances)); }},
    {"replicas_per_instance", "replicas sharing one instance", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::whole(r.replicasPerInstance); }},
    {"pricing", "pricing plan (engine toString: on_demand spot reserved_1y ...)", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(toString(r.pricing)); }},
    {"load_qps", "requests/s reaching the GPUs (peak x (1 - cache hit rate))", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::decimal(r.loadQps); }},
    {"utilisation", "load / fleet capacity, 0..1", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.utilisation)); }},
    {"headroom", "fleet capacity / load - 1", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.headroom)); }},
    {"cost_per_million_input_tokens", "currency per 10^6 input tokens", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return fleetMoney(r, r.costPerMillionInputTokens); }},
    {"cost_per_million_total_tokens", "currency per 10^6 tokens", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return fleetMoney(r, r.costPerMillionTotalTokens); }},
    {"cost_per_million_output_tokens_at_capacity", "currency per 10^6 output tokens, the fleet fully loaded", 4,
     false, {}, [](const PlanRow& r, const Ctx&) { return fleetMoney(r, r.costPerMillionOutputTokensAtCapacity); }},
    {"max_qps_within_budget", "highest peak requests/s within budget and instance cap; empty = no limit", 4, false,
     {}, [](const PlanRow& r, const Ctx&) {
         return r.maxInstancesWithinBudget > 0 ? fleetMoney(r, r.maxQpsWithinBudget) : Cell::none();
     }},
    {"pareto_cost_capacity", "flag: no ok plan is cheaper with more capacity", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::yesNo(r.paretoCostCapacity); }},
    {"pareto_cost_latency", "flag: no ok plan is cheaper with lower latency", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::yesNo(r.paretoCostLatency); }},
    {"price_date", "effective date of the catalog price used", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return r.price ? Cell::of(r.price->effectiveDate) : Cell::none(); }},
    {"autoscaled_monthly_cost", "currency per month; empty when not simulated", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return money(r, r.autoscaling().simulated, r.autoscaling().monthlyCost); }},
    {"minutes_over_slo_per_day", "minutes; empty when not simulated", 0, false, {},
     [](const PlanRow& r, const Ctx&) {
         return r.autoscaling().simulated ? Cell::decimal(r.autoscaling().minutesOverSlo) : Cell::none();
     }},
    {"spot_expected_monthly_cost", "currency per month; empty without a spot mix", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return money(r, r.spot().applied, r.spot().expectedMonthlyCost); }},
    {"spot_capacity_lost_fraction", "0..1; empty without a spot mix", 6, false, {},
     [](const PlanRow& r, const Ctx&) {
         return r.spot().applied ? Cell::decimal(r.spot().expectedCapacityLostFraction) : Cell::none();
     }},
    {"burst_base_instances", "instances on the base plan; empty without a burst mix", 0, false, {},
     [](const PlanRow& r, const Ctx&) {
         return r.burstMix().applied ? Cell::whole(r.burstMix().baseInstances) : Cell::none();
     }},
    {"burst_mix_monthly_cost", "currency per month; empty without a burst mix", 4, false, {},
     [](const PlanRow& r, const Ctx&) { return money(r, r.burstMix().applied, r.burstMix().monthlyCost); }},
    // Serving layouts (issue 15).
    {"layout", "TP8, DP8·EP8, TP8·PP2, P: 2×(DP8 EP8) / D: 4×(DP8 EP8) MTP 1, ...", 0, true, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(r.layoutText()); }},
    {"attention_dp", "attention data-parallel groups (1 = off)", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::whole(r.attentionDp); }},
    {"ep", "expert-parallel width (1 = experts split by TP)", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::whole(r.ep); }},
    {"mtp_draft_tokens", "draft tokens per decode step (0 = no MTP)", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::whole(r.mtpDraftTokens); }},
    {"mtp_acceptance_rate", "0..1 per draft token; empty without MTP", 4, false, {},
     [](const PlanRow& r, const Ctx&) {
         return r.mtpDraftTokens > 0 ? Cell::decimal(r.mtpAcceptanceRate) : Cell::none();
     }},
    {"kv_cache_precision", "KV cache format: bf16 fp16 fp8", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::of(toString(r.kvCachePrecision)); }},
    {"disaggregated", "flag: prefill and decode pools", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return Cell::yesNo(r.disaggregated != nullptr); }},
    {"prefill_layout", "prefill pool layout; empty when aggregated", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return pool(r, true, PoolField::Layout); }},
    {"prefill_replicas", "prefill pool replicas", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return pool(r, true, PoolField::Replicas); }},
    {"prefill_instances", "prefill pool instances", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return pool(r, true, PoolField::Instances); }},
    {"decode_layout", "decode pool layout (with MTP); empty when aggregated", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return pool(r, false, PoolField::Layout); }},
    {"decode_replicas", "decode pool replicas", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return pool(r, false, PoolField::Replicas); }},
    {"decode_instances", "decode pool instances", 0, false, {},
     [](const PlanRow& r, const Ctx&) { return pool(r, false, PoolField::Instances); }},
    {"kv_transfer_ms", "ms to move one mean prompt's KV cache; empty when aggregated", 2, false, {},
     [](const PlanRow& r, const Ctx&) {
         return r.disaggregated ? Cell::decimal(r.disaggregated->kvTransferMs) : Cell::none();
     }},
    // The report's CSV alone.
    {"instances_per_replica", "instances one replica spans", 0, false, kReport,
     [](const PlanRow& r, const Ctx&) { return Cell::whole(r.instancesPerReplica); }},
    {"instance_hourly_cost", "one instance, currency per hour, after discount and FX", 4, false, kReport,
     [](const PlanRow& r, const Ctx&) { return money(r, true, r.instanceHourly); }},
    {"ttft_p95_ms_low", "uncertainty band edge, ms", 1, false, kReport,
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.ttftMs.low)); }},
    {"ttft_p95_ms_high", "uncertainty band edge, ms", 1, false, kReport,
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.ttftMs.high)); }},
    {"tpot_p95_ms_low", "uncertainty band edge, ms", 2, false, kReport,
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.tpotMs.low)); }},
    {"tpot_p95_ms_high", "uncertainty band edge, ms", 2, false, kReport,
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.tpotMs.high)); }},
    {"ttft_percentile", "0..1 (0.95 = p95)", 4, false, kReport,
     [](const PlanRow&, const Ctx& c) { return Cell::decimal(c.scenario.slo.ttftPercentile); }},
    {"tpot_percentile", "0..1 (0.95 = p95)", 4, false, kReport,
     [](const PlanRow&, const Ctx& c) { return Cell::decimal(c.scenario.slo.tpotPercentile); }},
    {"output_tokens_per_s_per_replica", "output tokens/s of one replica at capacity", 1, false, kReport,
     [](const PlanRow& r, const Ctx&) { return ifSized(r, Cell::decimal(r.outputTokensPerSPerReplica)); }},
    {"fixed_peak_monthly_cost", "currency per month provisioned for the peak; empty when not simulated", 4, false,
     kReport,
     [](const PlanRow& r, const Ctx&) {
         return money(r, r.autoscaling().simulated, r.autoscaling().fixedPeakMonthlyCost);
     }},
    {"autoscaling_savings_fraction", "1 - autoscaled / fixed (negative = autoscaling costs more)", 4, false,
     kReport, [](const PlanRow& r, const Ctx&) {
         return r.autoscaling().simulated ? Cell::decimal(r.autoscaling().savingsFraction) : Cell::none();
     }},
    {"price_source", "source of the catalog price used", 0, false, kReport,
     [](const PlanRow& r, const Ctx&) { return r.price ? Cell::of(r.price->source) : Cell::none(); }},
    };
}

std::vector<CurveColumn> buildCurveColumns() {
    return {
    {"rank", "the plan's rank", 0, {}, [](const CurvePoint& p) { return Cell::whole(p.curve.rank); }},
    {"label", "model | provider:type@region | precision engine tpN", 0, {},
     [](const CurvePoint& p) { return Cell::of(p.curve.label); }},
    {"qps_from", "peak requests/s before cache hits (exclusive)", 6, {},
     [](const CurvePoint& p) { return Cell::decimal(p.at.qpsFrom); }},
    {"qps_to", "peak requests/s before cache hits (inclusive)", 6, {},
     [](const CurvePoint& p) { return Cell::decimal(p.at.qpsTo); }},
    {"replicas", "replicas", 0, {}, [](const CurvePoint& p) { return Cell::whole(p.at.replicas); }},
    {"instances", "instances", 0, {}, [](const CurvePoint& p) { return Cell::whole(p.at.instances); }},
    {"monthly_cost", "currency per month", 4, {}, [](const CurvePoint& p) { return Cell::decimal(p.at.monthlyCost); }},
    {"currency", "ISO 4217 code", 0, {}, [](const CurvePoint& p) { return Cell::of(p.currency); }},
    {"step", "1-based step number within the curve", 0, kReport,
     [](const CurvePoint& p) { return Cell::whole(p.step); }},
    };
}
// clang-format on

template <typename Column>
std::vector<std::string> namesOf(const std::vector<Column>& columns, PlanOutput output) {
    std::vector<std::string> names;
    for (const Column& c : columns)
        if (carries(output, c.scope))
            names.emplace_back(c.name);
    return names;
}

} // namespace

const std::vector<PlanColumn>& planColumns() {
    static const std::vector<PlanColumn> columns = buildPlanColumns();
    return columns;
}

const std::vector<CurveColumn>& curveColumns() {
    static const std::vector<CurveColumn> columns = buildCurveColumns();
    return columns;
}

std::vector<std::string> planColumnNames(PlanOutput output) {
    return namesOf(planColumns(), output);
}

std::vector<std::string> curveColumnNames(PlanOutput output) {
    return namesOf(curveColumns(), output);
}

} // namespace serveplan
