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
    int attentionDp = 1;
    int ep = 1;
    int mtp = 0; ///< MTP draft tokens (0 = off)
    Packing packing;
    std::optional<MigProfile> mig;
    bool expertLayout() const { return ep > 1 || attentionDp > 1; }
};

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
/// Instances one expert-parallel replica of a MoE model may span (DP-attention + EP over all GPUs).
constexpr std::array<int, 8> kEpNodes{2, 3, 4, 6, 8, 12, 16, 18};
constexpr int kEpNodeSlots = static_cast<int>(kEpNodes.size()) * 2; ///< each with and without MTP
/// Multi-node EP layouts a disaggregated pool may take besides the single-instance ones (kEpNodes indices).
constexpr std::array<int, 2> kPoolEpNodes{0, 2}; ///< 2 and 4 instances
constexpr std::int16_t kPipelined = -1;          ///< Candidate::layout: pipelined over `pp` instances
constexpr std::int16_t kDisaggregatedLayout = std::numeric_limits<std::int16_t>::min();
/// Candidate::layout ≤ kEpMultiNode: EP over kEpNodes[(kEpMultiNode − layout) / 2] instances, MTP when odd.
constexpr std::int16_t kEpMultiNode = -2;

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
    const CapacityEstimate* estimate; ///< null for a disaggregated candidate
    double cost;                      ///< monthly cost when the status carries money, else 0
    double capacityQps;               ///< per replica
    std::uint32_t target;             ///< index into the run's targets
    std::uint32_t disaggregation;     ///< index into the run's disaggregated choices (kDisaggregatedLayout)
    std::int16_t layout; ///< index into the target's layouts; kPipelined, kEpMultiNode − i or kDisaggregatedLayout
    std::uint8_t precisionIndex; ///< into the run's precisions
    std::uint8_t engineIndex;    ///< into the scenario's engines
    std::uint8_t pp;
    PlanStatus status;
};
static_assert(sizeof(Candidate) <= 48, "a candidate record should stay a tenth of a row");

/// The best disaggregated deployment of one (model, class of targets, precision, engine): pool
/// layouts and sizes do not depend on the price, only on the GPU and GPU count, so every target of
/// the class shares it.
struct DisaggregatedChoice {
    Layout prefill;
    Layout decode;
    int prefillReplicas = 0;
    int decodeReplicas = 0;
    int instances = 0;
    DisaggregatedCapacity capacity;
};

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
    Run(const Catalog& catalog, const CapacityFunction& capacity, const DisaggregationFunction& disaggregation,
        bool capacityIsThreadSafe, const Scenario& scenario, const PlanOptions& options)
        : m_catalog(catalog)
        , m_capacity(capacity)
        , m_disaggregation(disaggregation)
        , m_threads(capacityIsThreadSafe ? threadsFor(options) : 1)
        , m_s(scenario)
        , m_options(options)
        , m_fx(catalog.fxRates, scenario.fxDate) {}

    PlanResult execute() {
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

    // ---- models and their precisions

    /// The precisions the run tries (the scenario's, then the models' native ones it lacks) and
    /// which of them each model takes; which models get expert-parallel and MTP layouts.
    void resolveModels() {
        m_precisions = m_s.precisions;
        const std::size_t n = m_s.models.size();
        m_modelPrecisions.assign(n, 0);
        m_modelExpert.assign(n, false);
        m_modelMtp.assign(n, false);
        for (std::size_t mi = 0; mi < n; ++mi) {
            const ModelSpec* model = m_catalog.model(m_s.models[mi]);
            if (!model)
                continue;
            for (std::size_t pi = 0; pi < m_s.precisions.size(); ++pi)
                m_modelPrecisions[mi] |= 1u << pi;
            const Precision native = nativePrecision(*model);
            // 16-bit checkpoints plan as BF16; a narrower native format (R1's FP8, gpt-oss's MXFP4)
            // is what the model ships in, so it is tried even when the scenario lists BF16 alone.
            if (m_s.nativePrecision && bytesPerElement(native) < 2 && !contains(m_s.precisions, native)) {
                auto it = std::find(m_precisions.begin(), m_precisions.end(), native);
                if (it == m_precisions.end())
                    it = m_precisions.insert(m_precisions.end(), native);
                m_modelPrecisions[mi] |= 1u << static_cast<unsigned>(it - m_precisions.begin());
            }
            m_modelExpert[mi] = model->isMoe() && m_s.expertParallel;
            m_modelMtp[mi] = hasMtpHead(*model) && m_s.mtp != MtpMode::Off;
        }
    }

    /// Whether a layout applies to the model: expert-parallel layouts to MoE models, MTP ones to
    /// models with an MTP head (and, with MTP on, only those for such a model).
    bool applies(std::size_t modelIndex, const Layout& l) const {
        if (l.expertLayout() && !m_modelExpert[modelIndex])
            return false;
        if (l.mtp > 0)
            return m_modelMtp[modelIndex];
        return !(m_modelMtp[modelIndex] && m_s.mtp == MtpMode::On && !l.mig);
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
        if (m_s.expertParallel && gpus >= 2 && m_anyExpert)
            for (int tp = 1; tp <= gpus; tp *= 2) {
                if (gpus % tp != 0 || (!m_s.tensorParallel.empty() && !contains(m_s.tensorParallel, tp)))
                    continue;
                Layout l; // DP-attention over the node (TP < GPUs), or TP over the node with EP (TP8·EP8)
                l.tp = tp;
                l.attentionDp = gpus / tp;
                l.ep = gpus;
                out.push_back(l);
            }
        if (m_anyMtp) {
            const std::size_t plain = out.size();
            for (std::size_t i = 0; i < plain; ++i) {
                Layout l = out[i];
                l.mtp = m_s.mtpDraftTokens;
                out.push_back(l);
            }
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
        parallel.attentionDp = l.attentionDp;
        parallel.ep = l.ep;
        Deployment d = plannedDeployment(model, t.gpu, t.instance, l.mig, parallel, p, e,
                                         t.calibration[static_cast<std::size_t>(e)], m_s);
        if (l.mtp > 0)
            d.speculative = {l.mtp, m_s.mtpAcceptanceRate};
        return d;
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
                    m_precisions.size() +
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
                if (!applies(c.modelIndex, layouts[i]))
                    continue;
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
                for (std::size_t pi = 0; pi < m_precisions.size(); ++pi) {
                    if (!(m_modelPrecisions[mi] >> pi & 1u))
                        continue;
                    for (std::size_t ei = 0; ei < m_s.engines.size(); ++ei)
                        if (!f(Combo{model, mi, t, pi, ei, m_precisions[pi], m_s.engines[ei]}))
                            return;
                }
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
        r.attentionDp = l.attentionDp;
        r.ep = l.ep;
        r.mtpDraftTokens = l.mtp;
        r.mtpAcceptanceRate = l.mtp > 0 ? m_s.mtpAcceptanceRate : 0.0;
        r.kvCachePrecision = m_s.kvCachePrecision.value_or(Precision::BF16);
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
            m_candidates.push_back(
                {c.model, &estimate, hasMoney(r.status) ? r.monthlyCost : 0.0, r.capacityQpsPerReplica, c.target, 0,
                 static_cast<std::int16_t>(layout), static_cast<std::uint8_t>(c.precisionIndex),
                 static_cast<std::uint8_t>(c.engineIndex), static_cast<std::uint8_t>(l.pp), r.status});
        if (fits && hasMoney(r.status) && (m_best.instances == 0 || r.monthlyCost < m_best.cost))
            m_best = {r.monthlyCost, r.instances};
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
        int slot = static_cast<int>(m_pipelineSlot);
        for (int pp = 2; pp <= kMaxPipeline; pp *= 2, ++slot)
            if (consider(c, kPipelined, slot, multiNodeLayout(t, pp)))
                return;
    }

    /// A MoE replica in DP-attention + EP over `kEpNodes[code / 2]` whole instances, MTP when `code` is odd.
    Layout expertMultiNodeLayout(const Target& t, int code) const {
        const int gpus = static_cast<int>(std::lround(t.instance ? t.instance->gpuCount : 8.0));
        const int nodes = kEpNodes[static_cast<std::size_t>(code / 2)];
        Layout l;
        l.attentionDp = gpus * nodes;
        l.ep = gpus * nodes;
        l.mtp = code % 2 == 1 ? m_s.mtpDraftTokens : 0;
        l.packing.instancesPerReplica = nodes;
        return l;
    }

    /// Whole instances of at least 4 GPUs whose count is an integer: what multi-node EP spans.
    static bool spansNodes(const Target& t) {
        if (!t.instance)
            return false;
        const double n = t.instance->gpuCount;
        return n >= 4 && std::abs(n - std::round(n)) < 1e-9;
    }

    /// Expert parallelism across 2–18 instances for a MoE model, tried only where it can win: no
    /// single-instance layout fits or meets the SLO, or the cheapest one needs more instances than
    /// the multi-node replica spans (a replica of k instances never costs less than k of them).
    /// Without a price only the smallest span that fits is kept.
    void tryExpertMultiNode(const Combo& c, bool anyFits) {
        const Target& t = m_targets[c.target];
        if (!m_s.allowMultiNode || !spansNodes(t) || (!m_s.tensorParallel.empty() && !contains(m_s.tensorParallel, 1)))
            return;
        if (!t.price.available && anyFits)
            return;
        const bool mtpOnly = m_modelMtp[c.modelIndex] && m_s.mtp == MtpMode::On;
        for (std::size_t n = 0; n < kEpNodes.size(); ++n) {
            if (m_best.instances > 0 && kEpNodes[n] >= m_best.instances)
                return;
            bool fits = false;
            for (int mtp = 0; mtp < 2; ++mtp) {
                if ((mtp == 1 && !m_modelMtp[c.modelIndex]) || (mtp == 0 && mtpOnly))
                    continue;
                const int code = static_cast<int>(n) * 2 + mtp;
                fits |= consider(c, kEpMultiNode - code, static_cast<int>(m_expertSlot) + code,
                                 expertMultiNodeLayout(t, code));
            }
            if (fits && !t.price.available)
                return;
        }
    }

    void evaluateTarget(const Combo& c) {
        const std::vector<Layout>& layouts = layoutsOf(c.target);
        m_best = {};
        bool anyFits = false;
        for (std::size_t i = 0; i < layouts.size(); ++i)
            if (applies(c.modelIndex, layouts[i]))
                anyFits |= consider(c, static_cast<int>(i), static_cast<int>(i), layouts[i]);
        if (!anyFits)
            tryMultiNode(c);
        if (m_modelExpert[c.modelIndex])
            tryExpertMultiNode(c, anyFits);
        if (wantsDisaggregation(c))
            tryDisaggregated(c);
    }

    // ---- disaggregation

    /// Auto: MoE models on instances of 4+ GPUs whose load needs more than one instance (or that no
    /// aggregated layout serves).
    bool wantsDisaggregation(const Combo& c) const {
        const Target& t = m_targets[c.target];
        if (m_s.disaggregation == DisaggregationMode::Off || !t.instance || !t.price.available)
            return false;
        if (m_s.disaggregation == DisaggregationMode::On)
            return true;
        // Auto: the deployments disaggregation is built for (whole nodes of 4+ GPUs) — it keeps a
        // full-catalog sweep from searching pools on every small instance a small MoE model fits.
        return c.model->isMoe() && m_best.instances != 1 && spansNodes(t);
    }

    /// The layouts a pool may take: whole single-instance layouts without MIG, and for MoE models EP
    /// over 2 and 4 instances. `decode` adds the MTP variants (only those with MTP on).
    std::vector<Layout> poolLayouts(const Combo& c, bool decode) const {
        const Target& t = m_targets[c.target];
        const bool mtp = decode && m_modelMtp[c.modelIndex];
        const bool mtpOnly = mtp && m_s.mtp == MtpMode::On;
        std::vector<Layout> out;
        // A MoE model's pools are whole-instance replicas: DP-attention + EP, or TP over the instance
        // (smaller TP replicas packed on an instance are what the EP layouts beat; skipping them halves
        // the pool search of a full-catalog sweep).
        const bool expert = m_modelExpert[c.modelIndex];
        for (const Layout& l : layoutsOf(c.target))
            if (!l.mig && (!l.expertLayout() || expert) && (l.mtp == 0 ? !mtpOnly : mtp) &&
                (!expert || l.packing.replicasPerInstance == 1))
                out.push_back(l);
        if (m_modelExpert[c.modelIndex] && m_s.allowMultiNode && spansNodes(t) &&
            (m_s.tensorParallel.empty() || contains(m_s.tensorParallel, 1)))
            for (int n : kPoolEpNodes)
                for (int m = 0; m < (mtp ? 2 : 1); ++m)
                    if (!(m == 0 && mtpOnly))
                        out.push_back(expertMultiNodeLayout(t, n * 2 + m));
        return out;
    }

    /// Instance-equivalents per request/s of a pool layout (what sizing the pool costs, before rounding).
    static double instancesPerQps(const Layout& l, double qps) {
        return static_cast<double>(l.packing.instancesPerReplica) / l.packing.replicasPerInstance / qps;
    }

    /// The cheapest pools for this (model, class, precision, engine): the decode layout first (with
    /// each layout as its own prefill pool), then the prefill layout against that decode pool. The
    /// two pools interact only through the KV transfer, so the two passes find the pair that a
    /// full cross-product would. Then the pool sizes for the load: the P:D ratio follows.
    std::optional<DisaggregatedChoice> chooseDisaggregation(const Combo& c) const {
        const Target& t = m_targets[c.target];
        const NetworkLink link; // KV over the inter-node fabric (RDMA, 400 Gb/s per GPU)
        auto deployment = [&](const Layout& l) { return deploymentFor(*c.model, t, l, c.precision, c.engine); };
        const std::vector<Layout> decodes = poolLayouts(c, true);
        std::optional<std::size_t> bestDecode;
        double bestDecodeCost = 0;
        for (std::size_t i = 0; i < decodes.size(); ++i) {
            Layout prefill = decodes[i];
            prefill.mtp = 0;
            const DisaggregatedCapacity cap =
                m_disaggregation(deployment(prefill), deployment(decodes[i]), link, m_workload, m_s.slo);
            const PoolCapacity& d = cap.decode;
            if (!d.fits || !d.sloFeasible || !(d.maxQps > 0))
                continue;
            const double cost = instancesPerQps(decodes[i], d.maxQps);
            if (!bestDecode || cost < bestDecodeCost) {
                bestDecode = i;
                bestDecodeCost = cost;
            }
        }
        if (!bestDecode)
            return std::nullopt;
        std::optional<DisaggregatedChoice> best;
        double bestCost = 0;
        for (const Layout& prefill : poolLayouts(c, false)) {
            const Layout& decode = decodes[*bestDecode];
            DisaggregatedCapacity cap =
                m_disaggregation(deployment(prefill), deployment(decode), link, m_workload, m_s.slo);
            if (!cap.fits() || !cap.sloFeasible() || !(cap.prefill.maxQps > 0) || !(cap.decode.maxQps > 0))
                continue;
            DisaggregatedChoice choice{prefill, decode, 0, 0, 0, std::move(cap)};
            choice.prefillReplicas = replicasFor(m_load, choice.capacity.prefill.maxQps);
            choice.decodeReplicas = replicasFor(m_load, choice.capacity.decode.maxQps);
            choice.instances = instancesFor(choice.prefillReplicas, prefill.packing) +
                               instancesFor(choice.decodeReplicas, decode.packing);
            const double cost = instancesPerQps(prefill, choice.capacity.prefill.maxQps);
            if (!best || choice.instances < best->instances ||
                (choice.instances == best->instances && cost < bestCost)) {
                bestCost = cost;
                best = std::move(choice);
            }
        }
        return best;
    }

    /// The class's disaggregated choice, computed once; null when no pair of pools serves the SLO.
    const DisaggregatedChoice* disaggregationFor(const Combo& c) {
        const std::size_t key =
            ((c.modelIndex * m_classLayouts.size() + m_classOf[c.target]) * m_precisions.size() + c.precisionIndex) *
                m_s.engines.size() +
            c.engineIndex;
        std::uint32_t& entry = m_disaggregationIndex[key];
        if (entry == 0) {
            std::optional<DisaggregatedChoice> choice = chooseDisaggregation(c);
            if (choice) {
                m_disaggregations.push_back(std::move(*choice));
                entry = static_cast<std::uint32_t>(m_disaggregations.size()) + 1;
            } else {
                entry = 1;
            }
        }
        return entry > 1 ? &m_disaggregations[entry - 2] : nullptr;
    }

    /// Adds the disaggregated candidate of the combination when it is cheaper than every aggregated
    /// one of it (or always with showBothModes).
    void tryDisaggregated(const Combo& c) {
        const DisaggregatedChoice* d = disaggregationFor(c);
        if (!d)
            return;
        ++m_result.candidates;
        const Target& t = m_targets[c.target];
        PlanRow r;
        initRow(r, *c.model, t, d->decode, c.precision, c.engine);
        evaluateDisaggregated(r, t, *d, false);
        if (!m_s.showBothModes && m_best.instances > 0 && !(r.monthlyCost < m_best.cost))
            return;
        m_candidates.push_back({c.model, nullptr, hasMoney(r.status) ? r.monthlyCost : 0.0, r.capacityQpsPerReplica,
                                c.target, static_cast<std::uint32_t>(d - m_disaggregations.data()),
                                kDisaggregatedLayout, static_cast<std::uint8_t>(c.precisionIndex),
                                static_cast<std::uint8_t>(c.engineIndex), 1, r.status});
    }

    /// Capacity of the sized pools: the smaller of the two pools' request rates.
    static double fleetCapacity(const DisaggregatedChoice& d, int prefillReplicas, int decodeReplicas) {
        return std::min(prefillReplicas * d.capacity.prefill.maxQps, decodeReplicas * d.capacity.decode.maxQps);
    }

    /// Cost versus peak QPS of a disaggregated plan: each step adds a replica to the pool that runs
    /// out first.
    std::vector<CostStep> disaggregatedSteps(const DisaggregatedChoice& d, double qpsMin, double qpsMax,
                                             double instanceMonthly, int maxSteps) const {
        std::vector<CostStep> steps;
        const double cp = d.capacity.prefill.maxQps;
        const double cd = d.capacity.decode.maxQps;
        if (!(cp > 0) || !(cd > 0) || !(qpsMax > qpsMin))
            return steps;
        const double miss = 1.0 - m_s.cacheHitRate;
        const double first = loadAfterCache(std::max(qpsMin, 1e-12), m_s.cacheHitRate);
        int p = replicasFor(first, cp);
        int q = replicasFor(first, cd);
        double from = qpsMin;
        while (from < qpsMax && static_cast<int>(steps.size()) < maxSteps) {
            const double to = std::min(qpsMax, fleetCapacity(d, p, q) / miss);
            const int instances = instancesFor(p, d.prefill.packing) + instancesFor(q, d.decode.packing);
            if (to > from) { // adding to the faster pool alone serves no more: no step of its own
                if (!steps.empty() && steps.back().instances == instances) {
                    steps.back().qpsTo = to;
                    steps.back().replicas = p + q;
                } else {
                    steps.push_back({from, to, p + q, instances, instances * instanceMonthly});
                }
                from = to;
            }
            if (p * cp <= q * cd)
                ++p;
            else
                ++q;
        }
        return steps;
    }

    void evaluateDisaggregated(PlanRow& r, const Target& t, const DisaggregatedChoice& d, bool withText) const {
        const DisaggregatedCapacity& cap = d.capacity;
        const double fleet = fleetCapacity(d, d.prefillReplicas, d.decodeReplicas);
        r.replicas = d.prefillReplicas + d.decodeReplicas;
        r.instances = d.instances;
        r.replicasPerInstance = 1;
        r.instancesPerReplica = 1;
        r.capacityQpsPerReplica = fleet / r.replicas;
        r.ttftMs = cap.prefill.ttftMs;
        r.tpotMs = cap.decode.tpotMs;
        r.outputTokensPerSPerReplica = r.capacityQpsPerReplica * m_workload.outputTokens.mean;
        r.utilisation = fleet > 0 ? m_load / fleet : 0;
        r.headroom = m_load > 0 ? fleet / m_load - 1 : 0;
        if (withText) {
            auto plan = std::make_shared<DisaggregatedPlan>();
            auto pool = [&](PoolPlan& p, const Layout& l, const PoolCapacity& c, int replicas) {
                p.tp = l.tp;
                p.pp = l.pp;
                p.attentionDp = l.attentionDp;
                p.ep = l.ep;
                p.mtpDraftTokens = l.mtp;
                p.replicas = replicas;
                p.replicasPerInstance = l.packing.replicasPerInstance;
                p.instancesPerReplica = l.packing.instancesPerReplica;
                p.instances = instancesFor(replicas, l.packing);
                p.capacityQpsPerReplica = c.maxQps;
                p.ttftMs = c.ttftMs;
                p.tpotMs = c.tpotMs;
                p.memory = c.memory;
            };
            pool(plan->prefill, d.prefill, cap.prefill, d.prefillReplicas);
            pool(plan->decode, d.decode, cap.decode, d.decodeReplicas);
            plan->kvTransferMs = cap.kvTransferS * 1e3;
            plan->kvBytesPerPrompt = cap.kvBytesPerPrompt;
            r.disaggregated = std::move(plan);
        }
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
        r.costPerMillionOutputTokensAtCapacity = costPerMillionTokens(r.hourlyCost, fleet * outTokens);
        if (m_s.monthlyBudget > 0 || m_s.maxInstances > 0) {
            // The most instances the limits allow, and the highest peak QPS the pools they hold serve.
            int limit = m_s.maxInstances > 0 ? m_s.maxInstances : std::numeric_limits<int>::max();
            if (m_s.monthlyBudget > 0 && t.price.perMonth > 0)
                limit = static_cast<int>(
                    std::min<double>(limit, std::floor(m_s.monthlyBudget / t.price.perMonth * (1 + 1e-12))));
            const double qpsMax = std::max(m_s.qps, fleet / (1.0 - m_s.cacheHitRate)) * 4 + 1;
            for (const CostStep& step : disaggregatedSteps(d, 0, qpsMax, t.price.perMonth, 400))
                if (step.instances <= limit) {
                    r.maxQpsWithinBudget = step.qpsTo;
                    r.maxInstancesWithinBudget = step.instances;
                }
        }
        applyLimits(r, withText);
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
        const std::size_t combinations = m_s.models.size() * m_precisions.size() * m_s.engines.size();
        m_candidates.reserve(perCombination * combinations);
        m_pipelineSlot = maxLayouts;
        m_expertSlot = m_pipelineSlot + kMultiNodeSlots;
        m_slots = m_expertSlot + (m_anyExpert ? kEpNodeSlots : 0);
        m_slotEstimate.assign(m_classLayouts.size() * m_slots * combinations, 0);
        if (m_s.disaggregation != DisaggregationMode::Off)
            m_disaggregationIndex.assign(m_classLayouts.size() * combinations, 0);
    }

    void enumerate() {
        prepareLayouts();
        if (m_threads > 1)
            precomputeCapacities();
        const std::size_t total = m_s.models.size() * m_targets.size() * m_precisions.size() * m_s.engines.size();
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
        const Precision precision = m_precisions[k.precisionIndex];
        const ServingEngine engine = m_s.engines[k.engineIndex];
        PlanRow& r = m_result.rows.emplace_back();
        r.rank = rank;
        if (k.layout == kDisaggregatedLayout) {
            // Autoscaling, spot and burst mixes size one kind of replica: not applied to two pools.
            const DisaggregatedChoice& d = m_disaggregations[k.disaggregation];
            m_rowDisaggregation[rank] = k.disaggregation;
            initRow(r, *k.model, t, d.decode, precision, engine);
            evaluateDisaggregated(r, t, d, true);
            return;
        }
        Layout other;
        if (k.layout == kPipelined)
            other = multiNodeLayout(t, k.pp);
        else if (k.layout <= kEpMultiNode)
            other = expertMultiNodeLayout(t, kEpMultiNode - k.layout);
        const Layout& l = k.layout < 0 ? other : layoutsOf(k.target)[static_cast<std::size_t>(k.layout)];
        initRow(r, *k.model, t, l, precision, engine);
        evaluate(r, t, l, *k.estimate, true);
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
            const bool plainTp = r.attentionDp == 1 && r.ep == 1 && r.mtpDraftTokens == 0 && !r.disaggregated;
            c.label = r.model->id + " | " + (r.instance ? r.instance->key() : r.gpu->id) + " | " +
                      std::string(toString(r.precision)) + " " + std::string(toString(r.engine)) +
                      (plainTp ? " tp" + std::to_string(r.tp) + (r.pp > 1 ? " pp" + std::to_string(r.pp) : "")
                               : " " + r.layoutText()) +
                      (r.migProfile.empty() ? "" : " " + r.migProfile);
            if (r.disaggregated) {
                c.disaggregated = true;
                c.steps = disaggregatedSteps(m_disaggregations[m_rowDisaggregation.at(r.rank)], m_s.qpsMin, qpsMax,
                                             r.instanceHourly * m_s.hoursPerMonth, m_options.maxCurveSteps);
            } else {
                c.steps = costCurve(m_s.qpsMin, qpsMax, r.capacityQpsPerReplica, m_s.cacheHitRate,
                                    {r.replicasPerInstance, r.instancesPerReplica},
                                    r.instanceHourly * m_s.hoursPerMonth, m_options.maxCurveSteps);
            }
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
    const DisaggregationFunction& m_disaggregation;
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
    std::size_t m_pipelineSlot = 0;                  ///< first slot of the pipelined multi-node layouts
    std::size_t m_expertSlot = 0;                    ///< first slot of the multi-node expert-parallel layouts
    std::vector<Precision> m_precisions;             ///< the scenario's precisions + the models' native ones
    std::vector<std::uint32_t> m_modelPrecisions;    ///< per model: bit i = takes m_precisions[i]
    std::vector<bool> m_modelExpert;                 ///< per model: gets expert-parallel layouts
    std::vector<bool> m_modelMtp;                    ///< per model: gets MTP layouts
    bool m_anyExpert = false;
    bool m_anyMtp = false;
    struct Best {
        double cost = 0;
        int instances = 0; ///< 0 = no aggregated candidate with a cost yet
    } m_best;              ///< the cheapest aggregated candidate of the current combination
    std::vector<std::uint32_t>
        m_disaggregationIndex; ///< per (model, class, precision, engine): 0 = not yet, 1 = none, else index + 2
    std::vector<DisaggregatedChoice> m_disaggregations;
    std::map<int, std::uint32_t> m_rowDisaggregation; ///< rank → its disaggregated choice
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

DisaggregatedCapacity approximateDisaggregation(const CapacityFunction& capacity, const Deployment& prefill,
                                                const Deployment& decode, const NetworkLink& kvLink,
                                                const Workload& workload, const Slo& slo, CapacityMethod method) {
    DisaggregatedCapacity out;
    auto pool = [](const CapacityEstimate& c) {
        PoolCapacity p;
        p.fits = c.fits;
        p.sloFeasible = c.fits && c.sloFeasible && c.maxQps > 0;
        p.message = c.fits ? c.message : (!c.memory.reason.empty() ? c.memory.reason : c.message);
        p.memory = c.memory;
        p.maxQps = c.maxQps;
        p.maxBatch = c.maxBatch;
        p.ttftMs = c.ttftMs;
        p.tpotMs = c.tpotMs;
        return p;
    };
    // The decode pool: the whole request within the TPOT target.
    Slo decodeSlo = slo;
    decodeSlo.ttftMs = 0;
    out.decode = pool(capacity(decode, workload, decodeSlo, method));
    // The KV of a mean prompt, sent by every GPU of the prefill replica over its own link share.
    out.kvBytesPerPrompt = out.decode.memory.kvBytesPerToken * workload.inputTokens.mean;
    const double linkBytesPerS = std::max(1e-9, kvLink.bandwidthGBps * 1e9 * prefill.parallel.gpus());
    out.kvTransferS = out.kvBytesPerPrompt / linkBytesPerS + kvLink.latencyUs * 1e-6;
    // The prefill pool: one-token requests within the TTFT target less the transfer.
    Workload prompts = workload;
    prompts.outputTokens = LengthDistribution::fixed(1);
    Slo prefillSlo = slo;
    prefillSlo.tpotMs = 0;
    if (slo.ttftMs > 0)
        prefillSlo.ttftMs = std::max(1e-3, slo.ttftMs - out.kvTransferS * 1e3);
    out.prefill = pool(capacity(prefill, prompts, prefillSlo, method));
    out.prefill.ttftMs.value += out.kvTransferS * 1e3;
    out.prefill.ttftMs.low += out.kvTransferS * 1e3;
    out.prefill.ttftMs.high += out.kvTransferS * 1e3;
    return out;
}

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
    Run run(m_catalog, m_capacity, m_disaggregation, m_capacityIsThreadSafe, scenario, options);
    return run.execute();
}

} // namespace serveplan
