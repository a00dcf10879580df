#pragma once
// The seam between document logic and modal UI (STYLE.md 10): file dialogs and message boxes go
// through this interface, so whole flows run in tests with answers set in advance. Every window and
// dialog asks through it (the test double, PresetPrompts, lives in tests/support/ui).
#include <QString>
#include <QStringList>

class QWidget;

namespace serveplan::ui {

class Prompts {
public:
    enum class SaveChoice { Save, Discard, Cancel };

    virtual ~Prompts() = default;
    /// Empty when the user cancels.
    virtual QString openFileName(QWidget* parent, const QString& title, const QString& filter) = 0;
    virtual QString saveFileName(QWidget* parent, const QString& title, const QString& suggestion,
                                 const QString& filter) = 0;
    /// A save dialog offering `filters` as file types, for exports whose type carries an option (paper
    /// size, byte-order mark): `*selectedFilter` comes in as the type to preselect and goes out as the
    /// one the user chose. A file name typed without a suffix gets the suggestion's.
    virtual QString saveFileNameAndFilter(QWidget* parent, const QString& title, const QString& suggestion,
                                          const QStringList& filters, QString* selectedFilter) = 0;
    virtual SaveChoice askSaveChanges(QWidget* parent, const QString& documentName) = 0;
    virtual void showError(QWidget* parent, const QString& title, const QString& message) = 0;
    /// Something went wrong but work goes on (a database that cannot be opened, a fallback taken).
    virtual void showWarning(QWidget* parent, const QString& title, const QString& message) = 0;
    /// A yes/no question before something that cannot be undone (deleting a calibration run): true = go ahead.
    virtual bool confirm(QWidget* parent, const QString& title, const QString& question) = 0;
    /// The program's About box (rich text).
    virtual void showAbout(QWidget* parent, const QString& title, const QString& text) = 0;
};

/// The real dialogs: QFileDialog and QMessageBox.
class WidgetPrompts final : public Prompts {
public:
    QString openFileName(QWidget* parent, const QString& title, const QString& filter) override;
    QString saveFileName(QWidget* parent, const QString& title, const QString& suggestion,
                         const QString& filter) override;
    QString saveFileNameAndFilter(QWidget* parent, const QString& title, const QString& suggestion,
                                  const QStringList& filters, QString* selectedFilter) override;
    SaveChoice askSaveChanges(QWidget* parent, const QString& documentName) override;
    void showError(QWidget* parent, const QString& title, const QString& message) override;
    void showWarning(QWidget* parent, const QString& title, const QString& message) override;
    bool confirm(QWidget* parent, const QString& title, const QString& question) override;
    void showAbout(QWidget* parent, const QString& title, const QString& text) override;
};

/// `*prompts`, or the real dialogs when it is null: what a widget given an optional seam asks.
Prompts& promptsOrDialogs(Prompts* prompts);

} // namespace serveplan::ui
