// serveplan-cli fit: fit the serving-engine profiles to reference measurements.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runFit(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "fit", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kFitCommand{"fit", "fit the serving-engine profiles to reference measurements",
                                "Usage: serveplan-cli fit ...\n", &runFit, false};

} // namespace serveplan::cli
