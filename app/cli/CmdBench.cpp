// serveplan-cli bench: benchmarks of the catalog, planner and simulator.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runBench(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "bench", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kBenchCommand{"bench", "benchmarks of the catalog, planner and simulator",
                                "Usage: serveplan-cli bench ...\n", &runBench, false};

} // namespace serveplan::cli
