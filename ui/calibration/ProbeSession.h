#pragma once
// The calibration window's probe-process driver: runs serveplan-probe for a quick or full run (with
// its timeout), or for the device alone (`--device-only`, in the background, 20 s at most), and
// passes on what the probe says. A run replaces a device check that is still going; a replaced
// check says nothing more. It shows nothing and stores nothing: the window wires it to its pages.
#include "ProbeRunner.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

namespace serveplan::ui {

class ProbeSession final : public QObject {
    Q_OBJECT
public:
    explicit ProbeSession(QObject* parent = nullptr);

    /// The probe to run; empty = none found.
    void setProgram(const QString& program) { m_program = program; }
    QString program() const { return m_program; }
    /// Stops a run after this long; 0 = 120 s for a quick run, 600 s for a full one.
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }

    /// Starts a device check; false when there is no program or a run is going. Replaces a running check.
    bool detectDevice();
    void cancelDeviceDetection();
    bool isDetectingDevice() const { return m_deviceRunner != nullptr; }

    /// Starts a run with `extraArguments` (the model's shapes); false when there is no program or one
    /// is running. A program that cannot start has already finished (FailedToStart) on return.
    bool start(bool quick, const QStringList& extraArguments);
    void cancel();
    bool isRunning() const { return m_runner->isRunning(); }
    models::ProbeRunner* runner() const { return m_runner; }
    /// Of the last run: quick or full, how many lines were not protocol lines, what it printed.
    bool quickRun() const { return m_quickRun; }
    int malformedLines() const { return m_malformed; }
    QByteArray rawOutput() const { return m_runner->rawOutput(); }
    /// The last device line, from a check or a run; empty before any.
    QJsonObject device() const { return m_device; }

signals:
    void deviceReported(const QJsonObject& device);
    void progressed(const QString& stage, double fraction, const QString& message);
    void resultReported(const QJsonObject& result);
    void errorReported(const QString& stage, const QString& message);
    /// A run ended, however it ended.
    void finished(serveplan::models::ProbeRunner::Outcome outcome, const QString& message);
    /// A device check ended (not when a run or a new check replaced it); `device` is its device line,
    /// empty when none came.
    void deviceDetected(serveplan::models::ProbeRunner::Outcome outcome, const QString& message,
                        const QJsonObject& device);

private:
    void onDevice(const QJsonObject& device);
    void onDeviceCheckFinished(models::ProbeRunner::Outcome outcome, const QString& message);

    QString m_program;
    int m_timeoutMs = 0;
    bool m_quickRun = false;
    int m_malformed = 0;
    models::ProbeRunner* m_runner;
    models::ProbeRunner* m_deviceRunner = nullptr; ///< the running --device-only check, if any
    QJsonObject m_device;
};

} // namespace serveplan::ui
