// serveplan-cli db: catalog database: info, check, import-prices, export-prices, import-model.
#include "CliCommand.h"

namespace serveplan::cli {

namespace {
int runDb(const QStringList& args, CliContext& context) {
    Q_UNUSED(args);
    return fail(context, "db", QStringLiteral("not built yet"), ExitFailure);
}
} // namespace

const CommandInfo kDbCommand{"db", "catalog database: info, check, import-prices, export-prices, import-model",
                                "Usage: serveplan-cli db ...\n", &runDb, false};

} // namespace serveplan::cli
