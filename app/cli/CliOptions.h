#pragma once
// The one argument parser of serveplan-cli: every command declares its options in a table and reads
// the parsed values, so unknown options, missing values and stray arguments give the same messages
// (and exit code 2) in every command, and no command keeps a hand-written loop over its arguments.
// The help of an option is the command's usage text (laid out by hand; tests/cli/TestCliHelp pins it
// byte for byte and checks that every option of a table is documented there).
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <map>
#include <vector>

namespace serveplan::cli {

/// One option of a command's table.
struct OptionSpec {
    const char* name;            ///< "--qps"
    const char* value = nullptr; ///< what the value is ("N", "FILE"); nullptr for a switch without a value
    bool repeatable = false;     ///< every value is kept in order; otherwise the last one wins
};

/// The declarative table of a command (or subcommand): its options and how many bare arguments it takes.
struct OptionTable {
    const char* topic; ///< the `serveplan-cli help TOPIC` that documents it, e.g. "plan"
    std::vector<OptionSpec> options;
    int positionals = 0; ///< bare arguments (not starting with '-', or a lone "-") it takes

    OptionTable(const char* helpTopic, std::initializer_list<OptionSpec> specs, int bareArguments = 0)
        : topic(helpTopic)
        , options(specs)
        , positionals(bareArguments) {}
    const OptionSpec* find(const QString& name) const;
};

/// The arguments as `OptionTable` read them; `error` is set (and the rest is partial) when they are invalid.
class ParsedArgs {
public:
    bool has(const QString& name) const { return m_values.count(name) > 0; }
    /// The last value given (empty when absent; "true" for a switch that is present).
    QString value(const QString& name) const;
    /// `value(name)`, or `fallback` when the option is absent.
    QString value(const QString& name, const QString& fallback) const { return has(name) ? value(name) : fallback; }
    /// Every value given, in order (a repeatable option).
    QStringList values(const QString& name) const;
    /// The bare arguments in order.
    const QStringList& positionals() const { return m_positionals; }
    QString positional(qsizetype i) const { return m_positionals.value(i); }

    QString error; ///< "unknown argument --x (see serveplan-cli help plan)", "--qps needs a value", ...
    bool ok() const { return error.isEmpty(); }

private:
    friend ParsedArgs parseOptions(const QStringList& args, const OptionTable& table);
    std::map<QString, QStringList> m_values;
    QStringList m_positionals;
};

/// Reads `args` against `table`: `--name VALUE` and `--name=VALUE` (a value may start with '-'),
/// switches, and up to `table.positionals` bare arguments, anywhere in the list.
ParsedArgs parseOptions(const QStringList& args, const OptionTable& table);

} // namespace serveplan::cli
