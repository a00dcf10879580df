#include "CliOptions.h"

using namespace Qt::StringLiterals;

namespace serveplan::cli {

const OptionSpec* OptionTable::find(const QString& name) const {
    for (const OptionSpec& spec : options)
        if (name == QLatin1String(spec.name))
            return &spec;
    return nullptr;
}

QString ParsedArgs::value(const QString& name) const {
    const auto it = m_values.find(name);
    return it == m_values.end() || it->second.isEmpty() ? QString() : it->second.last();
}

QStringList ParsedArgs::values(const QString& name) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? QStringList() : it->second;
}

namespace {

bool isBare(const QString& arg) {
    return !arg.startsWith(u'-') || arg == u"-"_s;
}

QString seeHelp(const OptionTable& table) {
    return u" (see serveplan-cli help "_s + QLatin1String(table.topic) + u')';
}

} // namespace

ParsedArgs parseOptions(const QStringList& args, const OptionTable& table) {
    ParsedArgs parsed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (isBare(arg)) {
            if (parsed.m_positionals.size() >= table.positionals) {
                parsed.error = u"unexpected argument "_s + arg + seeHelp(table);
                return parsed;
            }
            parsed.m_positionals.append(arg);
            continue;
        }
        const qsizetype eq = arg.startsWith(u"--"_s) ? arg.indexOf(u'=') : -1;
        const QString name = eq > 0 ? arg.left(eq) : arg;
        const OptionSpec* spec = table.find(name);
        if (!spec) {
            parsed.error = u"unknown argument "_s + arg + seeHelp(table);
            return parsed;
        }
        QString value = u"true"_s;
        if (!spec->value && eq > 0) {
            parsed.error = name + u" takes no value"_s + seeHelp(table);
            return parsed;
        }
        if (spec->value && eq > 0) {
            value = arg.mid(eq + 1);
        } else if (spec->value) {
            if (i + 1 >= args.size()) {
                parsed.error = name + u" needs a value"_s;
                return parsed;
            }
            value = args[++i];
        }
        QStringList& values = parsed.m_values[name];
        if (!spec->repeatable)
            values.clear(); // the last one wins
        values.append(value);
    }
    return parsed;
}

} // namespace serveplan::cli
