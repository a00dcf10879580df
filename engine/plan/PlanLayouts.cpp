// The replica layouts of a target (TP, DP-attention + EP, MTP, MIG, fractional vGPU shares,
// pipelines and EP across instances) and which of them a model takes.
#include "plan/PlanDetail.h"
#include "plan/PlanRun.h"
#include <cmath>
#include <tuple>

namespace serveplan::planning {

/// Whether a layout applies to the model: expert-parallel layouts to MoE models, MTP ones to
/// models with an MTP head (and, with MTP on, only those for such a model).
bool Run::applies(std::size_t modelIndex, const Layout& l) const {
    if (l.expertLayout() && !m_modelExpert[modelIndex])
        return false;
    if (l.mtp > 0)
        return m_modelMtp[modelIndex];
    return !(m_modelMtp[modelIndex] && m_s.mtp == MtpMode::On && !l.mig);
}

std::vector<Layout> Run::layoutsFor(const Target& t) const {
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

/// A replica pipelined over `pp` instances of the target, all GPUs of each in tensor parallel.
Layout Run::multiNodeLayout(const Target& t, int pp) {
    Layout l;
    l.tp = static_cast<int>(std::lround(t.instance->gpuCount));
    l.pp = pp;
    l.packing.instancesPerReplica = pp;
    return l;
}

/// A MoE replica in DP-attention + EP over `kEpNodes[code / 2]` whole instances, MTP when `code` is odd.
Layout Run::expertMultiNodeLayout(const Target& t, int code) const {
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
bool Run::spansNodes(const Target& t) {
    if (!t.instance)
        return false;
    const double n = t.instance->gpuCount;
    return n >= 4 && std::abs(n - std::round(n)) < 1e-9;
}

/// Numbers the single-instance layouts that classes of one GPU have in common (m_classShared): a
/// whole-GPU replica no wider than its instance, in GPUs and in EP width.
void Run::shareLayoutsAcrossClasses(const std::map<std::pair<const GpuSpec*, double>, std::uint32_t>& classes) {
    using LayoutKey = std::tuple<const GpuSpec*, int, int, int, int, int>; // GPU, tp, pp, DP, EP, MTP
    std::map<LayoutKey, std::int32_t> ids;
    m_classShared.assign(m_classLayouts.size(), {});
    for (const auto& [key, cls] : classes) {
        const auto& [gpu, gpuCount] = key;
        const int gpusPerNode =
            gpuCount < 0 ? 8 : std::max(1, static_cast<int>(std::lround(gpuCount))); // plannedDeployment
        for (const Layout& l : m_classLayouts[cls]) {
            // True of every single-instance layout today; a layout wider than its instance would
            // depend on the instance's size and must not be shared.
            const bool withinNode = l.tp * l.attentionDp * l.pp <= gpusPerNode && l.ep <= gpusPerNode;
            std::int32_t id = -1;
            if (!l.mig && withinNode)
                id = ids.emplace(LayoutKey{gpu, l.tp, l.pp, l.attentionDp, l.ep, l.mtp},
                                 static_cast<std::int32_t>(ids.size()))
                         .first->second;
            m_classShared[cls].push_back(id);
        }
    }
    m_sharedLayouts = ids.size();
}

/// Layouts depend on the GPU and the GPU count alone: computed once per class of targets. They
/// size the candidate storage and the capacity table up front.
void Run::prepareLayouts() {
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
    shareLayoutsAcrossClasses(classes);
    m_sharedEstimate.assign(m_sharedLayouts * combinations, 0);
    if (m_s.disaggregation != DisaggregationMode::Off)
        m_disaggregationIndex.assign(m_classLayouts.size() * combinations, 0);
}

} // namespace serveplan::planning
