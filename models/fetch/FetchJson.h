#pragma once
// Small JSON helpers shared by the fetchers' .cpp files (not part of the interface).
#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace serveplan::models::fetch::jsonutil {

using json = nlohmann::json;

/// Parses a whole reply; on failure a message naming the provider, what was read and where it broke.
inline Result<json> parse(const QByteArray& bytes, const QString& provider, const QString& what) {
    json doc = json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    if (doc.is_discarded())
        return Error{QString(provider + QStringLiteral(": the reply for ") + what +
                             QStringLiteral(" is not valid JSON (truncated or malformed, ") +
                             QString::number(bytes.size()) + QStringLiteral(" bytes)"))
                         .toStdString()};
    return doc;
}

inline QString str(const json& object, const char* key) {
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    if (it->is_number_integer())
        return QString::number(it->get<long long>());
    return {};
}

/// A number given as a JSON number or a numeric string; -1 when absent or not a number.
inline double num(const json& object, const char* key) {
    if (!object.is_object())
        return -1;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return -1;
    if (it->is_number())
        return it->get<double>();
    if (it->is_string()) {
        bool ok = false;
        const double v = QString::fromStdString(it->get<std::string>()).toDouble(&ok);
        return ok ? v : -1;
    }
    return -1;
}

inline const json& at(const json& object, const char* key) {
    static const json kNull;
    if (!object.is_object())
        return kNull;
    const auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

} // namespace serveplan::models::fetch::jsonutil
