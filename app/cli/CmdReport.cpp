// serveplan-cli report: PDF/CSV cost report for a scenario.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runReport(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "report", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kReportCommand{"report", "PDF/CSV cost report for a scenario",
                                "Usage: serveplan-cli report ...\n", &runReport, true};

} // namespace serveplan::cli
