// serveplan-cli: the command-line face of ServePlan (DESIGN.md §3.1).
#include "CliCommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStandardPaths>

#include <array>
#include <cstdio>
#include <memory>

using namespace serveplan::cli;

namespace serveplan::cli {
extern const CommandInfo kPricesCommand; // CmdPrices.cpp
} // namespace serveplan::cli

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

/// Commands that render charts need a QApplication; without a display they use the offscreen platform.
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv, bool needsGui) {
    if (needsGui) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        return std::make_unique<QApplication>(argc, argv);
    }
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace

namespace serveplan::cli {
int fail(CliContext& context, const char* command, const QString& what, int code) {
    context.err << "serveplan-cli " << command << ": " << what << '\n';
    context.err.flush();
    return code;
}
} // namespace serveplan::cli

int main(int argc, char** argv) {
    // Find the command before creating the application: it decides which kind of application.
    const CommandInfo* command = nullptr;
    for (int i = 1; i < argc && !command; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--db")) {
            ++i;
            continue;
        }
        if (!arg.startsWith(QLatin1Char('-')))
            command = findCommand(arg);
    }
    auto app = makeApplication(argc, argv, command && command->needsGui);
    QCoreApplication::setApplicationName(QStringLiteral("serveplan"));
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SERVEPLAN_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments().mid(1);
    CliContext context{defaultDbPath(), out, err};

    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--version") || option == QLatin1String("-v")) {
            out << "serveplan-cli " << SERVEPLAN_VERSION << '\n';
            return ExitOk;
        }
        if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
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
    // Global options may also follow the command name.
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db") && i + 1 < args.size()) {
            context.dbPath = args[i + 1];
            args.remove(i, 2);
            break;
        }
    }
    const int code = c->run(args, context);
    out.flush();
    err.flush();
    return code;
}
