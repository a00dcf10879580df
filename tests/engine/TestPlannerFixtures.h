#pragma once
// A small hand-built catalog and a capacity function with round numbers, so planner and cost tests
// can be checked by hand. Prices of p5.48xlarge and g6.xlarge in us-east-1 are the seed's
// (resources/data/instances.csv, AWS catalog 2026-04-02); the FX rows are fx_rates.csv's.
#include "perf/PerfTypes.h"
#include "catalog/Catalog.h"

#include <string>

namespace serveplan::test {

inline GpuSpec gpu(const std::string& id, double memoryGb, int mig = 0) {
    GpuSpec g;
    g.id = id;
    g.name = id;
    g.memoryGb = memoryGb;
    g.migMaxInstances = mig;
    return g;
}

inline ModelSpec model(const std::string& id, double paramsB) {
    ModelSpec m;
    m.id = id;
    m.name = id;
    m.paramsB = paramsB;
    m.activeParamsB = paramsB;
    return m;
}

inline Price price(PricingPlan plan, double amount, const std::string& currency = "USD",
                   PriceUnit unit = PriceUnit::Hour) {
    Price p;
    p.plan = plan;
    p.amount = amount;
    p.currency = currency;
    p.unit = unit;
    p.effectiveDate = "2026-04-02";
    return p;
}

inline InstanceSpec instance(const std::string& provider, const std::string& type, const std::string& region,
                             const std::string& gpuId, double gpus, std::vector<Price> prices) {
    InstanceSpec i;
    i.provider = provider;
    i.instanceType = type;
    i.region = region;
    i.gpuId = gpuId;
    i.gpuName = gpuId;
    i.gpuCount = gpus;
    i.prices = std::move(prices);
    return i;
}

inline Catalog smallCatalog() {
    Catalog c;
    c.gpus = {gpu("h100-sxm", 80, 7), gpu("l4", 24), gpu("a10", 24)};
    c.migProfiles = {{"h100-sxm", "1g.10gb", 7, 10, 1.0 / 7}, {"h100-sxm", "3g.40gb", 2, 40, 3.0 / 7}};
    c.models = {model("small-7b", 7.62), model("big-70b", 70.55)};
    c.instances = {
        instance("aws", "p5.48xlarge", "us-east-1", "h100-sxm", 8,
                 {price(PricingPlan::OnDemand, 55.04), price(PricingPlan::Spot, 20.0775)}),
        instance("aws", "g6.xlarge", "us-east-1", "l4", 1,
                 {price(PricingPlan::OnDemand, 0.8048), price(PricingPlan::Spot, 0.6685)}),
        instance("alibaba", "ecs.gn7i-c8g1.2xlarge", "cn-shanghai", "a10", 1,
                 {price(PricingPlan::OnDemand, 9.53, "CNY"),
                  price(PricingPlan::SubscriptionMonth, 4575.66, "CNY", PriceUnit::Month)}),
        instance("tencent", "GN7.2XLARGE32", "ap-guangzhou-3", "l4", 1, {}), // no price at all
    };
    c.fxRates = {{"CNY", 0.1381122, "2025-05-09", "ECB"},
                 {"EUR", 1.1252, "2025-05-09", "ECB"},
                 {"CNY", 0.1394609, "2024-08-09", "ECB"},
                 {"USD", 1, "", "identity"}};
    return c;
}

/// Round-number capacities: a replica fits when BF16-equivalent weights ÷ TP take ≤ 90 % of the
/// GPU (or MIG slice); it then serves 10 QPS per GPU on H100, 2 on L4/A10, scaled by the slice's
/// compute share. The `hf` engine misses every SLO (to exercise slo_miss).
inline CapacityEstimate fakeCapacity(const Deployment& d, const Workload&, const Slo&, CapacityMethod) {
    CapacityEstimate c;
    const double memory = d.mig ? d.mig->memoryGb : d.gpu->memoryGb;
    const double weightsPerGpu = d.model->paramsB * bytesPerElement(d.weights) / (d.parallel.tp * d.parallel.pp);
    c.memory.weightBytes = weightsPerGpu * 1e9;
    c.fits = weightsPerGpu <= 0.9 * memory;
    if (!c.fits) {
        c.memory.reason = Message::text("does not fit: weights need " + std::to_string(weightsPerGpu) + " GB per GPU");
        return c;
    }
    if (d.engine == ServingEngine::Hf) {
        c.sloFeasible = false;
        c.message = Message::text("p95 TPOT 80 ms > 50 ms even at 0.1 QPS");
        return c;
    }
    c.sloFeasible = true;
    const double perGpu = d.gpu->id == "h100-sxm" ? 10.0 : 2.0;
    const double share = d.mig ? d.mig->computeFraction : 1.0;
    c.maxQps = perGpu * d.parallel.tp * d.parallel.pp * share;
    c.ttftMs = {200, 150, 260};
    c.tpotMs = {20.0 / d.parallel.tp, 15.0 / d.parallel.tp, 26.0 / d.parallel.tp};
    c.outputTokensPerS = c.maxQps * 256;
    return c;
}

} // namespace serveplan::test

/// QCOMPARE cannot print PlanStatus (its toString returns a string_view): compare the names.
#define QCOMPARE_STATUS(actual, expected)                                                                              \
    QCOMPARE(QString::fromUtf8(serveplan::toString(actual).data()),                                                    \
             QString::fromUtf8(serveplan::toString(expected).data()))
