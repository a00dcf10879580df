#include "HttpClient.h"

#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace serveplan::models::fetch {

QByteArray HttpResponse::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpClient::HttpClient(QString provider, HttpPolicy policy, const std::atomic<bool>* cancel, QString tempDir)
    : m_provider(std::move(provider))
    , m_policy(policy)
    , m_cancel(cancel)
    , m_tempDir(tempDir.isEmpty() ? QDir::tempPath() : std::move(tempDir))
    , m_manager(std::make_unique<QNetworkAccessManager>()) {}

HttpClient::~HttpClient() = default;

QString HttpClient::describe(const QUrl& url) {
    QString where = url.host();
    if (url.port() > 0)
        where += u':' + QString::number(url.port());
    return where + url.path();
}

bool HttpClient::sleepFor(int ms) {
    QEventLoop loop;
    QTimer done;
    done.setSingleShot(true);
    QObject::connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancelled())
            loop.quit();
    });
    done.start(ms);
    poll.start(50);
    loop.exec();
    return !cancelled();
}

Result<HttpResponse> HttpClient::get(const QUrl& url, bool toFile) {
    return send([&] {
        HttpRequest r;
        r.url = url;
        r.toFile = toFile;
        return r;
    });
}

Result<HttpResponse> HttpClient::send(const std::function<HttpRequest()>& build,
                                      const std::function<ReplyVerdict(const HttpResponse&)>& check) {
    QString lastProblem;
    m_attempts = 0;
    int wait = m_policy.backoffMs;
    for (int attempt = 1; attempt <= std::max(1, m_policy.maxAttempts); ++attempt) {
        if (cancelled())
            return fetchError(m_provider + u": cancelled"_s);
        const HttpRequest request = build();
        const QString where = describe(request.url);
        ++m_attempts;

        QNetworkRequest netRequest(request.url);
        for (const auto& [name, value] : request.headers)
            netRequest.setRawHeader(name, value);
        netRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);

        HttpResponse response;
        if (request.toFile) {
            response.file = std::make_unique<QTemporaryFile>(m_tempDir + u"/serveplan-prices-XXXXXX.download"_s);
            if (!response.file->open())
                return fetchError(m_provider + u": cannot create a temporary file in "_s + m_tempDir + u": "_s +
                                  response.file->errorString());
        }
        QNetworkReply* reply = m_manager->sendCustomRequest(netRequest, request.method, request.body);
        bool timedOut = false;
        bool writeFailed = false;
        QEventLoop loop;
        QTimer idle;
        idle.setSingleShot(true);
        QTimer poll;
        QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
            timedOut = true;
            reply->abort();
        });
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancelled())
                reply->abort();
        });
        QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
            idle.start(m_policy.timeoutMs);
            const QByteArray chunk = reply->readAll();
            response.bytes += chunk.size();
            if (response.file) {
                if (response.file->write(chunk) != chunk.size()) {
                    writeFailed = true;
                    reply->abort();
                }
            } else {
                response.body += chunk;
            }
        });
        QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
            if (m_progress)
                m_progress(received, total);
        });
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        idle.start(m_policy.timeoutMs);
        poll.start(50);
        if (!reply->isFinished())
            loop.exec();
        idle.stop();
        poll.stop();
        const QByteArray rest = reply->readAll();
        response.bytes += rest.size();
        if (response.file)
            writeFailed = writeFailed || response.file->write(rest) != rest.size();
        else
            response.body += rest;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto& pair : reply->rawHeaderPairs())
            response.headers.append(pair);
        const QNetworkReply::NetworkError error = reply->error();
        const QString errorText = reply->errorString();
        reply->deleteLater();

        if (cancelled())
            return fetchError(m_provider + u": cancelled"_s);
        if (writeFailed)
            return fetchError(m_provider + u": cannot write the download from "_s + where + u" to disk: "_s +
                              response.file->errorString());
        bool retry = false;
        int retryAfterMs = 0;
        if (timedOut) {
            lastProblem = u"no data from "_s + where + u" for "_s + QString::number(m_policy.timeoutMs / 1000.0) +
                          u" s (timed out)"_s;
            retry = true;
        } else if (response.status == 429 || response.status == 500 || response.status == 502 ||
                   response.status == 503 || response.status == 504) {
            lastProblem = u"HTTP "_s + QString::number(response.status) + u" from "_s + where;
            retry = true;
            bool ok = false;
            const int seconds = response.header("Retry-After").trimmed().toInt(&ok);
            if (ok && seconds >= 0)
                retryAfterMs = seconds * 1000;
        } else if (response.status == 0 && error != QNetworkReply::NoError) {
            lastProblem = u"cannot reach "_s + where + u": "_s + errorText;
            retry = error == QNetworkReply::RemoteHostClosedError ||
                    error == QNetworkReply::TemporaryNetworkFailureError ||
                    error == QNetworkReply::NetworkSessionFailedError || error == QNetworkReply::UnknownNetworkError;
            if (!retry)
                return fetchError(m_provider + u": "_s + lastProblem);
        } else if ((response.status < 200 || response.status >= 300) &&
                   !(request.acceptClientErrors && response.status >= 400 && response.status < 500)) {
            QString detail = QString::fromUtf8(response.file ? QByteArray() : response.body.left(300)).simplified();
            return fetchError(m_provider + u": HTTP "_s + QString::number(response.status) + u" from "_s + where +
                              (detail.isEmpty() ? QString() : u": "_s + detail));
        } else if (response.status >= 200 && response.status < 300 && error != QNetworkReply::NoError) {
            // 2xx but the transfer broke off: a truncated body.
            lastProblem = u"the reply from "_s + where + u" broke off after "_s + QString::number(response.bytes) +
                          u" bytes: "_s + errorText;
            retry = true;
        } else if (check && check(response) == ReplyVerdict::Retry) {
            lastProblem = u"throttled by "_s + where;
            retry = true;
        } else {
            if (response.file) {
                response.file->flush();
                response.file->close();
            }
            return response;
        }
        if (!retry || attempt >= m_policy.maxAttempts)
            break;
        const int pause = std::min(m_policy.maxBackoffMs, std::max(wait, retryAfterMs));
        if (!sleepFor(pause))
            return fetchError(m_provider + u": cancelled"_s);
        wait = std::min(m_policy.maxBackoffMs, wait * 2);
    }
    return fetchError(m_provider + u": "_s + lastProblem + u" (gave up after "_s + QString::number(m_attempts) +
                      (m_attempts == 1 ? u" attempt)"_s : u" attempts)"_s));
}

} // namespace serveplan::models::fetch
