#pragma once
// Streaming JSON for documents too large to load (the AWS EC2 offer file is several GB): a
// nlohmann::json SAX handler that tracks the key path and builds only the sub-objects a predicate
// asks for, hands each to a callback and drops it. Everything else is skipped as it streams by.
#include <nlohmann/json.hpp>

#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace serveplan::models::fetch {

class JsonCapture final : public nlohmann::json_sax<nlohmann::json> {
public:
    using json = nlohmann::json;
    /// Path of keys from the root to an object about to start ("[]" for an array element).
    using Path = std::vector<std::string>;

    /// Build the object that starts at `path`?
    std::function<bool(const Path& path)> wants;
    /// A built object, with the path it started at.
    std::function<void(const Path& path, json&& value)> captured;
    /// A string or number directly under the root object (publicationDate, version, ...).
    std::function<void(const std::string& key, const json& value)> topLevel;
    /// Optional: every scalar outside a capture, with the path of its container and its key (costly
    /// on big documents: set it only where needed).
    std::function<void(const Path& path, const std::string& key, const json& value)> scalarAt;
    /// Optional: a container outside a capture ends (its path).
    std::function<void(const Path& path)> closed;

    /// Parses `in` to the end. False with `error()` set on malformed or truncated input.
    bool parse(std::istream& in);
    const std::string& error() const { return m_error; }
    bool stopped() const { return m_stop; }
    /// Ends the parse early (from a callback), e.g. on cancel.
    void stop() { m_stop = true; }

    bool null() override;
    bool boolean(bool value) override;
    bool number_integer(number_integer_t value) override;
    bool number_unsigned(number_unsigned_t value) override;
    bool number_float(number_float_t value, const string_t& text) override;
    bool string(string_t& value) override;
    bool binary(binary_t& value) override;
    bool start_object(std::size_t elements) override;
    bool key(string_t& value) override;
    bool end_object() override;
    bool start_array(std::size_t elements) override;
    bool end_array() override;
    bool parse_error(std::size_t position, const std::string& lastToken,
                     const nlohmann::detail::exception& ex) override;

private:
    bool scalar(json&& value);
    bool open(json&& container, bool isArray);
    bool close();

    Path m_path;                    ///< keys of the open containers (root excluded)
    std::vector<bool> m_isArray;    ///< per open container
    std::string m_key;              ///< last key read in the current object
    std::vector<json*> m_build;     ///< open containers of the capture in progress
    json m_root;                    ///< the capture in progress
    std::size_t m_captureDepth = 0; ///< container depth where the capture started (0 = none)
    Path m_capturePath;
    std::string m_error;
    bool m_stop = false;
};

} // namespace serveplan::models::fetch
