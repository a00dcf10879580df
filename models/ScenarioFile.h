#pragma once
// `*.serveplan` scenario files (DESIGN.md §3.4): versioned JSON holding every input of a planning
// pass, so a saved scenario reproduces its results exactly (doubles are written in their shortest
// round-trip form). Files from a newer version are refused; unknown or mistyped fields are
// reported with their JSON path ("$.workload.qps: expected a number").
#include "common/Result.h"
#include "scenario/Scenario.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace serveplan::models {

class ScenarioFile final {
public:
    static constexpr const char* kFormat = "serveplan-scenario";
    static constexpr int kVersion = 1;

    /// Reads a scenario; `name` is used in messages (a file name). Missing fields keep their defaults.
    static Result<Scenario> read(QIODevice* device, const QString& name = QStringLiteral("scenario"));
    static Result<Scenario> fromJson(const QByteArray& json, const QString& name = QStringLiteral("scenario"));
    static Result<Scenario> load(const QString& path);

    /// Writes every field (defaults included), indented JSON.
    static Result<void> write(const Scenario& scenario, QIODevice* device);
    static QByteArray toJson(const Scenario& scenario);
    /// Saves through QSaveFile: the file is replaced whole or not at all.
    static Result<void> save(const Scenario& scenario, const QString& path);
};

} // namespace serveplan::models
