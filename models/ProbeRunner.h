#pragma once
// Runs serveplan-probe as a child process (DESIGN.md §3.2): parses its JSON lines as they arrive,
// enforces a timeout, can be cancelled, and survives a probe that crashes, hangs or prints garbage
// with a clear message instead of a crash of its own.
#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace serveplan::models {

class ProbeRunner final : public QObject {
    Q_OBJECT
public:
    enum class Outcome {
        NotStarted,
        Running,
        Complete,      ///< exit 0 after a done line
        TestFailed,    ///< exit 4: some tests failed, the results before stay valid
        BadArguments,  ///< exit 2
        NoDevice,      ///< exit 3: no usable GPU and CPU fallback disabled
        Crashed,       ///< killed by a signal or an unexpected exit code
        TimedOut,      ///< killed by the runner after the timeout
        Cancelled,     ///< killed by cancel()
        FailedToStart, ///< the program could not be started
        ProtocolError, ///< exit 0 without a done line
    };
    Q_ENUM(Outcome)

    explicit ProbeRunner(QObject* parent = nullptr);
    ~ProbeRunner() override;

    /// The probe executable: $SERVEPLAN_PROBE, else serveplan-probe beside this application, else
    /// the one on PATH. Empty when none is found.
    static QString locateProbe();
    static QString outcomeText(Outcome outcome);

    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    /// Starts the probe; false (and finished() with FailedToStart) when a run is already going.
    bool start(const QString& program, const QStringList& arguments);
    /// Kills a running probe; finished() follows with Cancelled.
    void cancel();
    /// Runs to the end in a local event loop (for the CLI).
    Outcome runBlocking(const QString& program, const QStringList& arguments);

    bool isRunning() const { return m_outcome == Outcome::Running; }
    Outcome outcome() const { return m_outcome; }
    QString message() const { return m_message; }
    /// The well-formed protocol lines in arrival order, newline-terminated (what a run stores).
    QByteArray rawOutput() const { return m_raw; }
    int malformedLines() const { return m_malformed; }
    int results() const { return m_results; }
    QJsonObject device() const { return m_device; }

signals:
    void deviceReported(const QJsonObject& device);
    void progressed(const QString& stage, double fraction, const QString& message);
    void resultReported(const QJsonObject& result);
    void errorReported(const QString& stage, const QString& message);
    void malformedLine(const QByteArray& line);
    void finished(serveplan::models::ProbeRunner::Outcome outcome, const QString& message);

private:
    void readStdout();
    void readStderr();
    void handleLine(const QByteArray& line);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void onTimeout();
    void finish(Outcome outcome, const QString& message);

    QProcess* m_process = nullptr;
    QTimer m_timer;
    int m_timeoutMs = 180000;
    QByteArray m_buffer;
    QByteArray m_stderr;
    QByteArray m_raw;
    QJsonObject m_device;
    int m_malformed = 0;
    int m_results = 0;
    bool m_sawDone = false;
    bool m_discarding = false; ///< inside a line longer than the limit, dropping it up to its newline
    bool m_cancelled = false;
    bool m_timedOut = false;
    Outcome m_outcome = Outcome::NotStarted;
    QString m_message;
};

} // namespace serveplan::models
