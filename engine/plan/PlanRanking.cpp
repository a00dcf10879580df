// After the sweep: the candidates in rank order, each full row built once in that order, the
// cost/capacity and cost/latency frontiers, and the calibrations the rows used.
#include "plan/PlanRun.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace serveplan::planning {

namespace {

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

} // namespace

/// Sorts the candidates by (status, cost, capacity, enumeration order), then builds each full row
/// once, in rank order, with its messages and extras: rows are large, so they are neither moved
/// around by the sort nor built twice.
void Run::rank() {
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

void Run::materialise(const Candidate& k, int rank) {
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

void Run::markFrontiers() {
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

/// "calibrated: GPU X with run N" once per calibration the rows used.
void Run::noteCalibrations() {
    std::vector<const GpuCalibration*> seen;
    for (const PlanRow& r : m_result.rows)
        if (r.calibration && !contains(seen, r.calibration)) {
            seen.push_back(r.calibration);
            const std::string& engine = r.calibration->engine;
            std::vector<MessageArg> args = {MessageArg::name(r.calibration->gpuId),
                                            MessageArg::integer(r.calibration->runId)};
            if (engine != "generic")
                args.push_back(MessageArg::name(engine));
            m_result.warnings.emplace_back(
                engine == "generic" ? MessageCode::Calibrated : MessageCode::CalibratedEngineOnly, std::move(args));
        }
}

} // namespace serveplan::planning
