#include "ScenarioEditCommand.h"

#include "ScenarioDocument.h"

namespace serveplan::ui {

ScenarioEditCommand::ScenarioEditCommand(ScenarioDocument* document, const QString& text, Scenario before,
                                         Scenario after, int mergeId)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeId(mergeId) {}

void ScenarioEditCommand::undo() {
    m_document->applyFromUndo(m_before);
}

void ScenarioEditCommand::redo() {
    m_document->applyFromUndo(m_after);
}

bool ScenarioEditCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id() || id() < 0)
        return false;
    m_after = static_cast<const ScenarioEditCommand*>(other)->m_after;
    return true;
}

} // namespace serveplan::ui
