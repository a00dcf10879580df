#pragma once
// The scenario `serveplan --demo`, the screenshot script and the GUI benchmark start from: the
// reference article's case (a distilled DeepSeek-R1 and Llama 3.1 8B for chat) on H100 and A100,
// with SLOs and autoscaling over a diurnal day, so every view has something to show.
#include "plan/Scenario.h"

namespace serveplan::ui {

Scenario demoScenario();
/// What File ▸ New starts from: the defaults, with chat lengths and one request per second.
Scenario newScenario();

} // namespace serveplan::ui
