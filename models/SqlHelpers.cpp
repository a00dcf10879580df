#include "SqlHelpers.h"
#include "QtText.h"

#include <QSqlError>

namespace serveplan::models::sql {

std::string message(const QString& what, const QSqlQuery& query) {
    return QString(what + QStringLiteral(": ") + query.lastError().text()).toStdString();
}

std::string message(const QString& what, const QSqlDatabase& db) {
    return QString(what + QStringLiteral(": ") + db.lastError().text()).toStdString();
}

Result<void> exec(QSqlDatabase& db, const QString& statement) {
    QSqlQuery query(db);
    if (!query.exec(statement))
        return Error{message(QStringLiteral("SQL failed (") + statement.left(80) + QStringLiteral(")"), query)};
    return {};
}

Result<void> prepare(QSqlQuery& query, const QString& statement) {
    if (!query.prepare(statement))
        return Error{message(QStringLiteral("cannot prepare (") + statement.left(80) + QStringLiteral(")"), query)};
    return {};
}

Result<void> run(QSqlQuery& query, std::initializer_list<QVariant> values) {
    int index = 0;
    for (const QVariant& value : values)
        query.bindValue(index++, value);
    if (!query.exec())
        return Error{message(QStringLiteral("SQL failed (") + query.lastQuery().left(80) + QStringLiteral(")"), query)};
    return {};
}

Result<void> run(QSqlQuery& query, const QVariantList& values) {
    int index = 0;
    for (const QVariant& value : values)
        query.bindValue(index++, value);
    if (!query.exec())
        return Error{message(QStringLiteral("SQL failed (") + query.lastQuery().left(80) + QStringLiteral(")"), query)};
    return {};
}

Result<QVariant> scalar(const QSqlDatabase& db, const QString& statement, std::initializer_list<QVariant> values) {
    QSqlQuery query(db);
    if (auto prepared = prepare(query, statement); !prepared)
        return Error{prepared.error()};
    if (auto ran = run(query, values); !ran)
        return Error{ran.error()};
    return query.next() ? query.value(0) : QVariant();
}

QVariant nullIfZero(double value) {
    return value == 0 ? QVariant(QMetaType::fromType<double>()) : QVariant(value);
}

QVariant nullIfZero(int value) {
    return value == 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(value);
}

QVariant nullIfEmpty(const std::string& text) {
    return text.empty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(qtText(text));
}

} // namespace serveplan::models::sql
