#include "catalog/Precision.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace serveplan {

namespace {
constexpr std::array<std::pair<Precision, std::string_view>, 7> kNames{{
    {Precision::FP32, "fp32"},
    {Precision::BF16, "bf16"},
    {Precision::FP16, "fp16"},
    {Precision::FP8, "fp8"},
    {Precision::INT8, "int8"},
    {Precision::INT4, "int4"},
    {Precision::FP4, "fp4"},
}};
} // namespace

double bytesPerElement(Precision p) {
    switch (p) {
    case Precision::FP32:
        return 4.0;
    case Precision::BF16:
    case Precision::FP16:
        return 2.0;
    case Precision::FP8:
    case Precision::INT8:
        return 1.0;
    case Precision::INT4:
    case Precision::FP4:
        return 0.5;
    }
    return 2.0;
}

std::string_view toString(Precision p) {
    for (const auto& [value, name] : kNames)
        if (value == p)
            return name;
    return "bf16";
}

std::optional<Precision> parsePrecision(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [value, name] : kNames)
        if (lower == name)
            return value;
    return std::nullopt;
}

} // namespace serveplan
