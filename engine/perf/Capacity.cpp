#include "perf/Capacity.h"

#include "perf/Bands.h"
#include "perf/BatchSimulator.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

namespace {
constexpr double kSimBracket = 1.25;    // the simulated search starts at analytic capacity / and x this
constexpr double kSimResolution = 1.02; // and stops when its bracket is this narrow (the 400-request
                                        // simulation's own sampling noise is larger)
constexpr int kBatchSearchSteps = 8;    // over log(batch): 2^(11/256), ~3% on a 2048 range (analytic)
constexpr int kSimulatedRequests = 400; // per trial rate of the simulated search

bool valid(const Deployment& d) {
    return d.model && d.gpu && d.parallel.tp > 0 && d.parallel.pp > 0;
}

MemoryFit invalidFit(const Deployment& d) {
    MemoryFit fit;
    fit.reason = Message(!d.model ? MessageCode::NoModelGiven
                         : !d.gpu ? MessageCode::NoGpuGiven
                                  : MessageCode::ParallelAtLeastOne);
    return fit;
}

bool meets(double ttft, double tpot, const Slo& slo) {
    return (slo.ttftMs <= 0 || ttft * 1e3 <= slo.ttftMs) && (slo.tpotMs <= 0 || tpot * 1e3 <= slo.tpotMs);
}

void fillAnalytic(CapacityEstimate& out, const AnalyticCapacity& model, const Workload& w, const Slo& slo,
                  const EngineProfile& profile) {
    const double ttftTail = AnalyticCapacity::ttftTail(slo.ttftPercentile);
    const double tpotTail = AnalyticCapacity::tpotTail(slo.tpotPercentile);
    AnalyticPoint accepted; // the last point that met the SLO: the search ends on it
    auto ok = [&](double b) {
        // TPOT first: when it already misses, the TTFT step need not be evaluated.
        AnalyticPoint p = model.at(b, false);
        if (slo.tpotMs > 0 && p.tpotS * tpotTail * 1e3 > slo.tpotMs)
            return false;
        model.addTtft(p);
        if (!meets(p.ttftS * ttftTail, p.tpotS * tpotTail, slo))
            return false;
        accepted = p;
        return true;
    };
    double lo = 1, hi = model.maxBatch();
    out.sloFeasible = ok(lo);
    if (!out.sloFeasible) {
        out.message = Message(MessageCode::SloMissedAtOneRequest);
    } else if (!ok(hi)) {
        double a = 0, b = std::log(hi); // bisect on log(batch): latencies grow with the batch
        for (int i = 0; i < kBatchSearchSteps; ++i) {
            const double mid = (a + b) / 2;
            (ok(std::exp(mid)) ? a : b) = mid;
        }
        hi = std::exp(a);
    }
    const double finalBatch = out.sloFeasible ? hi : lo;
    const AnalyticPoint p = accepted.batch == finalBatch ? accepted : model.at(finalBatch);
    out.maxQps = out.sloFeasible ? p.qps : 0;
    out.maxBatch = p.batch;
    out.ttftMs = withBand(p.ttftS * ttftTail * 1e3, profile.bands.ttft);
    out.tpotMs = withBand(p.tpotS * tpotTail * 1e3, profile.bands.tpot);
    out.outputTokensPerS = out.maxQps * w.outputTokens.mean;
    out.inputTokensPerS = out.maxQps * w.inputTokens.mean;
}

void fillSimulated(CapacityEstimate& out, const AnalyticCapacity& analytic, const StepTimeModel& model,
                   const Deployment& d, const Workload& w, const Slo& slo, const EngineProfile& profile) {
    SimConfig base = SimConfig::forEngine(profile, d, out.memory);
    base.workload = w;
    base.requests = kSimulatedRequests;
    base.mode = SimConfig::Mode::Poisson;
    auto trial = [&](double rate) {
        SimConfig c = base;
        c.rate = rate;
        return BatchSimulator(model, c).run();
    };
    auto ok = [&](const SimResult& r) {
        return r.completed > 0 && meets(r.ttftS.at(slo.ttftPercentile), r.tpotS.at(slo.tpotPercentile), slo) &&
               r.requestsPerS > 0;
    };
    // Past saturation the delivered rate falls behind the offered one: treat as a miss.
    auto accepted = [&](double rate, const SimResult& r) { return ok(r) && r.requestsPerS >= 0.8 * rate; };
    // The saturated rate bounds the search: beyond it the queue grows without limit. A trickle of
    // load is the lowest rate tried.
    const double ceiling = std::max(1e-3, analytic.at(analytic.maxBatch()).qps * 1.5);
    const double trickle = ceiling / 256;
    // The analytic SLO capacity is usually within a few tens of percent of the simulated one: the
    // search starts from a narrow bracket around it and widens only when the bracket misses.
    CapacityEstimate guess;
    fillAnalytic(guess, analytic, w, slo, profile);
    const double start = std::clamp(guess.sloFeasible ? guess.maxQps : trickle, trickle, ceiling);
    double lo = std::max(trickle, start / kSimBracket);
    double hi = std::min(ceiling, start * kSimBracket);
    SimResult best = trial(lo);
    while (lo > trickle && !accepted(lo, best)) { // widen downwards
        hi = lo;
        lo = std::max(trickle, lo / (kSimBracket * kSimBracket));
        best = trial(lo);
    }
    out.sloFeasible = lo > trickle ? true : ok(best);
    if (!out.sloFeasible) {
        out.message = Message(MessageCode::SloMissedAtTrickle);
    } else {
        while (hi < ceiling) { // widen upwards while the upper edge still meets the SLO
            const SimResult r = trial(hi);
            if (!accepted(hi, r))
                break;
            lo = hi;
            best = r;
            hi = std::min(ceiling, hi * kSimBracket * kSimBracket);
        }
        while (hi / lo > kSimResolution) {
            const double mid = std::sqrt(lo * hi); // geometric: the rate may span decades
            const SimResult r = trial(mid);
            if (accepted(mid, r)) {
                lo = mid;
                best = r;
            } else {
                hi = mid;
            }
        }
    }
    out.maxQps = out.sloFeasible ? lo : 0;
    out.maxBatch = best.meanBatch;
    out.ttftMs = withBand(best.ttftS.at(slo.ttftPercentile) * 1e3, profile.bands.ttft);
    out.tpotMs = withBand(best.tpotS.at(slo.tpotPercentile) * 1e3, profile.bands.tpot);
    out.outputTokensPerS = out.maxQps * w.outputTokens.mean;
    out.inputTokensPerS = out.maxQps * w.inputTokens.mean;
}
} // namespace

AnalyticCapacity::AnalyticCapacity(const StepTimeModel& model, const EngineProfile& profile, const Deployment& d,
                                   const Workload& w, const MemoryFit& memory)
    : m_model(model) {
    m_input = std::max(1.0, w.inputTokens.mean);
    m_output = std::max(1.0, w.outputTokens.mean);
    m_chunk = model.tokenBudget();
    m_cached = std::clamp(w.prefixCacheHitRate, 0.0, 0.99) * m_input;
    const double perSequence = profile.reserveFullSequence ? m_input + m_output : m_input + m_output / 2;
    const double byMemory = memory.kvTokenCapacity / perSequence;
    // The engine's running-sequence cap holds per attention group under DP-attention.
    const double byEngine =
        double(d.maxBatchSize > 0 ? d.maxBatchSize : profile.maxBatchSize) * std::max(1, d.parallel.attentionDp);
    m_maxBatch = std::max(1.0, std::min(byMemory, byEngine));
    m_requestOverhead = profile.params.requestOverheadS;
}

StepBatch AnalyticCapacity::steadyBatch(double b) const {
    // Steady state: each step every running sequence emits a token and b/O new prompts are
    // prefilled in the same step (chunked prefill), so a step carries b x I / O prompt tokens.
    StepBatch steady;
    steady.decodeSeqs = b;
    steady.decodeContext = b * (m_input + m_output / 2);
    // Prefix caching: the cached share of each prompt is attended to, not computed. (With MTP the
    // step times are per emitted token, so this stays one token per sequence per step.)
    const double arrivalsPerStep = b / m_output;
    const double computed = m_input - m_cached;
    steady.prefillTokens = arrivalsPerStep * computed;
    steady.prefillAttention = arrivalsPerStep * (computed * m_cached + computed * (computed + 1) / 2);
    steady.prefillSeqs = arrivalsPerStep;
    steady.sampled = b + arrivalsPerStep;
    return steady;
}

AnalyticPoint AnalyticCapacity::at(double b, bool withTtft) const {
    AnalyticPoint p;
    p.batch = b;
    p.tpotS = m_model.stepTime(steadyBatch(b));
    if (withTtft)
        addTtft(p);
    return p;
}

void AnalyticCapacity::addTtft(AnalyticPoint& p) const {
    // A new prompt rides in chunks next to the decodes; queueing behind other prompts grows with
    // the batch (aiconfigurator's vLLM-calibrated 1 + log2(b)/8, capped at 2).
    const double b = p.batch;
    const double computed = m_input - m_cached;
    const double chunk = std::max(64.0, std::min(computed, m_chunk - b));
    StepBatch withPrompt = steadyBatch(b);
    withPrompt.addPrefillChunk(chunk, m_cached + computed / 2, true);
    const double chunks = std::ceil(computed / chunk);
    const double queueing = std::min(2.0, 1.0 + std::log2(std::max(1.0, b)) / 8.0);
    p.ttftS = chunks * m_model.stepTime(withPrompt) * queueing + m_requestOverhead;
    p.qps = b / (p.ttftS + (m_output - 1) * p.tpotS);
}

double AnalyticCapacity::ttftTail(double q) {
    // Exponential-like spread of queueing delay: p50 ~ 0.8x, p95 ~ 1.8x, p99 ~ 2.4x the mean.
    if (q <= 0)
        return 1.0;
    return std::max(0.5, 1.0 + 0.35 * std::log((1.0 - 0.5) / std::max(1e-3, 1.0 - q)) / std::log(10.0) * 2.0);
}

double AnalyticCapacity::tpotTail(double q) {
    if (q <= 0)
        return 1.0;
    return std::max(0.9, 1.0 + 0.05 * std::log((1.0 - 0.5) / std::max(1e-3, 1.0 - q)) / std::log(10.0) * 2.0);
}

CapacityEstimate estimateCapacityWith(const Deployment& d, const Workload& w, const Slo& slo, CapacityMethod method,
                                      const EngineProfile& profile) {
    CapacityEstimate out;
    if (!valid(d)) {
        out.memory = invalidFit(d);
        out.message = out.memory.reason;
        return out;
    }
    const HardwareRates rates = HardwareRates::of(d);
    const ModelShape shape = ModelShape::from(*d.model);
    out.memory = MemoryModel::compute(d, w, profile, rates, shape);
    out.fits = out.memory.fits;
    if (!out.fits) {
        out.message = out.memory.reason;
        return out;
    }
    const StepTimeModel model(d, profile, rates, shape);
    const AnalyticCapacity analytic(model, profile, d, w, out.memory);
    if (method == CapacityMethod::Simulated)
        fillSimulated(out, analytic, model, d, w, slo, profile);
    else
        fillAnalytic(out, analytic, w, slo, profile);
    return out;
}

MemoryFit computeMemoryFit(const Deployment& d, const Workload& w) {
    if (!valid(d))
        return invalidFit(d);
    const EngineProfile profile = deploymentProfile(d);
    return MemoryModel::compute(d, w, profile, HardwareRates::of(d), ModelShape::from(*d.model));
}

CapacityEstimate estimateCapacity(const Deployment& d, const Workload& w, const Slo& slo, CapacityMethod method) {
    return estimateCapacityWith(d, w, slo, method, deploymentProfile(d));
}

} // namespace serveplan
