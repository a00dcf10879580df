// After the sweep: the candidates in rank order, each full row built once in that order, the
// cost/capacity and cost/latency frontiers, and the calibrations the rows used.
#include "common/Prefault.h"
#include "plan/PlanRun.h"

#include <cstring>

namespace serveplan::planning {

namespace {

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

/// An order-preserving unsigned image of a double (−0 taken as +0), so the sort compares integers.
std::uint64_t orderedBits(double v) {
    v += 0.0;
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

struct RankKey {
    std::uint64_t cost;     ///< orderedBits(cost): cheaper first
    std::uint64_t capacity; ///< ~orderedBits(capacity): more capacity first
    std::uint32_t index;    ///< into the candidates: enumeration order breaks the last ties
    bool operator<(const RankKey& o) const {
        if (cost != o.cost)
            return cost < o.cost;
        if (capacity != o.capacity)
            return capacity < o.capacity;
        return index < o.index;
    }
};

/// The candidates' indices in rank order: by status (ok, over_budget, slo_miss, no_price, no_fit), then
/// cost, then capacity (more first), then enumeration order. A counting pass groups the statuses in
/// enumeration order, so each group sorts only its own keys, and a group already in order (no_fit
/// candidates all cost 0 and carry no capacity) is not sorted at all.
std::vector<RankKey> rankOrder(const std::vector<Candidate>& candidates) {
    constexpr int kGroups = 5;
    std::array<std::size_t, kGroups + 1> begin{};
    for (const Candidate& k : candidates)
        ++begin[static_cast<std::size_t>(statusOrder(k.status)) + 1];
    for (int g = 0; g < kGroups; ++g)
        begin[g + 1] += begin[g];
    std::array<std::size_t, kGroups> next{};
    std::copy(begin.begin(), begin.end() - 1, next.begin());
    std::vector<RankKey> keys(candidates.size());
    for (std::uint32_t i = 0; i < candidates.size(); ++i) {
        const Candidate& k = candidates[i];
        keys[next[static_cast<std::size_t>(statusOrder(k.status))]++] = {orderedBits(k.cost),
                                                                         ~orderedBits(k.capacityQps), i};
    }
    for (int g = 0; g < kGroups; ++g) {
        const auto first = keys.begin() + static_cast<std::ptrdiff_t>(begin[g]);
        const auto last = keys.begin() + static_cast<std::ptrdiff_t>(begin[g + 1]);
        if (!std::is_sorted(first, last))
            std::sort(first, last);
    }
    return keys;
}

} // namespace

/// Sorts the candidates by (status, cost, capacity, enumeration order), then builds each full row
/// once, in rank order, with its messages and extras: rows are large, so they are neither moved
/// around by the sort nor built twice, and what needs the rank order (the frontiers, the
/// calibration notes, which minute traces to keep) is done as each row is built, not in passes
/// over hundreds of megabytes of rows afterwards.
void Run::rank() {
    const std::vector<RankKey> keys = rankOrder(m_candidates);
    std::vector<PlanRow>& rows = m_result.rows;
    // Plain 4 KiB pages, faulted in by one call rather than one fault per page as the rows are written
    // (a quarter of the pass's time before); transparent huge pages were slower (README, Speed).
    rows.reserve(keys.size());
    prefaultForWriting(rows.data(), keys.size() * sizeof(PlanRow));
    // Rank order visits the candidates, and the capacity estimates they point to, at random: fetch them a
    // few rows ahead, or waiting on those cache misses is most of what building a row costs.
    constexpr std::size_t kCandidateAhead = 16;
    constexpr std::size_t kEstimateAhead = 8;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i + kCandidateAhead < keys.size())
            __builtin_prefetch(&m_candidates[keys[i + kCandidateAhead].index]);
        if (i + kEstimateAhead < keys.size())
            __builtin_prefetch(m_candidates[keys[i + kEstimateAhead].index].estimate);
        materialise(m_candidates[keys[i].index], static_cast<int>(rows.size()) + 1);
    }
    std::vector<Candidate>().swap(m_candidates);
}

void Run::materialise(const Candidate& k, int rank) {
    const Target& t = m_targets[k.target];
    const Precision precision = m_precisions[k.precisionIndex];
    const ServingEngine engine = m_s.engines[k.engineIndex];
    PlanRow& r = m_result.rows.emplace_back();
    r.rank = rank;
    const bool keepMinuteTrace =
        rank <= m_options.curvePlans; // minute traces are large: only for the plans with curves
    if (k.layout == kDisaggregatedLayout) {
        const DisaggregatedChoice& d = m_disaggregations[k.disaggregation];
        m_rowDisaggregation[rank] = k.disaggregation;
        initRow(r, *k.model, t, d.decode, precision, engine);
        evaluateDisaggregated(r, t, d, true);
        if (hasMoney(
                r.status)) // both pools scale, run on spot and mix reserved + burst (PlanDetail, plannedInstancesAt)
            extras(r, t, keepMinuteTrace);
    } else {
        Layout other;
        if (k.layout == kPipelined)
            other = multiNodeLayout(t, k.pp);
        else if (k.layout <= kEpMultiNode)
            other = expertMultiNodeLayout(t, kEpMultiNode - k.layout);
        const Layout& l = k.layout < 0 ? other : layoutsOf(k.target)[static_cast<std::size_t>(k.layout)];
        initRow(r, *k.model, t, l, precision, engine);
        evaluate(r, t, l, *k.estimate, true);
        if (hasMoney(r.status))
            extras(r, t, keepMinuteTrace);
    }
    noteCalibration(r);
    markFrontier(r);
}

/// Rows come in cost order: an ok row is on a frontier when it beats the best capacity (or latency)
/// of every cheaper ok row.
void Run::markFrontier(PlanRow& r) {
    if (r.status != PlanStatus::Ok)
        return;
    const double capacity = r.replicas * r.capacityQpsPerReplica;
    if (capacity > m_frontier.bestCapacity) {
        r.paretoCostCapacity = true;
        m_frontier.bestCapacity = capacity;
    }
    const double latency = r.e2eLatencyMs(m_workload.outputTokens.mean);
    if (latency < m_frontier.bestLatency) {
        r.paretoCostLatency = true;
        m_frontier.bestLatency = latency;
    }
}

/// "calibrated: GPU X with run N" once per calibration the rows used, in rank order.
void Run::noteCalibration(const PlanRow& r) {
    if (!r.calibration || contains(m_notedCalibrations, r.calibration))
        return;
    m_notedCalibrations.push_back(r.calibration);
    const std::string& engine = r.calibration->engine;
    std::vector<MessageArg> args = {MessageArg::name(r.calibration->gpuId), MessageArg::integer(r.calibration->runId)};
    if (engine != "generic")
        args.push_back(MessageArg::name(engine));
    m_result.warnings.emplace_back(engine == "generic" ? MessageCode::Calibrated : MessageCode::CalibratedEngineOnly,
                                   std::move(args));
}

} // namespace serveplan::planning
