#include "report/ReportData.h"

#include "cost/Autoscaler.h"
#include "cost/CostModel.h"

#include <QDateTime>
#include <QTimeZone>

namespace serveplan::ui {

const PlanRow* ReportData::recommended() const {
    for (const PlanRow& row : result.rows)
        if (row.status == PlanStatus::Ok)
            return &row;
    return nullptr;
}

QDate ReportData::defaultDate() {
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").toLongLong(&ok);
    if (ok && epoch >= 0)
        return QDateTime::fromSecsSinceEpoch(epoch, QTimeZone::utc()).date();
    return QDateTime::currentDateTimeUtc().date();
}

ReportData ReportData::fromResult(std::shared_ptr<const Catalog> catalog, Scenario scenario, PlanResult result,
                                  const Options& options) {
    ReportData data;
    data.catalog = std::move(catalog);
    data.scenario = std::move(scenario);
    data.result = std::move(result);
    data.date = options.date.isValid() ? options.date : defaultDate();
    data.scenarioName =
        options.scenarioName.isEmpty() ? QString::fromStdString(data.scenario.name) : options.scenarioName;
    if (const PlanRow* row = data.recommended(); row && data.catalog) {
        data.series = PlanSeries::compute(*row, data.scenario, *data.catalog);
        data.autoscalingIllustrative = !row->autoscaling.simulated;
        data.autoscaling = row->autoscaling.simulated ? row->autoscaling : simulateAutoscaling(*row, data.scenario);
    }
    return data;
}

AutoscalingOutcome ReportData::simulateAutoscaling(const PlanRow& row, const Scenario& scenario) {
    if (!row.model || row.capacityQpsPerReplica <= 0)
        return {};
    // The same inputs as the planner's autoscaling pass (engine/plan/Planner.cpp, extras()).
    AutoscalingPolicy policy = scenario.autoscaling;
    policy.enabled = true;
    const double weightBytes = row.model->paramsB * 1e9 * bytesPerElement(row.precision);
    const AutoscalingInput input{
        scenario.traffic.fractions(), loadAfterCache(scenario.qps, scenario.cacheHitRate),
        row.capacityQpsPerReplica,    Packing{row.replicasPerInstance, row.instancesPerReplica},
        row.instanceHourly,           scenario.hoursPerMonth,
        scenario.maxInstances,        coldStartSeconds(weightBytes, policy, row.instancesPerReplica)};
    return serveplan::simulateAutoscaling(input, policy);
}

Result<ReportData> ReportData::plan(std::shared_ptr<const Catalog> catalog, const Scenario& scenario,
                                    const Options& options) {
    if (!catalog)
        return Error{"no catalog to plan against"};
    const Planner planner(*catalog);
    Result<PlanResult> result = planner.run(scenario);
    if (!result)
        return Error{result.error()};
    return fromResult(std::move(catalog), scenario, std::move(result).value(), options);
}

} // namespace serveplan::ui
