#pragma once
// The seed catalog (resources/data) for the performance-engine tests, loaded once per process.
#include "TestSupport.h"
#include "perf/PerfTypes.h"
#include "catalog/CatalogCsv.h"

#include <QTest>

namespace serveplan::test {

inline const Catalog& seedCatalog() {
    static const Catalog catalog = [] {
        auto loaded = CatalogCsv::loadDirectory(sourcePath(QStringLiteral("resources/data")).toStdString());
        if (!loaded)
            qFatal("cannot load the seed catalog: %s", loaded.error().c_str());
        return std::move(loaded).value();
    }();
    return catalog;
}

inline Deployment deployment(const char* model, const char* gpu, Precision weights = Precision::BF16, int tp = 1,
                             ServingEngine engine = ServingEngine::Vllm) {
    Deployment d;
    d.model = seedCatalog().model(model);
    d.gpu = seedCatalog().gpu(gpu);
    if (!d.model || !d.gpu)
        qFatal("fixture: unknown model %s or GPU %s", model, gpu);
    d.weights = weights;
    d.kvCache = weights == Precision::FP16 ? Precision::FP16 : Precision::BF16;
    d.parallel.tp = tp;
    d.engine = engine;
    return d;
}

inline Workload workload(double input, double output) {
    Workload w;
    w.inputTokens = LengthDistribution::fixed(input);
    w.outputTokens = LengthDistribution::fixed(output);
    return w;
}

} // namespace serveplan::test
