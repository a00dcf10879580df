#include "DocumentActions.h"

#include "Prompts.h"
#include "RecentFiles.h"
#include "ScenarioDocument.h"

#include <QDir>
#include <QFileInfo>

namespace serveplan::ui {

DocumentActions::DocumentActions(ScenarioDocument* document, Prompts* prompts, RecentFiles* recent,
                                 QWidget* dialogParent, std::function<Scenario()> newScenario, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_prompts(prompts)
    , m_recent(recent)
    , m_dialogParent(dialogParent)
    , m_newScenario(std::move(newScenario)) {}

QString DocumentActions::fileFilter() {
    return tr("ServePlan scenarios (*.serveplan);;All files (*)");
}

bool DocumentActions::newDocument() {
    if (!maybeSave())
        return false;
    m_document->reset(m_newScenario());
    return true;
}

bool DocumentActions::open() {
    if (!maybeSave())
        return false;
    const QString path = m_prompts->openFileName(m_dialogParent, tr("Open Scenario"), fileFilter());
    if (path.isEmpty())
        return false;
    return openPath(path);
}

bool DocumentActions::openPath(const QString& path) {
    if (Result<void> loaded = m_document->load(path); !loaded) {
        m_prompts->showError(m_dialogParent, tr("Cannot open scenario"),
                             tr("The scenario was not opened; the current one is unchanged.\n\n%1")
                                 .arg(QString::fromStdString(loaded.error())));
        return false;
    }
    if (m_recent)
        m_recent->add(path);
    emit message(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool DocumentActions::save() {
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool DocumentActions::saveAs() {
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty())
        suggestion = tr("scenario") + QStringLiteral(".serveplan");
    QString path = m_prompts->saveFileName(m_dialogParent, tr("Save Scenario As"), suggestion, fileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".serveplan");
    return saveTo(path);
}

bool DocumentActions::saveTo(const QString& path) {
    if (Result<void> saved = m_document->saveAs(path); !saved) {
        m_prompts->showError(m_dialogParent, tr("Cannot save scenario"), QString::fromStdString(saved.error()));
        return false;
    }
    if (m_recent)
        m_recent->add(path);
    emit message(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool DocumentActions::maybeSave() {
    if (!m_document->isModified())
        return true;
    switch (m_prompts->askSaveChanges(m_dialogParent, m_document->displayName())) {
    case Prompts::SaveChoice::Save:
        return save();
    case Prompts::SaveChoice::Discard:
        return true;
    case Prompts::SaveChoice::Cancel:
        break;
    }
    return false;
}

} // namespace serveplan::ui
