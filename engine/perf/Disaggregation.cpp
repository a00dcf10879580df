#include "perf/Disaggregation.h"

#include "perf/Capacity.h"
#include "perf/HardwareRates.h"
#include "perf/MemoryModel.h"
#include "perf/ModelShape.h"
#include "perf/StepTimeModel.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

namespace {
constexpr double kMaxUtilization = 0.95; // a prefill replica is never sized beyond this busy share
constexpr int kBisectionSteps = 40;
constexpr int kClosedLoopIterations = 60;

bool valid(const Deployment& d) {
    return d.model && d.gpu && d.parallel.tp > 0 && d.parallel.pp > 0 && d.parallel.attentionDp > 0;
}

Estimate band(double value, double width) {
    return {value, value * std::exp(-width), value * std::exp(width)};
}
} // namespace

DisaggregatedModel::DisaggregatedModel(const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink,
                                       const Workload& workload, const Slo& slo)
    : m_workload(workload)
    , m_slo(slo) {
    build(prefill, decode, kvLink, deploymentProfile(prefill), deploymentProfile(decode));
}

DisaggregatedModel::DisaggregatedModel(const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink,
                                       const Workload& workload, const Slo& slo, const EngineProfile& prefillProfile,
                                       const EngineProfile& decodeProfile)
    : m_workload(workload)
    , m_slo(slo) {
    build(prefill, decode, kvLink, prefillProfile, decodeProfile);
}

DisaggregatedModel::~DisaggregatedModel() = default;

void DisaggregatedModel::build(const Deployment& prefill, const Deployment& decode, const NetworkLink& kvLink,
                               const EngineProfile& prefillProfile, const EngineProfile& decodeProfile) {
    m_input = std::max(1.0, m_workload.inputTokens.mean);
    m_output = std::max(1.0, m_workload.outputTokens.mean);
    m_context = m_input + m_output / 2;
    m_ttftTail = AnalyticCapacity::ttftTail(m_slo.ttftPercentile);
    m_tpotTail = AnalyticCapacity::tpotTail(m_slo.tpotPercentile);
    PoolCapacity& p = m_capacity.prefill;
    PoolCapacity& d = m_capacity.decode;
    if (!valid(prefill) || !valid(decode)) {
        p.message = d.message = Message(MessageCode::PoolsNeedModelGpuLayout);
        return;
    }
    if (prefill.model != decode.model) {
        p.message = d.message = Message(MessageCode::PoolsServeSameModel);
        return;
    }
    const ModelShape shape = ModelShape::from(*prefill.model);
    const HardwareRates prefillRates = HardwareRates::of(prefill), decodeRates = HardwareRates::of(decode);

    // A prefill replica holds a prompt's KV only until it is sent: it needs room for one prompt.
    Workload prefillWork = m_workload;
    prefillWork.outputTokens = LengthDistribution::fixed(1);
    p.memory = MemoryModel::compute(prefill, prefillWork, prefillProfile, prefillRates, shape);
    d.memory = MemoryModel::compute(decode, m_workload, decodeProfile, decodeRates, shape);
    p.fits = p.memory.fits;
    d.fits = d.memory.fits;
    if (!p.fits)
        p.message = Message(MessageCode::PrefillPool, {MessageArg::message(p.memory.reason)});
    if (!d.fits)
        d.message = Message(MessageCode::DecodePool, {MessageArg::message(d.memory.reason)});

    // The KV of a prompt goes from each attention group's GPUs to the decode replica, every GPU its
    // own shard in parallel (MLA's latent is whole on every rank of a group: one rank sends it).
    m_capacity.kvBytesPerPrompt = shape.kvBytesPerToken(decode.kvCache) * m_input;
    const double perGpuBytes = MemoryModel::kvBytesPerTokenPerGpu(shape, decode.kvCache, prefill.parallel) * m_input;
    const double linkBw = std::max(1e-3, kvLink.bandwidthGBps) * 1e9;
    m_capacity.kvTransferS = perGpuBytes / linkBw + kvLink.latencyUs * 1e-6;
    m_requestOverheadS = prefillProfile.params.requestOverheadS;
    if (!p.fits || !d.fits)
        return;

    m_prefillModel = std::make_unique<StepTimeModel>(prefill, prefillProfile, prefillRates, shape);
    m_decodeModel = std::make_unique<StepTimeModel>(decode, decodeProfile, decodeRates, shape);

    // Prefill: one prompt alone (chunked), and the saturated rate (the token budget filled with
    // prompts, one attention group's budget each under DP-attention).
    const double cached = std::clamp(m_workload.prefixCacheHitRate, 0.0, 0.99) * m_input;
    const double computed = std::max(1.0, m_input - cached);
    m_prefillAloneS = m_prefillModel->prefillTime(computed, cached);
    const double budget = m_prefillModel->tokenBudget();
    m_prefillServiceS = m_prefillAloneS;
    if (computed < budget) {
        const double prompts = std::floor(budget / computed);
        StepBatch full;
        for (int i = 0; i < int(prompts); ++i)
            full.addPrefillChunk(computed, cached, true);
        m_prefillServiceS = std::min(m_prefillServiceS, m_prefillModel->stepTime(full) / prompts);
        p.maxBatch = prompts;
    } else {
        p.maxBatch = 1;
    }
    // TTFT within the SLO: (alone + M/D/1 wait) x tail + transfer + overhead <= target.
    const double fixed = m_capacity.kvTransferS + m_requestOverheadS;
    double rho = kMaxUtilization;
    if (m_slo.ttftMs > 0) {
        const double slack = (m_slo.ttftMs * 1e-3 - fixed) / m_ttftTail - m_prefillAloneS;
        if (slack <= 0) {
            rho = 0;
        } else {
            rho = std::min(kMaxUtilization, 2 * slack / (m_prefillServiceS + 2 * slack));
        }
    }
    p.sloFeasible = rho > 0;
    if (!p.sloFeasible)
        p.message = Message(MessageCode::TtftMissedByOnePrompt);
    p.maxQps = rho / m_prefillServiceS;
    p.ttftMs = band((ttftMeanS(rho) - fixed) * m_ttftTail * 1e3 + fixed * 1e3, prefillProfile.bands.ttft);

    // Decode: the batch memory and the engine allow, then the largest batch within the TPOT target.
    const double perSequence = decodeProfile.reserveFullSequence ? m_input + m_output : m_context;
    const double byEngine = (decode.maxBatchSize > 0 ? decode.maxBatchSize : decodeProfile.maxBatchSize) *
                            std::max(1, decode.parallel.attentionDp);
    m_decodeMaxBatch = std::max(1.0, std::min(d.memory.kvTokenCapacity / perSequence, byEngine));
    auto meets = [&](double b) { return m_slo.tpotMs <= 0 || decodeTpotS(b) * m_tpotTail * 1e3 <= m_slo.tpotMs; };
    double best = m_decodeMaxBatch;
    d.sloFeasible = meets(1);
    if (!d.sloFeasible) {
        d.message = Message(MessageCode::TpotMissedAtOneSequence);
        best = 1;
    } else if (!meets(best)) {
        double lo = 0, hi = std::log(best);
        for (int i = 0; i < kBisectionSteps; ++i) {
            const double mid = (lo + hi) / 2;
            (meets(std::exp(mid)) ? lo : hi) = mid;
        }
        best = std::exp(lo);
    }
    d.maxBatch = best;
    d.maxQps = d.sloFeasible ? best / (m_output * decodeTpotS(best)) : 0;
    d.tpotMs = band(decodeTpotS(best) * m_tpotTail * 1e3, decodeProfile.bands.tpot);
}

double DisaggregatedModel::decodeTpotS(double batch) const {
    if (!m_decodeModel)
        return 0;
    return m_decodeModel->decodeStep(std::max(1.0, batch), m_context);
}

double DisaggregatedModel::ttftMeanS(double rho) const {
    const double r = std::clamp(rho, 0.0, 0.999);
    const double wait = m_prefillServiceS * r / (2 * (1 - r));
    return m_prefillAloneS + wait + m_capacity.kvTransferS + m_requestOverheadS;
}

double DisaggregatedModel::decodeBatchAt(double qpsPerReplica) const {
    // Little's law on a decode replica: b = rate x output x TPOT(b); b - rate x O x TPOT(b) grows with b.
    auto excess = [&](double b) { return b - qpsPerReplica * m_output * decodeTpotS(b); };
    if (excess(m_decodeMaxBatch) < 0)
        return -1; // saturated
    double lo = 0, hi = m_decodeMaxBatch;
    for (int i = 0; i < kBisectionSteps; ++i) {
        const double mid = (lo + hi) / 2;
        (excess(mid) < 0 ? lo : hi) = mid;
    }
    return hi;
}

DisaggregatedPoint DisaggregatedModel::at(int prefillReplicas, int decodeReplicas, double qps) const {
    DisaggregatedPoint out;
    out.qps = qps;
    if (!m_capacity.fits()) {
        out.message = !m_capacity.prefill.fits ? m_capacity.prefill.message : m_capacity.decode.message;
        return out;
    }
    if (prefillReplicas < 1 || decodeReplicas < 1 || !(qps >= 0)) {
        out.message = Message(MessageCode::PoolsNeedReplicasAndRate);
        return out;
    }
    const double rho = qps / prefillReplicas * m_prefillServiceS;
    out.prefillUtilization = rho;
    const double b = decodeBatchAt(qps / decodeReplicas);
    if (rho >= 1) {
        out.message = Message(MessageCode::PrefillPoolSaturates);
        return out;
    }
    if (b < 0) {
        out.message = Message(MessageCode::DecodePoolSaturates);
        return out;
    }
    const double fixed = m_capacity.kvTransferS + m_requestOverheadS;
    out.ttftMs = ((ttftMeanS(rho) - fixed) * m_ttftTail + fixed) * 1e3;
    out.tpotMs = decodeTpotS(b) * m_tpotTail * 1e3;
    out.decodeBatch = b;
    out.outputTokensPerS = qps * m_output;
    out.ok = true;
    return out;
}

DisaggregatedPoint DisaggregatedModel::atConcurrency(int prefillReplicas, int decodeReplicas,
                                                     double concurrency) const {
    DisaggregatedPoint out;
    if (!m_capacity.fits()) {
        out.message = !m_capacity.prefill.fits ? m_capacity.prefill.message : m_capacity.decode.message;
        return out;
    }
    if (prefillReplicas < 1 || decodeReplicas < 1 || !(concurrency >= 1)) {
        out.message = Message(MessageCode::PoolsNeedReplicasAndConcurrency);
        return out;
    }
    // Closed loop: C requests cycle through prefill (with its queue and the transfer) and decode.
    // Fixed point on the share of requests in decode; the slower pool sets the rate, the rest of
    // the cycle time is queueing, which a client sees as TTFT.
    const double prefillCap = prefillReplicas / m_prefillServiceS;
    double share = 1.0, x = 0, tpot = 0, ttft = 0, b = 1;
    for (int i = 0; i < kClosedLoopIterations; ++i) {
        b = std::clamp(concurrency * share / decodeReplicas, 1.0, m_decodeMaxBatch);
        tpot = decodeTpotS(b);
        const double decodeRate = decodeReplicas * b / (m_output * tpot);
        x = std::min(decodeRate, kMaxUtilization * prefillCap);
        const double cycle = concurrency / x;
        const double rho = x / prefillCap;
        ttft = std::max(ttftMeanS(rho), cycle - m_output * tpot);
        const double next = std::clamp(m_output * tpot / (ttft + m_output * tpot), 1e-3, 1.0);
        share = 0.5 * share + 0.5 * next;
    }
    out.ok = true;
    out.qps = x;
    out.prefillUtilization = x / prefillCap;
    out.decodeBatch = b;
    out.ttftMs = ttft * 1e3;
    out.tpotMs = tpot * 1e3;
    out.outputTokensPerS = x * m_output;
    return out;
}

DisaggregatedCapacity estimateDisaggregatedCapacity(const Deployment& prefill, const Deployment& decode,
                                                    const NetworkLink& kvLink, const Workload& workload,
                                                    const Slo& slo) {
    return DisaggregatedModel(prefill, decode, kvLink, workload, slo).capacity();
}

} // namespace serveplan
