// serveplan-cli: the command-line face of ServePlan (DESIGN.md §3.1). Everything but the application
// object lives in the serveplan_cli library (Cli.h), which the tests call in-process.
#include "Cli.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace {

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

int main(int argc, char** argv) {
    // The command decides which kind of application, so it is found before the application exists.
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    auto app = makeApplication(argc, argv, serveplan::cli::needsGui(args));
    serveplan::cli::setApplicationIdentity();
    QTextStream out(stdout);
    QTextStream err(stderr);
    return serveplan::cli::run(QCoreApplication::arguments().mid(1), out, err);
}
