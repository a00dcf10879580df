// One live fetch per public or keyed price interface, to confirm the recorded replies' field paths
// against the real services. Runs only with SERVEPLAN_LIVE_PRICES=1 (never in CI); a keyed provider
// is skipped unless its keys are set. SERVEPLAN_LIVE_PROVIDERS=aws,azure limits the providers.
#include "fetch/Credentials.h"
#include "fetch/PriceFetcher.h"

#include <QTest>

using namespace serveplan::models::fetch;
using namespace Qt::StringLiterals;

class TestPriceFetchLive : public QObject {
    Q_OBJECT

private slots:
    void live_data() {
        QTest::addColumn<QString>("provider");
        for (const QString& id : fetcherIds())
            QTest::newRow(id.toLatin1().constData()) << id;
    }

    void live() {
        QFETCH(QString, provider);
        if (qEnvironmentVariable("SERVEPLAN_LIVE_PRICES") != u"1"_s)
            QSKIP("live price fetches run only with SERVEPLAN_LIVE_PRICES=1");
        const QStringList only = qEnvironmentVariable("SERVEPLAN_LIVE_PROVIDERS").split(u',', Qt::SkipEmptyParts);
        if (!only.isEmpty() && !only.contains(provider))
            QSKIP("not in SERVEPLAN_LIVE_PROVIDERS");
        auto fetcher = makeFetcher(provider);
        const Credentials credentials = loadCredentials(*fetcher);
        for (const QString& key : fetcher->credentialVariables())
            if (!credentials.has(key) && provider != u"runpod"_s)
                QSKIP(qPrintable(u"no "_s + key));
        FetchOptions options;
        options.regions = fetcher->defaultRegions().mid(0, 1);
        options.progress = [](const QString& line) { qInfo().noquote() << line; };
        auto result = fetcher->fetch(options, credentials);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QVERIFY(!result->quotes.empty());
        for (const PriceQuote& q : result->quotes)
            QVERIFY2(q.amount > 0 && !q.currency.isEmpty(), qPrintable(q.key()));
        qInfo().noquote() << provider << result->quotes.size() << "prices," << result->skippedNoGpu
                          << "types without a GPU skipped";
    }
};

QTEST_GUILESS_MAIN(TestPriceFetchLive)
#include "TestPriceFetchLive.moc"
