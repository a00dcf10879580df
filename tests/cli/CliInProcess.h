#pragma once
// Runs serveplan-cli inside the test process through the serveplan_cli library: the same run() that
// the executable's main() calls, with stdout and stderr captured apart. No process is started, so a
// test pays for the command only (TestCliProcess keeps the end-to-end checks of the executable).
#include "Cli.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace serveplan::test {

struct CliResult {
    int code = -1;
    QString out; ///< what the command wrote to stdout
    QString err; ///< what it wrote to stderr
};

inline CliResult runCli(const QStringList& args) {
    CliResult r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = serveplan::cli::run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

} // namespace serveplan::test
