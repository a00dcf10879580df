#include "ScenarioDocument.h"

#include "SaveFile.h"
#include "ScenarioEditCommand.h"

#include <QFile>
#include <QFileInfo>

namespace serveplan::ui {

ScenarioDocument::ScenarioDocument(QObject* parent)
    : QObject(parent)
    , m_codec(ScenarioCodec::serveplanFile()) {
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

ScenarioDocument::~ScenarioDocument() {
    m_undoStack.disconnect(this);
}

QString ScenarioDocument::displayName() const {
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

void ScenarioDocument::edit(const QString& description, const std::function<void(Scenario&)>& change, int mergeId) {
    Scenario after = m_scenario;
    change(after);
    m_undoStack.push(new ScenarioEditCommand(this, description, m_scenario, std::move(after), mergeId));
}

void ScenarioDocument::reset(const Scenario& scenario, const QString& filePath) {
    const bool wasModified = isModified();
    m_undoStack.clear();
    m_scenario = scenario;
    setFilePath(filePath);
    emit scenarioChanged();
    if (wasModified)
        emit modifiedChanged(false);
}

Result<void> ScenarioDocument::load(const QString& filePath) {
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("%1: cannot open: %2").arg(filePath, file.errorString()).toStdString()};
    Result<Scenario> scenario = m_codec.read(&file, filePath);
    if (!scenario)
        return Error{scenario.error()};
    reset(*scenario, QFileInfo(filePath).absoluteFilePath());
    return {};
}

Result<void> ScenarioDocument::saveAs(const QString& filePath) {
    if (Result<void> saved =
            models::saveFile(filePath, [this](QIODevice* device) { return m_codec.write(m_scenario, device); });
        !saved)
        return saved;
    setFilePath(QFileInfo(filePath).absoluteFilePath());
    m_undoStack.setClean();
    return {};
}

void ScenarioDocument::applyFromUndo(const Scenario& scenario) {
    m_scenario = scenario;
    emit scenarioChanged();
}

void ScenarioDocument::setFilePath(const QString& filePath) {
    if (filePath == m_filePath)
        return;
    m_filePath = filePath;
    emit filePathChanged(m_filePath);
}

} // namespace serveplan::ui
