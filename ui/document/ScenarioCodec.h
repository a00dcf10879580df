#pragma once
// How a scenario document reads and writes its file. The default is the `*.serveplan` JSON format
// (models/ScenarioFile); tests can swap in a codec that fails on purpose.
#include "common/Result.h"
#include "scenario/Scenario.h"

#include <QIODevice>

#include <functional>

namespace serveplan::ui {

struct ScenarioCodec {
    std::function<Result<Scenario>(QIODevice* device, const QString& fileName)> read;
    std::function<Result<void>(const Scenario& scenario, QIODevice* device)> write;

    /// The `*.serveplan` format of DESIGN.md §3.4.
    static ScenarioCodec serveplanFile();
};

} // namespace serveplan::ui
