#pragma once
// serveplan-cli db import-model config.json --id ID: adds a user model from a Hugging Face config.json.
#include "CliCommand.h"

namespace serveplan::cli {

/// `args` are the subcommand's own arguments (after "import-model").
int runImportModel(const QStringList& args, CliContext& context);

/// config.json --id ID [--name NAME] [--family FAMILY]
extern const OptionTable kImportModelOptions;

} // namespace serveplan::cli
