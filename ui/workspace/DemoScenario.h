#pragma once
// The scenario `serveplan --demo`, the screenshot script and the GUI benchmark start from: the
// reference article's case (a distilled DeepSeek-R1 and Llama 3.1 8B for chat) on H100 and A100,
// with SLOs and autoscaling over a diurnal day, so every view has something to show.
#include "scenario/Scenario.h"

namespace serveplan::ui {

/// In the currency and hours per month of Edit ▸ Preferences, as every scenario starts.
Scenario demoScenario();
/// What File ▸ New and the window at start-up begin with: the defaults, with chat lengths and one
/// request per second, in the currency and hours per month of Edit ▸ Preferences. A scenario read
/// from a file keeps its own.
Scenario newScenario();

} // namespace serveplan::ui
