#pragma once
// Where a fetcher's keys come from: the environment variable first, then the desktop keyring
// (Secret Service / KWallet through QtKeychain, service "ServePlan", key "<provider>/<VARIABLE>")
// when the build has QtKeychain, a session bus is there and SERVEPLAN_NO_KEYRING is not set.
// Keys live in memory for one fetch: never in the database, a scenario, a log or a message.
#include "PriceFetcher.h"
#include "common/Result.h"

namespace serveplan::models::fetch {

Credentials loadCredentials(const PriceFetcher& fetcher);
/// Whether this build can use the desktop keyring at all.
bool keyringAvailable();
/// Stores one key in the keyring (for `prices set-key` and the dialog).
Result<void> storeCredential(const QString& provider, const QString& variable, const QString& value);
/// `text` with every credential value replaced by "***" (belt and braces for messages).
QString scrubSecrets(QString text, const Credentials& credentials);

} // namespace serveplan::models::fetch
