#include "PresetPrompts.h"

namespace serveplan::ui {

QString PresetPrompts::openFileName(QWidget*, const QString&, const QString&) {
    if (m_openFiles.isEmpty()) {
        ++m_unexpected;
        return {};
    }
    return m_openFiles.dequeue();
}

QString PresetPrompts::saveFileName(QWidget*, const QString& title, const QString& suggestion, const QString& filter) {
    return nextSaveAnswer(title, suggestion, filter.split(QStringLiteral(";;")), nullptr);
}

QString PresetPrompts::saveFileNameAndFilter(QWidget*, const QString& title, const QString& suggestion,
                                             const QStringList& filters, QString* selectedFilter) {
    return nextSaveAnswer(title, suggestion, filters, selectedFilter);
}

QString PresetPrompts::nextSaveAnswer(const QString& title, const QString& suggestion, const QStringList& filters,
                                      QString* selectedFilter) {
    m_lastSaveTitle = title;
    m_lastSaveSuggestion = suggestion;
    m_lastSaveFilters = filters;
    m_lastSavePreselected = selectedFilter ? *selectedFilter : QString();
    if (m_saveFiles.isEmpty()) {
        ++m_unexpected;
        return {};
    }
    const SaveAnswer answer = m_saveFiles.dequeue();
    if (selectedFilter && answer.filterIndex >= 0 && answer.filterIndex < filters.size())
        *selectedFilter = filters[answer.filterIndex];
    return answer.path;
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

void PresetPrompts::showWarning(QWidget*, const QString& title, const QString& message) {
    m_warnings.append(title + QStringLiteral(": ") + message);
}

void PresetPrompts::showAbout(QWidget*, const QString& title, const QString& text) {
    m_about.append(title + QStringLiteral(": ") + text);
}

bool PresetPrompts::confirm(QWidget*, const QString&, const QString&) {
    ++m_confirmQuestions;
    if (m_confirms.isEmpty()) {
        ++m_unexpected;
        return false;
    }
    return m_confirms.dequeue();
}

} // namespace serveplan::ui
