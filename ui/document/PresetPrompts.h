#pragma once
// Prompts whose answers a test sets in advance; every question asked is recorded. An unexpected
// question (no answer queued) gets the "cancel" answer and is counted, so a test can fail on it.
#include "Prompts.h"

#include <QQueue>
#include <QStringList>

namespace serveplan::ui {

class PresetPrompts final : public Prompts {
public:
    void queueOpenFile(const QString& path) { m_openFiles.enqueue(path); }
    void queueSaveFile(const QString& path) { m_saveFiles.enqueue(path); }
    void queueSaveChoice(SaveChoice choice) { m_choices.enqueue(choice); }

    QString openFileName(QWidget* parent, const QString& title, const QString& filter) override;
    QString saveFileName(QWidget* parent, const QString& title, const QString& suggestion,
                         const QString& filter) override;
    SaveChoice askSaveChanges(QWidget* parent, const QString& documentName) override;
    void showError(QWidget* parent, const QString& title, const QString& message) override;

    const QStringList& errorsShown() const { return m_errors; }
    int saveQuestionsAsked() const { return m_saveQuestions; }
    int unexpectedQuestions() const { return m_unexpected; }

private:
    QQueue<QString> m_openFiles;
    QQueue<QString> m_saveFiles;
    QQueue<SaveChoice> m_choices;
    QStringList m_errors;
    int m_saveQuestions = 0;
    int m_unexpected = 0;
};

} // namespace serveplan::ui
