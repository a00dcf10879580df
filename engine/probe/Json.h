#pragma once
// A tiny JSON writer for the probe's protocol lines. The probe must build on a GPU machine with
// nothing but CUDA and CMake, so it cannot count on nlohmann-json being installed there.
#include <cstdint>
#include <string>
#include <string_view>

namespace serveplan::probe {

/// Builds one flat JSON object, key by key, in insertion order. Non-finite numbers become null,
/// because JSON has no NaN or infinity.
class JsonObject {
public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    JsonObject& add(std::string_view key, const std::string& value) { return add(key, std::string_view(value)); }
    JsonObject& add(std::string_view key, double value);
    JsonObject& add(std::string_view key, int value) { return add(key, static_cast<std::int64_t>(value)); }
    JsonObject& add(std::string_view key, std::int64_t value);
    JsonObject& add(std::string_view key, bool value);
    /// Appends every member of `other` (used to merge a test's parameters into its result line).
    JsonObject& merge(const JsonObject& other);
    bool empty() const { return m_body.empty(); }
    std::string str() const { return "{" + m_body + "}"; }

private:
    void key(std::string_view key);
    std::string m_body;
};

/// `text` as a quoted JSON string with the required escapes.
std::string jsonQuote(std::string_view text);

} // namespace serveplan::probe
