#include "EngineMessageText.h"

#include "QtText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <array>

namespace serveplan::models {

namespace {

constexpr const char* kContext = "EngineMessage";
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

/// The source string of each code, indexed by MessageCode: the engine's English template
/// (engine/common/Message.cpp) spelled out again so lupdate finds it. TestEngineMessageText checks
/// that both tables agree, so a reworded engine template cannot lose its translation unnoticed.
constexpr std::array<const char*, kMessageCodeCount> kSources = {
    nullptr, // None: not translated (see messageText)
    nullptr, // Text: not translated (see messageText)
    nullptr, // List: not translated (see messageText)
    QT_TRANSLATE_NOOP("EngineMessage", "does not fit (%1): needs %2 per GPU, has %3 (weights %4, activations %5, "
                                       "runtime %6, KV for one %7-token sequence %8)"),    // DoesNotFitDetail
    QT_TRANSLATE_NOOP("EngineMessage", "weights"),                                         // TermWeights
    QT_TRANSLATE_NOOP("EngineMessage", "weights + runtime"),                               // TermWeightsRuntime
    QT_TRANSLATE_NOOP("EngineMessage", "KV cache"),                                        // TermKvCache
    QT_TRANSLATE_NOOP("EngineMessage", "no model given"),                                  // NoModelGiven
    QT_TRANSLATE_NOOP("EngineMessage", "no GPU given"),                                    // NoGpuGiven
    QT_TRANSLATE_NOOP("EngineMessage", "tensor and pipeline parallel must be >= 1"),       // ParallelAtLeastOne
    QT_TRANSLATE_NOOP("EngineMessage", "does not fit"),                                    // DoesNotFit
    QT_TRANSLATE_NOOP("EngineMessage", "the SLO is missed even at one request in flight"), // SloMissedAtOneRequest
    QT_TRANSLATE_NOOP("EngineMessage", "the SLO is missed even at a trickle of load"),     // SloMissedAtTrickle
    QT_TRANSLATE_NOOP("EngineMessage", "misses the SLO even at a trickle of load"),        // MissesSloAtTrickle
    QT_TRANSLATE_NOOP("EngineMessage",
                      "both pools need a model, a GPU and a layout of at least one GPU"), // PoolsNeedModelGpuLayout
    QT_TRANSLATE_NOOP("EngineMessage",
                      "the prefill and decode pools must serve the same model"), // PoolsServeSameModel
    QT_TRANSLATE_NOOP("EngineMessage", "prefill pool %1"),                       // PrefillPool
    QT_TRANSLATE_NOOP("EngineMessage", "decode pool %1"),                        // DecodePool
    QT_TRANSLATE_NOOP(
        "EngineMessage",
        "the TTFT target is missed by the prefill and KV transfer of one prompt alone"), // TtftMissedByOnePrompt
    QT_TRANSLATE_NOOP("EngineMessage",
                      "the TPOT target is missed even at one sequence in decode"), // TpotMissedAtOneSequence
    QT_TRANSLATE_NOOP("EngineMessage",
                      "need at least one prefill and one decode replica and a rate >= 0"), // PoolsNeedReplicasAndRate
    QT_TRANSLATE_NOOP("EngineMessage", "the prefill pool saturates"),                      // PrefillPoolSaturates
    QT_TRANSLATE_NOOP("EngineMessage",
                      "the decode pool saturates (its KV cache or batch limit)"), // DecodePoolSaturates
    QT_TRANSLATE_NOOP("EngineMessage", "need at least one prefill and one decode replica and one request in "
                                       "flight"),                            // PoolsNeedReplicasAndConcurrency
    QT_TRANSLATE_NOOP("EngineMessage", "no %1 price for %2 in the catalog"), // NoPrice
    QT_TRANSLATE_NOOP("EngineMessage", "no %1 price for %2 in the catalog on or before %3"), // NoPriceOnOrBefore
    QT_TRANSLATE_NOOP("EngineMessage", "no FX rate to convert %1 to %2"),                    // NoFxRate
    QT_TRANSLATE_NOOP(
        "EngineMessage",
        "no instance in the catalog carries GPU %1 (with the provider/region filters)"),  // NoInstanceCarriesGpu
    QT_TRANSLATE_NOOP("EngineMessage", "needs %1 instances, max_instances is %2"),        // OverMaxInstances
    QT_TRANSLATE_NOOP("EngineMessage", "monthly cost %1 %2 is over the budget of %3 %2"), // OverBudget
    QT_TRANSLATE_NOOP("EngineMessage",
                      "%1; within the limits it serves up to %2 QPS (%3 instances)"), // WithinLimitsServes
    QT_TRANSLATE_NOOP("EngineMessage",
                      "%1 instance(s) skipped: their GPU is not in the GPU catalog"), // InstancesSkippedNoGpu
    QT_TRANSLATE_NOOP("EngineMessage", "calibrated: GPU %1 with run %2"),             // Calibrated
    QT_TRANSLATE_NOOP("EngineMessage", "calibrated: GPU %1 with run %2 (%3 only)"),   // CalibratedEngineOnly
    QT_TRANSLATE_NOOP("EngineMessage", "the plan has no model or GPU"),               // PlanHasNoModelOrGpu
    QT_TRANSLATE_NOOP("EngineMessage", "MIG profile %1 is not in the catalog"),       // MigProfileNotInCatalog
    QT_TRANSLATE_NOOP("EngineMessage", "engine dynamo read as its %1 workers"),       // EngineReadAsWorkers
    QT_TRANSLATE_NOOP("EngineMessage", "engine other read as generic"),               // EngineOtherReadAsGeneric
    QT_TRANSLATE_NOOP("EngineMessage",
                      "engine %1 has no calibration data: generic efficiencies used"),   // EngineHasNoCalibration
    QT_TRANSLATE_NOOP("EngineMessage", "metric '%1' is not a metric of DESIGN.md §3.1"), // UnknownMetric
    QT_TRANSLATE_NOOP("EngineMessage",
                      "%1 does not serve on a CPU host (use llamacpp or generic)"), // EngineNotOnCpu
    QT_TRANSLATE_NOOP("EngineMessage", "%1 runs on NVIDIA GPUs only"),              // EngineNvidiaOnly
    QT_TRANSLATE_NOOP("EngineMessage", "no request fits in the KV cache"),          // NoRequestFitsKvCache
    QT_TRANSLATE_NOOP(
        "EngineMessage",
        "the catalog has no compute rate for %1: assumed 150 FLOP per byte of bandwidth"), // ComputeRateAssumed
    QT_TRANSLATE_NOOP("EngineMessage", "%1 has no %2 tensor unit: weights dequantised to 16-bit (no low-precision "
                                       "speed-up)"),                              // NoLowPrecisionTensorUnit
    QT_TRANSLATE_NOOP("EngineMessage", "%1 requests exceed the KV cache"),        // RequestsExceedKvCache
    QT_TRANSLATE_NOOP("EngineMessage", "point %1 skipped: %2"),                   // PointSkipped
    QT_TRANSLATE_NOOP("EngineMessage", "no measured metric the predictor knows"), // NoKnownMeasuredMetric
    QT_TRANSLATE_NOOP("EngineMessage", "%1 not fitted: no point measured TTFT"),  // NotFittedNoTtft
    QT_TRANSLATE_NOOP("EngineMessage", "fitted %1 (rms log error %2 -> %3)"),     // FittedFactors
    QT_TRANSLATE_NOOP("EngineMessage",
                      "no batch-1 decode step: weight bandwidth not fitted"), // NoBatchOneDecodeStep
    QT_TRANSLATE_NOOP(
        "EngineMessage",
        "batch-1 decode step has no weight bytes: weight bandwidth not fitted"), // DecodeStepHasNoWeightBytes
    QT_TRANSLATE_NOOP("EngineMessage",
                      "%1 ran on one GPU (bus bandwidth 0 by definition): not fitted"), // CollectiveOnOneGpu
    QT_TRANSLATE_NOOP(
        "EngineMessage",
        "%1: fewer than two message sizes up to 4 MiB (or alpha <= 0): %2 not fitted"), // CollectiveTooFewSizes
    QT_TRANSLATE_NOOP("EngineMessage", "%1 skipped by the probe: %2"),                  // CollectiveSkippedByProbe
    QT_TRANSLATE_NOOP("EngineMessage", "collective results on topology '%1' (not nvswitch, nvlink or pcie): the link "
                                       "is unknown, not fitted"), // CollectiveTopologyUnknown
    QT_TRANSLATE_NOOP(
        "EngineMessage",
        "the catalog has no NVLink bandwidth for %1: collectives not fitted"), // CollectiveNoNvlinkBandwidth
    QT_TRANSLATE_NOOP("EngineMessage", "best cuBLASLt %1 GEMM at m >= 512"),   // FactorBestGemm
    QT_TRANSLATE_NOOP("EngineMessage",
                      "median decode-attention bandwidth at batch %1"),            // FactorDecodeAttentionBandwidth
    QT_TRANSLATE_NOOP("EngineMessage", "batch-1 decode step of %1 at context %2"), // FactorDecodeStepWeights
    QT_TRANSLATE_NOOP("EngineMessage",
                      "median MLA decode-attention latent-cache bandwidth at batch %1"), // FactorMlaLatentBandwidth
    QT_TRANSLATE_NOOP("EngineMessage",
                      "median %1 MoE-layer expert weight stream over %2 batch sizes"), // FactorMoeWeightStream
    QT_TRANSLATE_NOOP("EngineMessage",
                      "bus bandwidth %1 at %2 over %3 (%4 per direction), %5 GPUs"), // FactorCollectiveBusBandwidth
    QT_TRANSLATE_NOOP("EngineMessage", "least-squares alpha of time = alpha + bytes x beta over %1 sizes up to 4 MiB, "
                                       "%2 GPUs"),                                       // FactorCollectiveAlpha
    QT_TRANSLATE_NOOP("EngineMessage", "GPUs in the measured collectives, topology %1"), // FactorCollectiveGpus
    QT_TRANSLATE_NOOP("EngineMessage", "empty kernels replayed in a CUDA graph"),        // FactorGraphKernels
    QT_TRANSLATE_NOOP("EngineMessage", "one launch and a stream synchronisation"),       // FactorSyncRoundTrip
    QT_TRANSLATE_NOOP("EngineMessage", "STREAM triad"),                                  // FactorStreamTriad
    QT_TRANSLATE_NOOP("EngineMessage", "FP32 blocked GEMM"),                             // FactorCpuGemm
    QT_TRANSLATE_NOOP("EngineMessage", "device copy kernel"),                            // FactorCopyKernel
    QT_TRANSLATE_NOOP("EngineMessage", "load-test fit, %1 point(s), %2 metrics, %3 on %4 x %5"), // FactorLoadTestFit
    QT_TRANSLATE_NOOP("EngineMessage", "calibration run %1"),                                    // FactorCalibrationRun
    QT_TRANSLATE_NOOP("EngineMessage", "GPU '%1' is not in the catalog"),                        // FitGpuNotInCatalog
    QT_TRANSLATE_NOOP("EngineMessage", "model '%1' is not in the catalog"),                      // FitModelNotInCatalog
    QT_TRANSLATE_NOOP("EngineMessage", "engine '%1' is not a serving engine ServePlan knows"),   // FitUnknownEngine
    QT_TRANSLATE_NOOP("EngineMessage",
                      "no load-test point the predictor can set beside its measurements"), // FitNoUsableLoadTestPoint
    QT_TRANSLATE_NOOP("EngineMessage",
                      "GPU %1 has no memory bandwidth in the catalog: nothing to scale"), // FitGpuHasNoMemoryBandwidth
    QT_TRANSLATE_NOOP("EngineMessage", "the CPU run has no bandwidth or GEMM result"),    // FitCpuRunHasNoResult
    QT_TRANSLATE_NOOP("EngineMessage",
                      "the run has no result the fit uses (copy_bandwidth, gemm, decode_attention, decode_step, "
                      "mla_decode_attention, moe_layer, allreduce/alltoall/p2p_bandwidth)"), // FitRunHasNoUsableResult
    QT_TRANSLATE_NOOP("EngineMessage", "invalid scenario: %1"),                              // InvalidScenario
    QT_TRANSLATE_NOOP("EngineMessage", "%1: %2"),                                            // ScenarioField
    QT_TRANSLATE_NOOP("EngineMessage", "expected at least one model id"),                    // ExpectAtLeastOneModel
    QT_TRANSLATE_NOOP("EngineMessage", "expected at least one precision"),      // ExpectAtLeastOnePrecision
    QT_TRANSLATE_NOOP("EngineMessage", "expected at least one serving engine"), // ExpectAtLeastOneEngine
    QT_TRANSLATE_NOOP("EngineMessage", "expected powers of two 1..64, got %1"), // ExpectTpPowerOfTwo
    QT_TRANSLATE_NOOP("EngineMessage", "expected a number of tokens ≥ 1"),      // ExpectTokensAtLeastOne
    QT_TRANSLATE_NOOP("EngineMessage", "expected a finite number ≥ 0"),         // ExpectFiniteNonNegative
    QT_TRANSLATE_NOOP("EngineMessage", "expected 0 ≤ min ≤ max"),               // ExpectMinNotAboveMax
    QT_TRANSLATE_NOOP("EngineMessage", "expected a request rate > 0"),          // ExpectPositiveRequestRate
    QT_TRANSLATE_NOOP("EngineMessage", "expected 0 ≤ qps_min < qps_max (qps_max 0 = 2 × qps)"), // ExpectQpsRange
    QT_TRANSLATE_NOOP("EngineMessage", "expected finite targets ≥ 0 (0 = none)"),               // ExpectSloTargets
    QT_TRANSLATE_NOOP("EngineMessage", "expected 0 < p < 1 (0.95 = p95)"),                      // ExpectPercentile
    QT_TRANSLATE_NOOP("EngineMessage", "expected a fraction 0 ≤ f < 1"),                     // ExpectFractionBelowOne
    QT_TRANSLATE_NOOP("EngineMessage", "expected 1..8, got %1"),                             // ExpectDraftTokens
    QT_TRANSLATE_NOOP("EngineMessage", "expected a fraction 0 < a < 1"),                     // ExpectAcceptanceRate
    QT_TRANSLATE_NOOP("EngineMessage", "expected 0 < hours ≤ 744 (730 or 720)"),             // ExpectHoursPerMonth
    QT_TRANSLATE_NOOP("EngineMessage", "expected a finite amount ≥ 0 (0 = none)"),           // ExpectBudget
    QT_TRANSLATE_NOOP("EngineMessage", "expected ≥ 0 (0 = no cap)"),                         // ExpectMaxInstances
    QT_TRANSLATE_NOOP("EngineMessage", "expected a fraction 0..1"),                          // ExpectFraction
    QT_TRANSLATE_NOOP("EngineMessage", "expected finite numbers ≥ 0"),                       // ExpectFiniteNumbers
    QT_TRANSLATE_NOOP("EngineMessage", "expected a non-empty name"),                         // ExpectNonEmptyName
    QT_TRANSLATE_NOOP("EngineMessage", "expected ≥ 1"),                                      // ExpectAtLeastOne
    QT_TRANSLATE_NOOP("EngineMessage", "expected finite amounts ≥ 0"),                       // ExpectFiniteAmounts
    QT_TRANSLATE_NOOP("EngineMessage", "expected > 0"),                                      // ExpectPositive
    QT_TRANSLATE_NOOP("EngineMessage", "expected 0 < value ≤ 1"),                            // ExpectUtilizationTarget
    QT_TRANSLATE_NOOP("EngineMessage", "expected ≥ 0"),                                      // ExpectNonNegative
    QT_TRANSLATE_NOOP("EngineMessage", "expected 0 (no limit) or ≥ min_replicas"),           // ExpectMaxReplicas
    QT_TRANSLATE_NOOP("EngineMessage", "expected 24 or 168 values, got %1"),                 // ExpectHourlyValues
    QT_TRANSLATE_NOOP("EngineMessage", "expected fractions of the peak in 0..1"),            // ExpectHourlyFractions
    QT_TRANSLATE_NOOP("EngineMessage", "expected ≥ 0 (0 = all)"),                            // ExpectTop
    QT_TRANSLATE_NOOP("EngineMessage", "unknown model id '%1'"),                             // UnknownModelId
    QT_TRANSLATE_NOOP("EngineMessage", "unknown gpu id '%1'"),                               // UnknownGpuId
    QT_TRANSLATE_NOOP("EngineMessage", "unknown provider '%1'"),                             // UnknownProvider
    QT_TRANSLATE_NOOP("EngineMessage", "unknown region '%1'"),                               // UnknownRegion
    QT_TRANSLATE_NOOP("EngineMessage", "'%1' is not PROVIDER:TYPE or PROVIDER:TYPE@REGION"), // NotAnInstanceSelector
    QT_TRANSLATE_NOOP("EngineMessage", "no instance '%1' in the catalog"),                   // NoSuchInstance
    QT_TRANSLATE_NOOP("EngineMessage", "no FX rate for '%1' in the catalog"),                // NoFxRateInCatalog
    QT_TRANSLATE_NOOP("EngineMessage",
                      "no FX rate for '%1' in the catalog on or before %2"), // NoFxRateInCatalogOnOrBefore
    QT_TRANSLATE_NOOP("EngineMessage", "no FX rate for '%1'"),               // NoFxRateForCurrency
};

/// A number in the UI's locale: the engine's digits (the same rounding and precision as the CLI's,
/// no digit grouping) with the locale's decimal point and minus sign, so the English UI shows
/// exactly what the CLI prints and a locale with a decimal comma still gets its comma.
QString localNumber(const MessageArg& number) {
    const QLocale locale;
    QString text = qtText(toEnglish(number));
    text.replace(u'.', locale.decimalPoint());
    text.replace(u'-', locale.negativeSign());
    return text;
}

QString translated(const char* source) {
    const QString text = QCoreApplication::translate(kContext, source);
    return text.isEmpty() ? QString::fromUtf8(source) : text;
}

/// Replaces %1..%9 by `args` in one pass, as the engine's substitutePlaceholders does.
QString substitute(const QString& pattern, const QStringList& args) {
    QString out;
    out.reserve(pattern.size() + 16 * args.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'%' && i + 1 < pattern.size() && pattern.at(i + 1) >= u'1' && pattern.at(i + 1) <= u'9') {
            const qsizetype index = pattern.at(i + 1).unicode() - u'1';
            if (index < args.size()) {
                out += args.at(index);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace

const char* messageSource(MessageCode code) {
    const auto index = static_cast<std::size_t>(code);
    return index < kSources.size() ? kSources[index] : nullptr;
}

QString messageArgText(const MessageArg& arg) {
    switch (arg.kind) {
    case MessageArg::Kind::Text:
        return qtText(arg.text);
    case MessageArg::Kind::Integer:
    case MessageArg::Kind::Fixed:
    case MessageArg::Kind::Significant:
        return localNumber(arg);
    case MessageArg::Kind::GiB:
        return substitute(translated(QT_TRANSLATE_NOOP("EngineMessage", "%1 GiB")),
                          {localNumber(MessageArg::fixed(arg.number / kGiB, 1))});
    case MessageArg::Kind::Nested:
        return arg.nested.empty() ? QString() : messageText(arg.nested.front());
    }
    return {};
}

QString messageText(const Message& message) {
    QStringList args;
    args.reserve(static_cast<qsizetype>(message.args.size()));
    for (const MessageArg& a : message.args)
        args << messageArgText(a);
    switch (message.code) {
    case MessageCode::None:
        return {};
    case MessageCode::Text:
        return args.value(0);
    case MessageCode::List: {
        const QString separator = translated(QT_TRANSLATE_NOOP("EngineMessage", "%1; %2"));
        QString out;
        for (const QString& part : args)
            out = out.isEmpty() ? part : substitute(separator, {out, part});
        return out;
    }
    default:
        break;
    }
    const char* source = messageSource(message.code);
    if (!source) // a code newer than this table: the engine's English, never nothing
        return qtText(toEnglish(message));
    return substitute(translated(source), args);
}

QStringList messageTexts(const std::vector<Message>& messages) {
    QStringList out;
    out.reserve(static_cast<qsizetype>(messages.size()));
    for (const Message& m : messages)
        out << messageText(m);
    return out;
}

} // namespace serveplan::models
