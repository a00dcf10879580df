// Disaggregated plans: the prefill and decode pool layouts of a combination, their sizes for
// the load, the row and the cost curve of the two pools.
#include "plan/PlanDetail.h"
#include "plan/PlanRun.h"
#include <cmath>

namespace serveplan::planning {

/// Auto: MoE models on instances of 4+ GPUs whose load needs more than one instance (or that no
/// aggregated layout serves).
bool Run::wantsDisaggregation(const Combo& c) const {
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
std::vector<Layout> Run::poolLayouts(const Combo& c, bool decode) const {
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
double Run::instancesPerQps(const Layout& l, double qps) {
    return static_cast<double>(l.packing.instancesPerReplica) / l.packing.replicasPerInstance / qps;
}

/// The cheapest pools for this (model, class, precision, engine): the decode layout first (with
/// each layout as its own prefill pool), then the prefill layout against that decode pool. The
/// two pools interact only through the KV transfer, so the two passes find the pair that a
/// full cross-product would. Then the pool sizes for the load: the P:D ratio follows.
std::optional<DisaggregatedChoice> Run::chooseDisaggregation(const Combo& c) const {
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
        choice.instances =
            instancesFor(choice.prefillReplicas, prefill.packing) + instancesFor(choice.decodeReplicas, decode.packing);
        const double cost = instancesPerQps(prefill, choice.capacity.prefill.maxQps);
        if (!best || choice.instances < best->instances || (choice.instances == best->instances && cost < bestCost)) {
            bestCost = cost;
            best = std::move(choice);
        }
    }
    return best;
}

/// The class's disaggregated choice, computed once; null when no pair of pools serves the SLO.
const DisaggregatedChoice* Run::disaggregationFor(const Combo& c) {
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
void Run::tryDisaggregated(const Combo& c) {
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
                            c.target, static_cast<std::uint32_t>(d - m_disaggregations.data()), kDisaggregatedLayout,
                            static_cast<std::uint8_t>(c.precisionIndex), static_cast<std::uint8_t>(c.engineIndex), 1,
                            r.status});
}

/// Capacity of the sized pools: the smaller of the two pools' request rates.
double Run::fleetCapacity(const DisaggregatedChoice& d, int prefillReplicas, int decodeReplicas) {
    return std::min(prefillReplicas * d.capacity.prefill.maxQps, decodeReplicas * d.capacity.decode.maxQps);
}

/// Cost versus peak QPS of a disaggregated plan: each step adds a replica to the pool that runs
/// out first.
std::vector<CostStep> Run::disaggregatedSteps(const DisaggregatedChoice& d, double qpsMin, double qpsMax,
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

void Run::evaluateDisaggregated(PlanRow& r, const Target& t, const DisaggregatedChoice& d, bool withText) const {
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
    priceFleet(r, t, fleet);
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

} // namespace serveplan::planning

namespace serveplan {

DisaggregatedCapacity approximateDisaggregation(const CapacityFunction& capacity, const Deployment& prefill,
                                                const Deployment& decode, const NetworkLink& kvLink,
                                                const Workload& workload, const Slo& slo, CapacityMethod method) {
    DisaggregatedCapacity out;
    auto pool = [](const CapacityEstimate& c) {
        PoolCapacity p;
        p.fits = c.fits;
        p.sloFeasible = c.fits && c.sloFeasible && c.maxQps > 0;
        p.message = c.fits ? c.message : c.memory.reason.orElse(c.message);
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

} // namespace serveplan
