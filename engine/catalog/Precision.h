#pragma once
// Numeric formats for weights, KV cache and compute.
#include <optional>
#include <string_view>

namespace serveplan {

enum class Precision { FP32, BF16, FP16, FP8, INT8, INT4, FP4 };

/// Bytes one element occupies (INT4/FP4 pack two per byte).
double bytesPerElement(Precision p);
std::string_view toString(Precision p);
/// Parses the names of DESIGN.md §3.1 (`fp32 | bf16 | fp16 | fp8 | int8 | int4 | fp4`), case-insensitive.
std::optional<Precision> parsePrecision(std::string_view text);

} // namespace serveplan
