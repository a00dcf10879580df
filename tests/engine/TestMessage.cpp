// Known answers for the engine's messages: the English rendering of every code equals the text the
// engine wrote before messages became codes (the CLI, the CSV and the JSON must not change), numbers
// keep their old precision and units, lists join with "; ", and arguments are substituted once.
#include "common/Message.h"

#include <QTest>

#include <string>
#include <vector>

using namespace serveplan;

namespace {

using A = MessageArg;

Message msg(MessageCode code, std::vector<MessageArg> args = {}) {
    return Message(code, std::move(args));
}

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

} // namespace

Q_DECLARE_METATYPE(serveplan::Message)

class TestMessage final : public QObject {
    Q_OBJECT
private slots:
    void englishEqualsTheOldText_data() {
        QTest::addColumn<Message>("message");
        QTest::addColumn<QString>("expected");
        const Message fit =
            msg(MessageCode::DoesNotFitDetail,
                {A::message(msg(MessageCode::TermWeights)), A::gib(152.34 * kGiB), A::gib(80 * kGiB),
                 A::gib(140 * kGiB), A::gib(2.25 * kGiB), A::gib(1.5 * kGiB), A::integer(8192), A::gib(0.5 * kGiB)});
        const QString fitText = QStringLiteral("does not fit (weights): needs 152.3 GiB per GPU, has 80.0 GiB (weights "
                                               "140.0 GiB, activations 2.2 GiB, runtime 1.5 GiB, KV for one "
                                               "8192-token sequence 0.5 GiB)");
        QTest::addRow("memory fit") << fit << fitText;
        QTest::addRow("memory fit, weights + runtime")
            << msg(MessageCode::DoesNotFitDetail,
                   {A::message(msg(MessageCode::TermWeightsRuntime)), A::gib(81 * kGiB), A::gib(80 * kGiB),
                    A::gib(79 * kGiB), A::gib(1 * kGiB), A::gib(1 * kGiB), A::integer(768), A::gib(0.0625 * kGiB)})
            << QStringLiteral("does not fit (weights + runtime): needs 81.0 GiB per GPU, has 80.0 GiB (weights 79.0 "
                              "GiB, activations 1.0 GiB, runtime 1.0 GiB, KV for one 768-token sequence 0.1 GiB)");
        QTest::addRow("KV cache") << msg(MessageCode::TermKvCache) << QStringLiteral("KV cache");
        QTest::addRow("no model") << msg(MessageCode::NoModelGiven) << QStringLiteral("no model given");
        QTest::addRow("no GPU") << msg(MessageCode::NoGpuGiven) << QStringLiteral("no GPU given");
        QTest::addRow("parallel") << msg(MessageCode::ParallelAtLeastOne)
                                  << QStringLiteral("tensor and pipeline parallel must be >= 1");
        QTest::addRow("does not fit") << msg(MessageCode::DoesNotFit) << QStringLiteral("does not fit");
        QTest::addRow("SLO one request") << msg(MessageCode::SloMissedAtOneRequest)
                                         << QStringLiteral("the SLO is missed even at one request in flight");
        QTest::addRow("SLO trickle") << msg(MessageCode::SloMissedAtTrickle)
                                     << QStringLiteral("the SLO is missed even at a trickle of load");
        QTest::addRow("planner SLO trickle")
            << msg(MessageCode::MissesSloAtTrickle) << QStringLiteral("misses the SLO even at a trickle of load");
        QTest::addRow("pools need") << msg(MessageCode::PoolsNeedModelGpuLayout)
                                    << QStringLiteral(
                                           "both pools need a model, a GPU and a layout of at least one GPU");
        QTest::addRow("same model") << msg(MessageCode::PoolsServeSameModel)
                                    << QStringLiteral("the prefill and decode pools must serve the same model");
        QTest::addRow("prefill pool") << msg(MessageCode::PrefillPool, {A::message(fit)})
                                      << QStringLiteral("prefill pool ") + fitText;
        QTest::addRow("decode pool") << msg(MessageCode::DecodePool, {A::message(fit)})
                                     << QStringLiteral("decode pool ") + fitText;
        QTest::addRow("TTFT one prompt")
            << msg(MessageCode::TtftMissedByOnePrompt)
            << QStringLiteral("the TTFT target is missed by the prefill and KV transfer of one prompt alone");
        QTest::addRow("TPOT one sequence")
            << msg(MessageCode::TpotMissedAtOneSequence)
            << QStringLiteral("the TPOT target is missed even at one sequence in decode");
        QTest::addRow("pools rate") << msg(MessageCode::PoolsNeedReplicasAndRate)
                                    << QStringLiteral(
                                           "need at least one prefill and one decode replica and a rate >= 0");
        QTest::addRow("prefill saturates")
            << msg(MessageCode::PrefillPoolSaturates) << QStringLiteral("the prefill pool saturates");
        QTest::addRow("decode saturates") << msg(MessageCode::DecodePoolSaturates)
                                          << QStringLiteral("the decode pool saturates (its KV cache or batch limit)");
        QTest::addRow("pools concurrency")
            << msg(MessageCode::PoolsNeedReplicasAndConcurrency)
            << QStringLiteral("need at least one prefill and one decode replica and one request in flight");
        QTest::addRow("no price") << msg(MessageCode::NoPrice, {A::name("spot"), A::name("aws:p5.48xlarge@us-east-1")})
                                  << QStringLiteral("no spot price for aws:p5.48xlarge@us-east-1 in the catalog");
        QTest::addRow("no price on date")
            << msg(MessageCode::NoPriceOnOrBefore,
                   {A::name("on_demand"), A::name("aws:p5.48xlarge@us-east-1"), A::name("2024-01-01")})
            << QStringLiteral(
                   "no on_demand price for aws:p5.48xlarge@us-east-1 in the catalog on or before 2024-01-01");
        QTest::addRow("no FX") << msg(MessageCode::NoFxRate, {A::name("CNY"), A::name("EUR")})
                               << QStringLiteral("no FX rate to convert CNY to EUR");
        QTest::addRow("bare GPU")
            << msg(MessageCode::NoInstanceCarriesGpu, {A::name("b200")})
            << QStringLiteral("no instance in the catalog carries GPU b200 (with the provider/region filters)");
        const Message cap = msg(MessageCode::OverMaxInstances, {A::integer(12), A::integer(8)});
        const Message budget =
            msg(MessageCode::OverBudget, {A::fixed(123456.789, 2), A::name("USD"), A::fixed(100000, 2)});
        QTest::addRow("over cap") << cap << QStringLiteral("needs 12 instances, max_instances is 8");
        QTest::addRow("over budget") << budget
                                     << QStringLiteral(
                                            "monthly cost 123456.79 USD is over the budget of 100000.00 USD");
        QTest::addRow("within limits")
            << msg(MessageCode::WithinLimitsServes,
                   {A::message(Message::list({cap, budget})), A::fixed(3.456, 2), A::integer(8)})
            << QStringLiteral("needs 12 instances, max_instances is 8; monthly cost 123456.79 USD is over the budget "
                              "of 100000.00 USD; within the limits it serves up to 3.46 QPS (8 instances)");
        QTest::addRow("skipped") << msg(MessageCode::InstancesSkippedNoGpu, {A::integer(3)})
                                 << QStringLiteral("3 instance(s) skipped: their GPU is not in the GPU catalog");
        QTest::addRow("calibrated") << msg(MessageCode::Calibrated, {A::name("h100-sxm"), A::integer(7)})
                                    << QStringLiteral("calibrated: GPU h100-sxm with run 7");
        QTest::addRow("calibrated vllm") << msg(MessageCode::CalibratedEngineOnly,
                                                {A::name("h100-sxm"), A::integer(7), A::name("vllm")})
                                         << QStringLiteral("calibrated: GPU h100-sxm with run 7 (vllm only)");
        QTest::addRow("no model or GPU") << msg(MessageCode::PlanHasNoModelOrGpu)
                                         << QStringLiteral("the plan has no model or GPU");
        QTest::addRow("MIG") << msg(MessageCode::MigProfileNotInCatalog, {A::name("1g.10gb")})
                             << QStringLiteral("MIG profile 1g.10gb is not in the catalog");
        QTest::addRow("dynamo") << msg(MessageCode::EngineReadAsWorkers, {A::name("sglang")})
                                << QStringLiteral("engine dynamo read as its sglang workers");
        QTest::addRow("other") << msg(MessageCode::EngineOtherReadAsGeneric)
                               << QStringLiteral("engine other read as generic");
        QTest::addRow("no calibration data")
            << msg(MessageCode::EngineHasNoCalibration, {A::name("mlc")})
            << QStringLiteral("engine mlc has no calibration data: generic efficiencies used");
        QTest::addRow("unknown metric") << msg(MessageCode::UnknownMetric, {A::name("tokens")})
                                        << QStringLiteral("metric 'tokens' is not a metric of DESIGN.md §3.1");
        QTest::addRow("not on CPU") << msg(MessageCode::EngineNotOnCpu, {A::name("vllm")})
                                    << QStringLiteral("vllm does not serve on a CPU host (use llamacpp or generic)");
        QTest::addRow("NVIDIA only") << msg(MessageCode::EngineNvidiaOnly, {A::name("trtllm")})
                                     << QStringLiteral("trtllm runs on NVIDIA GPUs only");
        QTest::addRow("no request fits") << msg(MessageCode::NoRequestFitsKvCache)
                                         << QStringLiteral("no request fits in the KV cache");
        QTest::addRow("compute assumed")
            << msg(MessageCode::ComputeRateAssumed, {A::name("a10")})
            << QStringLiteral("the catalog has no compute rate for a10: assumed 150 FLOP per byte of bandwidth");
        QTest::addRow("no FP8 unit")
            << msg(MessageCode::NoLowPrecisionTensorUnit, {A::name("a100-80gb"), A::name("fp8")})
            << QStringLiteral(
                   "a100-80gb has no fp8 tensor unit: weights dequantised to 16-bit (no low-precision speed-up)");
        QTest::addRow("rejected") << msg(MessageCode::RequestsExceedKvCache, {A::integer(40)})
                                  << QStringLiteral("40 requests exceed the KV cache");
        QTest::addRow("point skipped") << msg(MessageCode::PointSkipped,
                                              {A::integer(2), A::message(msg(MessageCode::NoKnownMeasuredMetric))})
                                       << QStringLiteral("point 2 skipped: no measured metric the predictor knows");
        QTest::addRow("not fitted") << msg(MessageCode::NotFittedNoTtft, {A::name("request_overhead_s")})
                                    << QStringLiteral("request_overhead_s not fitted: no point measured TTFT");
        QTest::addRow("fitted") << msg(MessageCode::FittedFactors,
                                       {A::name("step_overhead_s 0.004 -> 0.0061"), A::significant(0.123456, 4),
                                        A::significant(0.0456789, 4)})
                                << QStringLiteral(
                                       "fitted step_overhead_s 0.004 -> 0.0061 (rms log error 0.1235 -> 0.04568)");
        QTest::addRow("no batch-1 step") << msg(MessageCode::NoBatchOneDecodeStep)
                                         << QStringLiteral("no batch-1 decode step: weight bandwidth not fitted");
        QTest::addRow("no weight bytes") << msg(MessageCode::DecodeStepHasNoWeightBytes)
                                         << QStringLiteral(
                                                "batch-1 decode step has no weight bytes: weight bandwidth not fitted");
        QTest::addRow("text") << Message::text("line 3: unknown model 'x' (%1)")
                              << QStringLiteral("line 3: unknown model 'x' (%1)");
        QTest::addRow("none") << Message() << QString();
    }
    void englishEqualsTheOldText() {
        QFETCH(Message, message);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(toEnglish(message)), expected);
    }

    void everyCodeHasATemplate() {
        for (std::size_t i = 0; i < kMessageCodeCount; ++i) {
            const auto code = static_cast<MessageCode>(i);
            const bool untemplated = code == MessageCode::None || code == MessageCode::List;
            QVERIFY2(untemplated != !messageTemplate(code).empty(), qPrintable(QString::number(i)));
        }
    }

    void appendBuildsOneFlatList() {
        Message m;
        m.append(Message());
        QVERIFY(m.empty());
        m.append(msg(MessageCode::NoRequestFitsKvCache));
        QCOMPARE(m.code, MessageCode::NoRequestFitsKvCache);
        m.append(msg(MessageCode::RequestsExceedKvCache, {A::integer(3)}));
        m.append(msg(MessageCode::EngineOtherReadAsGeneric));
        QCOMPARE(m.code, MessageCode::List);
        QCOMPARE(m.args.size(), std::size_t(3));
        QCOMPARE(toEnglish(m), std::string("no request fits in the KV cache; 3 requests exceed the KV cache; engine "
                                           "other read as generic"));
    }

    void argumentsAreSubstitutedOnce() {
        // A name that itself reads "%2" stays as it is; a placeholder without an argument too.
        QCOMPARE(substitutePlaceholders("%1 and %2, %3", {"%2", "b"}), std::string("%2 and b, %3"));
        QCOMPARE(toEnglish(msg(MessageCode::NoFxRate, {A::name("%2"), A::name("USD")})),
                 std::string("no FX rate to convert %2 to USD"));
    }

    void equalityComparesCodesAndArguments() {
        const Message a = msg(MessageCode::NoGpuGiven);
        QVERIFY(a == msg(MessageCode::NoGpuGiven));
        QVERIFY(!(a == msg(MessageCode::NoModelGiven)));
        QVERIFY(msg(MessageCode::PrefillPool, {A::message(a)}) == msg(MessageCode::PrefillPool, {A::message(a)}));
        QVERIFY(!(msg(MessageCode::RequestsExceedKvCache, {A::integer(3)}) ==
                  msg(MessageCode::RequestsExceedKvCache, {A::integer(4)})));
    }
};

QTEST_APPLESS_MAIN(TestMessage)
#include "TestMessage.moc"
