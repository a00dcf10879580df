// serveplan-cli's entry point as a library (DESIGN.md §3.1): global options, help, version, dispatch.
#include "Cli.h"

#include "CliCommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStandardPaths>

#include <array>

namespace serveplan::cli {

namespace {

const std::array<const CommandInfo*, 11> kCommands{
    &kDbCommand,    &kPredictCommand,   &kValidateCommand, &kFitCommand,   &kPlanCommand,  &kReportCommand,
    &kProbeCommand, &kCalibrateCommand, &kExportCommand,   &kBenchCommand, &kPricesCommand};

const CommandInfo* findCommand(const QString& name) {
    for (const CommandInfo* c : kCommands)
        if (name == QLatin1String(c->name))
            return c;
    return nullptr;
}

void printHelp(QTextStream& out) {
    out << "Usage: serveplan-cli [--db PATH] COMMAND [ARGS...]\n"
           "       serveplan-cli --version | --help | help COMMAND\n\n"
           "Plans LLM inference deployments: memory fit, speed, SLO-aware capacity and monthly cost.\n\n"
           "Global options:\n"
           "  --db PATH     catalog database (default: the user's database, created from the\n"
           "                embedded seed on first use)\n\n"
           "Commands:\n";
    for (const CommandInfo* c : kCommands)
        out << "  " << QString::fromLatin1(c->name).leftJustified(12) << QString::fromUtf8(c->summary) << '\n';
    out << "\nExit codes: 0 success, 1 failure, 2 invalid input.\n";
}

QString defaultDbPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/serveplan.sqlite");
}

/// The first word of `args` that is not an option (nor --db's value): the command's name.
const CommandInfo* commandOf(const QStringList& args) {
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db")) {
            ++i;
            continue;
        }
        if (!args[i].startsWith(QLatin1Char('-')))
            return findCommand(args[i]);
    }
    return nullptr;
}

bool isHelp(const QString& arg) {
    return arg == QLatin1String("--help") || arg == QLatin1String("-h");
}

/// Global options may also follow the command name: the first `--db PATH` there is taken out.
void takeDbOption(QStringList& args, CliContext& context) {
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db") && i + 1 < args.size()) {
            context.dbPath = args[i + 1];
            args.remove(i, 2);
            return;
        }
    }
}

int runCommand(const CommandInfo& command, QStringList args, CliContext& context) {
    if (!args.isEmpty() && isHelp(args.first())) {
        context.out << QString::fromUtf8(command.usage);
        return ExitOk;
    }
    takeDbOption(args, context);
    if (command.needsGui && !qobject_cast<QApplication*>(QCoreApplication::instance()))
        return fail(context, command.name, QStringLiteral("needs a QApplication to render its charts"));
    return command.run(args, context);
}

int dispatch(QStringList args, CliContext& context) {
    QTextStream& out = context.out;
    QTextStream& err = context.err;
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--version") || option == QLatin1String("-v")) {
            out << "serveplan-cli " << SERVEPLAN_VERSION << '\n';
            return ExitOk;
        }
        if (isHelp(option)) {
            printHelp(out);
            return ExitOk;
        }
        if (option == QLatin1String("--db")) {
            if (args.isEmpty())
                return fail(context, "", QStringLiteral("--db needs a PATH"), ExitInvalidInput);
            context.dbPath = args.takeFirst();
            continue;
        }
        err << "serveplan-cli: unknown option " << option << " (see --help)\n";
        return ExitInvalidInput;
    }
    if (args.isEmpty()) {
        printHelp(err);
        return ExitInvalidInput;
    }
    const QString name = args.takeFirst();
    if (name == QLatin1String("help")) {
        if (args.isEmpty()) {
            printHelp(out);
            return ExitOk;
        }
        const CommandInfo* c = findCommand(args.first());
        if (!c) {
            err << "serveplan-cli help: unknown command " << args.first() << '\n';
            return ExitInvalidInput;
        }
        out << QString::fromUtf8(c->usage);
        return ExitOk;
    }
    const CommandInfo* c = findCommand(name);
    if (!c) {
        err << "serveplan-cli: unknown command " << name << " (see --help)\n";
        return ExitInvalidInput;
    }
    return runCommand(*c, args, context);
}

} // namespace

int fail(CliContext& context, const char* command, const QString& what, int code) {
    context.err << "serveplan-cli " << command << ": " << what << '\n';
    context.err.flush();
    return code;
}

const std::vector<const CommandInfo*>& commands() {
    static const std::vector<const CommandInfo*> all(kCommands.begin(), kCommands.end());
    return all;
}

int run(const QStringList& args, QTextStream& out, QTextStream& err) {
    CliContext context{defaultDbPath(), out, err};
    const int code = dispatch(args, context);
    out.flush();
    err.flush();
    return code;
}

bool needsGui(const QStringList& args) {
    const CommandInfo* command = commandOf(args);
    return command && command->needsGui;
}

void setApplicationIdentity() {
    QCoreApplication::setApplicationName(QStringLiteral("serveplan"));
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SERVEPLAN_VERSION));
}

} // namespace serveplan::cli
