#include "report/ReportData.h"

#include "Clock.h"
#include "plan/PlanDetail.h"

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
    return models::Clock::todayUtc();
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
        const PlanDetail detail = planDetail(*row, data.scenario, *data.catalog);
        data.series = PlanSeries::from(detail);
        data.autoscaling = detail.autoscaling;
        data.autoscalingIllustrative = detail.autoscalingIllustrative;
    }
    return data;
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
