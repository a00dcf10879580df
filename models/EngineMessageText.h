#pragma once
// The engine's messages (engine/common/Message.h: a code with arguments) in the UI's language: one
// translatable source string per code in the context "EngineMessage" (the engine's English template,
// %1..%n in the same order), arguments substituted in one pass, numbers in the UI's locale without
// digit grouping (so the English UI shows exactly what the CLI prints). A code without a translation
// shows its English text, never nothing. The plans table, the details pane, the main window's
// warnings, the report and the calibration pages all word engine messages through here.
#include "QtText.h"
#include "common/Message.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace serveplan::models {

/// The message in the UI's language (empty for an empty message).
QString messageText(const Message& message);
/// One argument as messageText shows it.
QString messageArgText(const MessageArg& arg);
/// messageText of each.
QStringList messageTexts(const std::vector<Message>& messages);
/// A failed Result's error in the UI's language: its message where the engine gave one, else its
/// (English) text.
template <typename R>
QString errorText(const R& failed) {
    return failed.reason().empty() ? qtText(failed.error()) : messageText(failed.reason());
}
/// The source string Qt translates for `code` (null for None, Text and List, which have none).
const char* messageSource(MessageCode code);

} // namespace serveplan::models
