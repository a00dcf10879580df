#pragma once
// Blocking HTTP for the price fetchers, on QNetworkAccessManager and a local event loop (so it works
// on the GUI's worker thread and in the CLI alike): an inactivity timeout, bounded retries with
// exponential back-off on HTTP 429/5xx, timeouts and dropped connections (Retry-After honoured, capped),
// cancellation, and bodies streamed to a temporary file when asked. Errors name the provider, the
// host and path and the HTTP status — never the query string or a header, which may carry a key.
#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QTemporaryFile>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace serveplan::models::fetch {

/// An error value from a message built with QStringBuilder.
inline Error fetchError(const QString& message) {
    return Error{message.toStdString()};
}

struct HttpPolicy {
    int timeoutMs = 60000;    ///< no byte received for this long = timed out
    int maxAttempts = 4;      ///< first try included
    int backoffMs = 1000;     ///< first wait; doubles per retry
    int maxBackoffMs = 16000; ///< cap of one wait (Retry-After included)
};

struct HttpRequest {
    QUrl url;
    QByteArray method = "GET";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool toFile = false; ///< stream the body to a temporary file instead of memory
    /// Return 4xx replies (after `check`) instead of failing: for interfaces whose error JSON names the cause.
    bool acceptClientErrors = false;
};

struct HttpResponse {
    int status = 0;
    QByteArray body;                      ///< when the request did not ask for a file
    std::unique_ptr<QTemporaryFile> file; ///< when it did: the whole body, closed, removed with the response
    qint64 bytes = 0;
    QByteArray header(const QByteArray& name) const;
    QList<QPair<QByteArray, QByteArray>> headers;
};

/// What a provider-specific check says about a 200 reply (e.g. a throttling error code in the JSON).
enum class ReplyVerdict { Accept, Retry };

class HttpClient final {
public:
    HttpClient(QString provider, HttpPolicy policy, const std::atomic<bool>* cancel = nullptr,
               QString tempDir = QString());
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Sends the request built by `build` (called again for every attempt, so signatures carry a
    /// fresh time and nonce). Statuses other than 2xx fail after the retries with a clear message.
    Result<HttpResponse> send(const std::function<HttpRequest()>& build,
                              const std::function<ReplyVerdict(const HttpResponse&)>& check = {});
    Result<HttpResponse> get(const QUrl& url, bool toFile = false);

    /// Called with the bytes received so far of the current download.
    void setProgress(std::function<void(qint64 received, qint64 total)> progress) { m_progress = std::move(progress); }
    int attemptsMade() const { return m_attempts; }
    /// "host/path" of a URL, for messages (no query: it may hold a key).
    static QString describe(const QUrl& url);

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    bool sleepFor(int ms); ///< false when cancelled meanwhile

    QString m_provider;
    HttpPolicy m_policy;
    const std::atomic<bool>* m_cancel;
    QString m_tempDir;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    std::function<void(qint64, qint64)> m_progress;
    int m_attempts = 0;
};

} // namespace serveplan::models::fetch
