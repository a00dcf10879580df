#pragma once
// Request signatures of the keyed price interfaces, built on Qt's QCryptographicHash and
// QMessageAuthenticationCode. Each function returns its intermediate strings too, so a known-answer
// test (tests/models/TestPriceFetchSigning.cpp, vectors from the providers' documentation) points
// at the step that went wrong.
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace serveplan::models::fetch {

struct SignedRequest {
    QByteArray canonicalRequest;
    QByteArray hashedCanonicalRequest; ///< hex
    QByteArray stringToSign;
    QByteArray signature; ///< hex
    QByteArray authorization;
};

/// Alibaba Cloud V3 (ACS3-HMAC-SHA256), RPC style: parameters in the query string.
struct Acs3Request {
    QByteArray method = "POST";
    QByteArray canonicalUri = "/";
    QList<QPair<QByteArray, QByteArray>> query; ///< unencoded name/value pairs
    /// Signed headers, unencoded: host and every x-acs-* header (x-acs-content-sha256 is added
    /// from the body when absent).
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

/// RFC 3986 percent-encoding as Alibaba's V3 canonical query wants it (space %20, * %2A, ~ kept).
QByteArray acsPercentEncode(const QByteArray& value);
/// The canonical query string: pairs encoded, sorted by name then value, joined with '&'.
QByteArray acsCanonicalQuery(const QList<QPair<QByteArray, QByteArray>>& query);
SignedRequest signAcs3(const Acs3Request& request, const QByteArray& accessKeyId, const QByteArray& accessKeySecret);

/// Tencent Cloud API 3.0 (TC3-HMAC-SHA256), POST with a JSON body.
struct Tc3Request {
    QByteArray service = "cvm";
    QByteArray host = "cvm.tencentcloudapi.com";
    QByteArray action; ///< e.g. InquiryPriceRunInstances
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray payload;
    qint64 timestamp = 0; ///< seconds since the epoch; the credential date is its UTC date
    /// Sign x-tc-action (lower-cased) as the current doc does; off = the older content-type;host.
    bool signAction = true;
};

QByteArray tc3SecretSigning(const QByteArray& secretKey, const QByteArray& date, const QByteArray& service);
SignedRequest signTc3(const Tc3Request& request, const QByteArray& secretId, const QByteArray& secretKey);

QByteArray sha256Hex(const QByteArray& data);
QByteArray hmacSha256(const QByteArray& key, const QByteArray& message);

} // namespace serveplan::models::fetch
