#include "calibration/ProbeSession.h"

namespace serveplan::ui {

namespace {

constexpr int kQuickTimeoutS = 120;
constexpr int kFullTimeoutS = 600;
constexpr int kDeviceTimeoutS = 20;

} // namespace

ProbeSession::ProbeSession(QObject* parent)
    : QObject(parent)
    , m_runner(new models::ProbeRunner(this)) {
    connect(m_runner, &models::ProbeRunner::deviceReported, this, &ProbeSession::onDevice);
    connect(m_runner, &models::ProbeRunner::progressed, this, &ProbeSession::progressed);
    connect(m_runner, &models::ProbeRunner::resultReported, this, &ProbeSession::resultReported);
    connect(m_runner, &models::ProbeRunner::errorReported, this, &ProbeSession::errorReported);
    connect(m_runner, &models::ProbeRunner::malformedLine, this, [this] { ++m_malformed; });
    connect(m_runner, &models::ProbeRunner::finished, this, &ProbeSession::finished);
}

bool ProbeSession::detectDevice() {
    cancelDeviceDetection();
    if (m_program.isEmpty() || isRunning())
        return false;
    // A runner of its own, so a check never mixes with a run's state; cancelDeviceDetection() drops it
    // with its connections, so a late line of a replaced check changes nothing.
    m_deviceRunner = new models::ProbeRunner(this);
    m_deviceRunner->setTimeoutMs(1000 * kDeviceTimeoutS);
    connect(m_deviceRunner, &models::ProbeRunner::deviceReported, this, &ProbeSession::onDevice);
    connect(m_deviceRunner, &models::ProbeRunner::finished, this, &ProbeSession::onDeviceCheckFinished);
    m_deviceRunner->start(m_program, {QStringLiteral("--device-only")});
    return true;
}

void ProbeSession::cancelDeviceDetection() {
    if (!m_deviceRunner)
        return;
    m_deviceRunner->disconnect(this);
    m_deviceRunner->cancel();
    m_deviceRunner->deleteLater();
    m_deviceRunner = nullptr;
}

void ProbeSession::onDeviceCheckFinished(models::ProbeRunner::Outcome outcome, const QString& message) {
    const QJsonObject device = m_deviceRunner ? m_deviceRunner->device() : QJsonObject();
    if (m_deviceRunner) {
        m_deviceRunner->disconnect(this);
        m_deviceRunner->deleteLater();
        m_deviceRunner = nullptr;
    }
    emit deviceDetected(outcome, message, device);
}

void ProbeSession::onDevice(const QJsonObject& device) {
    m_device = device;
    emit deviceReported(device);
}

bool ProbeSession::start(bool quick, const QStringList& extraArguments) {
    if (isRunning() || m_program.isEmpty())
        return false;
    cancelDeviceDetection(); // the run reports the device itself
    QStringList arguments;
    if (quick)
        arguments << QStringLiteral("--quick");
    arguments << extraArguments;
    m_quickRun = quick;
    m_malformed = 0;
    m_runner->setTimeoutMs(m_timeoutMs > 0 ? m_timeoutMs : 1000 * (quick ? kQuickTimeoutS : kFullTimeoutS));
    m_runner->start(m_program, arguments);
    return true;
}

void ProbeSession::cancel() {
    m_runner->cancel();
}

} // namespace serveplan::ui
