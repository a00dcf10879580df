#pragma once
// The scenario being edited: the Scenario value, its file and its undo stack. Every edit is one
// QUndoStack command, so "modified" is simply "the stack is not at its clean index" (STYLE.md 9).
#include "ScenarioCodec.h"
#include "common/Result.h"
#include "scenario/Scenario.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <functional>

namespace serveplan::ui {

class ScenarioDocument final : public QObject {
    Q_OBJECT
public:
    /// Edits that share a merge id and follow each other become one undo step (typing in a spin box).
    enum MergeId { NoMerge = -1 };

    explicit ScenarioDocument(QObject* parent = nullptr);
    /// Quiet: the undo stack's last cleanChanged must not reach a window that is being destroyed.
    ~ScenarioDocument() override;

    const Scenario& scenario() const { return m_scenario; }
    QUndoStack* undoStack() { return &m_undoStack; }
    QString filePath() const { return m_filePath; }
    /// The file name without folders, or "Untitled" for a new scenario.
    QString displayName() const;
    bool isModified() const { return !m_undoStack.isClean(); }
    void setCodec(ScenarioCodec codec) { m_codec = std::move(codec); }

    /// Applies `change` to a copy of the scenario and records it as one undoable step.
    void edit(const QString& description, const std::function<void(Scenario&)>& change, int mergeId = NoMerge);

    /// Replaces the whole document (File ▸ New, or a loaded file): empties the undo stack.
    void reset(const Scenario& scenario, const QString& filePath = {});
    /// Reads a file; on any error the current scenario, path and undo history stay as they were.
    Result<void> load(const QString& filePath);
    /// Writes through QSaveFile (never half a file); on success the path is remembered and the
    /// undo stack marked clean.
    Result<void> saveAs(const QString& filePath);

    /// Used by the undo commands: sets the value without recording a step.
    void applyFromUndo(const Scenario& scenario);

signals:
    void scenarioChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& filePath);

private:
    void setFilePath(const QString& filePath);

    Scenario m_scenario;
    QString m_filePath;
    QUndoStack m_undoStack;
    ScenarioCodec m_codec;
};

} // namespace serveplan::ui
