#pragma once
// The SQL side of engine/catalog/CatalogFields: column definitions for the DDL, the columns and bound
// values of an INSERT, a SELECT list and reading a row back by column name. Every catalog table
// (gpus, mig_profiles, llm_models, instances, prices, fx_rates) is built from its field table here,
// so no statement lists a type's columns by hand.
#include "catalog/CatalogFields.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace serveplan::models::fieldsql {

/// The column that records who wrote a row; CatalogRows writes it as its owner, not from the struct.
inline const QString kOwnerColumn = QStringLiteral("user_entered");
/// The SELECT alias of a Source field's text (joined from `sources`).
inline const QString kSourceAlias = QStringLiteral("source_text");

inline QString text(std::string_view value) {
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

/// "memory_gb REAL NOT NULL CHECK (memory_gb >= 0)"
template <typename Row>
QString definition(const CatalogField<Row>& f) {
    QString out = text(f.column) + u' ' + text(sqlType(f.type));
    if (!f.constraint.empty())
        out += u' ' + text(f.constraint);
    return out;
}

/// CREATE TABLE with the leading columns that are not struct fields (surrogate keys, parents), every
/// field added up to schema version `upTo`, and the table constraints (keys, foreign keys).
template <typename Row>
QString createTable(const QString& table, const QStringList& leading, const std::vector<CatalogField<Row>>& fields,
                    int upTo, const QStringList& constraints) {
    QStringList parts = leading;
    for (const CatalogField<Row>& f : fields)
        if (f.since <= upTo)
            parts << definition(f);
    parts << constraints;
    return QStringLiteral("CREATE TABLE ") + table + QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + u')';
}

/// ALTER TABLE … ADD COLUMN for every field that schema version `version` added.
template <typename Row>
QStringList addColumns(const QString& table, const std::vector<CatalogField<Row>>& fields, int version) {
    QStringList statements;
    for (const CatalogField<Row>& f : fields)
        if (f.since == version)
            statements << QStringLiteral("ALTER TABLE ") + table + QStringLiteral(" ADD COLUMN ") + definition(f);
    return statements;
}

/// The columns an INSERT binds from the struct: every field but the owner column (unless `withOwner`:
/// the price import writes each price's own flag).
template <typename Row>
QStringList writtenColumns(const std::vector<CatalogField<Row>>& fields, bool withOwner = false) {
    QStringList columns;
    for (const CatalogField<Row>& f : fields)
        if (withOwner || text(f.column) != kOwnerColumn)
            columns << text(f.column);
    return columns;
}

template <typename Row>
bool hasOwnerColumn(const std::vector<CatalogField<Row>>& fields) {
    return findField(fields, kOwnerColumn.toStdString(), true) != nullptr;
}

/// The value bound for one field: NULL for a "not given" optional value (0 or empty) where the column
/// allows NULL, `sourceId` for the Source field (SourceIds::idOf), else the value.
template <typename Row>
QVariant boundValue(const CatalogField<Row>& f, const Row& row, const QVariant& sourceId) {
    if (f.type == FieldType::Source)
        return sourceId;
    const FieldValue value = f.get(row);
    const bool null = f.need != FieldNeed::Value && f.nullable() && !isGiven(value);
    if (const auto* s = std::get_if<std::string>(&value))
        return null ? QVariant(QMetaType::fromType<QString>()) : QVariant(text(*s));
    if (const auto* real = std::get_if<double>(&value))
        return null ? QVariant(QMetaType::fromType<double>()) : QVariant(*real);
    return null ? QVariant(QMetaType::fromType<int>()) : QVariant(std::get<long long>(value));
}

/// The values of writtenColumns(), in the same order.
template <typename Row>
QVariantList writtenValues(const std::vector<CatalogField<Row>>& fields, const Row& row, const QVariant& sourceId,
                           bool withOwner = false) {
    QVariantList values;
    for (const CatalogField<Row>& f : fields)
        if (withOwner || text(f.column) != kOwnerColumn)
            values << boundValue(f, row, sourceId);
    return values;
}

/// The fields of `fields` whose columns are not in `excluded`, in table order.
template <typename Row>
std::vector<const CatalogField<Row>*> fieldsExcept(const std::vector<CatalogField<Row>>& fields,
                                                   const QStringList& excluded) {
    std::vector<const CatalogField<Row>*> kept;
    for (const CatalogField<Row>& f : fields)
        if (!excluded.contains(text(f.column)))
            kept.push_back(&f);
    return kept;
}

/// "UPDATE table SET a = ?, b = ? WHERE k1 = ? AND k2 = ?" for `set` and `where` columns.
inline QString update(const QString& table, const QStringList& set, const QStringList& where) {
    QStringList sets, conditions;
    for (const QString& column : set)
        sets << column + QStringLiteral(" = ?");
    for (const QString& column : where)
        conditions << column + QStringLiteral(" = ?");
    return QStringLiteral("UPDATE ") + table + QStringLiteral(" SET ") + sets.join(QStringLiteral(", ")) +
           QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

/// "g.id, g.vendor, …, s.text AS source_text" for `FROM table alias LEFT JOIN sources s`. With a
/// `prefix` every result column is named prefix + column ("i.gpu_id AS i_gpu_id"), so two tables
/// with a column of the same name can be read in one query.
template <typename Row>
QString selectList(const std::vector<CatalogField<Row>>& fields, const QString& alias, const QString& prefix = {}) {
    QStringList parts;
    for (const CatalogField<Row>& f : fields) {
        if (f.type == FieldType::Source)
            parts << QStringLiteral("s.text AS ") + prefix + kSourceAlias;
        else if (prefix.isEmpty())
            parts << alias + u'.' + text(f.column);
        else
            parts << alias + u'.' + text(f.column) + QStringLiteral(" AS ") + prefix + text(f.column);
    }
    return parts.join(QStringLiteral(", "));
}

/// The position of each field's column in a query's result (by name; -1 where absent).
template <typename Row>
std::vector<int> columnPositions(const std::vector<CatalogField<Row>>& fields, const QSqlRecord& record,
                                 const QString& prefix = {}) {
    std::vector<int> positions;
    for (const CatalogField<Row>& f : fields)
        positions.push_back(record.indexOf(prefix + (f.type == FieldType::Source ? kSourceAlias : text(f.column))));
    return positions;
}

/// Reads the current row of `query` into `row`; returns the first field whose value the struct
/// refused (an unknown enum name), or null. NULL reads as 0 or "", the structs' "not given".
template <typename Row>
const CatalogField<Row>* readRow(const std::vector<CatalogField<Row>>& fields, const std::vector<int>& positions,
                                 const QSqlQuery& query, Row& row) {
    const CatalogField<Row>* refused = nullptr;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (positions[i] < 0)
            continue;
        const CatalogField<Row>& f = fields[i];
        const QVariant value = query.value(positions[i]);
        FieldValue v;
        if (f.type == FieldType::Real)
            v = value.toDouble();
        else if (f.type == FieldType::Integer || f.type == FieldType::Flag)
            v = value.toLongLong();
        else
            v = value.toString().toStdString();
        if (!f.set(row, v) && !refused)
            refused = &f;
    }
    return refused;
}

} // namespace serveplan::models::fieldsql
