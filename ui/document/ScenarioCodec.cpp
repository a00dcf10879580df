#include "ScenarioCodec.h"

#include "ScenarioFile.h"

namespace serveplan::ui {

ScenarioCodec ScenarioCodec::serveplanFile() {
    return {[](QIODevice* device, const QString& fileName) { return models::ScenarioFile::read(device, fileName); },
            [](const Scenario& scenario, QIODevice* device) { return models::ScenarioFile::write(scenario, device); }};
}

} // namespace serveplan::ui
