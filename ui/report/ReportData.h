#pragma once
// Everything one report shows, built the same way for the GUI's File → Export and for
// `serveplan-cli report`, so both write the same PDF text and the same CSV bytes.
#include "charts/PlanSeries.h"
#include "common/Result.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"
#include "catalog/Catalog.h"

#include <QDate>
#include <QString>

#include <memory>

namespace serveplan::ui {

struct ReportData {
    std::shared_ptr<const Catalog> catalog; ///< the rows point into it
    Scenario scenario;
    PlanResult result;
    QDate date;           ///< shown on the cover and in the running header
    QString scenarioName; ///< the scenario's name, or the file name it came from
    PlanSeries series;    ///< memory, latency and throughput series of the recommended plan
    /// The recommended plan's autoscaling day or week (engine/plan/PlanDetail): the planner's when the
    /// scenario turns autoscaling on, else the same simulation under the scenario's policy (so the report
    /// can still show what autoscaling would save); `autoscalingIllustrative` then says so.
    AutoscalingOutcome autoscaling;
    bool autoscalingIllustrative = false;

    /// The plan the report recommends: the best-ranked row with status ok (null when none is ok).
    const PlanRow* recommended() const;

    struct Options {
        QDate date;           ///< invalid = today (or SOURCE_DATE_EPOCH when set, for reproducible output)
        QString scenarioName; ///< empty = scenario.name
    };

    /// Wraps a finished planning pass (e.g. the GUI's current result) without planning again.
    static ReportData fromResult(std::shared_ptr<const Catalog> catalog, Scenario scenario, PlanResult result,
                                 const Options& options);
    /// Plans the scenario against the catalog (what the CLI does) and wraps the result.
    static Result<ReportData> plan(std::shared_ptr<const Catalog> catalog, const Scenario& scenario,
                                   const Options& options);
    /// The report date: SOURCE_DATE_EPOCH (seconds, UTC) when set and valid, else today's UTC date.
    static QDate defaultDate();
};

} // namespace serveplan::ui
