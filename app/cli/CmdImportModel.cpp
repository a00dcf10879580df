// serveplan-cli db import-model: reads a Hugging Face config.json (dense, MoE, GQA or MLA), computes the
// parameter counts and stores the model in the catalog database flagged as user-entered.
#include "CmdImportModel.h"

#include "CatalogDb.h"
#include "UserCatalog.h"
#include "catalog/HfConfig.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace serveplan::cli {

const OptionTable kImportModelOptions{"db", {{"--id", "ID"}, {"--name", "NAME"}, {"--family", "FAMILY"}}, 1};

namespace {

constexpr const char* kName = "db import-model";

struct ImportModelOptions {
    QString file;
    QString id;
    QString name;
    QString family;
};

/// Reads FILE --id ID [--name NAME] [--family FAMILY]; an empty error means success.
QString parseOptions(const QStringList& args, ImportModelOptions& options) {
    const ParsedArgs a = serveplan::cli::parseOptions(args, kImportModelOptions);
    if (!a.ok())
        return a.error;
    options.file = a.positional(0);
    options.id = a.value(u"--id"_s);
    options.name = a.value(u"--name"_s);
    options.family = a.value(u"--family"_s);
    if (options.file.isEmpty())
        return u"needs config.json (see help db)"_s;
    if (options.id.isEmpty())
        return u"needs --id ID"_s;
    return {};
}

} // namespace

int runImportModel(const QStringList& args, CliContext& context) {
    ImportModelOptions options;
    if (const QString problem = parseOptions(args, options); !problem.isEmpty())
        return fail(context, kName, problem, ExitInvalidInput);
    auto spec = readHfConfigFile(options.file.toStdString());
    if (!spec)
        return fail(context, kName, QString::fromStdString(spec.error()), ExitInvalidInput);
    spec->id = options.id.toStdString();
    spec->name = (options.name.isEmpty() ? options.id : options.name).toStdString();
    spec->family = options.family.toStdString();
    spec->source = "config.json: " + QFileInfo(options.file).fileName().toStdString();
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return fail(context, kName, QString::fromStdString(db.error()));
    models::UserCatalog user(**db);
    if (auto saved = user.saveModel(*spec); !saved)
        return fail(context, kName, QString::fromStdString(saved.error()), ExitInvalidInput);
    context.out << "imported model " << options.id << " (" << QString::fromStdString(spec->architecture)
                << "): " << QString::number(spec->paramsB, 'f', 3) << "B parameters, "
                << QString::number(spec->activeParamsB, 'f', 3) << "B active\n";
    return ExitOk;
}

} // namespace serveplan::cli
