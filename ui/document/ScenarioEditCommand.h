#pragma once
// One scenario edit on the undo stack: the value before and after. A scenario is a few kilobytes, so
// whole snapshots are simpler and safer than per-field inverse operations.
#include "scenario/Scenario.h"

#include <QUndoCommand>

namespace serveplan::ui {

class ScenarioDocument;

class ScenarioEditCommand final : public QUndoCommand {
public:
    ScenarioEditCommand(ScenarioDocument* document, const QString& text, Scenario before, Scenario after, int mergeId);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    ScenarioDocument* m_document;
    Scenario m_before;
    Scenario m_after;
    int m_mergeId;
};

} // namespace serveplan::ui
