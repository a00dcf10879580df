// serveplan-cli predict: predict metrics for rows of a scenarios CSV (DESIGN.md §3.1).
#include "CliCommand.h"
#include "PerfCliSupport.h"
#include "perf/Predictor.h"

#include <cstdio>
#include <map>

namespace serveplan::cli {

namespace {

constexpr const char* kUsage =
    "Usage: serveplan-cli predict --input SCENARIOS.csv --output PREDICTIONS.csv [--no-calibration]\n\n"
    "Predicts one metric per input row. A GPU with an applied calibration run (calibrate apply) is\n"
    "predicted with its calibrated efficiencies; --no-calibration uses the engines' default profiles.\n"
    "Input columns (header row; extra columns ignored; empty = default):\n"
    "  id, engine, model, precision_weights, precision_kv, gpu, gpu_count, tp, pp, ep, input_tokens,\n"
    "  output_tokens, concurrency, request_rate, metric\n"
    "  precision_kv empty = the weights' 16-bit type; fp8 for trtllm with fp8/fp4 weights (ModelOpt\n"
    "  checkpoints carry an FP8 KV cache, which TensorRT-LLM follows)\n"
    "Optional layout columns (older files without them keep working):\n"
    "  attention_dp  true = attention data-parallel over every GPU of the replica (max of tp, ep), or a\n"
    "                number of attention groups; false/empty = off\n"
    "  disaggregated true = prefill/decode pools: tp/ep/attention_dp describe a decode replica, and\n"
    "  prefill_gpus, decode_gpus  the pools' GPU counts (one may be empty: that pool measured alone)\n"
    "  mtp           MTP / speculative draft tokens per step (acceptance 0.8 per position)\n"
    "  requests      requests the benchmark ran, offline or at a request_rate (default 500): an offline\n"
    "                run never batches more requests than it queued, and its mean TTFT grows with them\n"
    "  engine        also dynamo (read as its TRT-LLM or SGLang workers, from notes) and other (generic)\n"
    "Modes: concurrency = closed loop with that many requests in flight; request_rate = Poisson arrivals;\n"
    "neither = offline (all requests queued at once).\n"
    "Metrics: output_tokens_per_s_total, output_tokens_per_s_per_gpu (per decode GPU when disaggregated),\n"
    "  total_tokens_per_s (per GPU when the unit column says /gpu), total_tokens_per_s_per_gpu,\n"
    "  input_tokens_per_s_per_gpu, requests_per_s, tokens_per_s_per_user (1000 / median TPOT),\n"
    "  ttft_ms, tpot_ms, itl_ms, e2e_latency_ms (and _p50/_p95/_p99 variants, e.g. ttft_p95_ms),\n"
    "  decode_tokens_per_s_single_stream\n"
    "Output columns: id, metric, predicted, unit, status, message, predicted_low, predicted_high\n"
    "  status: ok | oom | unsupported | error (a bad row never stops the others).\n";

const OptionTable kOptions{"predict",
                           {{"--input", "SCENARIOS.csv"}, {"--output", "PREDICTIONS.csv"}, {"--no-calibration"}}};

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

int runPredict(const QStringList& args, CliContext& context) {
    const ParsedArgs options = parseOptions(args, kOptions);
    if (!options.ok())
        return fail(context, "predict", options.error, ExitInvalidInput);
    const bool useCalibration = !options.has(QStringLiteral("--no-calibration"));
    const QString input = options.value(QStringLiteral("--input"));
    const QString output = options.value(QStringLiteral("--output"));
    if (input.isEmpty() || output.isEmpty())
        return fail(context, "predict", QStringLiteral("--input and --output are required"), ExitInvalidInput);
    const auto table = readCsvFile(input);
    if (!table)
        return fail(context, "predict", qtText(table.error()), ExitInvalidInput);
    const auto missing = table->missingColumns({"id", "model", "gpu", "input_tokens", "output_tokens", "metric"});
    if (!missing.empty()) {
        QStringList names;
        for (const std::string& m : missing)
            names << qtText(m);
        return fail(context, "predict", input + QStringLiteral(": missing columns ") + names.join(QStringLiteral(", ")),
                    ExitInvalidInput);
    }
    const auto catalog = loadPerfCatalog(context);
    if (!catalog)
        return fail(context, "predict", qtText(catalog.error()), ExitFailure);

    const Predictor predictor(*catalog, useCalibration);
    std::string csv =
        CsvWriter::row({"id", "metric", "predicted", "unit", "status", "message", "predicted_low", "predicted_high"});
    int counts[4] = {0, 0, 0, 0};
    std::map<const GpuCalibration*, int> calibrated; // rows per calibration used
    for (const CsvRow& row : table->rows) {
        const Predictor::FieldGetter field = [&](std::string_view column) {
            return std::string(table->field(row, column));
        };
        const auto scenario = predictor.parseScenario(field);
        const Prediction p = scenario ? predictor.predict(*scenario) : predictor.predictRow(field);
        if (scenario && scenario->deployment.calibration)
            ++calibrated[scenario->deployment.calibration];
        const bool ok = p.status == Prediction::Status::Ok;
        ++counts[int(p.status)];
        const std::string message =
            p.status == Prediction::Status::Error ? table->where(row) + toEnglish(p.message) : toEnglish(p.message);
        csv += CsvWriter::row({p.id, p.metric, ok ? number(p.value.value) : std::string(), p.unit,
                               std::string(toString(p.status)), message, ok ? number(p.value.low) : std::string(),
                               ok ? number(p.value.high) : std::string()});
    }
    const auto saved = saveFile(output, csv);
    if (!saved)
        return fail(context, "predict", qtText(saved.error()), ExitFailure);
    context.out << table->rows.size() << " rows: " << counts[0] << " ok, " << counts[1] << " oom, " << counts[2]
                << " unsupported, " << counts[3] << " error -> " << output << '\n';
    for (const auto& [calibration, rows] : calibrated)
        context.err << "serveplan-cli predict: note: calibrated: GPU " << qtText(calibration->gpuId) << " with run "
                    << calibration->runId
                    << (calibration->engine == "generic"
                            ? QString()
                            : QStringLiteral(" (%1 only)").arg(qtText(calibration->engine)))
                    << " for " << rows << " row(s) (--no-calibration ignores it)\n";
    return ExitOk;
}
} // namespace

const CommandInfo kPredictCommand{"predict",  "predict metrics for rows of a scenarios CSV", kUsage, &runPredict, false,
                                  {&kOptions}};

} // namespace serveplan::cli
