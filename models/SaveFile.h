#pragma once
// The one way the project writes a user's file: through QSaveFile, so a failure (unwritable folder,
// full disk, a writer that gives up) leaves no file, not even part of one, and the file that was there
// stays untouched. Every error names the path: "cannot write PATH: reason".
#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <string_view>

class QIODevice;

namespace serveplan::models {

/// Writes `bytes` to `path`, all or nothing.
Result<void> saveFile(const QString& path, const QByteArray& bytes);
Result<void> saveFile(const QString& path, std::string_view bytes);

/// Opens `path` for writing, lets `write` fill the device and commits; when `write` fails, nothing is
/// written and its error is returned after the path ("cannot write PATH: its error").
Result<void> saveFile(const QString& path, const std::function<Result<void>(QIODevice*)>& write);

/// "cannot write PATH: reason" (native separators, translated in context "SaveFile"), the message of
/// every failed save.
std::string saveFileError(const QString& path, const QString& reason);

} // namespace serveplan::models
