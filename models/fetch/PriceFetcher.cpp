#include "PriceFetcher.h"

#include "Fetchers.h"

using namespace Qt::StringLiterals;

namespace serveplan::models::fetch {

QString PriceQuote::key() const {
    return instanceKey() + u' ' + plan + u'/' + upfront;
}

QStringList fetcherIds() {
    return {u"aws"_s, u"azure"_s, u"gcp"_s, u"alibaba"_s, u"tencent"_s, u"runpod"_s, u"lambda"_s, u"vast"_s};
}

std::unique_ptr<PriceFetcher> makeFetcher(const QString& id) {
    if (id == u"aws"_s)
        return std::make_unique<AwsFetcher>();
    if (id == u"azure"_s)
        return std::make_unique<AzureFetcher>();
    if (id == u"gcp"_s)
        return std::make_unique<GcpFetcher>();
    if (id == u"alibaba"_s)
        return std::make_unique<AlibabaFetcher>();
    if (id == u"tencent"_s)
        return std::make_unique<TencentFetcher>();
    if (id == u"runpod"_s)
        return std::make_unique<RunPodFetcher>();
    if (id == u"lambda"_s)
        return std::make_unique<LambdaFetcher>();
    if (id == u"vast"_s)
        return std::make_unique<VastFetcher>();
    return nullptr;
}

namespace detail {

namespace {
QString trimmedBase(const QString& base) {
    QString b = base;
    while (b.endsWith(u'/'))
        b.chop(1);
    return b;
}
} // namespace

QUrl joinUrl(const QString& endpoint, const QString& fallback, const QString& path) {
    return QUrl(trimmedBase(endpoint.isEmpty() ? fallback : endpoint) + path);
}

QUrl rebase(const QString& link, const QString& defaultBase, const QString& endpoint) {
    const QString base = trimmedBase(defaultBase);
    if (link.startsWith(u'/'))
        return joinUrl(endpoint, base, link);
    const QUrl url(link);
    const QUrl defaultUrl(base);
    // Same host as the default base (with or without an explicit :443, as Azure's NextPageLink has it).
    if (!endpoint.isEmpty() && url.host() == defaultUrl.host() && url.path().startsWith(defaultUrl.path())) {
        QString rest = url.path(QUrl::FullyEncoded).mid(defaultUrl.path(QUrl::FullyEncoded).size());
        if (url.hasQuery())
            rest += u'?' + url.query(QUrl::FullyEncoded);
        return QUrl(trimmedBase(endpoint) + rest);
    }
    return url;
}

QString isoNow(const FetchOptions& options) {
    const QDateTime now = options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc();
    return now.toUTC().toString(Qt::ISODate);
}

QString today(const FetchOptions& options) {
    return isoNow(options).left(10);
}

void progress(const FetchOptions& options, const QString& line) {
    if (options.progress)
        options.progress(line);
}

bool cancelled(const FetchOptions& options) {
    return options.cancel && options.cancel->load();
}

} // namespace detail
} // namespace serveplan::models::fetch
