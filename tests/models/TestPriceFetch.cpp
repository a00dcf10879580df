// The price fetchers against a local HTTP server that replays recorded replies in each provider's
// documented format (tests/data/prices): what each turns into price rows, and every failure the
// issue names — bad signature, throttling, HTTP 429/500 with retry, a timeout, a truncated or
// malformed reply, an instance with no GPU — each a clear message that never holds a key.
#include "HttpFixtureServer.h"
#include "TestSupport.h"
#include "fetch/Credentials.h"
#include "fetch/PriceFetcher.h"
#include "fetch/RequestSigner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>

using namespace serveplan::models::fetch;
using namespace serveplan::test;
using namespace Qt::StringLiterals;

namespace {

const QString kSecret = u"s3cr3t-Key-Value-123"_s;

QString dataDir() {
    return testDataPath(u"prices"_s);
}

FetchOptions fastOptions(const QString& endpoint, QStringList regions = {}) {
    FetchOptions o;
    o.endpoint = endpoint;
    o.regions = std::move(regions);
    o.now = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
    o.http.timeoutMs = 2000;
    o.http.maxAttempts = 3;
    o.http.backoffMs = 10;
    o.http.maxBackoffMs = 50;
    return o;
}

Credentials keys() {
    Credentials c;
    c.values.insert(u"ALIBABA_CLOUD_ACCESS_KEY_ID"_s, u"test-id"_s);
    c.values.insert(u"ALIBABA_CLOUD_ACCESS_KEY_SECRET"_s, kSecret);
    c.values.insert(u"TENCENTCLOUD_SECRET_ID"_s, u"AKIDtest"_s);
    c.values.insert(u"TENCENTCLOUD_SECRET_KEY"_s, kSecret);
    c.values.insert(u"LAMBDA_API_KEY"_s, kSecret);
    c.values.insert(u"GOOGLE_CLOUD_API_KEY"_s, kSecret);
    c.values.insert(u"RUNPOD_API_KEY"_s, kSecret);
    return c;
}

/// key() -> quote
std::map<QString, PriceQuote> byKey(const FetchResult& r) {
    std::map<QString, PriceQuote> out;
    for (const PriceQuote& q : r.quotes)
        out.emplace(q.key(), q);
    return out;
}

serveplan::Result<FetchResult> run(const QString& provider, const FetchOptions& options,
                                   const Credentials& credentials = keys()) {
    auto fetcher = makeFetcher(provider);
    return fetcher->fetch(options, credentials);
}

} // namespace

class TestPriceFetch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("SERVEPLAN_NO_KEYRING", "1"); }

    void awsOfferFilesOnDemandReservedSavingsPlansSpot() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"aws"_s, fastOptions(server.baseUrl(), {u"us-east-1"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        const auto q = byKey(*result);
        const QString p5 = u"aws:p5.48xlarge@us-east-1 "_s;
        QCOMPARE(q.at(p5 + u"on_demand/none"_s).amount, 55.04); // Windows, Dedicated, CapacityBlock rows left out
        QCOMPARE(q.at(p5 + u"on_demand/none"_s).gpuId, u"h100-sxm"_s);
        QCOMPARE(q.at(p5 + u"on_demand/none"_s).gpuCount, 8.0);
        QCOMPARE(q.at(p5 + u"on_demand/none"_s).gpuMemoryGbEach, 80.0); // 640 GB / 8
        QCOMPARE(q.at(p5 + u"on_demand/none"_s).effectiveDate, u"2026-11-01"_s);
        QCOMPARE(q.at(p5 + u"on_demand/none"_s).fetchedAt, u"2026-12-06T12:00:00Z"_s);
        QCOMPARE(q.at(p5 + u"reserved_1y/none"_s).amount, 37.429);
        QCOMPARE(q.at(p5 + u"reserved_1y/partial"_s).upfrontAmount, 156165.0);
        QVERIFY(qFuzzyCompare(q.at(p5 + u"reserved_1y/partial"_s).amount, 17.827 + 156165.0 / 8760));
        QVERIFY(qFuzzyCompare(q.at(p5 + u"reserved_1y/all"_s).amount, 306101.0 / 8760));
        QVERIFY(qFuzzyCompare(q.at(p5 + u"reserved_3y/all"_s).amount, 595362.0 / 26280));
        // Standard RIs only: the convertible 3-year Partial term (14.01/h) is another product.
        QVERIFY(qFuzzyCompare(q.at(p5 + u"reserved_3y/partial"_s).amount, 11.556 + 303709.0 / 26280));
        QCOMPARE(q.at(p5 + u"savings_plan_1y/none"_s).amount, 40.1088); // Compute SP, not the EC2 Instance SP
        QVERIFY(qFuzzyCompare(q.at(p5 + u"savings_plan_3y/all"_s).upfrontAmount, 24.7676 * 26280));
        QCOMPARE(q.at(p5 + u"spot/none"_s).amount, 21.288);
        QVERIFY(!q.count(u"aws:g6e.xlarge@us-east-1 spot/none"_s)); // "N/A*" is no price
        QCOMPARE(q.at(u"aws:g6e.xlarge@us-east-1 savings_plan_1y/none"_s).amount, 1.3954);
        QVERIFY(!q.count(u"aws:c4.large@us-east-1 on_demand/none"_s));
        QCOMPARE(result->skippedNoGpu, 2); // c4.large, m7i.2xlarge
        QCOMPARE(int(result->quotes.size()), 12);
        for (const PriceQuote& quote : result->quotes)
            QVERIFY2(quote.amount > 0 && quote.currency == u"USD"_s, qPrintable(quote.key()));
    }

    void awsUnknownRegionIsAClearError() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"aws"_s, fastOptions(server.baseUrl(), {u"mars-north-1"_s}));
        QVERIFY(!result.ok());
        QVERIFY2(
            QString::fromStdString(result.error()).contains(u"aws: the EC2 region index has no region mars-north-1"_s),
            result.error().c_str());
        // A region in the index whose offer is missing on the server: the HTTP status is named.
        auto missing = run(u"aws"_s, fastOptions(server.baseUrl(), {u"eu-west-1"_s}));
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.error()).contains(u"HTTP 404"_s), missing.error().c_str());
    }

    void awsMalformedOfferIsRefused() {
        HttpFixtureServer server([](const FixtureRequest& r) {
            if (r.url.path().endsWith(u"/us-east-1/index.json"_s) && r.url.path().startsWith(u"/offers"_s)) {
                FixtureReply reply = FixtureReply::file(dataDir() + u"/aws/ec2_us-east-1.json"_s);
                reply.body.chop(reply.body.size() / 3); // complete transfer of a cut document
                return reply;
            }
            return recordedPriceReply(r, dataDir());
        });
        QVERIFY(server.listen());
        auto result = run(u"aws"_s, fastOptions(server.baseUrl(), {u"us-east-1"_s}));
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(u"aws: the EC2 offer for us-east-1: "_s), qPrintable(message));
        QVERIFY2(message.contains(u"malformed JSON"_s) || message.contains(u"ended early"_s), qPrintable(message));
    }

    void azureFollowsNextPageLink() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"azure"_s, fastOptions(server.baseUrl(), {u"eastus"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(server.requests()[1].query(u"$skip"_s), u"1000"_s); // NextPageLink moved onto the endpoint
        QCOMPARE(server.requests()[0].query(u"api-version"_s), u"2023-01-01-preview"_s);
        const auto q = byKey(*result);
        const QString nd = u"azure:Standard_ND96isr_H100_v5@eastus "_s;
        QCOMPARE(q.at(nd + u"on_demand/none"_s).amount, 98.32); // not the future 104 nor the expired 120
        QCOMPARE(q.at(nd + u"spot/none"_s).amount, 39.33);
        QCOMPARE(q.at(nd + u"savings_plan_1y/none"_s).amount, 78.66);
        QCOMPARE(q.at(nd + u"savings_plan_3y/none"_s).amount, 63.9);
        // Reservation prices are the whole term's price although the unit says "1 Hour".
        QVERIFY(qFuzzyCompare(q.at(nd + u"reserved_1y/all"_s).amount, 573720.0 / 8760));
        QCOMPARE(q.at(nd + u"reserved_1y/all"_s).upfrontAmount, 573720.0);
        QVERIFY(qFuzzyCompare(q.at(nd + u"reserved_3y/all"_s).amount, 1300000.0 / 26280));
        QCOMPARE(q.at(u"azure:Standard_NC40ads_H100_v5@eastus on_demand/none"_s).gpuMemoryGbEach, 94.0);
        QCOMPARE(q.at(u"azure:Standard_NC40ads_H100_v5@eastus on_demand/none"_s).amount, 6.98); // not Low Priority
        QCOMPARE(int(result->quotes.size()), 7);
        QCOMPARE(result->skippedNoGpu, 2);
    }

    // NextPageLink missing on a full page (as on 2023-03-10, Microsoft Q&A 1188465): the fetcher asks
    // again with $skip = the items read, keeping api-version and $filter; a short page without a link
    // is the last one.
    void azureSkipsOnWhenAFullPageHasNoLink() {
        const auto items = [](const QString& file) {
            QFile f(dataDir() + u"/azure/"_s + file);
            return f.open(QIODevice::ReadOnly)
                       ? QJsonDocument::fromJson(f.readAll()).object().value(u"Items"_s).toArray()
                       : QJsonArray();
        };
        QJsonArray full = items(u"eastus_page1.json"_s);
        QVERIFY(!full.isEmpty());
        while (full.size() < 100) // fill the page with meters of another service, which the fetcher skips
            full.append(QJsonObject{{u"serviceName"_s, u"Storage"_s}, {u"retailPrice"_s, 0.01}});
        const QJsonArray last = items(u"eastus_page2.json"_s);
        const auto page = [](const QJsonArray& list) {
            FixtureReply r;
            r.body =
                QJsonDocument(
                    QJsonObject{{u"Items"_s, list}, {u"NextPageLink"_s, QJsonValue::Null}, {u"Count"_s, list.size()}})
                    .toJson(QJsonDocument::Compact);
            return r;
        };
        HttpFixtureServer server([&](const FixtureRequest& r) {
            const QString skip = r.query(u"$skip"_s);
            return skip.isEmpty() ? page(full) : skip == u"100"_s ? page(last) : page({});
        });
        QVERIFY(server.listen());
        auto result = run(u"azure"_s, fastOptions(server.baseUrl(), {u"eastus"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(server.requests().size(), 2); // the 5-item page without a link ends it
        const FixtureRequest& second = server.requests()[1];
        QCOMPARE(second.query(u"$skip"_s), u"100"_s);
        QCOMPARE(second.query(u"api-version"_s), u"2023-01-01-preview"_s);
        QCOMPARE(second.query(u"$filter"_s), server.requests()[0].query(u"$filter"_s));
        QCOMPARE(int(result->quotes.size()), 7); // the same prices as the linked pages give
        QCOMPARE(byKey(*result).at(u"azure:Standard_ND96isr_H100_v5@eastus on_demand/none"_s).amount, 98.32);

        // A first page that is not full and has no link is the only page.
        const QJsonArray few = items(u"eastus_page1.json"_s);
        HttpFixtureServer single([&](const FixtureRequest&) { return page(few); });
        QVERIFY(single.listen());
        auto one = run(u"azure"_s, fastOptions(single.baseUrl(), {u"eastus"_s}));
        QVERIFY2(one.ok(), one.ok() ? "" : one.error().c_str());
        QCOMPARE(single.requests().size(), 1);
    }

    void alibabaDescribePriceEveryPlanSigned() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"alibaba"_s, fastOptions(server.baseUrl(), {u"cn-hangzhou"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        // Every request carries a V3 signature the server can recompute, and never the secret.
        for (const FixtureRequest& r : server.requests()) {
            QVERIFY(!r.url.toString().contains(kSecret) && !r.body.contains(kSecret.toUtf8()));
            Acs3Request check;
            check.method = r.method;
            const QUrlQuery query(r.url);
            for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded))
                check.query.append({name.toUtf8(), value.toUtf8()});
            for (const char* h : {"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
                                  "x-acs-content-sha256"})
                check.headers.append({QByteArray(h), r.header(h)});
            QCOMPARE(r.header("authorization"), signAcs3(check, "test-id", kSecret.toUtf8()).authorization);
        }
        const auto q = byKey(*result);
        const QString h20 = u"alibaba:ecs.gn8v-4x.8xlarge@cn-hangzhou "_s;
        QCOMPARE(q.at(h20 + u"on_demand/none"_s).amount, 96.32); // the instance part, without the system disk
        QCOMPARE(q.at(h20 + u"on_demand/none"_s).currency, u"CNY"_s);
        QCOMPARE(q.at(h20 + u"on_demand/none"_s).gpuId, u"h20"_s);
        QCOMPARE(q.at(h20 + u"on_demand/none"_s).gpuCount, 4.0);
        QCOMPARE(q.at(h20 + u"spot/none"_s).amount, 28.9);
        QCOMPARE(q.at(h20 + u"subscription_month/none"_s).amount, 46233.6);
        QCOMPARE(q.at(h20 + u"subscription_month/none"_s).unit, u"month"_s);
        QCOMPARE(q.at(h20 + u"subscription_year/all"_s).amount, 471564.0 / 12);
        QCOMPARE(q.at(h20 + u"subscription_year/all"_s).upfrontAmount, 471564.0);
        QCOMPARE(q.at(h20 + u"reserved_1y/none"_s).amount, 67.42);
        QVERIFY(qFuzzyCompare(q.at(h20 + u"reserved_1y/partial"_s).amount, 32.0 + 283000.0 / 8760));
        QVERIFY(qFuzzyCompare(q.at(h20 + u"reserved_3y/all"_s).amount, 1200000.0 / 26280));
        // An error reply for one plan is a note; the other plans stay.
        QVERIFY(!q.count(u"alibaba:ecs.gn7i-c8g1.2xlarge@cn-hangzhou reserved_3y/none"_s));
        QVERIFY(result->notes.join(u'\n').contains(u"InvalidParam.Period"_s));
        QCOMPARE(int(result->quotes.size()), 19);
        QCOMPARE(result->skippedNoGpu, 1); // ecs.g7.large
    }

    void alibabaBadSignatureNamesTheCauseNotTheKey() {
        HttpFixtureServer server([](const FixtureRequest&) {
            FixtureReply r = FixtureReply::file(dataDir() + u"/alibaba/error_SignatureDoesNotMatch.json"_s);
            r.status = 400;
            return r;
        });
        QVERIFY(server.listen());
        auto result = run(u"alibaba"_s, fastOptions(server.baseUrl(), {u"cn-hangzhou"_s}));
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(u"alibaba: "_s) && message.contains(u"SignatureDoesNotMatch"_s) &&
                     message.contains(u"HTTP 400"_s),
                 qPrintable(message));
        QVERIFY(!message.contains(kSecret));
        QCOMPARE(server.requests().size(), 1); // a refused key is not retried
    }

    void alibabaThrottlingIsRetried() {
        int throttled = 0;
        HttpFixtureServer server([&](const FixtureRequest& r) {
            if (r.header("x-acs-action") == "DescribeInstanceTypes" && throttled < 2) {
                ++throttled;
                FixtureReply reply = FixtureReply::file(dataDir() + u"/alibaba/error_Throttling.json"_s);
                reply.status = 400;
                return reply;
            }
            return recordedPriceReply(r, dataDir());
        });
        QVERIFY(server.listen());
        auto result = run(u"alibaba"_s, fastOptions(server.baseUrl(), {u"cn-hangzhou"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(throttled, 2);
        QCOMPARE(int(result->quotes.size()), 19);
    }

    void tencentEveryPlanSigned() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"tencent"_s, fastOptions(server.baseUrl(), {u"ap-guangzhou"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        for (const FixtureRequest& r : server.requests()) {
            Tc3Request check;
            check.host = r.header("host");
            check.action = r.header("x-tc-action");
            check.payload = r.body;
            check.timestamp = r.header("x-tc-timestamp").toLongLong();
            QCOMPARE(r.header("authorization"), signTc3(check, "AKIDtest", kSecret.toUtf8()).authorization);
            QCOMPARE(r.header("x-tc-version"), QByteArray("2017-03-12"));
        }
        const auto q = byKey(*result);
        const QString h20 = u"tencent:HCCPNV5V.48XLARGE1152@ap-guangzhou-6 "_s;
        QCOMPARE(q.at(h20 + u"on_demand/none"_s).amount, 143.56);
        QCOMPARE(q.at(h20 + u"on_demand/none"_s).currency, u"CNY"_s);
        QCOMPARE(q.at(h20 + u"subscription_month/none"_s).amount, 68909.0);
        QCOMPARE(q.at(h20 + u"subscription_year/all"_s).amount, 826904.0 / 12);
        QCOMPARE(q.at(h20 + u"spot/none"_s).amount, 28.71);
        QVERIFY(qFuzzyCompare(q.at(h20 + u"reserved_1y/all"_s).amount, 760000.0 / 8760));
        QCOMPARE(q.at(h20 + u"reserved_1y/none"_s).amount, 95.0);
        QVERIFY(qFuzzyCompare(q.at(u"tencent:GN7.5XLARGE80@ap-guangzhou-6 reserved_1y/partial"_s).amount,
                              4.2 + 36000.0 / 8760));
        QVERIFY(!q.count(u"tencent:HCCPNV5V.48XLARGE1152@ap-guangzhou-7 on_demand/none"_s)); // one zone per type
        QVERIFY(result->notes.join(u'\n').contains(u"ResourceInsufficient.SpecifiedInstanceType"_s));
        QCOMPARE(result->skippedNoGpu, 1);
        QCOMPARE(int(result->quotes.size()), 11);
    }

    void tencentAuthFailureAndThrottling() {
        int limited = 0;
        HttpFixtureServer server([&](const FixtureRequest&) {
            if (limited < 1) {
                ++limited;
                return FixtureReply::file(dataDir() + u"/tencent/error_RequestLimitExceeded.json"_s);
            }
            return FixtureReply::file(dataDir() + u"/tencent/error_AuthFailure.json"_s);
        });
        QVERIFY(server.listen());
        auto result = run(u"tencent"_s, fastOptions(server.baseUrl(), {u"ap-guangzhou"_s}));
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(u"tencent: "_s) && message.contains(u"AuthFailure.SignatureFailure"_s),
                 qPrintable(message));
        QVERIFY(!message.contains(kSecret));
        QCOMPARE(server.requests().size(), 2); // throttled once, retried, then refused
    }

    void http429And500AreRetriedWithBackOff() {
        int failures = 0;
        HttpFixtureServer server([&](const FixtureRequest& r) {
            if (failures < 2) {
                FixtureReply reply = FixtureReply::withStatus(failures == 0 ? 429 : 500, "{}");
                reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0")));
                ++failures;
                return reply;
            }
            return recordedPriceReply(r, dataDir());
        });
        QVERIFY(server.listen());
        auto result = run(u"azure"_s, fastOptions(server.baseUrl(), {u"eastus"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(int(result->quotes.size()), 7);
    }

    void http500ForeverGivesUp() {
        HttpFixtureServer server([](const FixtureRequest&) { return FixtureReply::withStatus(503, "busy"); });
        QVERIFY(server.listen());
        auto result = run(u"azure"_s, fastOptions(server.baseUrl(), {u"eastus"_s}));
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error()),
                 u"azure: HTTP 503 from 127.0.0.1:%1/api/retail/prices (gave up after 3 attempts)"_s.arg(
                     QUrl(server.baseUrl()).port()));
        QCOMPARE(server.requests().size(), 3);
    }

    void timeoutIsAClearError() {
        HttpFixtureServer server([](const FixtureRequest&) {
            FixtureReply r;
            r.hang = true;
            return r;
        });
        QVERIFY(server.listen());
        FetchOptions options = fastOptions(server.baseUrl(), {u"eastus"_s});
        options.http.timeoutMs = 200;
        options.http.maxAttempts = 2;
        auto result = run(u"azure"_s, options);
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(u"azure: no data from 127.0.0.1"_s) && message.contains(u"timed out"_s) &&
                     message.contains(u"gave up after 2 attempts"_s),
                 qPrintable(message));
    }

    void truncatedAndMalformedReplies() {
        HttpFixtureServer cut([](const FixtureRequest& r) {
            FixtureReply reply = recordedPriceReply(r, dataDir());
            reply.truncate = true;
            return reply;
        });
        QVERIFY(cut.listen());
        auto truncated = run(u"azure"_s, fastOptions(cut.baseUrl(), {u"eastus"_s}));
        QVERIFY(!truncated.ok());
        QVERIFY2(QString::fromStdString(truncated.error()).contains(u"broke off"_s) ||
                     QString::fromStdString(truncated.error()).contains(u"not valid JSON"_s),
                 truncated.error().c_str());

        HttpFixtureServer bad(
            [](const FixtureRequest&) { return FixtureReply::withStatus(200, R"({"Items": [ {"retailPrice": )"); });
        QVERIFY(bad.listen());
        auto malformed = run(u"azure"_s, fastOptions(bad.baseUrl(), {u"eastus"_s}));
        QVERIFY(!malformed.ok());
        QVERIFY2(QString::fromStdString(malformed.error())
                     .startsWith(u"azure: the reply for page 1 of eastus is not valid JSON"_s),
                 malformed.error().c_str());
    }

    void missingKeysNameTheVariables() {
        auto result = run(u"tencent"_s, fastOptions(u"http://127.0.0.1:9"_s), Credentials{});
        QVERIFY(!result.ok());
        QVERIFY(QString::fromStdString(result.error()).contains(u"TENCENTCLOUD_SECRET_ID"_s));
        qputenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "from-env");
        qputenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", kSecret.toUtf8());
        const Credentials fromEnv = loadCredentials(*makeFetcher(u"alibaba"_s));
        QCOMPARE(fromEnv.value(u"ALIBABA_CLOUD_ACCESS_KEY_ID"_s), u"from-env"_s);
        QCOMPARE(scrubSecrets(u"x "_s + kSecret + u" y"_s, fromEnv), u"x *** y"_s);
        qunsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
        qunsetenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    }

    void cancelStopsTheFetch() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        std::atomic<bool> cancel{true};
        FetchOptions options = fastOptions(server.baseUrl(), {u"us-east-1"_s});
        options.cancel = &cancel;
        auto result = run(u"aws"_s, options);
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error()), u"aws: cancelled"_s);
    }

    void gcpSumsTheSkusOfAMachineType() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"gcp"_s, fastOptions(server.baseUrl(), {u"us-central1"_s}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(server.requests().size(), 2); // nextPageToken followed
        QCOMPARE(server.requests()[1].query(u"pageToken"_s), u"CAE"_s);
        QCOMPARE(server.requests()[0].query(u"key"_s), kSecret);
        const auto q = byKey(*result);
        const QString a3 = u"gcp:a3-highgpu-8g@us-central1 "_s;
        // 208 vCPU + 1872 GiB + 8 H100 (not the Mega SKU), per hour.
        QVERIFY(qFuzzyCompare(q.at(a3 + u"on_demand/none"_s).amount, 208 * 0.033192 + 1872 * 0.002779 + 8 * 9.79655));
        QVERIFY(qFuzzyCompare(q.at(a3 + u"spot/none"_s).amount, 208 * 0.014937 + 1872 * 0.001251 + 8 * 2.253));
        QVERIFY(
            qFuzzyCompare(q.at(a3 + u"committed_use_1y/none"_s).amount, 208 * 0.02091 + 1872 * 0.001751 + 8 * 6.162));
        QCOMPARE(q.at(a3 + u"on_demand/none"_s).effectiveDate, u"2026-11-15"_s);
        QVERIFY(!q.count(a3 + u"committed_use_3y/none"_s)); // no 3-year SKUs recorded: no price, not 0
        QCOMPARE(int(result->quotes.size()), 3);
    }

    void lambdaInstanceTypes() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"lambda"_s, fastOptions(server.baseUrl()));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(server.requests().first().header("authorization"), QByteArray("Bearer " + kSecret.toUtf8()));
        QCOMPARE(int(result->quotes.size()), 1);
        QCOMPARE(result->quotes[0].amount, 23.92);
        QCOMPARE(result->quotes[0].gpuCount, 8.0);
        QCOMPARE(result->quotes[0].gpuId, u"h100-sxm"_s);
        QCOMPARE(result->skippedNoGpu, 1);
    }

    // RunPod's GraphQL gpuTypes (graphql-spec.runpod.io): one on-demand and one spot price per GPU of
    // the secure cloud, per GPU-hour; a GPU only the community cloud offers has no secure price (no
    // row, not 0); a GPU the catalog lacks is counted, not guessed.
    void runpodGpuTypes() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"runpod"_s, fastOptions(server.baseUrl()));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(server.requests().size(), 1);
        const FixtureRequest& request = server.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.url.path(), u"/graphql"_s);
        QCOMPARE(request.header("authorization"), QByteArray("Bearer " + kSecret.toUtf8()));
        QVERIFY(!request.url.query().contains(kSecret)); // the key goes in the header, never the URL
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QVERIFY(body.value(u"query"_s).toString().contains(u"gpuTypes"_s));
        const auto q = byKey(*result);
        // Named as the seed names RunPod pods ("H100 SXM" -> H100-SXM), so a fetch dates the seed's prices.
        const QString h100 = u"runpod:1x_H100-SXM_SECURE@global "_s;
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).amount, 2.99);
        QCOMPARE(q.at(h100 + u"spot/none"_s).amount, 1.75);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).gpuId, u"h100-sxm"_s);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).gpuCount, 1.0);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).currency, u"USD"_s);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).effectiveDate, u"2026-12-06"_s);
        const QString h100x8 = u"runpod:8x_H100-SXM_SECURE@global "_s; // the per-GPU price times the pod's GPUs
        QCOMPARE(q.at(h100x8 + u"on_demand/none"_s).amount, 8 * 2.99);
        QCOMPARE(q.at(h100x8 + u"spot/none"_s).amount, 8 * 1.75);
        QCOMPARE(q.at(h100x8 + u"on_demand/none"_s).gpuCount, 8.0);
        const QString l40s = u"runpod:1x_L40S_SECURE@global "_s;
        QCOMPARE(q.at(l40s + u"on_demand/none"_s).amount, 0.86); // on-demand above spot, as the reply says
        QCOMPARE(q.at(l40s + u"spot/none"_s).amount, 0.43);
        QCOMPARE(q.at(u"runpod:4x_L40S_SECURE@global on_demand/none"_s).amount, 4 * 0.86);
        QCOMPARE(q.count(u"runpod:8x_L40S_SECURE@global on_demand/none"_s), std::size_t(0)); // above maxGpuCount
        QCOMPARE(q.count(u"runpod:1x_RTX4090_SECURE@global on_demand/none"_s), std::size_t(0));
        // "A100 PCIe" keeps the older catalog name A100-80GB; no maxGpuCount means pods of up to 8.
        QCOMPARE(q.at(u"runpod:8x_A100-80GB_SECURE@global on_demand/none"_s).gpuId, u"a100-80gb-pcie"_s);
        QCOMPARE(int(result->quotes.size()), 4 * 2 + 3 * 2 + 4 * 2); // H100, A100: 1, 2, 4, 8 GPUs; L40S: 1, 2, 4
        QCOMPARE(result->skippedNoGpu, 1);                           // the GTX 1080 Ti
        QCOMPARE(result->regions, QStringList{u"global"_s});
    }

    // A GraphQL refusal comes as HTTP 200 with `errors` and no data: the message names it, never the key;
    // a bad key answered with HTTP 401 is a clear HTTP error.
    void runpodErrors() {
        HttpFixtureServer refused(
            [](const FixtureRequest&) { return FixtureReply::file(dataDir() + u"/market/runpod_error.json"_s); });
        QVERIFY(refused.listen());
        auto result = run(u"runpod"_s, fastOptions(refused.baseUrl()));
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(u"runpod: the reply has no data.gpuTypes (GraphQL error: Cannot query field"_s),
                 qPrintable(message));
        QVERIFY(!message.contains(kSecret));

        HttpFixtureServer unauthorised(
            [](const FixtureRequest&) { return FixtureReply::withStatus(401, R"({"error":"Unauthorized"})"); });
        QVERIFY(unauthorised.listen());
        auto denied = run(u"runpod"_s, fastOptions(unauthorised.baseUrl()));
        QVERIFY(!denied.ok());
        QVERIFY2(QString::fromStdString(denied.error()).startsWith(u"runpod: HTTP 401 from 127.0.0.1:"_s),
                 denied.error().c_str());
        QVERIFY(!QString::fromStdString(denied.error()).contains(kSecret));
        QCOMPARE(unauthorised.requests().size(), 1); // a refusal is not retried
    }

    // Vast.ai's marketplace (docs.vast.ai search offers): per GPU model and count, the median
    // dph_total of the offers as on-demand and the median min_bid as spot.
    void vastBundlesMedians() {
        HttpFixtureServer server([](const FixtureRequest& r) { return recordedPriceReply(r, dataDir()); });
        QVERIFY(server.listen());
        auto result = run(u"vast"_s, fastOptions(server.baseUrl()), Credentials{});
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QCOMPARE(server.requests().size(), 1);
        const FixtureRequest& request = server.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        const QJsonObject query = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(query.value(u"rentable"_s).toObject().value(u"eq"_s).toBool(), true);
        QCOMPARE(query.value(u"num_gpus"_s).toObject().value(u"gte"_s).toInt(), 1);
        const auto q = byKey(*result);
        const QString h100 = u"vast:8x_H100_SXM@global "_s;
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).amount, 18.4); // median of 17.6, 18.4, 19.2
        QCOMPARE(q.at(h100 + u"spot/none"_s).amount, 10.0);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).gpuCount, 8.0);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).gpuId, u"h100-sxm"_s);
        QCOMPARE(q.at(h100 + u"on_demand/none"_s).source, u"Vast.ai bundles, median of 3 offers"_s);
        const QString rtx = u"vast:1x_RTX_4090@global "_s;
        QVERIFY(qFuzzyCompare(q.at(rtx + u"on_demand/none"_s).amount, 0.38)); // (0.35 + 0.41) / 2
        QVERIFY(qFuzzyCompare(q.at(rtx + u"spot/none"_s).amount, 0.225));
        QCOMPARE(q.at(rtx + u"on_demand/none"_s).gpuId, u"rtx-4090"_s);
        QCOMPARE(int(result->quotes.size()), 4);
        QCOMPARE(result->skippedNoGpu, 1); // the GTX 1070 offer
    }

    // Vast's documented error shape {"success": false, "error", "msg"}: with HTTP 400 the status and
    // the reply's words; with HTTP 200 and no offers, the error and message it gives.
    void vastErrors() {
        QFile file(dataDir() + u"/market/vast_error.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray error = file.readAll();
        HttpFixtureServer bad([&](const FixtureRequest&) { return FixtureReply::withStatus(400, error); });
        QVERIFY(bad.listen());
        auto refused = run(u"vast"_s, fastOptions(bad.baseUrl()), Credentials{});
        QVERIFY(!refused.ok());
        const QString message = QString::fromStdString(refused.error());
        QVERIFY2(message.startsWith(u"vast: HTTP 400 from 127.0.0.1:"_s) && message.contains(u"invalid_args"_s),
                 qPrintable(message));

        HttpFixtureServer ok([&](const FixtureRequest&) { return FixtureReply::withStatus(200, error); });
        QVERIFY(ok.listen());
        auto empty = run(u"vast"_s, fastOptions(ok.baseUrl()), Credentials{});
        QVERIFY(!empty.ok());
        QCOMPARE(QString::fromStdString(empty.error()),
                 u"vast: the reply has no offers array (error: invalid_args Unknown search field: num_gpu.)"_s);
    }
};

QTEST_GUILESS_MAIN(TestPriceFetch)
#include "TestPriceFetch.moc"
