// serveplan-cli predict: predict metrics for rows of a scenarios CSV.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runPredict(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "predict", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kPredictCommand{"predict", "predict metrics for rows of a scenarios CSV",
                                "Usage: serveplan-cli predict ...\n", &runPredict, false};

} // namespace serveplan::cli
