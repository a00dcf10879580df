// What a planning pass plans: the targets (catalog instances after the scenario's filters,
// on-premises servers, GPUs no instance carries) with their prices, and each model's precisions.
#include "cost/OnPrem.h"
#include "plan/PlanDetail.h"
#include "plan/PlanRun.h"

namespace serveplan::planning {

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

bool Run::passesFilters(const InstanceSpec& i) const {
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

void Run::addTarget(const InstanceSpec& i) {
    Target t;
    t.instance = &i;
    t.gpu = m_catalog.gpu(i.gpuId);
    if (!t.gpu) {
        ++m_skippedNoGpu;
        return;
    }
    const double discount = i.onPrem ? 0.0 : m_s.discountFor(i.provider);
    auto price = [&](PricingPlan plan) {
        return resolvePrice(i, i.onPrem ? PricingPlan::OnDemand : plan, discount, m_s.hoursPerMonth, m_s.currency, m_fx,
                            m_s.priceDate);
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

void Run::buildTargets() {
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
        m_result.warnings.emplace_back(MessageCode::InstancesSkippedNoGpu,
                                       std::vector<MessageArg>{MessageArg::integer(m_skippedNoGpu)});
    addBareGpus();
}

/// The GPU's applied calibration for each engine of the scenario: once per target, not per candidate.
void Run::resolveCalibrations(Target& t) const {
    if (m_s.useCalibration && !m_catalog.calibrations.empty())
        for (ServingEngine e : m_s.engines)
            t.calibration[static_cast<std::size_t>(e)] = m_catalog.calibration(t.gpu->id, toString(e));
}

/// GPUs the user asked for that no selected instance carries: shown as "no price", not hidden.
void Run::addBareGpus() {
    for (const std::string& id : m_s.gpus) {
        const bool carried =
            std::any_of(m_targets.begin(), m_targets.end(), [&](const Target& t) { return t.gpu && t.gpu->id == id; });
        if (carried)
            continue;
        Target t;
        t.gpu = m_catalog.gpu(id);
        if (!t.gpu)
            continue;
        t.price.message = Message(MessageCode::NoInstanceCarriesGpu, {MessageArg::name(id)});
        resolveCalibrations(t);
        m_targets.push_back(std::move(t));
    }
}

/// The precisions the run tries (the scenario's, then the models' native ones it lacks) and
/// which of them each model takes; which models get expert-parallel and MTP layouts.
void Run::resolveModels() {
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

} // namespace serveplan::planning
