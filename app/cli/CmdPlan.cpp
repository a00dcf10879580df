// serveplan-cli plan: ranked deployment plans as CSV or JSON.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runPlan(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "plan", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kPlanCommand{"plan", "ranked deployment plans as CSV or JSON",
                                "Usage: serveplan-cli plan ...\n", &runPlan, false};

} // namespace serveplan::cli
