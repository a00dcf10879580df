#include "CatalogDbTestSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace serveplan::test {

using namespace Qt::StringLiterals;

std::unique_ptr<models::CatalogDb> openOrFail(const QString& path) {
    auto db = models::CatalogDb::open(path);
    if (!db) {
        qWarning("%s", db.error().c_str());
        return nullptr;
    }
    return std::move(db).value();
}

QVariant scalar(const models::CatalogDb& db, const QString& sql) {
    QSqlQuery q(db.database());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

bool execAll(const QString& path, const QStringList& statements) {
    const QString name = u"test-raw-"_s + path;
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString& statement : statements)
            if (ok && !statement.trimmed().isEmpty() && !q.exec(statement)) {
                qWarning("%s: %s", qPrintable(statement.left(120)), qPrintable(q.lastError().text()));
                ok = false;
            }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace serveplan::test
