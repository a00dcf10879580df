// The sweep: every (model, target, precision, engine) and layout becomes a compact candidate
// record; capacity estimates are shared through a table per class of targets.
#include "plan/PlanDetail.h"
#include "plan/PlanRun.h"

#include <atomic>
#include <cmath>
#include <thread>

namespace serveplan::planning {

/// Calls `f` for every (model, target, precision, engine) in enumeration order until it returns false.
template <typename F>
void Run::forEachCombo(F&& f) const {
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

void Run::enumerate() {
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

Deployment Run::deploymentFor(const ModelSpec& model, const Target& t, const Layout& l, Precision p,
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

/// The estimate shared by every class of the target's GPU for its layout `slot` (m_classShared), or
/// null where the layout is not shared (multi-node layouts included).
std::uint32_t* Run::sharedEstimate(const Combo& c, int slot) {
    const std::vector<std::int32_t>& shared = m_classShared[m_classOf[c.target]];
    if (static_cast<std::size_t>(slot) >= shared.size() || shared[static_cast<std::size_t>(slot)] < 0)
        return nullptr;
    const auto id = static_cast<std::size_t>(shared[static_cast<std::size_t>(slot)]);
    return &m_sharedEstimate[((c.modelIndex * m_sharedLayouts + id) * m_precisions.size() + c.precisionIndex) *
                                 m_s.engines.size() +
                             c.engineIndex];
}

/// The capacity of a candidate's deployment, computed once per (model, target class, layout slot,
/// precision, engine): targets of one class differ only in price and region, so they share it. Classes
/// with the same GPU share it too where the replica fits in either instance (sharedEstimate).
const CapacityEstimate& Run::capacityOf(const Combo& c, int slot, const Layout& l) {
    std::uint32_t& entry = m_slotEstimate[slotIndex(c, slot)];
    if (entry == 0) {
        std::uint32_t* shared = sharedEstimate(c, slot);
        if (shared && *shared != 0) {
            entry = *shared;
        } else {
            const Deployment d = deploymentFor(*c.model, m_targets[c.target], l, c.precision, c.engine);
            m_estimates.push_back(m_capacity(d, m_workload, m_s.slo, m_s.capacityMethod));
            entry = static_cast<std::uint32_t>(m_estimates.size());
            if (shared)
                *shared = entry;
        }
    }
    return m_estimates[entry - 1];
}

std::size_t Run::slotIndex(const Combo& c, int slot) const {
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
void Run::precomputeCapacities() {
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
            std::uint32_t* shared = sharedEstimate(c, static_cast<int>(i));
            if (shared && *shared != 0) {
                entry = *shared;
                continue;
            }
            m_estimates.emplace_back();
            entry = static_cast<std::uint32_t>(m_estimates.size());
            if (shared)
                *shared = entry;
            jobs.push_back(
                {deploymentFor(*c.model, m_targets[c.target], layouts[i], c.precision, c.engine), &m_estimates.back()});
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

/// Evaluates one candidate (its ranking figures, no row) and keeps its compact record; a multi-node layout
/// (`layout` < 0) that does not fit is not kept (the next pipeline depth is tried instead).
bool Run::consider(const Combo& c, int layout, int slot, const Layout& l) {
    ++m_result.candidates;
    const Target& t = m_targets[c.target];
    const CapacityEstimate& estimate = capacityOf(c, slot, l);
    const Outcome o = outcome(t, l, estimate);
    const bool fits = o.status != PlanStatus::NoFit;
    if (fits || layout >= 0)
        m_candidates.push_back({c.model, &estimate, o.monthlyCost, o.capacityQps, c.target, 0,
                                static_cast<std::int16_t>(layout), static_cast<std::uint8_t>(c.precisionIndex),
                                static_cast<std::uint8_t>(c.engineIndex), static_cast<std::uint8_t>(l.pp), o.status});
    if (fits && hasMoney(o.status) && (m_best.instances == 0 || o.monthlyCost < m_best.cost))
        m_best = {o.monthlyCost, o.instances};
    return fits;
}

/// Pipelines a replica across several instances when no single instance holds the model.
void Run::tryMultiNode(const Combo& c) {
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

/// Expert parallelism across 2–18 instances for a MoE model, tried only where it can win: no
/// single-instance layout fits or meets the SLO, or the cheapest one needs more instances than
/// the multi-node replica spans (a replica of k instances never costs less than k of them).
/// Without a price only the smallest span that fits is kept.
void Run::tryExpertMultiNode(const Combo& c, bool anyFits) {
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
            fits |=
                consider(c, kEpMultiNode - code, static_cast<int>(m_expertSlot) + code, expertMultiNodeLayout(t, code));
        }
        if (fits && !t.price.available)
            return;
    }
}

void Run::evaluateTarget(const Combo& c) {
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

} // namespace serveplan::planning
