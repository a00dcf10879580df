#pragma once
// One interface for every provider's price fetcher (issue 16). A fetcher talks to its provider's
// own documented price interface through HttpClient and turns the replies into PriceQuotes for
// every GPU instance family; it writes nothing. PriceBook diffs and applies the result.
#include "HttpClient.h"
#include "PriceQuote.h"
#include "common/Result.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace serveplan::models::fetch {

/// Secrets for one fetch, read from the environment or the keyring (Credentials.h); kept in memory
/// only, never written anywhere and never put in a message.
struct Credentials {
    QHash<QString, QString> values; ///< environment variable name -> value
    QString value(const QString& name) const { return values.value(name); }
    bool has(const QString& name) const { return !values.value(name).isEmpty(); }
};

struct FetchOptions {
    QStringList regions; ///< empty: the fetcher's default regions
    QString endpoint;    ///< replaces the provider's base URL (scheme, host, path prefix); empty: the real one
    QDateTime now;       ///< the fetch time (UTC); invalid: the current time
    HttpPolicy http;     ///< timeouts and retries
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(const QString&)> progress; ///< one line per step ("aws: us-east-1 offer 120 MB")
    QString tempDir;                              ///< where downloads are streamed (empty: the system temporary folder)
};

/// Who a fetcher talks to: fixed per provider, declared once in its constructor.
struct ProviderInfo {
    QString id;                      ///< aws, azure, gcp, alibaba, tencent, runpod, lambda, vast
    QString displayName;             ///< "Amazon Web Services"
    QString defaultEndpoint;         ///< the documented base URL
    QStringList defaultRegions;      ///< fetched when the user names none
    QStringList credentialVariables; ///< environment variables holding the keys (empty: a public interface)
};

class PriceFetcher {
public:
    virtual ~PriceFetcher() = default;
    QString id() const { return m_info.id; }
    QString displayName() const { return m_info.displayName; }
    QString defaultEndpoint() const { return m_info.defaultEndpoint; }
    QStringList defaultRegions() const { return m_info.defaultRegions; }
    QStringList credentialVariables() const { return m_info.credentialVariables; }
    /// Fetches every plan for every GPU instance family of the regions. Fails with a message that
    /// names the provider, and the HTTP status or the provider's error code where there is one.
    virtual Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) = 0;

protected:
    explicit PriceFetcher(ProviderInfo info)
        : m_info(std::move(info)) {}

private:
    ProviderInfo m_info;
};

/// Every provider with a fetcher, in the order the CLI and the dialog list them.
QStringList fetcherIds();
/// nullptr for an unknown id.
std::unique_ptr<PriceFetcher> makeFetcher(const QString& id);

namespace detail {
/// `endpoint` (or `fallback` when empty) without a trailing slash, joined with `path` (which starts with '/').
QUrl joinUrl(const QString& endpoint, const QString& fallback, const QString& path);
/// A URL the provider returned (an absolute NextPageLink, a versioned offer path) moved onto the
/// chosen endpoint: its part after the default base is appended to `endpoint`.
QUrl rebase(const QString& link, const QString& defaultBase, const QString& endpoint);
QString isoNow(const FetchOptions& options);
QString today(const FetchOptions& options);
void progress(const FetchOptions& options, const QString& line);
bool cancelled(const FetchOptions& options);
} // namespace detail

} // namespace serveplan::models::fetch
