#include "Credentials.h"

#include <QEventLoop>

#ifdef SERVEPLAN_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace serveplan::models::fetch {

namespace {
const QString kService = u"ServePlan"_s;

bool keyringUsable() {
    return keyringAvailable() && qEnvironmentVariableIsEmpty("SERVEPLAN_NO_KEYRING") &&
           !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

QString readKeyring(const QString& key) {
#ifdef SERVEPLAN_HAVE_QTKEYCHAIN
    QKeychain::ReadPasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return job.error() == QKeychain::NoError ? job.textData() : QString();
#else
    Q_UNUSED(key)
    return {};
#endif
}
} // namespace

bool keyringAvailable() {
#ifdef SERVEPLAN_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

Credentials loadCredentials(const PriceFetcher& fetcher) {
    Credentials credentials;
    for (const QString& variable : fetcher.credentialVariables()) {
        QString value = qEnvironmentVariable(variable.toLatin1().constData());
        if (value.isEmpty() && keyringUsable())
            value = readKeyring(fetcher.id() + u'/' + variable);
        if (!value.isEmpty())
            credentials.values.insert(variable, value);
    }
    return credentials;
}

Result<void> storeCredential(const QString& provider, const QString& variable, const QString& value) {
#ifdef SERVEPLAN_HAVE_QTKEYCHAIN
    if (!keyringUsable())
        return Error{"no desktop keyring is reachable (no session bus, or SERVEPLAN_NO_KEYRING is set)"};
    QKeychain::WritePasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(provider + u'/' + variable);
    job.setTextData(value);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError)
        return fetchError(u"the keyring refused the key: "_s + job.errorString());
    return {};
#else
    Q_UNUSED(provider)
    Q_UNUSED(variable)
    Q_UNUSED(value)
    return Error{"this build has no keyring support (QtKeychain was not found at build time)"};
#endif
}

QString scrubSecrets(QString text, const Credentials& credentials) {
    for (auto it = credentials.values.cbegin(); it != credentials.values.cend(); ++it)
        if (it.value().size() >= 4)
            text.replace(it.value(), u"***"_s);
    return text;
}

} // namespace serveplan::models::fetch
