#include "perf/PerfTypes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace serveplan {

namespace {
constexpr std::array<std::pair<ServingEngine, std::string_view>, 9> kEngineNames{{
    {ServingEngine::Vllm, "vllm"},
    {ServingEngine::Sglang, "sglang"},
    {ServingEngine::Trtllm, "trtllm"},
    {ServingEngine::Tgi, "tgi"},
    {ServingEngine::Lmdeploy, "lmdeploy"},
    {ServingEngine::Llamacpp, "llamacpp"},
    {ServingEngine::Mlc, "mlc"},
    {ServingEngine::Hf, "hf"},
    {ServingEngine::Generic, "generic"},
}};
} // namespace

std::string_view toString(ServingEngine e) {
    for (const auto& [value, name] : kEngineNames)
        if (value == e)
            return name;
    return "generic";
}

std::optional<ServingEngine> parseServingEngine(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [value, name] : kEngineNames)
        if (lower == name)
            return value;
    return std::nullopt;
}

namespace {
constexpr std::pair<LengthDistribution::Kind, std::string_view> kLengthKindNames[] = {
    {LengthDistribution::Kind::Fixed, "fixed"},
    {LengthDistribution::Kind::Uniform, "uniform"},
    {LengthDistribution::Kind::Normal, "normal"},
    {LengthDistribution::Kind::LogNormal, "lognormal"},
    {LengthDistribution::Kind::Exponential, "exponential"},
};
} // namespace

std::string_view toString(LengthDistribution::Kind kind) {
    for (const auto& [value, name] : kLengthKindNames)
        if (value == kind)
            return name;
    return "fixed";
}

std::optional<LengthDistribution::Kind> parseLengthKind(std::string_view text) {
    for (const auto& [value, name] : kLengthKindNames)
        if (name == text)
            return value;
    return std::nullopt;
}

std::string_view toString(CapacityMethod method) {
    return method == CapacityMethod::Simulated ? "simulated" : "analytic";
}

std::optional<CapacityMethod> parseCapacityMethod(std::string_view text) {
    if (text == "analytic")
        return CapacityMethod::Analytic;
    if (text == "simulated")
        return CapacityMethod::Simulated;
    return std::nullopt;
}

} // namespace serveplan
