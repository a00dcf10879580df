#pragma once
// The one std::string ↔ QString conversion of the project. The engine speaks UTF-8 std::string
// (and std::string_view); Qt speaks QString. Use these instead of a private helper per file.
#include <QString>

#include <string>
#include <string_view>

namespace serveplan {

/// UTF-8 text of the engine as a QString.
inline QString qtText(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// A QString as the engine's UTF-8 std::string.
inline std::string stdText(const QString& text) {
    return text.toStdString();
}

} // namespace serveplan
