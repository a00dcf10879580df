#include "perf/BatchSimulator.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <queue>
#include <random>
#include <vector>

namespace serveplan {

namespace {

struct Request {
    double arrival = 0;
    int input = 0;
    int output = 0;
    int generated = 0;      ///< tokens emitted so far (as of the last time the sequence left decode)
    double firstToken = -1; ///< time of the first token (TTFT end)
    double finish = -1;
};

/// A sequence whose prompt (plus recomputed tokens after a preemption) is being prefilled.
struct Prefilling {
    int request = 0;
    int prompt = 0; ///< tokens to prefill
    int done = 0;
    long long admitted = 0; ///< admission order (the newest is preempted first)
};

/// A sequence in decode: generated(G) = k0 + G - g0 for the global decode-step counter G.
struct Decoding {
    int request = 0;
    long long g0 = 0;
    int k0 = 0;
    long long finishG = 0;
    long long admitted = 0;
};

struct HeapItem {
    long long finishG;
    int request;
    bool operator>(const HeapItem& o) const { return finishG > o.finishG; }
};

class Run {
public:
    Run(const StepTimeModel& model, const SimConfig& config)
        : m_model(model)
        , m_c(config)
        , m_prefixHit(std::clamp(config.workload.prefixCacheHitRate, 0.0, 0.99)) {}
    SimResult execute();

private:
    void generateRequests();
    void acceptArrivals();
    bool admit(StepBatch& batch, double& budget, std::vector<std::pair<int, int>>& chunks);
    void finishRequest(int r);
    void issueNext();
    void startDecode(int r);
    void removeFinishedAt(long long g);
    void preemptNewest();
    void rebuildHeap();
    double decodeContext() const { return m_baseSum + double(m_decoding.size()) * double(m_g); }
    double kvUsed() const;
    long long kvStepsLeft() const;
    double reservation(const Request& r) const;

    const StepTimeModel& m_model;
    SimConfig m_c;
    std::vector<Request> m_requests;
    std::vector<int> m_arrivalOrder; // request ids by arrival time (offline/Poisson)
    std::size_t m_nextArrival = 0;
    int m_issued = 0; // closed loop: requests sent so far
    std::deque<int> m_waiting;
    std::vector<Prefilling> m_prefilling;
    std::vector<Decoding> m_decoding;
    std::priority_queue<HeapItem, std::vector<HeapItem>, std::greater<>> m_heap;
    std::vector<int> m_slot; // request -> index in m_decoding (-1 when not decoding)
    double m_now = 0;
    long long m_g = 0;
    double m_baseSum = 0;   // sum over decoders of input + k0 - g0
    double m_prefixHit = 0; // share of a fresh prompt served from the prefix cache
    double m_reserved = 0;  // reserveFullSequence: KV tokens reserved; else prefilling prompts
    long long m_admissions = 0;
    int m_completed = 0;
    SimResult m_result;
    double m_batchTime = 0;
};

double Run::reservation(const Request& r) const {
    return m_c.reserveFullSequence ? double(r.input) + r.output : 0.0;
}

double Run::kvUsed() const {
    if (m_c.reserveFullSequence)
        return m_reserved;
    return decodeContext() + m_reserved;
}

long long Run::kvStepsLeft() const {
    if (m_c.reserveFullSequence || m_decoding.empty())
        return std::numeric_limits<long long>::max();
    const double free = m_c.kvTokenCapacity - kvUsed();
    return static_cast<long long>(std::floor(free / double(m_decoding.size())));
}

void Run::generateRequests() {
    const int n = std::max(0, m_c.requests);
    const std::vector<int> inputs = drawLengths(m_c.workload.inputTokens, n, m_c.seed);
    const std::vector<int> outputs = drawLengths(m_c.workload.outputTokens, n, m_c.seed ^ 0x9e3779b97f4a7c15ULL);
    m_requests.resize(n);
    m_slot.assign(n, -1);
    std::mt19937_64 rng(m_c.seed * 2654435761ULL + 7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    double t = 0;
    for (int i = 0; i < n; ++i) {
        m_requests[i].input = inputs[i];
        m_requests[i].output = outputs[i];
        if (m_c.mode == SimConfig::Mode::Poisson) {
            t += -std::log(1.0 - uniform(rng)) / std::max(1e-9, m_c.rate);
            m_requests[i].arrival = t;
        }
    }
    if (m_c.mode == SimConfig::Mode::ClosedLoop) {
        m_issued = std::min(n, std::max(1, m_c.concurrency));
        for (int i = 0; i < m_issued; ++i)
            m_waiting.push_back(i);
    } else {
        m_arrivalOrder.resize(n);
        for (int i = 0; i < n; ++i)
            m_arrivalOrder[i] = i;
    }
}

void Run::acceptArrivals() {
    while (m_nextArrival < m_arrivalOrder.size() && m_requests[m_arrivalOrder[m_nextArrival]].arrival <= m_now + 1e-12)
        m_waiting.push_back(m_arrivalOrder[m_nextArrival++]);
}

void Run::issueNext() {
    if (m_c.mode != SimConfig::Mode::ClosedLoop || m_issued >= int(m_requests.size()))
        return;
    // The client sends its next request when this one returns (after the API overhead).
    m_requests[m_issued].arrival = m_now + m_c.requestOverheadS;
    m_arrivalOrder.push_back(m_issued++);
}

void Run::finishRequest(int r) {
    Request& req = m_requests[r];
    req.finish = m_now;
    ++m_completed;
    m_reserved -= reservation(req);
    issueNext();
}

void Run::startDecode(int r) {
    Request& req = m_requests[r];
    Decoding d{r, m_g, req.generated, m_g + (req.output - req.generated), m_admissions++};
    m_slot[r] = int(m_decoding.size());
    m_decoding.push_back(d);
    m_baseSum += double(req.input) + d.k0 - double(d.g0);
    m_heap.push({d.finishG, r});
}

void Run::removeFinishedAt(long long g) {
    while (!m_heap.empty() && m_heap.top().finishG <= g) {
        const HeapItem item = m_heap.top();
        m_heap.pop();
        const int slot = m_slot[item.request];
        if (slot < 0 || m_decoding[slot].finishG != item.finishG)
            continue; // stale entry of a preempted sequence
        const Decoding d = m_decoding[slot];
        m_baseSum -= double(m_requests[d.request].input) + d.k0 - double(d.g0);
        m_requests[d.request].generated = m_requests[d.request].output;
        m_decoding[slot] = m_decoding.back();
        m_slot[m_decoding[slot].request] = slot;
        m_decoding.pop_back();
        m_slot[d.request] = -1;
        finishRequest(d.request);
    }
}

void Run::rebuildHeap() {
    std::vector<HeapItem> items;
    items.reserve(m_decoding.size());
    for (const Decoding& d : m_decoding)
        items.push_back({d.finishG, d.request});
    m_heap = decltype(m_heap)(std::greater<>(), std::move(items));
}

void Run::preemptNewest() {
    // vLLM preempts the most recently admitted sequence and recomputes it later.
    std::size_t newest = 0;
    for (std::size_t i = 1; i < m_decoding.size(); ++i)
        if (m_decoding[i].admitted > m_decoding[newest].admitted)
            newest = i;
    const Decoding d = m_decoding[newest];
    Request& req = m_requests[d.request];
    req.generated = int(d.k0 + (m_g - d.g0));
    m_baseSum -= double(req.input) + d.k0 - double(d.g0);
    m_decoding[newest] = m_decoding.back();
    m_slot[m_decoding[newest].request] = int(newest);
    m_decoding.pop_back();
    m_slot[d.request] = -1;
    m_waiting.push_front(d.request);
    ++m_result.preemptions;
    rebuildHeap();
}

bool Run::admit(StepBatch& batch, double& budget, std::vector<std::pair<int, int>>& chunks) {
    // Continue the prompts already being prefilled, oldest first.
    for (std::size_t i = 0; i < m_prefilling.size() && budget > 0; ++i) {
        Prefilling& p = m_prefilling[i];
        const int chunk = int(std::min<double>(budget, p.prompt - p.done));
        if (chunk <= 0)
            continue;
        batch.addPrefillChunk(chunk, p.done, p.done + chunk >= p.prompt);
        chunks.emplace_back(int(i), chunk);
        budget -= chunk;
    }
    bool blocked = false;
    while (!m_waiting.empty() && budget > 0) {
        const int r = m_waiting.front();
        const Request& req = m_requests[r];
        const int prompt = req.input + req.generated; // recompute what a preemption dropped
        const double need = m_c.reserveFullSequence ? double(req.input) + req.output : double(prompt);
        const int running = int(m_prefilling.size() + m_decoding.size());
        if (running >= m_c.maxBatchSize || kvUsed() + need > m_c.kvTokenCapacity) {
            if (running == 0) { // it can never fit: drop it rather than stall
                m_waiting.pop_front();
                ++m_result.rejected;
                ++m_completed;
                issueNext();
                continue;
            }
            blocked = true;
            break;
        }
        if (!m_c.chunkedPrefill && prompt > budget && !chunks.empty())
            break; // unchunked engines prefill whole prompts; this one waits for the next step
        m_waiting.pop_front();
        m_reserved += m_c.reserveFullSequence ? need : double(prompt);
        // Prefix caching: a fresh request's cached share of the prompt is attended to, not computed.
        const int cached = req.generated == 0 ? int(std::min<double>(prompt - 1, std::floor(m_prefixHit * prompt))) : 0;
        m_prefilling.push_back({r, prompt, cached, m_admissions++});
        const int rest = prompt - cached;
        const int chunk = m_c.chunkedPrefill ? int(std::min<double>(budget, rest)) : rest;
        batch.addPrefillChunk(chunk, cached, chunk >= rest);
        chunks.emplace_back(int(m_prefilling.size()) - 1, chunk);
        budget -= chunk;
    }
    return blocked;
}

SimResult Run::execute() {
    generateRequests();
    const int n = int(m_requests.size());
    std::vector<std::pair<int, int>> chunks;
    while (m_completed < n) {
        ++m_result.events;
        acceptArrivals();
        if (m_waiting.empty() && m_prefilling.empty() && m_decoding.empty()) {
            if (m_nextArrival >= m_arrivalOrder.size())
                break; // nothing left that can arrive (only rejected requests remained)
            m_now = std::max(m_now, m_requests[m_arrivalOrder[m_nextArrival]].arrival);
            continue;
        }
        if (!m_c.reserveFullSequence && !m_decoding.empty() && kvStepsLeft() < 1) {
            preemptNewest();
            continue;
        }
        StepBatch batch;
        const double nd = double(m_decoding.size());
        double budget = m_c.maxBatchedTokens - (m_c.chunkedPrefill ? nd : 0.0);
        chunks.clear();
        admit(batch, budget, chunks);
        const bool prefillStep = !chunks.empty();
        const bool withDecodes = nd > 0 && (m_c.chunkedPrefill || !prefillStep);
        if (withDecodes) {
            batch.decodeSeqs = nd;
            batch.decodeContext = decodeContext();
            batch.sampled += nd;
        }
        long long k = 1;
        if (!prefillStep && m_decoding.empty())
            break; // cannot happen with a positive token budget; guards against a stall
        if (!prefillStep) {
            // Decode-only: nothing changes until a sequence finishes, a request arrives or the KV
            // cache runs out, so advance all those steps at once at their mean context.
            k = std::max(1LL, m_heap.top().finishG - m_g);
            k = std::min(k, std::max(1LL, kvStepsLeft()));
            const double t1 = m_model.stepTime(batch);
            if (m_nextArrival < m_arrivalOrder.size()) {
                const double wait = m_requests[m_arrivalOrder[m_nextArrival]].arrival - m_now;
                k = std::min(k, std::max(1LL, static_cast<long long>(std::ceil(wait / t1))));
            }
            if (k > 1)
                batch.decodeContext += nd * double(k - 1) / 2.0;
        }
        const double t = m_model.stepTime(batch) * double(k);
        m_batchTime += t * double(m_prefilling.size() + m_decoding.size());
        m_now += t;
        m_result.steps += k;
        if (withDecodes) {
            m_g += k;
            removeFinishedAt(m_g);
        }
        // Prompts whose prefill completed emit their first token and start decoding.
        for (const auto& [index, chunk] : chunks)
            m_prefilling[index].done += chunk;
        std::size_t keep = 0;
        for (std::size_t i = 0; i < m_prefilling.size(); ++i) {
            Prefilling p = m_prefilling[i];
            if (p.done < p.prompt) {
                m_prefilling[keep++] = p;
                continue;
            }
            Request& req = m_requests[p.request];
            if (!m_c.reserveFullSequence)
                m_reserved -= p.prompt;
            if (req.firstToken < 0)
                req.firstToken = m_now;
            req.generated += 1;
            if (req.generated >= req.output)
                finishRequest(p.request);
            else
                startDecode(p.request);
        }
        m_prefilling.resize(keep);
    }
    // Statistics over the completed requests.
    std::vector<double> ttft, tpot, e2e;
    double first = std::numeric_limits<double>::max(), last = 0;
    for (const Request& r : m_requests) {
        if (r.finish < 0)
            continue;
        first = std::min(first, r.arrival);
        last = std::max(last, r.finish);
        ttft.push_back(r.firstToken - r.arrival + m_c.requestOverheadS);
        e2e.push_back(r.finish - r.arrival + m_c.requestOverheadS);
        if (r.output > 1)
            tpot.push_back((r.finish - r.firstToken) / (r.output - 1));
        m_result.inputTokens += r.input;
        m_result.outputTokens += r.output;
    }
    m_result.completed = int(e2e.size());
    m_result.durationS = e2e.empty() ? 0 : last - first;
    if (m_result.durationS > 0) {
        m_result.outputTokensPerS = m_result.outputTokens / m_result.durationS;
        m_result.inputTokensPerS = m_result.inputTokens / m_result.durationS;
        m_result.totalTokensPerS = m_result.outputTokensPerS + m_result.inputTokensPerS;
        m_result.requestsPerS = m_result.completed / m_result.durationS;
        m_result.meanBatch = m_now > 0 ? m_batchTime / m_now : 0;
    }
    auto stats = [](std::vector<double>& v) {
        LatencyStats s;
        if (v.empty())
            return s;
        double sum = 0;
        for (double x : v)
            sum += x;
        s.mean = sum / double(v.size());
        // Increasing percentiles: each selection only searches what lies above the previous one.
        std::size_t below = 0;
        auto pick = [&v, &below](double q) {
            // Nearest rank: the smallest value with at least q of the sample at or below it.
            const auto rank = static_cast<std::size_t>(std::ceil(q * double(v.size())));
            const std::size_t i = std::max(below, std::clamp<std::size_t>(rank, 1, v.size()) - 1);
            std::nth_element(v.begin() + std::ptrdiff_t(below), v.begin() + std::ptrdiff_t(i), v.end());
            below = i;
            return v[i];
        };
        s.p50 = pick(0.50);
        s.p95 = pick(0.95);
        s.p99 = pick(0.99);
        return s;
    };
    m_result.ttftS = stats(ttft);
    m_result.tpotS = stats(tpot);
    m_result.e2eS = stats(e2e);
    return m_result;
}

} // namespace

double LatencyStats::at(double q) const {
    if (q <= 0.5)
        return mean + (p50 - mean) * (q / 0.5);
    if (q <= 0.95)
        return p50 + (p95 - p50) * (q - 0.5) / 0.45;
    return p95 + (p99 - p95) * std::min(1.0, (q - 0.95) / 0.04);
}

SimConfig SimConfig::forEngine(const EngineProfile& profile, const Deployment& d, const MemoryFit& memory) {
    SimConfig c;
    // Under DP-attention every group runs its own scheduler with the engine's budgets.
    // (In 64 bits and capped: a hostile attention_dp must not overflow the int budgets.)
    const long long groups = std::max(1, d.parallel.attentionDp);
    constexpr long long cap = 1LL << 30;
    c.maxBatchSize = int(std::min(cap, (d.maxBatchSize > 0 ? d.maxBatchSize : profile.maxBatchSize) * groups));
    c.maxBatchedTokens =
        int(std::min(cap, (d.maxBatchedTokens > 0 ? d.maxBatchedTokens : profile.maxBatchedTokens) * groups));
    c.kvTokenCapacity = memory.kvTokenCapacity;
    c.chunkedPrefill = profile.chunkedPrefill;
    c.reserveFullSequence = profile.reserveFullSequence;
    c.requestOverheadS = profile.params.requestOverheadS;
    return c;
}

BatchSimulator::BatchSimulator(const StepTimeModel& model, const SimConfig& config)
    : m_model(model)
    , m_config(config) {}

SimResult BatchSimulator::run() const {
    Run run(m_model, m_config);
    return run.execute();
}

std::vector<int> drawLengths(const LengthDistribution& d, int count, std::uint64_t seed) {
    std::vector<int> out(std::max(0, count));
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> normal(0.0, 1.0);
    const double lo = d.min > 0 ? d.min : 1.0;
    const double hi = d.max > 0 ? d.max : std::numeric_limits<double>::max();
    for (int& x : out) {
        double v = d.mean;
        switch (d.kind) {
        case LengthDistribution::Kind::Fixed:
            break;
        case LengthDistribution::Kind::Uniform:
            v = d.min + (d.max - d.min) * uniform(rng);
            break;
        case LengthDistribution::Kind::Normal:
            v = d.mean + d.stddev * normal(rng);
            break;
        case LengthDistribution::Kind::LogNormal: { // parameters from the distribution's own mean and sd
            const double m = std::max(1.0, d.mean);
            const double s2 = std::log(1.0 + (d.stddev * d.stddev) / (m * m));
            v = std::exp(std::log(m) - s2 / 2 + std::sqrt(s2) * normal(rng));
            break;
        }
        case LengthDistribution::Kind::Exponential:
            v = -std::log(1.0 - uniform(rng)) * d.mean;
            break;
        }
        if (d.kind != LengthDistribution::Kind::Fixed)
            v = std::clamp(v, lo, hi);
        x = std::max(1, int(std::lround(v)));
    }
    return out;
}

} // namespace serveplan
