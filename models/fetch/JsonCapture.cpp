#include "JsonCapture.h"

namespace serveplan::models::fetch {

bool JsonCapture::parse(std::istream& in) {
    m_path.clear();
    m_isArray.clear();
    m_build.clear();
    m_captureDepth = 0;
    m_error.clear();
    m_stop = false;
    const bool ok = json::sax_parse(in, this, json::input_format_t::json, true);
    if (!ok && m_error.empty())
        m_error = m_stop ? "stopped" : "the document ended early";
    return ok && !m_stop;
}

bool JsonCapture::scalar(json&& value) {
    if (m_stop)
        return false;
    if (!m_build.empty()) {
        json& parent = *m_build.back();
        if (parent.is_array())
            parent.push_back(std::move(value));
        else
            parent[m_key] = std::move(value);
    } else {
        if (m_path.empty() && m_isArray.size() == 1 && !m_isArray.back() && topLevel)
            topLevel(m_key, value);
        if (scalarAt)
            scalarAt(m_path, m_isArray.empty() || m_isArray.back() ? std::string() : m_key, value);
    }
    return true;
}

bool JsonCapture::open(json&& container, bool isArray) {
    if (m_stop)
        return false;
    const bool inArray = !m_isArray.empty() && m_isArray.back();
    if (!m_isArray.empty())
        m_path.push_back(inArray ? std::string("[]") : m_key);
    m_isArray.push_back(isArray);
    if (!m_build.empty()) {
        json& parent = *m_build.back();
        json* child = nullptr;
        if (parent.is_array()) {
            parent.push_back(std::move(container));
            child = &parent.back();
        } else {
            child = &(parent[m_key] = std::move(container));
        }
        m_build.push_back(child);
    } else if (!isArray && wants && !m_path.empty() && wants(m_path)) {
        m_root = std::move(container);
        m_build.push_back(&m_root);
        m_captureDepth = m_isArray.size();
        m_capturePath = m_path;
    }
    return true;
}

bool JsonCapture::close() {
    if (m_stop)
        return false;
    if (!m_build.empty()) {
        m_build.pop_back();
        if (m_build.empty() && m_isArray.size() == m_captureDepth) {
            m_captureDepth = 0;
            if (captured)
                captured(m_capturePath, std::move(m_root));
            m_root = json();
        }
    } else if (closed) {
        closed(m_path);
    }
    m_isArray.pop_back();
    if (!m_path.empty() && m_path.size() >= m_isArray.size())
        m_path.pop_back();
    return !m_stop;
}

bool JsonCapture::null() {
    return scalar(json());
}
bool JsonCapture::boolean(bool value) {
    return scalar(json(value));
}
bool JsonCapture::number_integer(number_integer_t value) {
    return scalar(json(value));
}
bool JsonCapture::number_unsigned(number_unsigned_t value) {
    return scalar(json(value));
}
bool JsonCapture::number_float(number_float_t value, const string_t&) {
    return scalar(json(value));
}
bool JsonCapture::string(string_t& value) {
    if (m_build.empty() && !(m_path.empty() && m_isArray.size() == 1) && !scalarAt)
        return !m_stop; // skipped: no copy
    return scalar(json(std::move(value)));
}
bool JsonCapture::binary(binary_t&) {
    return !m_stop;
}
bool JsonCapture::start_object(std::size_t) {
    return open(json::object(), false);
}
bool JsonCapture::key(string_t& value) {
    m_key = std::move(value);
    return !m_stop;
}
bool JsonCapture::end_object() {
    return close();
}
bool JsonCapture::start_array(std::size_t) {
    return open(json::array(), true);
}
bool JsonCapture::end_array() {
    return close();
}

bool JsonCapture::parse_error(std::size_t position, const std::string& lastToken,
                              const nlohmann::detail::exception& ex) {
    m_error =
        "malformed JSON at byte " + std::to_string(position) + " near '" + lastToken.substr(0, 40) + "': " + ex.what();
    return false;
}

} // namespace serveplan::models::fetch
