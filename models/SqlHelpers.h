#pragma once
// Small helpers around QSqlQuery so every statement reports its error as a value and binds its values.
#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <string>
#include <string_view>

/// Returns the Error of a Result<...> expression from the enclosing function that returns a Result.
#define SERVEPLAN_TRY(expr)                                                                                            \
    do {                                                                                                               \
        if (auto serveplanTry_ = (expr); !serveplanTry_)                                                               \
            return ::serveplan::Error{serveplanTry_.error()};                                                          \
    } while (false)

namespace serveplan::models::sql {

/// "what: driver message" as a std::string for Error.
std::string message(const QString& what, const QSqlQuery& query);
std::string message(const QString& what, const QSqlDatabase& db);

/// Runs one statement without parameters.
Result<void> exec(QSqlDatabase& db, const QString& statement);
/// Prepares a statement once; the Error names the statement.
Result<void> prepare(QSqlQuery& query, const QString& statement);
/// Binds `values` positionally and executes a prepared statement.
Result<void> run(QSqlQuery& query, std::initializer_list<QVariant> values);
Result<void> run(QSqlQuery& query, const QVariantList& values);
/// The first column of the first row of a query with bound values (invalid QVariant when no row).
Result<QVariant> scalar(const QSqlDatabase& db, const QString& statement, std::initializer_list<QVariant> values = {});

/// NULL for an absent optional value (0 means "not given" in the spec structs), else the value.
QVariant nullIfZero(double value);
QVariant nullIfZero(int value);
QVariant nullIfEmpty(const std::string& text);

} // namespace serveplan::models::sql
