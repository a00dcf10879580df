#include "RequestSigner.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>

namespace serveplan::models::fetch {

QByteArray sha256Hex(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray hmacSha256(const QByteArray& key, const QByteArray& message) {
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray acsPercentEncode(const QByteArray& value) {
    // Unreserved characters of RFC 3986 stay; everything else, '*' and ' ' included, is %XX.
    return value.toPercentEncoding();
}

QByteArray acsCanonicalQuery(const QList<QPair<QByteArray, QByteArray>>& query) {
    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto& [name, value] : query)
        encoded.append({acsPercentEncode(name), acsPercentEncode(value)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto& [name, value] : encoded) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

SignedRequest signAcs3(const Acs3Request& request, const QByteArray& accessKeyId, const QByteArray& accessKeySecret) {
    const QByteArray payloadHash = sha256Hex(request.body);
    QList<QPair<QByteArray, QByteArray>> headers;
    bool haveContentHash = false;
    for (const auto& [name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        haveContentHash = haveContentHash || lower == "x-acs-content-sha256";
        headers.append({lower, value.trimmed()});
    }
    if (!haveContentHash)
        headers.append({QByteArray("x-acs-content-sha256"), payloadHash});
    std::sort(headers.begin(), headers.end());

    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (const auto& [name, value] : headers) {
        canonicalHeaders += name + ':' + value + '\n';
        if (!signedHeaders.isEmpty())
            signedHeaders += ';';
        signedHeaders += name;
    }
    SignedRequest out;
    out.canonicalRequest = request.method + '\n' + request.canonicalUri + '\n' + acsCanonicalQuery(request.query) +
                           '\n' + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;
    out.hashedCanonicalRequest = sha256Hex(out.canonicalRequest);
    out.stringToSign = "ACS3-HMAC-SHA256\n" + out.hashedCanonicalRequest;
    out.signature = hmacSha256(accessKeySecret, out.stringToSign).toHex();
    out.authorization = "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders +
                        ",Signature=" + out.signature;
    return out;
}

QByteArray tc3SecretSigning(const QByteArray& secretKey, const QByteArray& date, const QByteArray& service) {
    const QByteArray secretDate = hmacSha256("TC3" + secretKey, date);
    const QByteArray secretService = hmacSha256(secretDate, service);
    return hmacSha256(secretService, "tc3_request");
}

SignedRequest signTc3(const Tc3Request& request, const QByteArray& secretId, const QByteArray& secretKey) {
    const QByteArray date =
        QDateTime::fromSecsSinceEpoch(request.timestamp, Qt::UTC).date().toString(Qt::ISODate).toLatin1();
    QByteArray canonicalHeaders = "content-type:" + request.contentType + "\nhost:" + request.host + '\n';
    QByteArray signedHeaders = "content-type;host";
    if (request.signAction) {
        canonicalHeaders += "x-tc-action:" + request.action.toLower() + '\n';
        signedHeaders += ";x-tc-action";
    }
    SignedRequest out;
    out.canonicalRequest = "POST\n/\n\n" + canonicalHeaders + '\n' + signedHeaders + '\n' + sha256Hex(request.payload);
    out.hashedCanonicalRequest = sha256Hex(out.canonicalRequest);
    const QByteArray scope = date + '/' + request.service + "/tc3_request";
    out.stringToSign =
        "TC3-HMAC-SHA256\n" + QByteArray::number(request.timestamp) + '\n' + scope + '\n' + out.hashedCanonicalRequest;
    out.signature = hmacSha256(tc3SecretSigning(secretKey, date, request.service), out.stringToSign).toHex();
    out.authorization = "TC3-HMAC-SHA256 Credential=" + secretId + '/' + scope + ", SignedHeaders=" + signedHeaders +
                        ", Signature=" + out.signature;
    return out;
}

} // namespace serveplan::models::fetch
