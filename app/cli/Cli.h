#pragma once
// serveplan-cli as a library: the executable's main() and the in-process tests call run() with the
// same arguments, so both see the same global options, help, version and command dispatch.
#include <QStringList>
#include <QTextStream>

namespace serveplan::cli {

/// Runs serveplan-cli with `args` (without the program name), writing to `out` (stdout) and `err`
/// (stderr); returns the exit code (DESIGN.md §3.1: 0 ok, 1 failure, 2 invalid input). A command that
/// renders charts (report) needs a QApplication: without one it fails with exit code 1.
int run(const QStringList& args, QTextStream& out, QTextStream& err);

/// Whether `args` run a command that needs a QApplication rather than a QCoreApplication.
bool needsGui(const QStringList& args);

/// The application name, organisation and version the CLI runs under (the user's database lives in
/// its data folder).
void setApplicationIdentity();

} // namespace serveplan::cli
