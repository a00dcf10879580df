// serveplan-cli export: deployment files for a plan (Kubernetes, load test).
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runExport(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "export", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kExportCommand{"export", "deployment files for a plan (Kubernetes, load test)",
                                "Usage: serveplan-cli export ...\n", &runExport, false};

} // namespace serveplan::cli
