// A full AWS + Azure price refresh on full-size inputs (issue 16 target: under 2 minutes of CPU and
// 300 MB peak resident memory). The inputs are generated here, in the providers' formats, into the
// temporary folder at bench time (never committed): a synthetic us-east-1 AmazonEC2 offer of
// SERVEPLAN_BENCH_OFFER_MB megabytes (default 64 so CI stays quick; the target run uses 1500), a
// Savings Plans offer with a rate for every product, and Azure pages of 1000 items per region.
// They are served by the in-process HTTP fixture server and go through the real fetchers: download
// streamed to a temporary file, the offer parsed by streaming, Azure followed page by page.
// Measure with: SERVEPLAN_BENCH_OFFER_MB=1500 SERVEPLAN_BENCH_GENERATE_ONLY=1 BenchPriceFetch, then
// SERVEPLAN_BENCH_OFFER_MB=1500 /usr/bin/time -v BenchPriceFetch --benchmark_min_time=0.01
#include "HttpFixtureServer.h"
#include "TestSupport.h"
#include "fetch/PriceFetcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace serveplan;
using namespace serveplan::test;
using namespace serveplan::models::fetch;

namespace {

struct Inputs {
    QString dir;
    QString offer;
    QString savings;
    qint64 offerBytes = 0;
    int products = 0;
    int azurePages = 16;
};

const char* kGpuTypes[] = {"p5.48xlarge", "p4d.24xlarge", "g6e.xlarge", "g6e.12xlarge", "g5.xlarge", "g4dn.xlarge"};
const char* kCpuTypes[] = {"m7i.2xlarge", "c7i.4xlarge", "r7i.8xlarge", "t3.medium", "c4.large", "m5.xlarge"};
const char* kOs[] = {"Linux", "Windows", "RHEL", "SUSE"};
const char* kTenancy[] = {"Shared", "Dedicated", "Host"};

void writeOffer(const Inputs& in, int products) {
    std::FILE* f = std::fopen(in.offer.toLocal8Bit().constData(), "wb");
    std::FILE* sp = std::fopen(in.savings.toLocal8Bit().constData(), "wb");
    std::fprintf(f, "{\"formatVersion\":\"v1.0\",\"offerCode\":\"AmazonEC2\",\"version\":\"20261120000000\","
                    "\"publicationDate\":\"2026-11-20T00:00:00Z\",\"products\":{\n");
    for (int i = 0; i < products; ++i) {
        const bool gpu = i % 50 == 0; // about 2 % of the products are GPU instances, as in the real file
        const char* type = gpu ? kGpuTypes[(i / 50) % 6] : kCpuTypes[i % 6];
        std::fprintf(
            f,
            "%s\"SKU%09d\":{\"sku\":\"SKU%09d\",\"productFamily\":\"Compute Instance\",\"attributes\":{"
            "\"servicecode\":\"AmazonEC2\",\"location\":\"US East (N. Virginia)\",\"locationType\":\"AWS Region\","
            "\"instanceType\":\"%s\",\"currentGeneration\":\"Yes\",\"instanceFamily\":\"General purpose\","
            "\"vcpu\":\"8\",\"physicalProcessor\":\"Intel Xeon\",\"clockSpeed\":\"3.2 GHz\",\"memory\":\"32 GiB\","
            "\"storage\":\"EBS only\",\"networkPerformance\":\"Up to 12500 "
            "Megabit\",\"processorArchitecture\":\"64-bit\","
            "\"tenancy\":\"%s\",\"operatingSystem\":\"%s\",\"licenseModel\":\"No License required\","
            "\"usagetype\":\"BoxUsage:%s\",\"operation\":\"RunInstances\",\"capacitystatus\":\"Used\","
            "\"preInstalledSw\":\"NA\",\"regionCode\":\"us-east-1\",\"marketoption\":\"OnDemand\"%s}}\n",
            i ? "," : "", i, i, type, gpu ? "Shared" : kTenancy[(i / 6) % 3], gpu ? "Linux" : kOs[(i / 18) % 4], type,
            gpu ? ",\"gpu\":\"8\",\"gpuMemory\":\"640 GB\"" : "");
    }
    std::fprintf(f, "},\"terms\":{\"OnDemand\":{\n");
    for (int i = 0; i < products; ++i)
        std::fprintf(
            f,
            "%s\"SKU%09d\":{\"SKU%09d.JRTCKXETXF\":{\"offerTermCode\":\"JRTCKXETXF\",\"sku\":\"SKU%09d\","
            "\"effectiveDate\":\"2026-11-01T00:00:00Z\",\"priceDimensions\":{\"SKU%09d.JRTCKXETXF.6YS6EN2CT7\":{"
            "\"rateCode\":\"SKU%09d.JRTCKXETXF.6YS6EN2CT7\",\"description\":\"$%d.%03d per On Demand Instance Hour\","
            "\"beginRange\":\"0\",\"endRange\":\"Inf\",\"unit\":\"Hrs\",\"pricePerUnit\":{\"USD\":\"%d.%03d0000000\"},"
            "\"appliesTo\":[]}},\"termAttributes\":{}}}\n",
            i ? "," : "", i, i, i, i, i, 1 + i % 90, i % 1000, 1 + i % 90, i % 1000);
    std::fprintf(f, "},\"Reserved\":{\n");
    const char* options[] = {"No Upfront", "Partial Upfront", "All Upfront"};
    const char* classes[] = {"standard", "convertible"};
    for (int i = 0; i < products; ++i) {
        std::fprintf(f, "%s\"SKU%09d\":{", i ? "," : "", i);
        int n = 0;
        for (const char* length : {"1yr", "3yr"})
            for (const char* cls : classes)
                for (const char* option : options) {
                    std::fprintf(
                        f,
                        "%s\"SKU%09d.T%d\":{\"offerTermCode\":\"T%d\",\"sku\":\"SKU%09d\",\"effectiveDate\":"
                        "\"2026-11-01T00:00:00Z\",\"priceDimensions\":{\"SKU%09d.T%d.6YS6EN2CT7\":{\"rateCode\":"
                        "\"SKU%09d.T%d.6YS6EN2CT7\",\"description\":\"Linux/UNIX (Amazon VPC), reserved instance "
                        "applied\","
                        "\"beginRange\":\"0\",\"endRange\":\"Inf\",\"unit\":\"Hrs\",\"pricePerUnit\":{\"USD\":\"0.%"
                        "04d000000\"},"
                        "\"appliesTo\":[]},\"SKU%09d.T%d.2TG2D8R56U\":{\"rateCode\":\"SKU%09d.T%d.2TG2D8R56U\","
                        "\"description\":\"Upfront Fee\",\"unit\":\"Quantity\",\"pricePerUnit\":{\"USD\":\"%d\"},"
                        "\"appliesTo\":[]}},\"termAttributes\":{\"LeaseContractLength\":\"%s\",\"OfferingClass\":\"%"
                        "s\","
                        "\"PurchaseOption\":\"%s\"}}",
                        n ? "," : "", i, n, n, i, i, n, i, n, 1 + (i + n) % 9999, i, n, i, n, 100 + n * 37, length, cls,
                        option);
                    ++n;
                }
        std::fprintf(f, "}\n");
    }
    std::fprintf(f, "}}}\n");
    std::fclose(f);

    std::fprintf(
        sp, "{\"version\":\"20261120000000\",\"publicationDate\":\"2026-11-20T00:00:00Z\",\"regionCode\":\"us-east-1\","
            "\"products\":[],\"terms\":{\"savingsPlan\":[\n");
    int t = 0;
    for (int years : {1, 3})
        for (const char* option : options) {
            std::fprintf(
                sp,
                "%s{\"sku\":\"SP%d\",\"description\":\"%d year %s Compute Savings Plan\",\"effectiveDate\":"
                "\"2026-11-01T00:00:00Z\",\"leaseContractLength\":{\"duration\":%d,\"unit\":\"year\"},\"rates\":[\n",
                t ? "," : "", t, years, option, years);
            for (int i = 0; i < products; ++i)
                std::fprintf(
                    sp,
                    "%s{\"discountedSku\":\"SKU%09d\",\"discountedUsageType\":\"BoxUsage:x\",\"discountedOperation\":"
                    "\"RunInstances\",\"discountedServiceCode\":\"AmazonEC2\",\"rateCode\":\"SP%d.SKU%09d\",\"unit\":"
                    "\"Hrs\",\"discountedRate\":{\"price\":\"0.%04d\",\"currency\":\"USD\"}}\n",
                    i ? "," : "", i, t, i, 1 + i % 9999);
            std::fprintf(sp, "]}");
            ++t;
        }
    std::fprintf(sp, "]}}\n");
    std::fclose(sp);
}

const Inputs& inputs() {
    static const Inputs in = [] {
        Inputs i;
        const int mb = qEnvironmentVariableIntValue("SERVEPLAN_BENCH_OFFER_MB") > 0
                           ? qEnvironmentVariableIntValue("SERVEPLAN_BENCH_OFFER_MB")
                           : 64;
        i.dir = QDir::tempPath() + QStringLiteral("/serveplan-bench-prices");
        QDir().mkpath(i.dir);
        i.offer = i.dir + QStringLiteral("/ec2_us-east-1_%1MB.json").arg(mb);
        i.savings = i.dir + QStringLiteral("/sp_us-east-1_%1MB.json").arg(mb);
        i.products = int(qint64(mb) * 1024 * 1024 / 9300); // ~9.3 kB per product with its 13 terms
        if (!QFile::exists(i.offer) || !QFile::exists(i.savings)) {
            std::fprintf(stderr, "BenchPriceFetch: writing a %d MB EC2 offer (%d products) to %s\n", mb, i.products,
                         qPrintable(i.offer));
            writeOffer(i, i.products);
        }
        i.offerBytes = QFileInfo(i.offer).size();
        return i;
    }();
    return in;
}

QByteArray azurePage(const QString& region, int page, int pages) {
    QByteArray items;
    for (int k = 0; k < 1000; ++k) {
        const bool gpu = k % 40 == 0;
        const QByteArray sku =
            gpu ? QByteArray("Standard_ND96isr_H100_v5") : "Standard_D" + QByteArray::number(k % 64 + 2) + "s_v5";
        const char* type = k % 3 == 0 ? "Reservation" : "Consumption";
        items += (k ? "," : "") + QByteArray("{\"currencyCode\":\"USD\",\"tierMinimumUnits\":0.0,") +
                 (k % 3 == 0 ? "\"reservationTerm\":\"1 Year\"," : "") +
                 "\"retailPrice\":" + QByteArray::number(1 + k % 97) + ",\"unitPrice\":1.0,\"armRegionName\":\"" +
                 region.toUtf8() +
                 "\",\"location\":\"US East\",\"effectiveStartDate\":\"2026-10-01T00:00:00Z\",\"meterId\":\"m-" +
                 QByteArray::number(page * 1000 + k) +
                 "\",\"meterName\":\"x\",\"productId\":\"P\",\"skuId\":\"P/1\","
                 "\"productName\":\"Virtual Machines Series\",\"skuName\":\"" +
                 (k % 5 == 1 ? "x Spot" : "x") +
                 "\",\"serviceName\":\"Virtual "
                 "Machines\",\"serviceId\":\"S\",\"serviceFamily\":\"Compute\",\"unitOfMeasure\":"
                 "\"1 Hour\",\"type\":\"" +
                 type + "\",\"isPrimaryMeterRegion\":true,\"armSkuName\":\"" + sku + "\"}";
    }
    const QByteArray next =
        page + 1 < pages
            ? "\"https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&$filter=x&$skip=" +
                  QByteArray::number((page + 1) * 1000) + "&region=" + region.toUtf8() + "\""
            : QByteArray("null");
    return "{\"BillingCurrency\":\"USD\",\"Items\":[" + items + "],\"NextPageLink\":" + next + ",\"Count\":1000}";
}

FixtureReply serve(const FixtureRequest& r) {
    const Inputs& in = inputs();
    const QString path = r.url.path();
    const QString data = testDataPath(QStringLiteral("prices"));
    if (path.startsWith(QStringLiteral("/offers/v1.0/aws/AmazonEC2/2"))) {
        FixtureReply reply;
        reply.filePath = in.offer;
        return reply;
    }
    if (path.startsWith(QStringLiteral("/savingsPlan/")) && path.contains(QStringLiteral("/2026"))) {
        FixtureReply reply;
        reply.filePath = in.savings;
        return reply;
    }
    if (path == QStringLiteral("/api/retail/prices")) {
        QString region = r.query(QStringLiteral("region"));
        if (region.isEmpty())
            region = r.query(QStringLiteral("$filter")).section(u'\'', 3, 3);
        const int page = r.query(QStringLiteral("$skip")).toInt() / 1000;
        FixtureReply reply;
        reply.body = azurePage(region, page, in.azurePages);
        return reply;
    }
    return recordedPriceReply(r, data);
}

void BM_AwsAzureRefresh(benchmark::State& state) {
    const Inputs& in = inputs();
    HttpFixtureServer server(&serve);
    if (!server.listen()) {
        state.SkipWithError("cannot listen");
        return;
    }
    std::size_t quotes = 0;
    for (auto _ : state) {
        quotes = 0;
        for (const char* provider : {"aws", "azure"}) {
            FetchOptions options;
            options.endpoint = server.baseUrl();
            options.regions = {QString::fromLatin1(provider) == QStringLiteral("aws") ? QStringLiteral("us-east-1")
                                                                                      : QStringLiteral("eastus")};
            if (QString::fromLatin1(provider) == QStringLiteral("azure"))
                options.regions << QStringLiteral("westeurope");
            auto result = makeFetcher(QString::fromLatin1(provider))->fetch(options, {});
            if (!result) {
                state.SkipWithError(result.error().c_str());
                return;
            }
            quotes += result->quotes.size();
        }
    }
    state.counters["offer_MB"] = double(in.offerBytes) / (1 << 20);
    state.counters["offer_products"] = in.products;
    state.counters["quotes"] = double(quotes);
    state.SetBytesProcessed(state.iterations() * in.offerBytes);
}
BENCHMARK(BM_AwsAzureRefresh)->Unit(benchmark::kSecond)->Iterations(1);

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    // Writing the inputs takes a while at full size: SERVEPLAN_BENCH_GENERATE_ONLY=1 writes them and
    // stops, so that /usr/bin/time then measures the refresh alone.
    if (qEnvironmentVariableIntValue("SERVEPLAN_BENCH_GENERATE_ONLY") == 1) {
        std::fprintf(stderr, "BenchPriceFetch: inputs in %s (%lld bytes of EC2 offer)\n", qPrintable(inputs().dir),
                     static_cast<long long>(inputs().offerBytes));
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
