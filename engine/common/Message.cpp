#include "common/Message.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace serveplan {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

/// The English templates, indexed by MessageCode. models/EngineMessageText.cpp repeats each one as
/// the source string Qt translates (tests/models/TestEngineMessageText checks that they agree).
constexpr std::array<std::string_view, kMessageCodeCount> kTemplates = {
    "",   // None
    "%1", // Text
    "",   // List (joined, not a template)

    "does not fit (%1): needs %2 per GPU, has %3 (weights %4, activations %5, runtime %6, KV for one "
    "%7-token sequence %8)",
    "weights",
    "weights + runtime",
    "KV cache",
    "no model given",
    "no GPU given",
    "tensor and pipeline parallel must be >= 1",
    "does not fit",

    "the SLO is missed even at one request in flight",
    "the SLO is missed even at a trickle of load",
    "misses the SLO even at a trickle of load",
    "both pools need a model, a GPU and a layout of at least one GPU",
    "the prefill and decode pools must serve the same model",
    "prefill pool %1",
    "decode pool %1",
    "the TTFT target is missed by the prefill and KV transfer of one prompt alone",
    "the TPOT target is missed even at one sequence in decode",
    "need at least one prefill and one decode replica and a rate >= 0",
    "the prefill pool saturates",
    "the decode pool saturates (its KV cache or batch limit)",
    "need at least one prefill and one decode replica and one request in flight",

    "no %1 price for %2 in the catalog",
    "no %1 price for %2 in the catalog on or before %3",
    "no FX rate to convert %1 to %2",
    "no instance in the catalog carries GPU %1 (with the provider/region filters)",

    "needs %1 instances, max_instances is %2",
    "monthly cost %1 %2 is over the budget of %3 %2",
    "%1; within the limits it serves up to %2 QPS (%3 instances)",

    "%1 instance(s) skipped: their GPU is not in the GPU catalog",
    "calibrated: GPU %1 with run %2",
    "calibrated: GPU %1 with run %2 (%3 only)",

    "the plan has no model or GPU",
    "MIG profile %1 is not in the catalog",

    "engine dynamo read as its %1 workers",
    "engine other read as generic",
    "engine %1 has no calibration data: generic efficiencies used",
    "metric '%1' is not a metric of DESIGN.md §3.1",
    "%1 does not serve on a CPU host (use llamacpp or generic)",
    "%1 runs on NVIDIA GPUs only",
    "no request fits in the KV cache",
    "the catalog has no compute rate for %1: assumed 150 FLOP per byte of bandwidth",
    "%1 has no %2 tensor unit: weights dequantised to 16-bit (no low-precision speed-up)",
    "%1 requests exceed the KV cache",

    "point %1 skipped: %2",
    "no measured metric the predictor knows",
    "%1 not fitted: no point measured TTFT",
    "fitted %1 (rms log error %2 -> %3)",
    "no batch-1 decode step: weight bandwidth not fitted",
    "batch-1 decode step has no weight bytes: weight bandwidth not fitted",
    "%1 ran on one GPU (bus bandwidth 0 by definition): not fitted",
    "%1: fewer than two message sizes up to 4 MiB (or alpha <= 0): %2 not fitted",
    "%1 skipped by the probe: %2",
    "collective results on topology '%1' (not nvswitch, nvlink or pcie): the link is unknown, not fitted",
    "the catalog has no NVLink bandwidth for %1: collectives not fitted",
    "best cuBLASLt %1 GEMM at m >= 512",
    "median decode-attention bandwidth at batch %1",
    "batch-1 decode step of %1 at context %2",
    "median MLA decode-attention latent-cache bandwidth at batch %1",
    "median %1 MoE-layer expert weight stream over %2 batch sizes",
    "bus bandwidth %1 at %2 over %3 (%4 per direction), %5 GPUs",
    "least-squares alpha of time = alpha + bytes x beta over %1 sizes up to 4 MiB, %2 GPUs",
    "GPUs in the measured collectives, topology %1",
    "empty kernels replayed in a CUDA graph",
    "one launch and a stream synchronisation",
    "STREAM triad",
    "FP32 blocked GEMM",
    "device copy kernel",
    "load-test fit, %1 point(s), %2 metrics, %3 on %4 x %5",
    "calibration run %1",
    "GPU '%1' is not in the catalog",
    "model '%1' is not in the catalog",
    "engine '%1' is not a serving engine ServePlan knows",
    "no load-test point the predictor can set beside its measurements",
    "GPU %1 has no memory bandwidth in the catalog: nothing to scale",
    "the CPU run has no bandwidth or GEMM result",
    "the run has no result the fit uses (copy_bandwidth, gemm, decode_attention, decode_step, mla_decode_attention, "
    "moe_layer, allreduce/alltoall/p2p_bandwidth)",

    "invalid scenario: %1",
    "%1: %2",
    "expected at least one model id",
    "expected at least one precision",
    "expected at least one serving engine",
    "expected powers of two 1..64, got %1",
    "expected a number of tokens ≥ 1",
    "expected a finite number ≥ 0",
    "expected 0 ≤ min ≤ max",
    "expected a request rate > 0",
    "expected 0 ≤ qps_min < qps_max (qps_max 0 = 2 × qps)",
    "expected finite targets ≥ 0 (0 = none)",
    "expected 0 < p < 1 (0.95 = p95)",
    "expected a fraction 0 ≤ f < 1",
    "expected 1..8, got %1",
    "expected a fraction 0 < a < 1",
    "expected 0 < hours ≤ 744 (730 or 720)",
    "expected a finite amount ≥ 0 (0 = none)",
    "expected ≥ 0 (0 = no cap)",
    "expected a fraction 0..1",
    "expected finite numbers ≥ 0",
    "expected a non-empty name",
    "expected ≥ 1",
    "expected finite amounts ≥ 0",
    "expected > 0",
    "expected 0 < value ≤ 1",
    "expected ≥ 0",
    "expected 0 (no limit) or ≥ min_replicas",
    "expected 24 or 168 values, got %1",
    "expected fractions of the peak in 0..1",
    "expected ≥ 0 (0 = all)",
    "unknown model id '%1'",
    "unknown gpu id '%1'",
    "unknown provider '%1'",
    "unknown region '%1'",
    "'%1' is not PROVIDER:TYPE or PROVIDER:TYPE@REGION",
    "no instance '%1' in the catalog",
    "no FX rate for '%1' in the catalog",
    "no FX rate for '%1' in the catalog on or before %2",
    "no FX rate for '%1'",
};

std::string fixedText(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string gibText(double bytes) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, bytes / kGiB, std::chars_format::fixed, 1).ptr;
    return std::string(text, end) + " GiB";
}

} // namespace

void MessageArgs::push_back(MessageArg arg) {
    std::vector<MessageArg> grown;
    if (m_args) {
        grown.reserve(m_args->size() + 1);
        grown.assign(m_args->begin(), m_args->end());
    }
    grown.push_back(std::move(arg));
    m_args = std::make_shared<const std::vector<MessageArg>>(std::move(grown));
}

MessageArg MessageArg::name(std::string text) {
    MessageArg a;
    a.kind = Kind::Text;
    a.text = std::move(text);
    return a;
}

MessageArg MessageArg::integer(long long value) {
    MessageArg a;
    a.kind = Kind::Integer;
    a.number = static_cast<double>(value);
    return a;
}

MessageArg MessageArg::fixed(double value, int decimals) {
    MessageArg a;
    a.kind = Kind::Fixed;
    a.number = value;
    a.decimals = decimals;
    return a;
}

MessageArg MessageArg::significant(double value, int digits) {
    MessageArg a;
    a.kind = Kind::Significant;
    a.number = value;
    a.decimals = digits;
    return a;
}

MessageArg MessageArg::gib(double bytes) {
    MessageArg a;
    a.kind = Kind::GiB;
    a.number = bytes;
    a.decimals = 1;
    return a;
}

MessageArg MessageArg::message(Message message) {
    MessageArg a;
    a.kind = Kind::Nested;
    a.nested.push_back(std::move(message));
    return a;
}

Message Message::text(std::string text) {
    if (text.empty())
        return {};
    return Message(MessageCode::Text, {MessageArg::name(std::move(text))});
}

Message Message::list(std::vector<Message> messages) {
    if (messages.size() == 1)
        return std::move(messages.front());
    std::vector<MessageArg> args;
    args.reserve(messages.size());
    for (Message& m : messages)
        args.push_back(MessageArg::message(std::move(m)));
    return Message(MessageCode::List, std::move(args));
}

void Message::append(Message next) {
    if (next.empty())
        return;
    if (empty()) {
        *this = std::move(next);
        return;
    }
    if (code != MessageCode::List) {
        Message first = std::move(*this);
        *this = Message(MessageCode::List, {MessageArg::message(std::move(first))});
    }
    args.push_back(MessageArg::message(std::move(next)));
}

bool Message::operator==(const Message& other) const {
    if (code != other.code || args.size() != other.args.size())
        return false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const MessageArg& a = args[i];
        const MessageArg& b = other.args[i];
        if (a.kind != b.kind || a.decimals != b.decimals || a.number != b.number || a.text != b.text ||
            a.nested != b.nested)
            return false;
    }
    return true;
}

std::string_view messageTemplate(MessageCode code) {
    const auto index = static_cast<std::size_t>(code);
    return index < kTemplates.size() ? kTemplates[index] : std::string_view();
}

std::string substitutePlaceholders(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 16 * args.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            const auto index = static_cast<std::size_t>(pattern[i + 1] - '1');
            if (index < args.size()) {
                out += args[index];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

std::string toEnglish(const MessageArg& arg) {
    switch (arg.kind) {
    case MessageArg::Kind::Text:
        return arg.text;
    case MessageArg::Kind::Integer:
        return std::to_string(static_cast<long long>(arg.number));
    case MessageArg::Kind::Fixed:
        return fixedText(arg.number, arg.decimals);
    case MessageArg::Kind::Significant: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*g", arg.decimals, arg.number);
        return buf;
    }
    case MessageArg::Kind::GiB:
        return gibText(arg.number);
    case MessageArg::Kind::Nested:
        return arg.nested.empty() ? std::string() : toEnglish(arg.nested.front());
    }
    return {};
}

std::string toEnglish(const Message& message) {
    std::vector<std::string> args;
    args.reserve(message.args.size());
    for (const MessageArg& a : message.args)
        args.push_back(toEnglish(a));
    if (message.code == MessageCode::List) {
        std::string out;
        for (const std::string& part : args)
            out += (out.empty() ? "" : "; ") + part;
        return out;
    }
    return substitutePlaceholders(messageTemplate(message.code), args);
}

} // namespace serveplan
