// Known-answer tests of the request signatures the keyed price interfaces need. Vectors: the worked
// examples in Alibaba Cloud's "V3 request structure and signature" doc (ACS3-HMAC-SHA256, RunInstances
// example) and Tencent Cloud's "Signature v3" doc (TC3-HMAC-SHA256, CVM DescribeInstances example,
// both revisions); copied with their sources into tests/data/prices/signing/.
#include "fetch/RequestSigner.h"

#include <QTest>

using namespace serveplan::models::fetch;

class TestPriceFetchSigning : public QObject {
    Q_OBJECT

private slots:
    void acsPercentEncoding() {
        QCOMPARE(acsPercentEncode("a b*c~d/e="), QByteArray("a%20b%2Ac~d%2Fe%3D"));
        QCOMPARE(acsCanonicalQuery({{"RegionId", "cn-shanghai"}, {"ImageId", "x y"}}),
                 QByteArray("ImageId=x%20y&RegionId=cn-shanghai"));
    }

    void acs3DocumentExample() {
        Acs3Request request;
        request.method = "POST";
        request.query = {{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
                         {"RegionId", "cn-shanghai"}};
        request.headers = {{"host", "ecs.cn-shanghai.aliyuncs.com"},
                           {"x-acs-action", "RunInstances"},
                           {"x-acs-version", "2014-05-26"},
                           {"x-acs-date", "2023-10-26T10:22:32Z"},
                           {"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"}};
        const SignedRequest s = signAcs3(request, "YourAccessKeyId", "YourAccessKeySecret");
        QCOMPARE(
            s.canonicalRequest,
            QByteArray("POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                       "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
                       "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                       "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
                       "x-acs-version:2014-05-26\n\n"
                       "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(s.hashedCanonicalRequest,
                 QByteArray("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"));
        QCOMPARE(s.signature, QByteArray("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"));
        QCOMPARE(s.authorization,
                 QByteArray(
                     "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
                     "x-acs-date;x-acs-signature-nonce;x-acs-version,"
                     "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"));
    }

    void tc3DocumentExampleOlderRevision() {
        Tc3Request request;
        request.action = "DescribeInstances";
        // The payload is the literal bytes of the doc: \u672a... stay six-character escapes.
        request.payload = R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";
        request.timestamp = 1551113065;
        request.signAction = false;
        QCOMPARE(sha256Hex(request.payload),
                 QByteArray("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"));
        const SignedRequest s =
            signTc3(request, "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", "Gu5t9xGARNpq86cd98joQYCN3*******");
        QCOMPARE(s.canonicalRequest, QByteArray("POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
                                                "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
                                                "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"));
        QCOMPARE(s.stringToSign, QByteArray("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                                            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"));
        QCOMPARE(s.signature, QByteArray("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"));
        QCOMPARE(
            s.authorization,
            QByteArray("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, "
                       "SignedHeaders=content-type;host, "
                       "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"));
    }

    void tc3DocumentExampleCurrentRevision() {
        Tc3Request request;
        request.action = "DescribeInstances";
        request.payload = R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";
        request.timestamp = 1551113065;
        request.signAction = true;
        const SignedRequest s = signTc3(request, "id", "masked-in-the-doc");
        QCOMPARE(s.hashedCanonicalRequest,
                 QByteArray("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"));
        // The doc masks the key and publishes the derived signing key instead.
        const QByteArray signingKey =
            QByteArray::fromHex("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af");
        QCOMPARE(hmacSha256(signingKey, s.stringToSign).toHex(),
                 QByteArray("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"));
    }

    void tc3UsesTheUtcDate() {
        // 2019-02-25 23:59:59 UTC is already the 26th east of UTC: the scope must keep the UTC date.
        Tc3Request request;
        request.action = "DescribeInstances";
        request.timestamp = 1551139199;
        const SignedRequest s = signTc3(request, "id", "key");
        QVERIFY(s.stringToSign.contains("\n2019-02-25/cvm/tc3_request\n"));
    }
};

QTEST_APPLESS_MAIN(TestPriceFetchSigning)
#include "TestPriceFetchSigning.moc"
