#include "plan/Planner.h"

#include "cost/OnPrem.h"
#include "cost/Pricing.h"
#include "plan/PlanDetail.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace serveplan {

namespace {

// ---- instance selection

struct InstanceSelector {
    std::string provider;
    std::string type;
    std::string region; ///< empty = any region
    bool matches(const InstanceSpec& i) const {
        return i.provider == provider && i.instanceType == type && (region.empty() || i.region == region);
    }
};

std::optional<InstanceSelector> parseSelector(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return std::nullopt;
    InstanceSelector s;
    s.provider = text.substr(0, colon);
    std::string rest = text.substr(colon + 1);
    const auto at = rest.find('@');
    if (at != std::string::npos) {
        s.region = rest.substr(at + 1);
        rest = rest.substr(0, at);
        if (s.region.empty())
            return std::nullopt;
    }
    s.type = rest;
    if (s.type.empty())
        return std::nullopt;
    return s;
}

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

std::string joined(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : sep) + p;
    return out;
}

std::string number(double v, int decimals = 2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// A deployable target: an instance (or an on-premises server) and its GPU.
struct Target {
    const InstanceSpec* instance = nullptr; ///< null: a bare GPU no instance carries
    const GpuSpec* gpu = nullptr;
    ResolvedPrice price;    ///< the scenario's plan (on-demand for on-prem)
    ResolvedPrice onDemand; ///< spot fallback
    ResolvedPrice spot;     ///< spot share
    ResolvedPrice mixBase;  ///< reserved/subscription base of the burst mix
    ResolvedPrice mixBurst;
    std::array<const GpuCalibration*, kServingEngineCount> calibration{}; ///< per engine; null = none applied
};

/// One replica layout on a target.
struct Layout {
    int tp = 1;
    int pp = 1;
    Packing packing;
    std::optional<MigProfile> mig;
};

/// A full-catalog sweep keeps hundreds of megabytes of rows: on Linux, ask for transparent huge pages
/// for them, so that filling them takes a few hundred page faults instead of tens of thousands.
void adviseHugePages(void* data, std::size_t bytes) {
#ifdef __linux__
    constexpr std::uintptr_t kHugePage = 2u << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHugePage - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE); // advice only: failure is harmless
#else
    (void)data;
    (void)bytes;
#endif
}

constexpr std::size_t kJobsPerThread = 8; ///< fewer capacity estimates than this per extra thread: not worth one
constexpr int kMaxPipeline = 16;          ///< deepest pipeline across instances tried for a model no instance holds
constexpr int kMultiNodeSlots = 4;        ///< pipeline depths 2, 4, 8, 16

/// One (model, target, precision, engine) combination of the sweep, with the positions that index the
/// capacity table.
struct Combo {
    const ModelSpec* model;
    std::size_t modelIndex;
    std::uint32_t target;
    std::size_t precisionIndex;
    std::size_t engineIndex;
    Precision precision;
    ServingEngine engine;
};

/// A candidate as the first pass keeps it: enough to rank it and to rebuild its full row later.
/// Capacity estimates live in the run's cache (node-based, so the pointers stay valid).
struct Candidate {
    const ModelSpec* model;
    const CapacityEstimate* estimate;
    double cost;          ///< monthly cost when the status carries money, else 0
    double capacityQps;   ///< per replica
    std::uint32_t target; ///< index into the run's targets
    Precision precision;
    ServingEngine engine;
    std::int16_t layout; ///< index into the target's layouts; -1 = pipelined over `pp` instances
    std::uint8_t pp;
    PlanStatus status;
};
static_assert(sizeof(Candidate) <= 48, "a candidate record should stay a tenth of a row");

int statusOrder(PlanStatus s) {
    switch (s) {
    case PlanStatus::Ok:
        return 0;
    case PlanStatus::OverBudget:
        return 1;
    case PlanStatus::SloMiss:
        return 2;
    case PlanStatus::NoPrice:
        return 3;
    case PlanStatus::NoFit:
        return 4;
    }
    return 5;
}

bool hasMoney(PlanStatus s) {
    return s == PlanStatus::Ok || s == PlanStatus::OverBudget;
}

/// The planning pass over one scenario. Holds the per-run state so Planner stays const and reentrant.
class Run {
public:
    Run(const Catalog& catalog, const CapacityFunction& capacity, bool capacityIsThreadSafe, const Scenario& scenario,
        const PlanOptions& options)
        : m_catalog(catalog)
        , m_capacity(capacity)
        , m_threads(capacityIsThreadSafe ? threadsFor(options) : 1)
        , m_s(scenario)
        , m_options(options)
        , m_fx(catalog.fxRates, scenario.fxDate) {}

    PlanResult execute() {
        m_result.currency = m_s.currency;
        m_workload = plannedWorkload(m_s);
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

private:
    // ---- targets

    bool passesFilters(const InstanceSpec& i) const {
        if (!m_s.providers.empty() && !contains(m_s.providers, i.provider))
            return false;
        if (!m_s.regions.empty() && !contains(m_s.regions, i.region) && !i.onPrem)
            return false;
        if (!m_s.gpus.empty() && !contains(m_s.gpus, i.gpuId))
            return false;
        if (m_selectors.empty())
            return true;
        return std::any_of(m_selectors.begin(), m_selectors.end(),
                           [&](const InstanceSelector& sel) { return sel.matches(i) || i.onPrem; });
    }

    void addTarget(const InstanceSpec& i) {
        Target t;
        t.instance = &i;
        t.gpu = m_catalog.gpu(i.gpuId);
        if (!t.gpu) {
            ++m_skippedNoGpu;
            return;
        }
        const double discount = i.onPrem ? 0.0 : m_s.discountFor(i.provider);
        auto price = [&](PricingPlan plan) {
            return resolvePrice(i, i.onPrem ? PricingPlan::OnDemand : plan, discount, m_s.hoursPerMonth, m_s.currency,
                                m_fx, m_s.priceDate);
        };
        t.price = price(m_s.pricing);
        resolveCalibrations(t);
        if (m_s.spot.share > 0) {
            t.onDemand = price(PricingPlan::OnDemand);
            t.spot = price(PricingPlan::Spot);
        }
        if (m_s.burstMix.enabled) {
            t.mixBase = price(m_s.burstMix.base);
            t.mixBurst = price(m_s.burstMix.burst);
        }
        m_targets.push_back(std::move(t));
    }

    void buildTargets() {
        for (const std::string& text : m_s.instances)
            if (auto sel = parseSelector(text))
                m_selectors.push_back(*sel);
        auto onPrem = std::make_shared<std::deque<InstanceSpec>>();
        for (const OnPremServer& server : m_s.onPrem)
            onPrem->push_back(onPremInstance(server, m_s.hoursPerMonth));
        m_result.onPremInstances = onPrem;
        for (const InstanceSpec& i : m_catalog.instances)
            if (passesFilters(i))
                addTarget(i);
        for (const InstanceSpec& i : *onPrem)
            if (passesFilters(i))
                addTarget(i);
        if (m_skippedNoGpu > 0)
            m_result.warnings.push_back(std::to_string(m_skippedNoGpu) +
                                        " instance(s) skipped: their GPU is not in the GPU catalog");
        addBareGpus();
    }

    /// The GPU's applied calibration for each engine of the scenario: once per target, not per candidate.
    void resolveCalibrations(Target& t) const {
        if (m_s.useCalibration && !m_catalog.calibrations.empty())
            for (ServingEngine e : m_s.engines)
                t.calibration[static_cast<std::size_t>(e)] = m_catalog.calibration(t.gpu->id, toString(e));
    }

    /// GPUs the user asked for that no selected instance carries: shown as "no price", not hidden.
    void addBareGpus() {
        for (const std::string& id : m_s.gpus) {
            const bool carried = std::any_of(m_targets.begin(), m_targets.end(),
                                             [&](const Target& t) { return t.gpu && t.gpu->id == id; });
            if (carried)
                continue;
            Target t;
            t.gpu = m_catalog.gpu(id);
            if (!t.gpu)
                continue;
            t.price.message = "no instance in the catalog carries GPU " + id + " (with the provider/region filters)";
            resolveCalibrations(t);
            m_targets.push_back(std::move(t));
        }
    }

    // ---- layouts

    std::vector<Layout> layoutsFor(const Target& t) const {
        std::vector<Layout> out;
        const double n = t.instance ? t.instance->gpuCount : 1.0;
        if (n > 0 && n < 1) { // a fractional vGPU share behaves like a slice of the GPU
            Layout l;
            l.mig = fractionalGpuShare(*t.gpu, n);
            out.push_back(l);
            return out;
        }
        const int gpus = static_cast<int>(std::lround(n));
        if (gpus < 1 || std::abs(n - gpus) > 1e-9)
            return out;
        for (int tp = 1; tp <= gpus; tp *= 2) {
            if (gpus % tp != 0 || (!m_s.tensorParallel.empty() && !contains(m_s.tensorParallel, tp)))
                continue;
            Layout l;
            l.tp = tp;
            l.packing.replicasPerInstance = gpus / tp;
            out.push_back(l);
        }
        if (m_s.allowMig && t.gpu->migMaxInstances > 0)
            for (const MigProfile* p : m_catalog.migProfilesFor(t.gpu->id)) {
                if (p->profile.find("+me") != std::string::npos)
                    continue; // media-extension variants have the same compute as their base profile
                Layout l;
                l.mig = *p;
                l.packing.replicasPerInstance = gpus * p->instancesMax;
                out.push_back(l);
            }
        return out;
    }

    // ---- evaluation

    Deployment deploymentFor(const ModelSpec& model, const Target& t, const Layout& l, Precision p,
                             ServingEngine e) const {
        Parallelism parallel;
        parallel.tp = l.tp;
        parallel.pp = l.pp;
        return plannedDeployment(model, t.gpu, t.instance, l.mig, parallel, p, e,
                                 t.calibration[static_cast<std::size_t>(e)], m_s);
    }

    /// The capacity of a candidate's deployment, computed once per (model, target class, layout slot,
    /// precision, engine): targets of one class differ only in price and region, so they share it.
    const CapacityEstimate& capacityOf(const Combo& c, int slot, const Layout& l) {
        const Target& t = m_targets[c.target];
        std::uint32_t& entry = m_slotEstimate[slotIndex(c, slot)];
        if (entry == 0) {
            const Deployment d = deploymentFor(*c.model, t, l, c.precision, c.engine);
            m_estimates.push_back(m_capacity(d, m_workload, m_s.slo, m_s.capacityMethod));
            entry = static_cast<std::uint32_t>(m_estimates.size());
        }
        return m_estimates[entry - 1];
    }

    std::size_t slotIndex(const Combo& c, int slot) const {
        const std::size_t cls = m_classOf[c.target];
        return (((c.modelIndex * m_classLayouts.size() + cls) * m_slots + static_cast<std::size_t>(slot)) *
                    m_s.precisions.size() +
                c.precisionIndex) *
                   m_s.engines.size() +
               c.engineIndex;
    }

    /// Computes the capacity of every single-instance layout up front, on several threads: the
    /// estimates are independent pure functions of their deployment. Multi-node layouts, tried only
    /// when no single-instance layout fits, stay lazy. Progress covers the first 60 %.
    void precomputeCapacities() {
        struct Job {
            Deployment deployment;
            CapacityEstimate* out;
        };
        std::vector<Job> jobs;
        forEachCombo([&](const Combo& c) {
            const std::vector<Layout>& layouts = layoutsOf(c.target);
            for (std::size_t i = 0; i < layouts.size(); ++i) {
                std::uint32_t& entry = m_slotEstimate[slotIndex(c, static_cast<int>(i))];
                if (entry != 0)
                    continue;
                m_estimates.emplace_back();
                entry = static_cast<std::uint32_t>(m_estimates.size());
                jobs.push_back({deploymentFor(*c.model, m_targets[c.target], layouts[i], c.precision, c.engine),
                                &m_estimates.back()});
            }
            return true;
        });
        std::atomic<std::size_t> next{0};
        auto work = [&](bool reportProgress) {
            for (std::size_t k = next++; k < jobs.size() && !cancelled(); k = next++) {
                *jobs[k].out = m_capacity(jobs[k].deployment, m_workload, m_s.slo, m_s.capacityMethod);
                if (reportProgress && m_options.progress && (k & 63) == 0)
                    m_options.progress(0.6 * static_cast<double>(k) / static_cast<double>(jobs.size()));
            }
        };
        const std::size_t helpers = std::min<std::size_t>(m_threads - 1, jobs.size() / kJobsPerThread);
        std::vector<std::thread> threads;
        threads.reserve(helpers);
        for (std::size_t i = 0; i < helpers; ++i)
            threads.emplace_back(work, false);
        work(true); // the calling thread works too, and alone reports progress
        for (std::thread& th : threads)
            th.join();
        m_progressStart = 0.6;
    }

    /// Calls `f` for every (model, target, precision, engine) in enumeration order until it returns false.
    template <typename F>
    void forEachCombo(F&& f) const {
        for (std::size_t mi = 0; mi < m_s.models.size(); ++mi) {
            const ModelSpec* model = m_catalog.model(m_s.models[mi]);
            if (!model)
                continue;
            for (std::uint32_t t = 0; t < m_targets.size(); ++t)
                for (std::size_t pi = 0; pi < m_s.precisions.size(); ++pi)
                    for (std::size_t ei = 0; ei < m_s.engines.size(); ++ei)
                        if (!f(Combo{model, mi, t, pi, ei, m_s.precisions[pi], m_s.engines[ei]}))
                            return;
        }
    }

    /// Fills the candidate's identity into a fresh row (in place: rows are large).
    void initRow(PlanRow& r, const ModelSpec& model, const Target& t, const Layout& l, Precision p,
                 ServingEngine e) const {
        r.model = &model;
        r.instance = t.instance;
        r.gpu = t.gpu;
        if (l.mig)
            r.migProfile = l.mig->profile;
        r.gpuCount = t.instance ? t.instance->gpuCount : 1.0;
        r.precision = p;
        r.engine = e;
        r.calibration = t.calibration[static_cast<std::size_t>(e)];
        r.tp = l.tp;
        r.pp = l.pp;
        r.replicasPerInstance = l.packing.replicasPerInstance;
        r.instancesPerReplica = l.packing.instancesPerReplica;
        r.pricing = t.instance && t.instance->onPrem ? PricingPlan::OnDemand : m_s.pricing;
        r.loadQps = m_load;
    }

    /// Fills capacity, sizing, money and status from the deployment's capacity `c`. Returns false when
    /// the layout does not fit. Without `withText` the messages are left out: the first pass over every
    /// candidate only needs the status and the cost to rank, and most candidates end up far from the top.
    bool evaluate(PlanRow& r, const Target& t, const Layout& l, const CapacityEstimate& c, bool withText) const {
        if (!c.fits) {
            r.status = PlanStatus::NoFit;
            if (withText) {
                r.message = !c.memory.reason.empty() ? c.memory.reason : c.message;
                if (r.message.empty())
                    r.message = "does not fit";
            }
            return false;
        }
        r.capacityQpsPerReplica = c.maxQps;
        r.ttftMs = c.ttftMs;
        r.tpotMs = c.tpotMs;
        r.outputTokensPerSPerReplica = c.outputTokensPerS;
        if (!c.sloFeasible || !(c.maxQps > 0)) {
            r.status = PlanStatus::SloMiss;
            if (withText)
                r.message = !c.message.empty() ? c.message : "misses the SLO even at a trickle of load";
            return true;
        }
        const FleetSize fleet = sizeFleet(m_load, c.maxQps, l.packing);
        r.replicas = fleet.replicas;
        r.instances = fleet.instances;
        r.utilisation = fleet.utilisation;
        r.headroom = fleet.headroom;
        if (!t.price.available) {
            r.status = PlanStatus::NoPrice;
            if (withText)
                r.message = t.price.message;
            return true;
        }
        price(r, t, l.packing, withText);
        return true;
    }

    void price(PlanRow& r, const Target& t, const Packing& packing, bool withText) const {
        r.hasPrice = true;
        r.price = t.price.source;
        r.instanceHourly = t.price.perHour;
        r.hourlyCost = r.instances * t.price.perHour;
        r.monthlyCost = r.hourlyCost * m_s.hoursPerMonth;
        const double outTokens = m_workload.outputTokens.mean;
        const double inTokens = m_workload.inputTokens.mean;
        r.costPerMillionOutputTokens = costPerMillionTokens(r.hourlyCost, m_load * outTokens);
        r.costPerMillionInputTokens = costPerMillionTokens(r.hourlyCost, m_load * inTokens);
        r.costPerMillionTotalTokens = costPerMillionTokens(r.hourlyCost, m_load * (inTokens + outTokens));
        r.costPerMillionOutputTokensAtCapacity =
            costPerMillionTokens(r.hourlyCost, r.replicas * r.capacityQpsPerReplica * outTokens);
        const BudgetReach reach = budgetReach(m_s.monthlyBudget, m_s.maxInstances, t.price.perMonth,
                                              r.capacityQpsPerReplica, m_s.cacheHitRate, packing);
        if (reach.limited) {
            r.maxQpsWithinBudget = reach.maxQps;
            r.maxInstancesWithinBudget = reach.instances;
        }
        applyLimits(r, withText);
    }

    void applyLimits(PlanRow& r, bool withText) const {
        const bool overCap = m_s.maxInstances > 0 && r.instances > m_s.maxInstances;
        const bool overBudget = m_s.monthlyBudget > 0 && r.monthlyCost > m_s.monthlyBudget * (1.0 + 1e-12);
        if (!overCap && !overBudget)
            return;
        r.status = PlanStatus::OverBudget;
        if (!withText)
            return;
        std::vector<std::string> why;
        if (overCap)
            why.push_back("needs " + std::to_string(r.instances) + " instances, max_instances is " +
                          std::to_string(m_s.maxInstances));
        if (overBudget)
            why.push_back("monthly cost " + number(r.monthlyCost) + " " + m_s.currency + " is over the budget of " +
                          number(m_s.monthlyBudget) + " " + m_s.currency);
        r.message = joined(why, "; ") + "; within the limits it serves up to " + number(r.maxQpsWithinBudget) +
                    " QPS (" + std::to_string(r.maxInstancesWithinBudget) + " instances)";
    }

    /// Evaluates one candidate (without messages) and keeps its compact record; a multi-node layout
    /// (`layout` < 0) that does not fit is not kept (the next pipeline depth is tried instead).
    bool consider(const Combo& c, int layout, int slot, const Layout& l) {
        ++m_result.candidates;
        const Target& t = m_targets[c.target];
        const CapacityEstimate& estimate = capacityOf(c, slot, l);
        PlanRow r;
        initRow(r, *c.model, t, l, c.precision, c.engine);
        const bool fits = evaluate(r, t, l, estimate, false);
        if (fits || layout >= 0)
            m_candidates.push_back({c.model, &estimate, hasMoney(r.status) ? r.monthlyCost : 0.0,
                                    r.capacityQpsPerReplica, c.target, c.precision, c.engine,
                                    static_cast<std::int16_t>(layout), static_cast<std::uint8_t>(l.pp), r.status});
        return fits;
    }

    /// A replica pipelined over `pp` instances of the target, all GPUs of each in tensor parallel.
    static Layout multiNodeLayout(const Target& t, int pp) {
        Layout l;
        l.tp = static_cast<int>(std::lround(t.instance->gpuCount));
        l.pp = pp;
        l.packing.instancesPerReplica = pp;
        return l;
    }

    /// Pipelines a replica across several instances when no single instance holds the model.
    void tryMultiNode(const Combo& c) {
        const Target& t = m_targets[c.target];
        if (!m_s.allowMultiNode || !t.instance || t.instance->gpuCount < 1)
            return;
        const int gpus = static_cast<int>(std::lround(t.instance->gpuCount));
        if (!m_s.tensorParallel.empty() && !contains(m_s.tensorParallel, gpus))
            return;
        int slot = static_cast<int>(m_slots) - kMultiNodeSlots;
        for (int pp = 2; pp <= kMaxPipeline; pp *= 2, ++slot)
            if (consider(c, -1, slot, multiNodeLayout(t, pp)))
                return;
    }

    void evaluateTarget(const Combo& c) {
        const std::vector<Layout>& layouts = layoutsOf(c.target);
        bool anyFits = false;
        for (std::size_t i = 0; i < layouts.size(); ++i)
            anyFits |= consider(c, static_cast<int>(i), static_cast<int>(i), layouts[i]);
        if (!anyFits)
            tryMultiNode(c);
    }

    const std::vector<Layout>& layoutsOf(std::uint32_t target) const { return m_classLayouts[m_classOf[target]]; }

    bool cancelled() const { return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed); }

    /// Layouts depend on the GPU and the GPU count alone: computed once per class of targets. They
    /// size the candidate storage and the capacity table up front.
    void prepareLayouts() {
        std::map<std::pair<const GpuSpec*, double>, std::uint32_t> classes;
        std::size_t perCombination = 0;
        std::size_t maxLayouts = 0;
        m_classOf.reserve(m_targets.size());
        for (const Target& t : m_targets) {
            // A bare GPU (no instance) is planned as part of an 8-GPU node: its own class.
            const auto key = std::make_pair(t.gpu, t.instance ? t.instance->gpuCount : -1.0);
            auto [it, added] = classes.emplace(key, static_cast<std::uint32_t>(m_classLayouts.size()));
            if (added) {
                m_classLayouts.push_back(layoutsFor(t));
                maxLayouts = std::max(maxLayouts, m_classLayouts.back().size());
            }
            m_classOf.push_back(it->second);
            perCombination += std::max<std::size_t>(1, m_classLayouts[it->second].size());
        }
        const std::size_t combinations = m_s.models.size() * m_s.precisions.size() * m_s.engines.size();
        m_candidates.reserve(perCombination * combinations);
        m_slots = maxLayouts + kMultiNodeSlots;
        m_slotEstimate.assign(m_classLayouts.size() * m_slots * combinations, 0);
    }

    void enumerate() {
        prepareLayouts();
        if (m_threads > 1)
            precomputeCapacities();
        const std::size_t total = m_s.models.size() * m_targets.size() * m_s.precisions.size() * m_s.engines.size();
        const double span = 0.9 - m_progressStart;
        std::size_t done = 0;
        forEachCombo([&](const Combo& c) {
            evaluateTarget(c);
            if ((++done & 63) == 0) {
                if (cancelled()) {
                    m_result.cancelled = true;
                    return false;
                }
                if (m_options.progress)
                    m_options.progress(m_progressStart + span * static_cast<double>(done) / static_cast<double>(total));
            }
            return true;
        });
    }

    // ---- after enumeration: extras, ranking, frontier, curves

    void extras(PlanRow& r, const Target& t) const {
        const Packing packing{r.replicasPerInstance, r.instancesPerReplica};
        const double coldStart = plannedColdStartSeconds(r, m_s);
        // The same function gives the report and the details pane their autoscaling day or week (PlanDetail).
        if (m_s.autoscaling.enabled)
            r.autoscaling = simulatePlanAutoscaling(r, m_s, m_fractions);
        // Spot capacity and reserved/burst purchase plans do not exist for owned servers.
        if (t.instance && t.instance->onPrem)
            return;
        if (m_s.spot.share > 0 && t.spot.available && t.onDemand.available) {
            SpotInput in{r.instances, t.onDemand.perHour, t.spot.perHour, r.replicas * r.capacityQpsPerReplica,
                         coldStart,   m_s.hoursPerMonth};
            r.spot = expectedSpot(in, m_s.spot);
        }
        if (m_s.burstMix.enabled && t.mixBase.available && t.mixBurst.available) {
            std::vector<int> need;
            need.reserve(m_fractions.size());
            for (double f : m_fractions)
                need.push_back(f > 0 ? instancesFor(replicasFor(m_load * f, r.capacityQpsPerReplica), packing) : 0);
            r.burstMix = optimiseBurstMix(need, t.mixBase.perHour, t.mixBurst.perHour, m_s.hoursPerMonth);
        }
    }

    /// Sorts the candidates by (status, cost, capacity, enumeration order), then builds each full row
    /// once, in rank order, with its messages and extras: rows are large, so they are neither moved
    /// around by the sort nor built twice.
    void rank() {
        struct Key {
            double cost;
            double capacity;
            std::uint32_t index;
            int status;
        };
        std::vector<Key> keys;
        keys.reserve(m_candidates.size());
        for (std::uint32_t i = 0; i < m_candidates.size(); ++i) {
            const Candidate& k = m_candidates[i];
            keys.push_back({k.cost, k.capacityQps, i, statusOrder(k.status)});
        }
        std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
            if (a.status != b.status)
                return a.status < b.status;
            if (a.cost != b.cost)
                return a.cost < b.cost;
            if (a.capacity != b.capacity)
                return a.capacity > b.capacity;
            return a.index < b.index;
        });
        std::vector<PlanRow>& rows = m_result.rows;
        rows.reserve(keys.size());
        adviseHugePages(rows.data(), rows.capacity() * sizeof(PlanRow));
        for (const Key& k : keys)
            materialise(m_candidates[k.index], static_cast<int>(rows.size()) + 1);
        std::vector<Candidate>().swap(m_candidates);
    }

    void materialise(const Candidate& k, int rank) {
        const Target& t = m_targets[k.target];
        const Layout multiNode = k.layout < 0 ? multiNodeLayout(t, k.pp) : Layout{};
        const Layout& l = k.layout < 0 ? multiNode : layoutsOf(k.target)[static_cast<std::size_t>(k.layout)];
        PlanRow& r = m_result.rows.emplace_back();
        initRow(r, *k.model, t, l, k.precision, k.engine);
        evaluate(r, t, l, *k.estimate, true);
        r.rank = rank;
        if (hasMoney(r.status))
            extras(r, t);
    }

    void markFrontiers() {
        std::vector<PlanRow*> ok;
        for (PlanRow& r : m_result.rows)
            if (r.status == PlanStatus::Ok)
                ok.push_back(&r);
        // Rows are in cost order already; the sweeps keep the best capacity/latency seen so far.
        double bestCapacity = -1;
        double bestLatency = std::numeric_limits<double>::infinity();
        const double out = m_workload.outputTokens.mean;
        for (PlanRow* r : ok) {
            const double capacity = r->replicas * r->capacityQpsPerReplica;
            if (capacity > bestCapacity) {
                r->paretoCostCapacity = true;
                bestCapacity = capacity;
            }
            const double latency = r->e2eLatencyMs(out);
            if (latency < bestLatency) {
                r->paretoCostLatency = true;
                bestLatency = latency;
            }
        }
    }

    void curves() {
        const double qpsMax = m_s.qpsMax > 0 ? m_s.qpsMax : 2.0 * m_s.qps;
        for (const PlanRow& r : m_result.rows) {
            if (static_cast<int>(m_result.curves.size()) >= m_options.curvePlans || r.status != PlanStatus::Ok)
                break;
            CostCurve c;
            c.rank = r.rank;
            c.label = r.model->id + " | " + (r.instance ? r.instance->key() : r.gpu->id) + " | " +
                      std::string(toString(r.precision)) + " " + std::string(toString(r.engine)) + " tp" +
                      std::to_string(r.tp) + (r.pp > 1 ? " pp" + std::to_string(r.pp) : "") +
                      (r.migProfile.empty() ? "" : " " + r.migProfile);
            c.steps = costCurve(m_s.qpsMin, qpsMax, r.capacityQpsPerReplica, m_s.cacheHitRate,
                                {r.replicasPerInstance, r.instancesPerReplica}, r.instanceHourly * m_s.hoursPerMonth,
                                m_options.maxCurveSteps);
            m_result.curves.push_back(std::move(c));
        }
    }

    /// "calibrated: GPU X with run N" once per calibration the rows used.
    void noteCalibrations() {
        std::vector<const GpuCalibration*> seen;
        for (const PlanRow& r : m_result.rows)
            if (r.calibration && !contains(seen, r.calibration)) {
                seen.push_back(r.calibration);
                const std::string& engine = r.calibration->engine;
                m_result.warnings.push_back("calibrated: GPU " + r.calibration->gpuId + " with run " +
                                            std::to_string(r.calibration->runId) +
                                            (engine == "generic" ? std::string() : " (" + engine + " only)"));
            }
    }

    void finish() {
        rank();
        noteCalibrations();
        markFrontiers();
        curves();
        // Minute traces are large: keep them for the plans that also get curves.
        for (PlanRow& r : m_result.rows)
            if (r.rank > m_options.curvePlans)
                std::vector<int>().swap(r.autoscaling.replicasPerMinute);
        if (m_options.progress)
            m_options.progress(1.0);
    }

    static std::size_t threadsFor(const PlanOptions& options) {
        if (options.threads > 0)
            return static_cast<std::size_t>(options.threads);
        return std::max(1U, std::thread::hardware_concurrency());
    }

    const Catalog& m_catalog;
    const CapacityFunction& m_capacity;
    std::size_t m_threads = 1;
    double m_progressStart = 0; ///< where the enumeration's progress starts (after a parallel pre-pass)
    const Scenario& m_s;
    const PlanOptions& m_options;
    CurrencyConverter m_fx;
    Workload m_workload;
    double m_load = 0;
    std::vector<double> m_fractions;
    std::vector<InstanceSelector> m_selectors;
    std::vector<Target> m_targets;
    std::vector<std::vector<Layout>> m_classLayouts; ///< per class of targets (same GPU and GPU count)
    std::vector<std::uint32_t> m_classOf;            ///< per target, its class
    std::size_t m_slots = 0;                         ///< layout slots per class: the most layouts + multi-node depths
    std::vector<std::uint32_t> m_slotEstimate; ///< capacity table: 0 = not computed, else index + 1 into m_estimates
    std::deque<CapacityEstimate> m_estimates;  ///< stable addresses: candidates point into it
    int m_skippedNoGpu = 0;
    std::vector<Candidate> m_candidates; ///< every evaluated candidate, in enumeration order
    PlanResult m_result;
};

// ---- scenario checks against the catalog

void checkIds(const Catalog& catalog, const Scenario& s, std::vector<std::string>& errors) {
    for (const std::string& id : s.models)
        if (!catalog.model(id))
            errors.push_back("models: unknown model id '" + id + "'");
    for (const std::string& id : s.gpus)
        if (!catalog.gpu(id))
            errors.push_back("gpus: unknown gpu id '" + id + "'");
    std::set<std::string> providers{"onprem"};
    std::set<std::string> regions{"on-premises"};
    for (const InstanceSpec& i : catalog.instances) {
        providers.insert(i.provider);
        regions.insert(i.region);
    }
    for (const std::string& p : s.providers)
        if (!providers.count(p))
            errors.push_back("providers: unknown provider '" + p + "'");
    for (const std::string& r : s.regions)
        if (!regions.count(r))
            errors.push_back("regions: unknown region '" + r + "'");
    for (const std::string& text : s.instances) {
        const auto sel = parseSelector(text);
        if (!sel)
            errors.push_back("instances: '" + text + "' is not PROVIDER:TYPE or PROVIDER:TYPE@REGION");
        else if (std::none_of(catalog.instances.begin(), catalog.instances.end(),
                              [&](const InstanceSpec& i) { return sel->matches(i); }))
            errors.push_back("instances: no instance '" + text + "' in the catalog");
    }
    for (const OnPremServer& o : s.onPrem)
        if (!catalog.gpu(o.gpuId))
            errors.push_back("on_prem." + o.name + ".gpu_id: unknown gpu id '" + o.gpuId + "'");
}

void checkCurrencies(const Catalog& catalog, const Scenario& s, std::vector<std::string>& errors) {
    const CurrencyConverter fx(catalog.fxRates, s.fxDate);
    if (!fx.knows(s.currency))
        errors.push_back("currency: no FX rate for '" + s.currency + "' in the catalog" +
                         (s.fxDate.empty() ? std::string() : " on or before " + s.fxDate));
    for (const OnPremServer& o : s.onPrem)
        if (!fx.knows(o.currency))
            errors.push_back("on_prem." + o.name + ".currency: no FX rate for '" + o.currency + "'");
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

std::string PlanRow::provider() const {
    return instance ? instance->provider : std::string();
}
std::string PlanRow::instanceType() const {
    return instance ? instance->instanceType : std::string();
}
std::string PlanRow::region() const {
    return instance ? instance->region : std::string();
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
    , m_capacity(std::move(capacity)) {}

Result<void> Planner::check(const Scenario& scenario) const {
    std::vector<std::string> errors = validateScenario(scenario);
    checkIds(m_catalog, scenario, errors);
    checkCurrencies(m_catalog, scenario, errors);
    if (!errors.empty())
        return Error{"invalid scenario: " + joined(errors, "; ")};
    return {};
}

Result<PlanResult> Planner::run(const Scenario& scenario, const PlanOptions& options) const {
    if (Result<void> ok = check(scenario); !ok)
        return Error{ok.error()};
    Run run(m_catalog, m_capacity, m_capacityIsThreadSafe, scenario, options);
    return run.execute();
}

} // namespace serveplan
