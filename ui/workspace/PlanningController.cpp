#include "PlanningController.h"

#include "EngineMessageText.h"
#include "settings/AppSettings.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace serveplan::ui {

struct PlanningController::Outcome {
    PlanSnapshotPtr snapshot;
    QString error;
    bool cancelled = false;
};

PlanningController::PlanningController(QObject* parent)
    : QObject(parent)
    , m_plan(enginePlanner()) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &PlanningController::startPass);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &PlanningController::onPassFinished);
}

PlanningController::~PlanningController() {
    // The pass reads the catalog and reports to this object: stop it before either goes away.
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    m_watcher.waitForFinished();
}

PlanningController::PlanFunction PlanningController::enginePlanner() {
    return [](const Catalog& catalog, const Scenario& scenario, const PlanOptions& options) {
        return Planner(catalog).run(scenario, options);
    };
}

void PlanningController::setCatalog(std::shared_ptr<const Catalog> catalog) {
    m_catalog = std::move(catalog);
    m_planningCatalog.reset();
    if (m_hasRequest)
        request(m_requested);
}

std::shared_ptr<const Catalog> PlanningController::withFxOverrides(std::shared_ptr<const Catalog> catalog,
                                                                   const QMap<QString, double>& usdPerUnit) {
    if (!catalog || usdPerUnit.isEmpty())
        return catalog;
    auto copy = std::make_shared<Catalog>(*catalog);
    for (auto it = usdPerUnit.cbegin(); it != usdPerUnit.cend(); ++it) {
        const std::string currency = it.key().toStdString();
        if (currency == "USD" || !(it.value() > 0))
            continue;
        std::erase_if(copy->fxRates, [&](const FxRate& rate) { return rate.currency == currency; });
        copy->fxRates.push_back({currency, it.value(), {}, "set in Edit > Preferences"});
    }
    return copy;
}

std::shared_ptr<const Catalog> PlanningController::planningCatalog() {
    const QMap<QString, double> fx = AppSettings::fxOverrides();
    if (!m_planningCatalog || fx != m_appliedFx) {
        m_planningCatalog = withFxOverrides(m_catalog, fx);
        m_appliedFx = fx;
    }
    return m_planningCatalog;
}

void PlanningController::request(const Scenario& scenario) {
    m_requested = scenario;
    m_hasRequest = true;
    const bool wasBusy = isBusy();
    if (m_debounce.interval() <= 0) {
        m_debounce.stop();
        startPass();
        return;
    }
    m_debounce.start();
    if (!wasBusy)
        emit busyChanged(true);
}

void PlanningController::runNow() {
    m_debounce.stop();
    if (m_hasRequest)
        startPass();
}

void PlanningController::cancel() {
    const bool wasBusy = isBusy();
    m_debounce.stop();
    m_restartWhenStopped = false;
    if (m_running && m_cancelFlag)
        m_cancelFlag->store(true);
    if (wasBusy && !isBusy())
        emit busyChanged(false);
}

void PlanningController::startPass() {
    if (!m_catalog || !m_hasRequest)
        return;
    if (m_running) {
        // Cancel the stale pass; onPassFinished() starts the newest request.
        m_restartWhenStopped = true;
        m_cancelFlag->store(true);
        return;
    }
    setRunning(true);
    m_restartWhenStopped = false;
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_clock.start();
    emit started();

    // Progress comes from the pool thread: hop to this object's thread, and only on visible change.
    QPointer<PlanningController> self(this);
    auto lastPercent = std::make_shared<std::atomic<int>>(-1);
    PlanOptions options;
    options.cancel = m_cancelFlag.get();
    options.progress = [self, lastPercent](double fraction) {
        const int percent = static_cast<int>(std::lround(fraction * 100));
        if (lastPercent->exchange(percent) == percent || !self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, fraction] {
                if (self)
                    emit self->progress(fraction);
            },
            Qt::QueuedConnection);
    };

    auto catalog = planningCatalog();
    auto cancelFlag = m_cancelFlag; // keeps the flag alive as long as the pass
    Scenario scenario = m_requested;
    PlanFunction plan = m_plan;
    m_watcher.setFuture(QtConcurrent::run([catalog, cancelFlag, scenario, plan, options]() {
        auto outcome = std::make_shared<Outcome>();
        Result<PlanResult> result = plan(*catalog, scenario, options);
        if (!result) {
            outcome->error =
                models::errorText(result); // the UI's language (QCoreApplication::translate is thread-safe)
        } else if (result->cancelled || cancelFlag->load()) {
            outcome->cancelled = true;
        } else {
            auto snapshot = std::make_shared<PlanSnapshot>();
            snapshot->catalog = catalog;
            snapshot->scenario = scenario;
            snapshot->result = std::move(result).value();
            outcome->snapshot = std::move(snapshot);
        }
        return outcome;
    }));
}

void PlanningController::onPassFinished() {
    const std::shared_ptr<Outcome> outcome = m_watcher.result();
    m_running = false;
    if (m_restartWhenStopped) {
        m_running = false;
        startPass();
        return;
    }
    m_lastDurationMs = m_clock.elapsed();
    if (outcome->snapshot) {
        m_latest = outcome->snapshot;
        emit finished(m_latest);
    } else if (outcome->cancelled) {
        emit cancelled();
    } else {
        emit failed(outcome->error);
    }
    if (!isBusy())
        emit busyChanged(false);
}

void PlanningController::setRunning(bool running) {
    const bool wasBusy = isBusy();
    m_running = running;
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

} // namespace serveplan::ui
