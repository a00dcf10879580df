#include "PresetPrompts.h"

namespace serveplan::ui {

QString PresetPrompts::openFileName(QWidget*, const QString&, const QString&) {
    if (m_openFiles.isEmpty()) {
        ++m_unexpected;
        return {};
    }
    return m_openFiles.dequeue();
}

QString PresetPrompts::saveFileName(QWidget*, const QString&, const QString&, const QString&) {
    if (m_saveFiles.isEmpty()) {
        ++m_unexpected;
        return {};
    }
    return m_saveFiles.dequeue();
}

Prompts::SaveChoice PresetPrompts::askSaveChanges(QWidget*, const QString&) {
    ++m_saveQuestions;
    if (m_choices.isEmpty()) {
        ++m_unexpected;
        return SaveChoice::Cancel;
    }
    return m_choices.dequeue();
}

void PresetPrompts::showError(QWidget*, const QString& title, const QString& message) {
    m_errors.append(title + QStringLiteral(": ") + message);
}

} // namespace serveplan::ui
