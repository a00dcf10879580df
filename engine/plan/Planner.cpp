// The planner's public API (Planner.h) and the order of one planning pass. The pass's jobs live in
// files of their own (PlanRun.h names them): targets, layouts, enumeration, pricing,
// disaggregation, ranking, curves.
#include "plan/Planner.h"

#include "plan/PlanDetail.h"
#include "plan/PlanRun.h"

#include <algorithm>
#include <set>
#include <thread>

namespace serveplan {

namespace planning {

Run::Run(const Catalog& catalog, const CapacityFunction& capacity, const DisaggregationFunction& disaggregation,
         bool capacityIsThreadSafe, const Scenario& scenario, const PlanOptions& options)
    : m_catalog(catalog)
    , m_capacity(capacity)
    , m_disaggregation(disaggregation)
    , m_threads(capacityIsThreadSafe ? threadsFor(options) : 1)
    , m_s(scenario)
    , m_options(options)
    , m_fx(catalog.fxRates, scenario.fxDate) {}

PlanResult Run::execute() {
    m_result.currency = m_s.currency;
    m_workload = plannedWorkload(m_s);
    m_workload.prefixCacheHitRate = m_s.workload.prefixCacheHitRate; // a preset sets the lengths only
    resolveModels();
    m_anyExpert = std::find(m_modelExpert.begin(), m_modelExpert.end(), true) != m_modelExpert.end();
    m_anyMtp = std::find(m_modelMtp.begin(), m_modelMtp.end(), true) != m_modelMtp.end();
    m_load = loadAfterCache(m_s.qps, m_s.cacheHitRate);
    m_fractions = plannedTrafficFractions(m_s);
    buildTargets();
    enumerate();
    if (!m_result.cancelled)
        finish();
    m_result.fxNote = m_fx.note();
    m_result.capacityEstimates = m_estimates.size();
    return std::move(m_result);
}

void Run::finish() {
    rank(); // with the frontiers, the calibration notes and the minute traces kept
    curves();
    if (m_options.progress)
        m_options.progress(1.0);
}

std::size_t Run::threadsFor(const PlanOptions& options) {
    if (options.threads > 0)
        return static_cast<std::size_t>(options.threads);
    return std::max(1U, std::thread::hardware_concurrency());
}

} // namespace planning

namespace {

using planning::contains;
using planning::parseSelector;

/// "TP8", "DP8·EP8", "TP4·DP2·EP8", "TP8·PP2" (`sep` between the terms).
std::string layoutTerms(int tp, int attentionDp, int ep, int pp, const char* sep) {
    std::string out;
    auto add = [&](const char* name, int v) {
        out += (out.empty() ? "" : sep) + std::string(name) + std::to_string(v);
    };
    if (tp > 1 || attentionDp == 1)
        add("TP", tp);
    if (attentionDp > 1)
        add("DP", attentionDp);
    if (ep > 1)
        add("EP", ep);
    if (pp > 1)
        add("PP", pp);
    return out;
}

// ---- scenario checks against the catalog

void checkIds(const Catalog& catalog, const Scenario& s, std::vector<Message>& errors) {
    for (const std::string& id : s.models)
        if (!catalog.model(id))
            errors.push_back(scenarioProblem("models", MessageCode::UnknownModelId, {MessageArg::name(id)}));
    for (const std::string& id : s.gpus)
        if (!catalog.gpu(id))
            errors.push_back(scenarioProblem("gpus", MessageCode::UnknownGpuId, {MessageArg::name(id)}));
    std::set<std::string> providers{"onprem"};
    std::set<std::string> regions{"on-premises"};
    for (const InstanceSpec& i : catalog.instances) {
        providers.insert(i.provider);
        regions.insert(i.region);
    }
    for (const std::string& p : s.providers)
        if (!providers.count(p))
            errors.push_back(scenarioProblem("providers", MessageCode::UnknownProvider, {MessageArg::name(p)}));
    for (const std::string& r : s.regions)
        if (!regions.count(r))
            errors.push_back(scenarioProblem("regions", MessageCode::UnknownRegion, {MessageArg::name(r)}));
    for (const std::string& text : s.instances) {
        const auto sel = parseSelector(text);
        if (!sel)
            errors.push_back(
                scenarioProblem("instances", MessageCode::NotAnInstanceSelector, {MessageArg::name(text)}));
        else if (std::none_of(catalog.instances.begin(), catalog.instances.end(),
                              [&](const InstanceSpec& i) { return sel->matches(i); }))
            errors.push_back(scenarioProblem("instances", MessageCode::NoSuchInstance, {MessageArg::name(text)}));
    }
    for (const OnPremServer& o : s.onPrem)
        if (!catalog.gpu(o.gpuId))
            errors.push_back(scenarioProblem("on_prem." + o.name + ".gpu_id", MessageCode::UnknownGpuId,
                                             {MessageArg::name(o.gpuId)}));
}

void checkCurrencies(const Catalog& catalog, const Scenario& s, std::vector<Message>& errors) {
    const CurrencyConverter fx(catalog.fxRates, s.fxDate);
    if (!fx.knows(s.currency))
        errors.push_back(
            s.fxDate.empty()
                ? scenarioProblem("currency", MessageCode::NoFxRateInCatalog, {MessageArg::name(s.currency)})
                : scenarioProblem("currency", MessageCode::NoFxRateInCatalogOnOrBefore,
                                  {MessageArg::name(s.currency), MessageArg::name(s.fxDate)}));
    for (const OnPremServer& o : s.onPrem)
        if (!fx.knows(o.currency))
            errors.push_back(scenarioProblem("on_prem." + o.name + ".currency", MessageCode::NoFxRateForCurrency,
                                             {MessageArg::name(o.currency)}));
}

} // namespace

std::string_view toString(PlanStatus status) {
    switch (status) {
    case PlanStatus::Ok:
        return "ok";
    case PlanStatus::NoFit:
        return "no_fit";
    case PlanStatus::NoPrice:
        return "no_price";
    case PlanStatus::SloMiss:
        return "slo_miss";
    case PlanStatus::OverBudget:
        return "over_budget";
    }
    return "ok";
}

namespace {
const PlanExtras kNoExtras;
} // namespace

const AutoscalingOutcome& PlanRow::autoscaling() const {
    return (extras ? *extras : kNoExtras).autoscaling;
}

const SpotOutcome& PlanRow::spot() const {
    return (extras ? *extras : kNoExtras).spot;
}

const BurstMixOutcome& PlanRow::burstMix() const {
    return (extras ? *extras : kNoExtras).burstMix;
}

std::string PlanRow::provider() const {
    return instance ? instance->provider : std::string();
}
std::string PlanRow::instanceType() const {
    return instance ? instance->instanceType : std::string();
}
std::string PlanRow::region() const {
    return instance ? instance->region : std::string();
}

std::string PoolPlan::layoutText() const {
    return layoutTerms(tp, attentionDp, ep, pp, " ");
}

std::string PlanRow::layoutText() const {
    const std::string mtp = mtpDraftTokens > 0 ? " MTP " + std::to_string(mtpDraftTokens) : std::string();
    if (disaggregated)
        return "P: " + std::to_string(disaggregated->prefill.replicas) + "×(" + disaggregated->prefill.layoutText() +
               ") / D: " + std::to_string(disaggregated->decode.replicas) + "×(" + disaggregated->decode.layoutText() +
               ")" + mtp;
    return layoutTerms(tp, attentionDp, ep, pp, "·") + mtp;
}

double PlanRow::e2eLatencyMs(double meanOutputTokens) const {
    return ttftMs.value + tpotMs.value * std::max(0.0, meanOutputTokens - 1.0);
}

const PlanRow* PlanResult::byRank(int rank) const {
    for (const PlanRow& r : rows)
        if (r.rank == rank)
            return &r;
    return nullptr;
}

Planner::Planner(const Catalog& catalog, CapacityFunction capacity)
    : m_catalog(catalog)
    , m_capacity(std::move(capacity)) {
    m_disaggregation = [capacity = m_capacity](const Deployment& p, const Deployment& d, const NetworkLink& link,
                                               const Workload& w, const Slo& s) {
        return approximateDisaggregation(capacity, p, d, link, w, s, CapacityMethod::Analytic);
    };
}

Planner::Planner(const Catalog& catalog, CapacityFunction capacity, DisaggregationFunction disaggregation)
    : m_catalog(catalog)
    , m_capacity(std::move(capacity))
    , m_disaggregation(std::move(disaggregation)) {}

Result<void> Planner::check(const Scenario& scenario) const {
    std::vector<Message> errors = validateScenario(scenario);
    checkIds(m_catalog, scenario, errors);
    checkCurrencies(m_catalog, scenario, errors);
    if (!errors.empty())
        return Error::because(
            Message(MessageCode::InvalidScenario, {MessageArg::message(Message::list(std::move(errors)))}));
    return {};
}

Result<PlanResult> Planner::run(const Scenario& scenario, const PlanOptions& options) const {
    if (Result<void> ok = check(scenario); !ok)
        return Error(ok.error(), ok.reason());
    planning::Run run(m_catalog, m_capacity, m_disaggregation, m_capacityIsThreadSafe, scenario, options);
    return run.execute();
}

} // namespace serveplan
