// Cost-versus-QPS curves of the best ok plans.
#include "plan/PlanRun.h"

namespace serveplan::planning {

void Run::curves() {
    const double qpsMax = m_s.qpsMax > 0 ? m_s.qpsMax : 2.0 * m_s.qps;
    for (const PlanRow& r : m_result.rows) {
        if (static_cast<int>(m_result.curves.size()) >= m_options.curvePlans || r.status != PlanStatus::Ok)
            break;
        CostCurve c;
        c.rank = r.rank;
        const bool plainTp = r.attentionDp == 1 && r.ep == 1 && r.mtpDraftTokens == 0 && !r.disaggregated;
        c.label = r.model->id + " | " + (r.instance ? r.instance->key() : r.gpu->id) + " | " +
                  std::string(toString(r.precision)) + " " + std::string(toString(r.engine)) +
                  (plainTp ? " tp" + std::to_string(r.tp) + (r.pp > 1 ? " pp" + std::to_string(r.pp) : "")
                           : " " + r.layoutText()) +
                  (r.migProfile.empty() ? "" : " " + r.migProfile);
        if (r.disaggregated) {
            c.disaggregated = true;
            c.steps = disaggregatedSteps(m_disaggregations[m_rowDisaggregation.at(r.rank)], m_s.qpsMin, qpsMax,
                                         r.instanceHourly * m_s.hoursPerMonth, m_options.maxCurveSteps);
        } else {
            c.steps = costCurve(m_s.qpsMin, qpsMax, r.capacityQpsPerReplica, m_s.cacheHitRate,
                                {r.replicasPerInstance, r.instancesPerReplica}, r.instanceHourly * m_s.hoursPerMonth,
                                m_options.maxCurveSteps);
        }
        m_result.curves.push_back(std::move(c));
    }
}

} // namespace serveplan::planning
