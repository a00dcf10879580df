#include "perf/StepTimeModel.h"

#include "perf/MemoryModel.h"

#include <algorithm>
#include <cmath>

namespace serveplan {

void StepBatch::addPrefillChunk(double tokens, double offset, bool finishes) {
    prefillTokens += tokens;
    prefillAttention += tokens * offset + tokens * (tokens + 1) / 2;
    prefillSeqs += 1;
    if (finishes)
        sampled += 1;
}

StepTimeModel::StepTimeModel(const Deployment& deployment, const EngineProfile& profile)
    : m_rates(HardwareRates::of(deployment))
    , m_shape(ModelShape::from(*deployment.model)) {
    init(deployment, profile);
}

StepTimeModel::StepTimeModel(const Deployment& deployment, const EngineProfile& profile, const HardwareRates& rates,
                             const ModelShape& shape)
    : m_rates(rates)
    , m_shape(shape) {
    init(deployment, profile);
}

namespace {
// Expert-parallel load imbalance: the busiest GPU's share of routed tokens over the mean. With
// expert load balancing (EPLB, redundant experts) DeepSeek reports balanced loads; the residual
// grows with the number of EP ranks. Assumed +5 % per doubling of EP (EP8 1.15, EP32 1.25, EP72
// 1.31) until calibration data says otherwise; Deployment::expertImbalance overrides it.
constexpr double kImbalancePerDoubling = 0.05;
// MTP / draft acceptance when a deployment gives none: the DeepSeek-V3 technical report (arXiv
// 2412.19437, §5.4.3) measures 85-90 % acceptance of the second token with one MTP module; later
// drafts are conditioned on earlier ones, so a per-position rate of 0.8 is used for a^i
// (1 + 0.8 + 0.64 + 0.51 = 2.95 tokens per step with 3 drafts, in the 2.4-3.0 acceptance lengths
// SGLang and TensorRT-LLM report for R1 with 3 draft steps).
constexpr double kDefaultAcceptance = 0.8;
} // namespace

double StepTimeModel::defaultExpertImbalance(int ep) {
    return ep > 1 ? 1.0 + kImbalancePerDoubling * std::log2(double(ep)) : 1.0;
}

double StepTimeModel::expectedTokensPerStep(int draftTokens, double rate) {
    double sum = 1, term = 1;
    for (int i = 0; i < draftTokens; ++i) {
        term *= std::clamp(rate, 0.0, 1.0);
        sum += term;
    }
    return sum;
}

void StepTimeModel::init(const Deployment& d, const EngineProfile& profile) {
    const EngineParams& e = profile.params;
    const int tp = std::max(1, d.parallel.tp);
    const int dp = std::max(1, d.parallel.attentionDp);
    m_dp = dp;
    m_pp = std::max(1, d.parallel.pp);
    const int ep = std::max(1, d.parallel.ep);
    const int stageGpus = tp * dp;
    // The engines' token and sequence budgets hold per attention group (one scheduler per DP rank).
    m_chunk = double(d.maxBatchedTokens > 0 ? d.maxBatchedTokens : profile.maxBatchedTokens) * dp;
    const double stageShare = 1.0 / m_pp;
    const double wb = weightBytes(1.0, d.weights);
    const double headBytes = bytesPerElement(d.weights) < 2 ? 2.0 : wb;

    // Attention, dense MLPs and shared experts are split by TP within a group and replicated across
    // groups; routed experts are spread over every GPU of the stage (EP ranks x MoE-TP), so a GPU
    // reads 1/(tp x dp) of each distinct expert a step touches.
    m_sharedWeightBytes = m_shape.sharedParamsPerToken * wb * stageShare / tp;
    m_lmHeadBytes = m_shape.lmHeadParams * headBytes / tp;
    m_expertBytesPerDistinct = m_shape.moeLayers * stageShare * m_shape.expertParams * wb / stageGpus;
    m_sharedFlopsPerToken = 2.0 * m_shape.sharedParamsPerToken * stageShare / tp;
    m_expertFlopsPerToken =
        2.0 * m_shape.moeLayers * m_shape.expertsPerToken * m_shape.expertParams * stageShare / stageGpus;
    m_lmHeadFlopsPerToken = 2.0 * m_shape.lmHeadParams / tp;
    m_kvBytesPerContextToken = MemoryModel::kvBytesPerTokenPerGpu(m_shape, d.kvCache, d.parallel);
    m_attnFlopsPerContextToken = m_shape.attentionFlopsPerContextToken * m_shape.layers * stageShare / tp;
    m_prefillAttnFlopsPerContextToken = m_shape.prefillAttentionFlopsPerContextToken * m_shape.layers * stageShare / tp;
    m_expertImbalance = !m_shape.isMoe()         ? 1.0
                        : d.expertImbalance >= 1 ? d.expertImbalance
                                                 : defaultExpertImbalance(ep);
    m_twoBatchOverlap = d.twoBatchOverlap;
    // Under EP the experts run as grouped GEMMs over dispatched, permuted tokens (DeepEP layouts);
    // expert-sharded TP runs one fused MoE kernel over the whole batch at the dense efficiencies.
    m_moeEff = ep > 1 && e.moeEff > 0 ? e.moeEff : 1.0;

    // AMD parts: the fitted share of the NVIDIA efficiencies that ROCm kernels reach.
    const double vendor = d.gpu && d.gpu->vendor == "AMD" ? e.rocmEff : 1.0;
    m_weightBw = m_rates.bandwidth * e.weightBandwidthEff * vendor;
    m_expertBw = e.expertBandwidthEff > 0 ? m_rates.bandwidth * e.expertBandwidthEff * vendor : m_weightBw;
    m_kvBw = m_rates.bandwidth * (m_shape.isMla ? e.mlaKvBandwidthEff : e.kvBandwidthEff) * vendor;
    m_attnRate = m_rates.attentionFlops * e.attentionEff * vendor;
    m_gemmRate = m_rates.gemmFlops * e.gemmEff * vendor;
    if (m_rates.powerWatts > 0 && e.tflopsPerWatt > 0) { // smooth minimum of the tensor rate and the power cap
        const double powerCap = e.tflopsPerWatt * 1e12 * m_rates.powerWatts * m_rates.powerFlopFactor;
        m_gemmRate = 1.0 / (1.0 / m_gemmRate + 1.0 / powerCap);
    }

    // Two all-reduces per layer under TP (within an attention group), two all-to-alls (dispatch and
    // combine) per MoE layer under DP-attention + EP, one send per stage boundary under PP.
    // Decode-sized messages are latency-bound: NCCL's tree/LL protocols and the engines' one-shot
    // all-reduce kernels take ~2 log2(N) link latencies, not the ring's 2(N-1); the bandwidth term
    // is the ring's 2(N-1)/N of the message. The fitted collective efficiency scales both.
    const double layersPerStage = m_shape.layers * stageShare;
    m_layersPerStage = layersPerStage;
    const double activationBytesPerToken = 2.0 * m_shape.hidden;
    const bool tpCrossesNodes = tp * (dp > 1 ? 1 : m_pp) > d.gpusPerNode;
    auto hops = [](int n) { return 2.0 * std::ceil(std::log2(double(n))); };
    // Collectives measured on this GPU's host (a calibration) replace the fitted efficiency and the
    // assumed link latency inside one node on the measured link; a measured alpha among n GPUs is
    // spread over hops(n) and scaled to the group's own hop count.
    const MeasuredCollectives measured =
        d.calibration ? measuredCollectives(d.calibration->factors) : MeasuredCollectives{};
    const bool measuredLink = measured.appliesTo(m_rates.nodeLinkPcie);
    const double measuredHops = measured.gpus >= 2 ? hops(measured.gpus) : 1.0;
    const bool tpMeasured = measuredLink && !tpCrossesNodes && measured.allreduceBusEff > 0;
    const double tpBw = tpMeasured ? m_rates.nodeLinkBandwidth * measured.allreduceBusEff
                                   : (tpCrossesNodes ? m_rates.linkBandwidth : m_rates.nodeLinkBandwidth) * e.commEff;
    const double tpHop = tpMeasured && measured.allreduceLatencyS > 0
                             ? measured.allreduceLatencyS / measuredHops
                             : (tpCrossesNodes ? m_rates.linkLatency : m_rates.nodeLinkLatency) / e.commEff;
    if (tp > 1 && tpBw > 0) {
        m_commFixed += 2 * layersPerStage * hops(tp) * tpHop;
        m_commPerToken += 2 * layersPerStage * 2.0 * (tp - 1) / tp * activationBytesPerToken / tpBw;
    }
    const double moeLayersPerStage = m_shape.moeLayers * stageShare;
    const bool withinNode = d.parallel.gpus() <= d.gpusPerNode; // else linkBandwidth is the inter-node link
    if (ep > 1 && m_shape.isMoe() && dp > 1 && m_rates.nodeLinkBandwidth > 0) {
        // DeepEP-style all-to-all: each token goes to the GPUs of its top-k experts (1-byte dispatch
        // with 8-bit weights) and comes back 16-bit. Within an NVLink domain every copy uses NVLink;
        // across nodes a token crosses the inter-node link once per distinct remote node its experts
        // sit on (DeepEP's internode kernels send once per node and forward over NVLink), while the
        // per-GPU copies inside each node go over NVLink at the same time.
        const double k = m_shape.expertsPerToken;
        const double perCopy = m_shape.hidden * ((bytesPerElement(d.weights) <= 1 ? 1.0 : 2.0) + 2.0);
        const int domain = std::max(1, std::min(ep, d.gpusPerNode));
        const double nodes = std::ceil(double(ep) / domain);
        const double nvlinkCopies = std::min<double>(k, domain) * (domain - 1) / domain;
        const double remoteNodes = nodes > 1 ? nodes * (1 - std::pow(1 - 1 / nodes, k)) * (nodes - 1) / nodes : 0.0;
        const bool a2aMeasured = measuredLink && measured.alltoallBusEff > 0;
        const double nodeBw = m_rates.nodeLinkBandwidth * (a2aMeasured ? measured.alltoallBusEff : e.commEff);
        const double interBw = std::max(1.0, d.interNode.bandwidthGBps * 1e9 * e.commEff);
        const double perToken = std::max(nvlinkCopies * perCopy / nodeBw, remoteNodes * perCopy / interBw);
        const double hop = nodes == 1 && a2aMeasured && measured.alltoallLatencyS > 0
                               ? measured.alltoallLatencyS / measuredHops
                               : (nodes > 1 ? std::max(m_rates.nodeLinkLatency, d.interNode.latencyUs * 1e-6)
                                            : m_rates.nodeLinkLatency) /
                                     e.commEff;
        m_commFixed += 2 * moeLayersPerStage * hops(ep) * hop;
        // Per token of the replica; every GPU of the stage sends its own tokens in parallel.
        m_epCommPerToken = moeLayersPerStage * perToken / stageGpus;
    } else if (ep > 1 && m_shape.isMoe() && m_rates.linkBandwidth > 0) {
        // EP inside a TP group (no DP-attention): every rank holds the whole batch and sends its
        // experts' outputs to the others (as the TP all-reduce would).
        const bool a2aMeasured = measuredLink && withinNode && measured.alltoallBusEff > 0;
        const double bw = m_rates.linkBandwidth * (a2aMeasured ? measured.alltoallBusEff : e.commEff);
        const double hop = a2aMeasured && measured.alltoallLatencyS > 0 ? measured.alltoallLatencyS / measuredHops
                                                                        : m_rates.linkLatency / e.commEff;
        m_commFixed += 2 * moeLayersPerStage * hops(ep) * hop;
        m_commPerToken +=
            2 * moeLayersPerStage * m_shape.expertsPerToken * activationBytesPerToken * (ep - 1) / ep / bw;
    }
    if (m_pp > 1 && m_rates.linkBandwidth > 0) { // amortised over the stages: the pipeline has pp - 1 boundaries
        const bool p2pMeasured = measuredLink && withinNode && measured.p2pEff > 0;
        const double bw = m_rates.linkBandwidth * (p2pMeasured ? measured.p2pEff : e.commEff);
        const double latency =
            p2pMeasured && measured.p2pLatencyS > 0 ? measured.p2pLatencyS : m_rates.linkLatency / e.commEff;
        m_commFixed += double(m_pp - 1) / m_pp * latency;
        m_commPerToken += double(m_pp - 1) / m_pp * activationBytesPerToken / bw;
    }
    m_fixedOverhead = e.stepOverheadS / m_pp + layersPerStage * e.layerOverheadS;
    m_seqOverhead = e.seqOverheadS / m_pp;

    // MTP / speculative decoding: k drafts per sequence are verified in the same step (k + 1 query
    // tokens each); the draft head (DeepSeek's MTP module: one more layer and the LM head) runs k
    // times at one token per sequence.
    m_draftTokens = std::max(0, d.speculative.draftTokens);
    const double acceptance = d.speculative.acceptanceRate > 0 ? d.speculative.acceptanceRate : kDefaultAcceptance;
    m_tokensPerStep = expectedTokensPerStep(int(m_draftTokens), acceptance);
    m_draftStepOverhead = e.stepOverheadS / 2 + e.layerOverheadS;
}

double StepTimeModel::stepTime(const StepBatch& b) const {
    const double verify = b.decodeSeqs * (1.0 + m_draftTokens);
    const double tokens = verify + b.prefillTokens;
    if (tokens <= 0)
        return 0;
    const double groupTokens = tokens / m_dp;
    const double groupSampled = (b.sampled + b.decodeSeqs * m_draftTokens) / m_dp;
    // Dense part (attention projections, dense MLPs, shared experts, LM head) per GPU of a group.
    const double sharedBytes = m_sharedWeightBytes + (b.sampled > 0 ? m_lmHeadBytes : 0.0);
    const double sharedFlops = groupTokens * m_sharedFlopsPerToken + groupSampled * m_lmHeadFlopsPerToken;
    const double shared = std::max(sharedBytes / m_weightBw, sharedFlops / m_gemmRate);
    // Routed experts: each distinct expert is read once, its GEMM runs at the tokens routed to it;
    // the busiest GPU sets the pace.
    double experts = 0;
    if (m_expertBytesPerDistinct > 0) {
        const double bytes = m_shape.distinctExperts(tokens) * m_expertBytesPerDistinct;
        experts =
            std::max(bytes / m_expertBw, tokens * m_expertFlopsPerToken / m_gemmRate) * m_expertImbalance / m_moeEff;
    }
    // Attention: each group reads its own sequences' KV; verifying k + 1 tokens multiplies the FLOPs.
    const double context = b.decodeContext / m_dp;
    const double decodeAttention = std::max(context * m_kvBytesPerContextToken / m_kvBw,
                                            context * (1.0 + m_draftTokens) * m_attnFlopsPerContextToken / m_attnRate);
    const double prefillAttention = b.prefillAttention / m_dp * m_prefillAttnFlopsPerContextToken / m_attnRate;
    const double compute = shared + experts + decodeAttention + prefillAttention;
    const double comm = m_commFixed + groupTokens * m_commPerToken + tokens * m_epCommPerToken;
    // Two-batch overlap hides the collectives of one micro-batch behind the other's compute.
    const double busy = m_twoBatchOverlap ? std::max(compute, comm) + m_commFixed / 2 : compute + comm;
    const double overhead = m_fixedOverhead + (b.decodeSeqs + b.prefillSeqs) / m_dp * m_seqOverhead;
    double t = m_pp * (busy + overhead);
    if (m_draftTokens > 0 && b.decodeSeqs > 0) {
        // The draft head: one layer of the decode part and the LM head, k times.
        const double decodeShare = verify / tokens;
        const double draftLayer = (shared + experts + decodeAttention) * decodeShare / (1.0 + m_draftTokens) /
                                  std::max(1.0, m_layersPerStage);
        const double draftHead = b.decodeSeqs / m_dp * m_lmHeadFlopsPerToken / m_gemmRate;
        t += m_draftTokens * (draftLayer + draftHead + m_draftStepOverhead);
        // The step emits 1 + accepted drafts per decoding sequence: per emitted token it costs
        // t / tokensPerStep. Prefill chunks in the same step do not speed up, so only the decode
        // share of the step's tokens is divided (the simulator counts one token per step).
        t /= 1.0 + (m_tokensPerStep - 1.0) * decodeShare;
    }
    return t;
}

double StepTimeModel::decodeStep(double batch, double meanContext) const {
    StepBatch b;
    b.decodeSeqs = batch;
    b.decodeContext = batch * meanContext;
    b.sampled = batch;
    return stepTime(b);
}

double StepTimeModel::prefillTime(double tokens, double cachedPrefix) const {
    double done = 0, total = 0;
    // A prompt alone runs in one attention group: that group's budget per step.
    const double chunk = std::max(1.0, m_chunk / m_dp);
    while (done < tokens) {
        const double c = std::min(chunk, tokens - done);
        StepBatch b;
        b.addPrefillChunk(c, cachedPrefix + done, done + c >= tokens);
        total += stepTime(b);
        done += c;
    }
    return total;
}

} // namespace serveplan
