// serveplan-cli calibrate: import, export, list and apply calibration runs.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runCalibrate(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "calibrate", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kCalibrateCommand{"calibrate", "import, export, list and apply calibration runs",
                                "Usage: serveplan-cli calibrate ...\n", &runCalibrate, false};

} // namespace serveplan::cli
