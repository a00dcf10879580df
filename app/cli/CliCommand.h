#pragma once
// The contract every `serveplan-cli` command follows (DESIGN.md §3.1): errors go to stderr,
// exit 0 on success, 1 on failure, 2 on invalid input.
#include "CliOptions.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <vector>

namespace serveplan::cli {

enum ExitCode : int { ExitOk = 0, ExitFailure = 1, ExitInvalidInput = 2 };

struct CliContext {
    QString dbPath;   ///< --db PATH, or the user's database (created from the embedded seed on first use)
    QTextStream& out; ///< stdout
    QTextStream& err; ///< stderr
};

/// A command receives its own arguments (the command name and global options already removed) and
/// reads them with parseOptions() against its OptionTable(s).
using CommandFunction = int (*)(const QStringList& args, CliContext& context);

struct CommandInfo {
    const char* name;    ///< e.g. "db", "plan"
    const char* summary; ///< one line for `--help`
    const char* usage;   ///< full help for `help COMMAND`
    CommandFunction run;
    bool needsGui; ///< needs a QApplication (charts are rendered); offscreen when there is no display
    std::vector<const OptionTable*> tables; ///< its option tables (one per subcommand), for the help checks
};

// One definition per command, each in its own Cmd*.cpp.
extern const CommandInfo kDbCommand;
extern const CommandInfo kPredictCommand;
extern const CommandInfo kValidateCommand;
extern const CommandInfo kFitCommand;
extern const CommandInfo kPlanCommand;
extern const CommandInfo kReportCommand;
extern const CommandInfo kProbeCommand;
extern const CommandInfo kCalibrateCommand;
extern const CommandInfo kExportCommand;
extern const CommandInfo kBenchCommand;
extern const CommandInfo kPricesCommand;

/// Every command, in the order `--help` lists them.
const std::vector<const CommandInfo*>& commands();

/// Prints "serveplan-cli COMMAND: what" to stderr and returns `code`.
int fail(CliContext& context, const char* command, const QString& what, int code = ExitFailure);

} // namespace serveplan::cli
