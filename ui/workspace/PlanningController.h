#pragma once
// Runs planning passes off the GUI thread (DESIGN.md §2): a request is debounced, a pass runs on the
// thread pool with the planner's cancel flag, a newer request cancels the running pass and starts
// again when it stops, and only the newest pass's result is published.
#include "PlanSnapshot.h"
#include "common/Result.h"
#include "plan/Planner.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace serveplan::ui {

class PlanningController final : public QObject {
    Q_OBJECT
public:
    using PlanFunction = std::function<Result<PlanResult>(const Catalog&, const Scenario&, const PlanOptions&)>;

    explicit PlanningController(QObject* parent = nullptr);
    ~PlanningController() override;

    /// The real planner (engine/plan/Planner).
    static PlanFunction enginePlanner();

    /// The catalog to plan with. Each pass uses it with the exchange rates set in Edit ▸ Preferences
    /// (AppSettings::fxOverrides, read again before every pass) in place of its own for those currencies.
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    const std::shared_ptr<const Catalog>& catalog() const { return m_catalog; }
    /// `catalog` with every rate of an overridden currency replaced by one undated rate (USD per unit):
    /// the planner then uses it whatever the scenario's FX date. `catalog` itself when nothing is overridden.
    static std::shared_ptr<const Catalog> withFxOverrides(std::shared_ptr<const Catalog> catalog,
                                                          const QMap<QString, double>& usdPerUnit);
    void setPlanFunction(PlanFunction function) { m_plan = std::move(function); }
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    int debounceMs() const { return m_debounce.interval(); }

    /// Plans `scenario` after the debounce delay; a newer request before then replaces it.
    void request(const Scenario& scenario);
    /// Starts the latest requested scenario now (cancelling a running pass first).
    void runNow();
    /// Stops the running pass and drops a pending one; the last result stays shown.
    void cancel();

    bool isBusy() const { return m_running || m_debounce.isActive(); }
    PlanSnapshotPtr latest() const { return m_latest; }
    /// Wall time of the last finished pass, ms.
    qint64 lastDurationMs() const { return m_lastDurationMs; }

signals:
    void started();
    void progress(double fraction);
    void finished(serveplan::PlanSnapshotPtr snapshot);
    void failed(const QString& message);
    void cancelled();
    void busyChanged(bool busy);

private:
    struct Outcome;
    void startPass();
    /// The catalog with the current FX overrides, rebuilt only when the catalog or the overrides change.
    std::shared_ptr<const Catalog> planningCatalog();
    void onPassFinished();
    void setRunning(bool running);

    PlanFunction m_plan;
    std::shared_ptr<const Catalog> m_catalog;
    std::shared_ptr<const Catalog> m_planningCatalog; ///< m_catalog with m_appliedFx
    QMap<QString, double> m_appliedFx;
    Scenario m_requested;
    bool m_hasRequest = false;
    bool m_restartWhenStopped = false;
    bool m_running = false;
    QTimer m_debounce;
    QElapsedTimer m_clock;
    qint64 m_lastDurationMs = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
    PlanSnapshotPtr m_latest;
};

} // namespace serveplan::ui
