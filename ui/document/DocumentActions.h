#pragma once
// File ▸ New/Open/Save/Save As and the unsaved-changes question, as plain calls the main window's
// actions trigger and tests drive directly (with PresetPrompts answering the dialogs).
#include "scenario/Scenario.h"

#include <QObject>
#include <QString>

#include <functional>

class QWidget;

namespace serveplan::ui {

class Prompts;
class RecentFiles;
class ScenarioDocument;

class DocumentActions final : public QObject {
    Q_OBJECT
public:
    /// `newScenario` makes the scenario File ▸ New starts from.
    DocumentActions(ScenarioDocument* document, Prompts* prompts, RecentFiles* recent, QWidget* dialogParent,
                    std::function<Scenario()> newScenario, QObject* parent = nullptr);

    static QString fileFilter();

    /// Each returns false when the user cancelled or the operation failed (the error was shown).
    bool newDocument();
    bool open();
    bool openPath(const QString& path);
    bool save();
    bool saveAs();
    /// Asks to save unsaved changes; false = the user cancelled (keep the document open).
    bool maybeSave();

signals:
    /// A file was opened or saved (for the status bar).
    void message(const QString& text);

private:
    bool saveTo(const QString& path);

    ScenarioDocument* m_document;
    Prompts* m_prompts;
    RecentFiles* m_recent;
    QWidget* m_dialogParent;
    std::function<Scenario()> m_newScenario;
};

} // namespace serveplan::ui
