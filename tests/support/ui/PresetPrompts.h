#pragma once
// Prompts whose answers a test sets in advance; every question asked is recorded. An unexpected
// question (no answer queued) gets the "cancel" answer and is counted, so a test can fail on it. The
// last save dialog's suggestion and file types are kept, so a test can check what the user was offered.
// A test double: it lives in tests/support/ui (library serveplan_testsupport_ui), not in the shipped ui.
#include "document/Prompts.h"

#include <QQueue>
#include <QStringList>

namespace serveplan::ui {

class PresetPrompts final : public Prompts {
public:
    void queueOpenFile(const QString& path) { m_openFiles.enqueue(path); }
    /// The next save dialog's answer; `filterIndex` picks a file type (saveFileNameAndFilter), -1
    /// keeps the preselected one.
    void queueSaveFile(const QString& path, int filterIndex = -1) { m_saveFiles.enqueue({path, filterIndex}); }
    void queueSaveChoice(SaveChoice choice) { m_choices.enqueue(choice); }
    void queueConfirm(bool answer) { m_confirms.enqueue(answer); }

    QString openFileName(QWidget* parent, const QString& title, const QString& filter) override;
    QString saveFileName(QWidget* parent, const QString& title, const QString& suggestion,
                         const QString& filter) override;
    QString saveFileNameAndFilter(QWidget* parent, const QString& title, const QString& suggestion,
                                  const QStringList& filters, QString* selectedFilter) override;
    SaveChoice askSaveChanges(QWidget* parent, const QString& documentName) override;
    void showError(QWidget* parent, const QString& title, const QString& message) override;
    void showWarning(QWidget* parent, const QString& title, const QString& message) override;
    void showAbout(QWidget* parent, const QString& title, const QString& text) override;
    bool confirm(QWidget* parent, const QString& title, const QString& question) override;

    const QStringList& errorsShown() const { return m_errors; }
    /// "title: message" of every warning shown.
    const QStringList& warningsShown() const { return m_warnings; }
    /// "title: text" of every About box shown.
    const QStringList& aboutShown() const { return m_about; }
    int saveQuestionsAsked() const { return m_saveQuestions; }
    int confirmQuestionsAsked() const { return m_confirmQuestions; }
    int unexpectedQuestions() const { return m_unexpected; }
    /// The last save dialog: its title, suggested path, file types and the type it preselected.
    const QString& lastSaveTitle() const { return m_lastSaveTitle; }
    const QString& lastSaveSuggestion() const { return m_lastSaveSuggestion; }
    const QStringList& lastSaveFilters() const { return m_lastSaveFilters; }
    const QString& lastSavePreselectedFilter() const { return m_lastSavePreselected; }

private:
    struct SaveAnswer {
        QString path;
        int filterIndex = -1;
    };
    QString nextSaveAnswer(const QString& title, const QString& suggestion, const QStringList& filters,
                           QString* selectedFilter);

    QQueue<QString> m_openFiles;
    QQueue<SaveAnswer> m_saveFiles;
    QQueue<SaveChoice> m_choices;
    QQueue<bool> m_confirms;
    QStringList m_errors;
    QStringList m_warnings;
    QStringList m_about;
    int m_saveQuestions = 0;
    int m_confirmQuestions = 0;
    int m_unexpected = 0;
    QString m_lastSaveTitle;
    QString m_lastSaveSuggestion;
    QStringList m_lastSaveFilters;
    QString m_lastSavePreselected;
};

} // namespace serveplan::ui
