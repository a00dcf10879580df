#include "Json.h"

#include <cmath>
#include <cstdio>

namespace serveplan::probe {

std::string jsonQuote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

void JsonObject::key(std::string_view key) {
    if (!m_body.empty())
        m_body += ',';
    m_body += jsonQuote(key);
    m_body += ':';
}

JsonObject& JsonObject::add(std::string_view name, std::string_view value) {
    key(name);
    m_body += jsonQuote(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, double value) {
    key(name);
    if (!std::isfinite(value)) {
        m_body += "null";
        return *this;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    m_body += buffer;
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, std::int64_t value) {
    key(name);
    m_body += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, bool value) {
    key(name);
    m_body += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::merge(const JsonObject& other) {
    if (other.m_body.empty())
        return *this;
    if (!m_body.empty())
        m_body += ',';
    m_body += other.m_body;
    return *this;
}

} // namespace serveplan::probe
