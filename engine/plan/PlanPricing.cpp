// One candidate's row: capacity, fleet size for the load, price, cost per token, budget and
// instance limits (its status), and the cost extras (autoscaling, spot, reserved + burst mix).
#include "plan/PlanDetail.h"
#include "plan/PlanRun.h"

namespace serveplan::planning {

/// Fills the candidate's identity into a fresh row (in place: rows are large).
void Run::initRow(PlanRow& r, const ModelSpec& model, const Target& t, const Layout& l, Precision p,
                  ServingEngine e) const {
    r.model = &model;
    r.instance = t.instance;
    r.gpu = t.gpu;
    if (l.mig)
        r.migProfile = l.mig->profile;
    r.gpuCount = t.instance ? t.instance->gpuCount : 1.0;
    r.precision = p;
    r.engine = e;
    r.calibration = t.calibration[static_cast<std::size_t>(e)];
    r.tp = l.tp;
    r.pp = l.pp;
    r.attentionDp = l.attentionDp;
    r.ep = l.ep;
    r.mtpDraftTokens = l.mtp;
    r.mtpAcceptanceRate = l.mtp > 0 ? m_s.mtpAcceptanceRate : 0.0;
    r.kvCachePrecision = m_s.kvCachePrecision.value_or(Precision::BF16);
    r.replicasPerInstance = l.packing.replicasPerInstance;
    r.instancesPerReplica = l.packing.instancesPerReplica;
    r.pricing = t.instance && t.instance->onPrem ? PricingPlan::OnDemand : m_s.pricing;
    r.loadQps = m_load;
}

/// The figures that rank a candidate, without building its row: the first pass computes them for every
/// candidate, the row only for the ones it keeps. The same arithmetic as evaluate() and applyLimits().
Outcome Run::outcome(const Target& t, const Layout& l, const CapacityEstimate& c) const {
    Outcome o;
    if (!c.fits) {
        o.status = PlanStatus::NoFit;
        return o;
    }
    o.capacityQps = c.maxQps;
    if (!c.sloFeasible || !(c.maxQps > 0)) {
        o.status = PlanStatus::SloMiss;
        return o;
    }
    o.instances = sizeFleet(m_load, c.maxQps, l.packing).instances;
    if (!t.price.available) {
        o.status = PlanStatus::NoPrice;
        return o;
    }
    const double hourlyCost = o.instances * t.price.perHour;
    o.monthlyCost = hourlyCost * m_s.hoursPerMonth;
    const bool overCap = m_s.maxInstances > 0 && o.instances > m_s.maxInstances;
    const bool overBudget = m_s.monthlyBudget > 0 && o.monthlyCost > m_s.monthlyBudget * (1.0 + 1e-12);
    if (overCap || overBudget)
        o.status = PlanStatus::OverBudget;
    return o;
}

/// Fills capacity, sizing, money and status from the deployment's capacity `c`. Returns false when
/// the layout does not fit. Without `withText` the messages are left out: the first pass over every
/// candidate only needs the status and the cost to rank, and most candidates end up far from the top.
bool Run::evaluate(PlanRow& r, const Target& t, const Layout& l, const CapacityEstimate& c, bool withText) const {
    if (!c.fits) {
        r.status = PlanStatus::NoFit;
        if (withText) {
            r.message = c.memory.reason.orElse(c.message);
            if (r.message.empty())
                r.message = Message(MessageCode::DoesNotFit);
        }
        return false;
    }
    r.capacityQpsPerReplica = c.maxQps;
    r.ttftMs = c.ttftMs;
    r.tpotMs = c.tpotMs;
    r.outputTokensPerSPerReplica = c.outputTokensPerS;
    if (!c.sloFeasible || !(c.maxQps > 0)) {
        r.status = PlanStatus::SloMiss;
        if (withText)
            r.message = c.message.empty() ? Message(MessageCode::MissesSloAtTrickle) : c.message;
        return true;
    }
    const FleetSize fleet = sizeFleet(m_load, c.maxQps, l.packing);
    r.replicas = fleet.replicas;
    r.instances = fleet.instances;
    r.utilisation = fleet.utilisation;
    r.headroom = fleet.headroom;
    if (!t.price.available) {
        r.status = PlanStatus::NoPrice;
        if (withText)
            r.message = t.price.message;
        return true;
    }
    price(r, t, l.packing, withText);
    return true;
}

/// The fleet's price: hourly and monthly cost of `r.instances`, and the cost per million tokens at the
/// load and at the fleet's capacity (`fleetQps`).
void Run::priceFleet(PlanRow& r, const Target& t, double fleetQps) const {
    r.hasPrice = true;
    r.price = t.price.source;
    r.instanceHourly = t.price.perHour;
    r.hourlyCost = r.instances * t.price.perHour;
    r.monthlyCost = r.hourlyCost * m_s.hoursPerMonth;
    const double outTokens = m_workload.outputTokens.mean;
    const double inTokens = m_workload.inputTokens.mean;
    r.costPerMillionOutputTokens = costPerMillionTokens(r.hourlyCost, m_load * outTokens);
    r.costPerMillionInputTokens = costPerMillionTokens(r.hourlyCost, m_load * inTokens);
    r.costPerMillionTotalTokens = costPerMillionTokens(r.hourlyCost, m_load * (inTokens + outTokens));
    r.costPerMillionOutputTokensAtCapacity = costPerMillionTokens(r.hourlyCost, fleetQps * outTokens);
}

void Run::price(PlanRow& r, const Target& t, const Packing& packing, bool withText) const {
    priceFleet(r, t, r.replicas * r.capacityQpsPerReplica);
    const BudgetReach reach = budgetReach(m_s.monthlyBudget, m_s.maxInstances, t.price.perMonth,
                                          r.capacityQpsPerReplica, m_s.cacheHitRate, packing);
    if (reach.limited) {
        r.maxQpsWithinBudget = reach.maxQps;
        r.maxInstancesWithinBudget = reach.instances;
    }
    applyLimits(r, withText);
}

void Run::applyLimits(PlanRow& r, bool withText) const {
    const bool overCap = m_s.maxInstances > 0 && r.instances > m_s.maxInstances;
    const bool overBudget = m_s.monthlyBudget > 0 && r.monthlyCost > m_s.monthlyBudget * (1.0 + 1e-12);
    if (!overCap && !overBudget)
        return;
    r.status = PlanStatus::OverBudget;
    if (!withText)
        return;
    Message why;
    if (overCap)
        why.append(Message(MessageCode::OverMaxInstances,
                           {MessageArg::integer(r.instances), MessageArg::integer(m_s.maxInstances)}));
    if (overBudget)
        why.append(
            Message(MessageCode::OverBudget, {MessageArg::fixed(r.monthlyCost, 2), MessageArg::name(m_s.currency),
                                              MessageArg::fixed(m_s.monthlyBudget, 2)}));
    r.message = Message(MessageCode::WithinLimitsServes,
                        {MessageArg::message(std::move(why)), MessageArg::fixed(r.maxQpsWithinBudget, 2),
                         MessageArg::integer(r.maxInstancesWithinBudget)});
}

void Run::extras(PlanRow& r, const Target& t, bool keepMinuteTrace) const {
    PlanExtras e;
    // The same function gives the report and the details pane their autoscaling day or week (PlanDetail).
    if (m_s.autoscaling.enabled) {
        e.autoscaling = simulatePlanAutoscaling(r, m_s, m_fractions);
        if (!keepMinuteTrace)
            std::vector<int>().swap(e.autoscaling.replicasPerMinute);
    }
    // Spot capacity and reserved/burst purchase plans do not exist for owned servers.
    const bool owned = t.instance && t.instance->onPrem;
    if (!owned && m_s.spot.share > 0 && t.spot.available && t.onDemand.available) {
        SpotInput in{r.instances,
                     t.onDemand.perHour,
                     t.spot.perHour,
                     r.replicas * r.capacityQpsPerReplica,
                     plannedColdStartSeconds(r, m_s),
                     m_s.hoursPerMonth};
        e.spot = expectedSpot(in, m_s.spot);
    }
    if (!owned && m_s.burstMix.enabled && t.mixBase.available && t.mixBurst.available) {
        std::vector<int> need;
        need.reserve(m_fractions.size());
        for (double f : m_fractions)
            need.push_back(plannedInstancesAt(r, m_load * f));
        e.burstMix = optimiseBurstMix(need, t.mixBase.perHour, t.mixBurst.perHour, m_s.hoursPerMonth);
    }
    if (e.autoscaling.simulated || e.spot.applied || e.burstMix.applied)
        r.extras = std::make_shared<const PlanExtras>(std::move(e));
}

} // namespace serveplan::planning
