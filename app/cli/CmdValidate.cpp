// serveplan-cli validate: predict a reference CSV and report the error per metric, engine and GPU.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runValidate(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "validate", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kValidateCommand{"validate", "predict a reference CSV and report the error per metric, engine and GPU",
                                "Usage: serveplan-cli validate ...\n", &runValidate, false};

} // namespace serveplan::cli
