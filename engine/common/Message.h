#pragma once
// What the engine says to users (why a plan does not fit, which price is missing, which SLO term
// fails, a planner warning) as a code with arguments instead of finished English text, so the engine
// stays Qt-free and each front end words it in its own language: the CLI and the machine-readable
// files through toEnglish() (today's text, byte for byte), the GUI and the report through
// models/EngineMessageText, which looks up each code's template with QCoreApplication::translate
// and formats the numbers with the locale.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// One wording per code. The English template of each is messageTemplate(code); %1..%9 are the
/// arguments in order (a template may use one twice). Add new codes at the end of a group and give
/// them a template, a source string in models/EngineMessageText.cpp and a Chinese translation.
enum class MessageCode : std::uint8_t {
    None, ///< no message (renders empty)
    Text, ///< free text from outside the engine's vocabulary (a parse error, a probe line): shown as is
    List, ///< the nested arguments joined by "; "

    // Memory fit (perf/MemoryModel, perf/Capacity).
    DoesNotFitDetail, ///< %1 the term (a phrase), %2 needs, %3 has, %4..%6 weights/activations/runtime, %7 tokens, %8
                      ///< KV
    TermWeights,
    TermWeightsRuntime,
    TermKvCache,
    NoModelGiven,
    NoGpuGiven,
    ParallelAtLeastOne,
    DoesNotFit,

    // SLO (perf/Capacity, perf/Disaggregation, plan/Planner).
    SloMissedAtOneRequest,
    SloMissedAtTrickle,
    MissesSloAtTrickle,
    PoolsNeedModelGpuLayout,
    PoolsServeSameModel,
    PrefillPool, ///< %1 the pool's memory message
    DecodePool,  ///< %1 the pool's memory message
    TtftMissedByOnePrompt,
    TpotMissedAtOneSequence,
    PoolsNeedReplicasAndRate,
    PrefillPoolSaturates,
    DecodePoolSaturates,
    PoolsNeedReplicasAndConcurrency,

    // Prices (cost/Pricing, plan/Planner).
    NoPrice,              ///< %1 pricing plan, %2 instance key
    NoPriceOnOrBefore,    ///< %1 pricing plan, %2 instance key, %3 date
    NoFxRate,             ///< %1 from currency, %2 to currency
    NoInstanceCarriesGpu, ///< %1 GPU id

    // Limits (plan/Planner).
    OverMaxInstances,   ///< %1 instances needed, %2 the cap
    OverBudget,         ///< %1 monthly cost, %2 currency, %3 budget
    WithinLimitsServes, ///< %1 the reasons (a List), %2 QPS, %3 instances

    // Planner warnings.
    InstancesSkippedNoGpu, ///< %1 count
    Calibrated,            ///< %1 GPU id, %2 run id
    CalibratedEngineOnly,  ///< %1 GPU id, %2 run id, %3 engine

    // Plan details (plan/PlanDetail).
    PlanHasNoModelOrGpu,
    MigProfileNotInCatalog, ///< %1 profile

    // Predictions (perf/Predictor), also behind the calibration pages' comparisons.
    EngineReadAsWorkers, ///< %1 engine
    EngineOtherReadAsGeneric,
    EngineHasNoCalibration, ///< %1 engine
    UnknownMetric,          ///< %1 metric
    EngineNotOnCpu,         ///< %1 engine
    EngineNvidiaOnly,       ///< %1 engine
    NoRequestFitsKvCache,
    ComputeRateAssumed,       ///< %1 GPU id
    NoLowPrecisionTensorUnit, ///< %1 GPU id, %2 precision
    RequestsExceedKvCache,    ///< %1 count

    // Calibration fits (calib/CalibrationFit, calib/LoadTestFit).
    PointSkipped, ///< %1 point number, %2 why (a message)
    NoKnownMeasuredMetric,
    NotFittedNoTtft, ///< %1 factor name
    FittedFactors,   ///< %1 "name a -> b, …", %2 rms log error before, %3 after
    NoBatchOneDecodeStep,
    DecodeStepHasNoWeightBytes,

    // Collective communication fits (calib/CalibrationFit, issue 17).
    CollectiveOnOneGpu,          ///< %1 test
    CollectiveTooFewSizes,       ///< %1 test, %2 factor name
    CollectiveSkippedByProbe,    ///< %1 test, %2 the probe's reason
    CollectiveTopologyUnknown,   ///< %1 topology
    CollectiveNoNvlinkBandwidth, ///< %1 GPU id

    // Calibration factor bases: which measurement a factor came from (calib/CalibrationFit,
    // calib/LoadTestFit, the stored calibration runs).
    FactorBestGemm,                 ///< %1 precision
    FactorDecodeAttentionBandwidth, ///< %1 batch
    FactorDecodeStepWeights,        ///< %1 model, %2 context
    FactorMlaLatentBandwidth,       ///< %1 batch
    FactorMoeWeightStream,          ///< %1 precision, %2 count
    FactorCollectiveBusBandwidth,   ///< %1 rate, %2 size, %3 link, %4 link rate, %5 GPUs
    FactorCollectiveAlpha,          ///< %1 sizes, %2 GPUs
    FactorCollectiveGpus,           ///< %1 topology
    FactorGraphKernels,
    FactorSyncRoundTrip,
    FactorStreamTriad,
    FactorCpuGemm,
    FactorCopyKernel,
    FactorLoadTestFit,    ///< %1 points, %2 metrics, %3 model, %4 GPU count, %5 GPU id
    FactorCalibrationRun, ///< %1 run id

    // Why a calibration fit could not run (calib/CalibrationFit, calib/LoadTestFit): Result errors.
    FitGpuNotInCatalog,   ///< %1 GPU id
    FitModelNotInCatalog, ///< %1 model id
    FitUnknownEngine,     ///< %1 engine name
    FitNoUsableLoadTestPoint,
    FitGpuHasNoMemoryBandwidth, ///< %1 GPU id
    FitCpuRunHasNoResult,
    FitRunHasNoUsableResult,
    // Scenario checks (scenario/validateScenario, plan/Planner::check): Result errors.
    InvalidScenario, ///< %1 the problems (ScenarioField messages, a List when several)
    ScenarioField,   ///< %1 the field (a scenario key, not translated), %2 what it expects (a message)
    ExpectAtLeastOneModel,
    ExpectAtLeastOnePrecision,
    ExpectAtLeastOneEngine,
    ExpectTpPowerOfTwo, ///< %1 the value given
    ExpectTokensAtLeastOne,
    ExpectFiniteNonNegative,
    ExpectMinNotAboveMax,
    ExpectPositiveRequestRate,
    ExpectQpsRange,
    ExpectSloTargets,
    ExpectPercentile,
    ExpectFractionBelowOne,
    ExpectDraftTokens, ///< %1 the value given
    ExpectAcceptanceRate,
    ExpectHoursPerMonth,
    ExpectBudget,
    ExpectMaxInstances,
    ExpectFraction,
    ExpectFiniteNumbers,
    ExpectNonEmptyName,
    ExpectAtLeastOne,
    ExpectFiniteAmounts,
    ExpectPositive,
    ExpectUtilizationTarget,
    ExpectNonNegative,
    ExpectMaxReplicas,
    ExpectHourlyValues, ///< %1 the count given
    ExpectHourlyFractions,
    ExpectTop,
    UnknownModelId,              ///< %1 model id
    UnknownGpuId,                ///< %1 GPU id
    UnknownProvider,             ///< %1 provider
    UnknownRegion,               ///< %1 region
    NotAnInstanceSelector,       ///< %1 the text given
    NoSuchInstance,              ///< %1 the selector
    NoFxRateInCatalog,           ///< %1 currency
    NoFxRateInCatalogOnOrBefore, ///< %1 currency, %2 date
    NoFxRateForCurrency,         ///< %1 currency
};

struct Message;

/// One argument of a message: a name shown as is, a number with its precision and unit, or a
/// nested message (a phrase such as "KV cache", or a whole reason such as a pool's memory fit).
struct MessageArg {
    enum class Kind : std::uint8_t {
        Text,        ///< `text`, never translated (ids, names, currency codes, dates)
        Integer,     ///< `number` as a whole number
        Fixed,       ///< `number` with `decimals` digits after the point
        Significant, ///< `number` with at most `decimals` significant digits (printf's %g)
        GiB,         ///< `number` bytes shown in GiB with one decimal and the unit
        Nested,      ///< `nested.front()`, itself rendered (and translated) as a message
    };
    Kind kind = Kind::Text;
    int decimals = 0;
    double number = 0;
    std::string text;
    std::vector<Message> nested; ///< one message when kind == Nested

    static MessageArg name(std::string text);
    static MessageArg integer(long long value);
    static MessageArg fixed(double value, int decimals);
    static MessageArg significant(double value, int digits);
    static MessageArg gib(double bytes);
    static MessageArg message(Message message);
};

/// The arguments of a message: immutable and shared between copies (copy-on-write), so copying a
/// message is a reference count, not a deep copy. A full-catalog plan gives each of ~240,000 no-fit
/// rows its capacity estimate's 8-argument memory reason; deep copies cost ~300 MB of heap and a
/// tenth of the sweep's time. Reads as a vector; push_back copies the list first when it is shared.
class MessageArgs {
public:
    MessageArgs() = default;
    MessageArgs(std::vector<MessageArg> args) // NOLINT(google-explicit-constructor): Message(code, {…})
        : m_args(args.empty() ? nullptr : std::make_shared<const std::vector<MessageArg>>(std::move(args))) {}

    std::size_t size() const { return m_args ? m_args->size() : 0; }
    bool empty() const { return size() == 0; }
    const MessageArg& operator[](std::size_t i) const { return (*m_args)[i]; }
    const MessageArg& front() const { return m_args->front(); }
    const MessageArg& back() const { return m_args->back(); }
    const MessageArg* begin() const { return m_args ? m_args->data() : nullptr; }
    const MessageArg* end() const { return m_args ? m_args->data() + m_args->size() : nullptr; }
    void push_back(MessageArg arg);

private:
    std::shared_ptr<const std::vector<MessageArg>> m_args; ///< null = no arguments
};

struct Message {
    MessageCode code = MessageCode::None;
    MessageArgs args;

    Message() = default;
    explicit Message(MessageCode c, std::vector<MessageArg> a = {})
        : code(c)
        , args(std::move(a)) {}
    /// Free text shown as is (MessageCode::Text).
    static Message text(std::string text);
    /// The messages joined by "; " (MessageCode::List); a single message is returned as it is.
    static Message list(std::vector<Message> messages);

    bool empty() const { return code == MessageCode::None; }
    /// Adds `next` after this one: an empty message becomes `next`, a list grows, anything else
    /// becomes the list of both (an empty `next` changes nothing).
    void append(Message next);
    /// `fallback` when this one is empty, else this one.
    const Message& orElse(const Message& fallback) const { return empty() ? fallback : *this; }
    bool operator==(const Message&) const;
};

/// The English template of a code with %1..%n placeholders (empty for None, "%1" for Text).
std::string_view messageTemplate(MessageCode code);
/// How many codes there are (for tables indexed by the code).
inline constexpr std::size_t kMessageCodeCount = static_cast<std::size_t>(MessageCode::NoFxRateForCurrency) + 1;

/// The English text of a message: the CLI's, the CSV's and the JSON's wording.
std::string toEnglish(const Message& message);
/// The English text of an argument (numbers in the C locale).
std::string toEnglish(const MessageArg& arg);

/// Replaces %1..%9 in `pattern` by `args[0..8]` in one pass (a %N without an argument stays as is),
/// so an argument that itself contains "%2" is never substituted again.
std::string substitutePlaceholders(std::string_view pattern, const std::vector<std::string>& args);

} // namespace serveplan
