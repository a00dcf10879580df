#include "ProbeRunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {
// A line longer than this is not protocol output; it is dropped (and counted) instead of growing
// the buffer without bound.
constexpr qsizetype kMaxLine = 1 << 20;
constexpr qsizetype kMaxStderr = 16 * 1024;
} // namespace

ProbeRunner::ProbeRunner(QObject* parent)
    : QObject(parent) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProbeRunner::onTimeout);
}

ProbeRunner::~ProbeRunner() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString ProbeRunner::locateProbe() {
    const QString fromEnv = qEnvironmentVariable("SERVEPLAN_PROBE");
    if (!fromEnv.isEmpty() && QFileInfo(fromEnv).isExecutable())
        return fromEnv;
    const QString beside = QCoreApplication::applicationDirPath() + u"/serveplan-probe"_s;
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(u"serveplan-probe"_s);
}

QString ProbeRunner::outcomeText(Outcome outcome) {
    switch (outcome) {
    case Outcome::NotStarted:
        return tr("not started");
    case Outcome::Running:
        return tr("running");
    case Outcome::Complete:
        return tr("complete");
    case Outcome::TestFailed:
        return tr("some tests failed");
    case Outcome::BadArguments:
        return tr("bad arguments");
    case Outcome::NoDevice:
        return tr("no usable device");
    case Outcome::Crashed:
        return tr("the probe crashed");
    case Outcome::TimedOut:
        return tr("timed out");
    case Outcome::Cancelled:
        return tr("cancelled");
    case Outcome::FailedToStart:
        return tr("could not start the probe");
    case Outcome::ProtocolError:
        return tr("protocol error");
    }
    return {};
}

bool ProbeRunner::start(const QString& program, const QStringList& arguments) {
    if (isRunning())
        return false;
    m_buffer.clear();
    m_stderr.clear();
    m_raw.clear();
    m_device = {};
    m_malformed = 0;
    m_results = 0;
    m_sawDone = m_cancelled = m_timedOut = m_discarding = false;
    m_message.clear();
    m_outcome = Outcome::Running;
    delete m_process;
    m_process = new QProcess(this);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProbeRunner::readStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &ProbeRunner::readStderr);
    connect(m_process, &QProcess::finished, this, &ProbeRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ProbeRunner::onError);
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);
    m_process->start(program, arguments, QIODevice::ReadOnly);
    return true;
}

void ProbeRunner::cancel() {
    if (!isRunning() || !m_process)
        return;
    m_cancelled = true;
    m_process->kill();
}

ProbeRunner::Outcome ProbeRunner::runBlocking(const QString& program, const QStringList& arguments) {
    QEventLoop loop;
    connect(this, &ProbeRunner::finished, &loop, &QEventLoop::quit);
    if (!start(program, arguments))
        return m_outcome;
    if (isRunning())
        loop.exec();
    return m_outcome;
}

void ProbeRunner::readStdout() {
    m_buffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (m_discarding)
            m_discarding = false; // the end of an over-long line, already counted
        else
            handleLine(line);
    }
    if (m_buffer.size() > kMaxLine) {
        if (!m_discarding) {
            ++m_malformed;
            emit malformedLine(m_buffer.left(200));
        }
        m_discarding = true;
        m_buffer.clear();
    }
}

void ProbeRunner::readStderr() {
    m_stderr += m_process->readAllStandardError();
    if (m_stderr.size() > kMaxStderr)
        m_stderr = m_stderr.right(kMaxStderr);
}

void ProbeRunner::handleLine(const QByteArray& raw) {
    const QByteArray line = raw.trimmed();
    if (line.isEmpty())
        return;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    const QJsonObject o = doc.object();
    const QString type = o.value(u"type"_s).toString();
    if (error.error != QJsonParseError::NoError || !doc.isObject() || type.isEmpty()) {
        ++m_malformed;
        emit malformedLine(line.left(200));
        return;
    }
    if (type == u"device"_s) {
        m_device = o;
        emit deviceReported(o);
    } else if (type == u"progress"_s) {
        emit progressed(o.value(u"stage"_s).toString(), o.value(u"fraction"_s).toDouble(),
                        o.value(u"message"_s).toString());
    } else if (type == u"result"_s) {
        if (!o.value(u"test"_s).isString() || !o.value(u"value"_s).isDouble() || !o.value(u"unit"_s).isString()) {
            ++m_malformed;
            emit malformedLine(line.left(200));
            return;
        }
        ++m_results;
        emit resultReported(o);
    } else if (type == u"error"_s) {
        emit errorReported(o.value(u"stage"_s).toString(), o.value(u"message"_s).toString());
    } else if (type == u"done"_s) {
        m_sawDone = true;
    } else {
        ++m_malformed;
        emit malformedLine(line.left(200));
        return;
    }
    m_raw += line;
    m_raw += '\n';
}

void ProbeRunner::onFinished(int exitCode, QProcess::ExitStatus status) {
    readStdout();
    if (!m_discarding && !m_buffer.trimmed().isEmpty()) // a last line without its newline
        handleLine(m_buffer);
    m_buffer.clear();
    readStderr();
    const QString stderrTail = QString::fromUtf8(m_stderr.right(400)).trimmed();
    auto withStderr = [&](const QString& text) { return stderrTail.isEmpty() ? text : text + u": "_s + stderrTail; };
    if (m_cancelled)
        return finish(Outcome::Cancelled, tr("the probe was cancelled"));
    if (m_timedOut)
        return finish(Outcome::TimedOut,
                      tr("the probe did not finish within %1 s and was stopped").arg(m_timeoutMs / 1000.0));
    if (status == QProcess::CrashExit)
        return finish(Outcome::Crashed, withStderr(tr("the probe crashed after %n result(s)", nullptr, m_results)));
    switch (exitCode) {
    case 0:
        if (!m_sawDone)
            return finish(Outcome::ProtocolError, tr("the probe exited without its final \"done\" line"));
        return finish(Outcome::Complete, tr("%n result(s)", nullptr, m_results));
    case 2:
        return finish(Outcome::BadArguments, withStderr(tr("the probe rejected its arguments")));
    case 3:
        return finish(Outcome::NoDevice, tr("no usable GPU and CPU fallback disabled"));
    case 4:
        return finish(Outcome::TestFailed, tr("some tests failed; %n result(s) are valid", nullptr, m_results));
    default:
        return finish(Outcome::Crashed, withStderr(tr("the probe exited with code %1").arg(exitCode)));
    }
}

void ProbeRunner::onError(QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart && isRunning())
        finish(Outcome::FailedToStart,
               tr("could not start %1: %2").arg(m_process->program(), m_process->errorString()));
}

void ProbeRunner::onTimeout() {
    if (!isRunning() || !m_process)
        return;
    m_timedOut = true;
    m_process->kill();
}

void ProbeRunner::finish(Outcome outcome, const QString& message) {
    if (!isRunning())
        return;
    m_timer.stop();
    m_outcome = outcome;
    m_message = message;
    emit finished(outcome, message);
}

} // namespace serveplan::models
