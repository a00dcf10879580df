// serveplan-cli probe: run serveplan-probe on this machine and store the run.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runProbe(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "probe", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kProbeCommand{"probe", "run serveplan-probe on this machine and store the run",
                                "Usage: serveplan-cli probe ...\n", &runProbe, false};

} // namespace serveplan::cli
