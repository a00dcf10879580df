#include "CalibrationImport.h"

#include "QtText.h"
#include "calib/LoadTestFit.h"
#include "perf/PerfTypes.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

constexpr const char* kLoadTestFormat = "serveplan-loadtest";

} // namespace

bool isLoadTestKind(const QString& kind) {
    return kind == QLatin1String(runkind::kVllmBench) || kind == QLatin1String(runkind::kLocust);
}

QStringList probeShapeArguments(const ModelSpec& m) {
    QStringList a{u"--model"_s,        qtText(m.id),
                  u"--layers"_s,       QString::number(m.numLayers),
                  u"--hidden"_s,       QString::number(m.hiddenSize),
                  u"--intermediate"_s, QString::number(m.intermediateSize),
                  u"--heads"_s,        QString::number(m.numAttentionHeads),
                  u"--kv-heads"_s,     QString::number(m.numKvHeads),
                  u"--head-dim"_s,     QString::number(m.headDim),
                  u"--vocab"_s,        QString::number(m.vocabSize)};
    if (m.isMoe())
        a << u"--experts"_s << QString::number(m.numExperts) << u"--experts-per-token"_s
          << QString::number(m.numExpertsPerTok) << u"--shared-experts"_s << QString::number(m.numSharedExperts)
          << u"--moe-intermediate"_s << QString::number(m.moeIntermediateSize) << u"--first-dense-layers"_s
          << QString::number(m.firstKDenseLayers);
    if (m.kvLoraRank > 0) // MLA: the probe runs its latent-cache attention kernel from these shapes
        a << u"--kv-lora-rank"_s << QString::number(m.kvLoraRank) << u"--q-lora-rank"_s << QString::number(m.qLoraRank)
          << u"--qk-rope-head-dim"_s << QString::number(m.qkRopeHeadDim) << u"--qk-nope-head-dim"_s
          << QString::number(m.qkNopeHeadDim) << u"--v-head-dim"_s << QString::number(m.vHeadDim);
    return a;
}

QString catalogGpuForDevice(const Catalog& catalog, const ProbeRun& run) {
    double memory = 0;
    if (const auto it = run.device.find("memory_bytes"); it != run.device.end())
        memory = QString::fromStdString(it->second).toDouble();
    const QString gpu = qtText(matchCatalogGpu(catalog.gpus, run.deviceName, memory));
    return gpu.isEmpty() ? qtText(run.deviceName) : gpu;
}

Result<StoredProbeRun> storeProbeRun(CalibrationStore& store, const Catalog& catalog, const QByteArray& probeOutput,
                                     bool quick, const QString& gpu) {
    auto run = parseProbeOutput(probeOutput.toStdString(), true);
    if (!run || run->results.empty())
        return Error{"the probe reported no results"};
    StoredProbeRun stored;
    stored.gpu = gpu.isEmpty() ? catalogGpuForDevice(catalog, *run) : gpu;
    if (stored.gpu.isEmpty())
        return Error{"the probe reported no device name and no GPU was given"};
    stored.summary = qtText(summarizeProbeRun(*run));
    auto id = store.addRun(stored.gpu, QLatin1String(quick ? runkind::kProbeQuick : runkind::kProbe), probeOutput,
                           stored.summary);
    if (!id)
        return Error{id.error()};
    stored.id = *id;
    stored.run = std::move(run).value();
    return stored;
}

std::vector<ComparisonRow> FittedRun::comparison() const {
    if (!gpu || !model || !fit)
        return {};
    return compareWithEngine(run, *gpu, *model, fit->factors);
}

Result<FittedRun> fitStoredRun(const CalibrationStore& store, const Catalog& catalog, qint64 id) {
    auto info = store.run(id);
    if (!info)
        return Error{info.error()};
    if (isLoadTestKind(info->kind))
        return Error{"calibration run " + std::to_string(id) + " is a load test, not probe output"};
    auto raw = store.probeOutput(id);
    if (!raw)
        return Error{raw.error()};
    auto run = parseProbeOutput(raw->toStdString(), true);
    if (!run)
        return Error{run.error()};
    FittedRun f;
    f.info = std::move(info).value();
    f.run = std::move(run).value();
    f.gpu = catalog.gpu(stdText(f.info.gpu));
    if (!f.gpu)
        return Error{"calibration run " + std::to_string(id) + " belongs to '" + stdText(f.info.gpu) +
                     "', which is not a GPU of the catalog"};
    f.fit = fitCalibration(f.run, *f.gpu);
    // The model the probe's synthetic transformer had (the last one named wins, as in the CLI).
    std::string modelId;
    for (const ProbeResult& r : f.run.results)
        if (!r.text("model").empty())
            modelId = r.text("model");
    f.model = catalog.model(modelId);
    return f;
}

Result<LoadTestPoint> parseLoadTestResult(const QString& source, const QByteArray& content) {
    if (source == QLatin1String(runkind::kVllmBench))
        return parseVllmBenchResult(content.toStdString());
    if (source == QLatin1String(runkind::kLocust))
        return parseLocustStats(content.toStdString());
    return Error{"unknown load-test source '" + stdText(source) + "' (expected vllm_bench or locust)"};
}

Result<DetectedLoadTest> detectLoadTestResult(const QByteArray& content) {
    for (const char* source : {runkind::kVllmBench, runkind::kLocust})
        if (auto point = parseLoadTestResult(QLatin1String(source), content))
            return DetectedLoadTest{QLatin1String(source), std::move(point).value()};
    return Error{"neither a vllm bench serve --save-result JSON nor a Locust stats CSV"};
}

QByteArray loadTestDocument(const QString& source, const LoadTestSetup& setup, const QByteArray& content) {
    const QJsonObject doc{{u"format"_s, QLatin1String(kLoadTestFormat)},
                          {u"version"_s, 1},
                          {u"source"_s, source},
                          {u"engine"_s, qtText(setup.engine)},
                          {u"model"_s, qtText(setup.modelId)},
                          {u"gpu"_s, qtText(setup.gpuId)},
                          {u"gpu_count"_s, setup.gpuCount},
                          {u"tp"_s, setup.tp},
                          {u"input_tokens"_s, setup.inputTokens},
                          {u"output_tokens"_s, setup.outputTokens},
                          {u"content"_s, QString::fromUtf8(content)}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

Result<LoadTestRun> readLoadTestDocument(const QByteArray& document) {
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(document, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject())
        return Error{"not a JSON object: " + stdText(error.errorString())};
    const QJsonObject doc = json.object();
    if (doc.value(u"format"_s).toString() != QLatin1String(kLoadTestFormat))
        return Error{std::string("field \"format\": expected \"") + kLoadTestFormat + "\""};
    if (doc.value(u"version"_s).toInt() != 1)
        return Error{"field \"version\": expected 1, found " + std::to_string(doc.value(u"version"_s).toInt())};
    LoadTestRun run;
    run.source = doc.value(u"source"_s).toString();
    auto point = parseLoadTestResult(run.source, doc.value(u"content"_s).toString().toUtf8());
    if (!point)
        return Error{"field \"content\": " + point.error()};
    run.point = std::move(point).value();
    const std::string engine = stdText(doc.value(u"engine"_s).toString(u"generic"_s));
    const auto parsed = parseServingEngine(engine);
    run.setup.engine = parsed ? std::string(toString(*parsed)) : engine; // stored as the engines' own names
    run.setup.modelId = stdText(doc.value(u"model"_s).toString());
    run.setup.gpuId = stdText(doc.value(u"gpu"_s).toString());
    run.setup.gpuCount = doc.value(u"gpu_count"_s).toInt(1);
    run.setup.tp = doc.value(u"tp"_s).toInt(1);
    run.setup.inputTokens = doc.value(u"input_tokens"_s).toDouble();
    run.setup.outputTokens = doc.value(u"output_tokens"_s).toDouble();
    return run;
}

Result<LoadTestRun> storedLoadTest(const CalibrationStore& store, qint64 id) {
    auto raw = store.probeOutput(id);
    if (!raw)
        return Error{raw.error()};
    auto run = readLoadTestDocument(*raw);
    if (!run)
        return Error{"calibration run " + std::to_string(id) + ": " + run.error()};
    return run;
}

namespace {

bool sameDeployment(const LoadTestSetup& a, const LoadTestSetup& b) {
    return a.engine == b.engine && a.modelId == b.modelId && a.gpuId == b.gpuId && a.gpuCount == b.gpuCount &&
           a.tp == b.tp;
}

} // namespace

Result<LoadTestGroupFit> fitLoadTestGroup(const CalibrationStore& store, const Catalog& catalog, qint64 id) {
    auto run = storedLoadTest(store, id);
    if (!run)
        return Error{run.error()};
    auto all = store.runs();
    if (!all)
        return Error{all.error()};
    LoadTestGroupFit group;
    group.run = std::move(run).value();
    for (const CalibrationRunInfo& other : *all) {
        if (!isLoadTestKind(other.kind))
            continue;
        auto r = other.id == id ? Result<LoadTestRun>(group.run) : storedLoadTest(store, other.id);
        if (!r || !sameDeployment(r->setup, group.run.setup))
            continue;
        LoadTestPoint point = r->point;
        if (r->setup.inputTokens > 0)
            point.inputTokensMean = r->setup.inputTokens;
        if (r->setup.outputTokens > 0)
            point.outputTokensMean = r->setup.outputTokens;
        group.points.push_back(std::move(point));
        group.runIds.push_back(other.id);
    }
    LoadTestSetup setup = group.run.setup;
    setup.inputTokens = setup.outputTokens = 0; // per point now
    group.fit = fitLoadTest(group.points, setup, catalog);
    return group;
}

Result<void> unapplyGpu(CalibrationStore& store, const QString& gpu) {
    for (ServingEngine e : {ServingEngine::Vllm, ServingEngine::Sglang, ServingEngine::Trtllm, ServingEngine::Tgi,
                            ServingEngine::Lmdeploy, ServingEngine::Llamacpp, ServingEngine::Mlc, ServingEngine::Hf,
                            ServingEngine::Generic})
        if (auto r = store.unapply(gpu, QString::fromStdString(std::string(toString(e)))); !r)
            return r;
    return {};
}

QString loadTestSummary(const QString& source, const LoadTestSetup& setup, const LoadTestPoint& point) {
    QStringList parts;
    for (const auto& [metric, value] : point.metrics)
        if (metric == "requests_per_s" || metric == "ttft_ms" || metric == "tpot_ms" || metric == "e2e_latency_ms")
            parts << u"%1 %2"_s.arg(qtText(metric)).arg(value, 0, 'g', 4);
    return u"%1 %2 on %3: %4"_s.arg(source, qtText(setup.modelId), qtText(setup.gpuId), parts.join(u", "_s));
}

Result<qint64> storeLoadTest(CalibrationStore& store, const Catalog& catalog, const QString& source,
                             const QByteArray& content, const LoadTestSetup& setup) {
    if (setup.gpuId.empty() || setup.modelId.empty())
        return Error{"a load-test result needs the GPU and the model it ran on (catalog ids)"};
    if (!catalog.gpu(setup.gpuId))
        return Error{"GPU '" + setup.gpuId + "' is not in the catalog"};
    if (!catalog.model(setup.modelId))
        return Error{"model '" + setup.modelId + "' is not in the catalog"};
    if (setup.gpuCount < 1 || setup.tp < 1)
        return Error{"the GPU count and the tensor-parallel degree must be at least 1"};
    auto point = parseLoadTestResult(source, content);
    if (!point)
        return Error{point.error()};
    return store.addRun(qtText(setup.gpuId), source, loadTestDocument(source, setup, content),
                        loadTestSummary(source, setup, *point));
}

Result<ImportedRun> importRunFile(CalibrationStore& store, const Catalog& catalog, const QString& path,
                                  const QString& gpu) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{stdText(path) + ": " + stdText(file.errorString())};
    const QByteArray content = file.readAll();
    file.close();
    const QJsonObject asObject = QJsonDocument::fromJson(content).object();
    if (asObject.value(u"format"_s).toString() == QLatin1String(kLoadTestFormat)) {
        // An exported load-test run: its document carries the deployment.
        auto run = readLoadTestDocument(content);
        if (!run)
            return Error{stdText(path) + ": " + run.error()};
        const QString runGpu = qtText(run->setup.gpuId);
        auto id = store.addRun(runGpu, run->source, content, loadTestSummary(run->source, run->setup, run->point));
        if (!id)
            return Error{id.error()};
        return ImportedRun{*id, runGpu, run->source};
    }
    if (detectLoadTestResult(content))
        return Error{stdText(path) + ": a load-test result needs the model, engine and GPU it ran on"};
    auto runFile = CalibrationStore::readRunFile(path);
    if (!runFile)
        return Error{runFile.error()};
    const auto run = parseProbeOutput(runFile->probeOutput.toStdString(), true);
    QString runGpu = gpu.isEmpty() ? runFile->gpu : gpu;
    if (runGpu.isEmpty() && run)
        runGpu = catalogGpuForDevice(catalog, *run);
    const QString summary = runFile->summary.isEmpty() && run ? qtText(summarizeProbeRun(*run)) : runFile->summary;
    auto id = store.addRun(runGpu, runFile->kind, runFile->probeOutput, summary, runFile->created);
    if (!id)
        return Error{id.error()};
    return ImportedRun{*id, runGpu, runFile->kind};
}

} // namespace serveplan::models
