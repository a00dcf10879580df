#pragma once
// The catalog's fields, declared once per type (GPU, model, MIG profile, instance, price, FX rate):
// the database column, the CSV header, the SQL type and constraint, whether a value is required,
// the schema version that added the column and how to read and write the struct member. CatalogCsv
// parses the seed files from these tables; models/ builds its DDL, INSERT and SELECT (by column
// name) from them, and the price export formats its cells with them. Adding a field to a type is one
// line in CatalogFields.cpp (plus the struct member and, for a new column, the schema version).
#include "catalog/GpuSpec.h"
#include "catalog/InstanceSpec.h"
#include "catalog/MigProfile.h"
#include "catalog/ModelSpec.h"
#include "common/CsvReader.h"

#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace serveplan {

/// How a field is stored: Flag is a bool (0/1 in SQL, true/false in CSV); Source is the text of a
/// source, kept in the database as a reference into the `sources` table.
enum class FieldType { Text, Real, Integer, Flag, Source };

/// Value: the CSV column must be there and the cell non-empty. Column: the CSV column must be there,
/// the cell may be empty. Optional: the column may be missing; empty (or 0) means "not given".
enum class FieldNeed { Value, Column, Optional };

/// One field's value between a struct, a CSV cell and an SQL value. Flags are 0/1 whole numbers.
using FieldValue = std::variant<std::string, double, long long>;

template <typename Row>
struct CatalogField {
    std::string column;    ///< database column (source_id for a Source field)
    std::string csvHeader; ///< CSV header; empty when the field is not in the CSV files
    FieldType type = FieldType::Text;
    std::string constraint; ///< SQL after the type, e.g. "NOT NULL CHECK (memory_gb >= 0)"; may be empty
    FieldNeed need = FieldNeed::Optional;
    int since = 1; ///< the catalog schema version that added the column
    std::function<FieldValue(const Row&)> get;
    /// Stores a value; false when a text is not one of the field's names (enums, see `expected`).
    std::function<bool(Row&, const FieldValue&)> set;
    std::string expected; ///< for a named (enum) text field: its names, for messages ("MHA, GQA, MQA or MLA")

    CatalogField csv(std::string header) && {
        csvHeader = std::move(header);
        return std::move(*this);
    }
    CatalogField noCsv() && { return std::move(*this).csv({}); }
    CatalogField sql(std::string text) && {
        constraint = std::move(text);
        return std::move(*this);
    }
    CatalogField required() && {
        need = FieldNeed::Value;
        return std::move(*this);
    }
    CatalogField columnRequired() && {
        need = FieldNeed::Column;
        return std::move(*this);
    }
    CatalogField addedIn(int version) && {
        since = version;
        return std::move(*this);
    }

    bool inCsv() const { return !csvHeader.empty(); }
    /// The column may hold NULL (no NOT NULL and no PRIMARY KEY in its constraint).
    bool nullable() const {
        return constraint.find("NOT NULL") == std::string::npos && constraint.find("PRIMARY KEY") == std::string::npos;
    }
};

/// "TEXT", "REAL" or "INTEGER".
std::string_view sqlType(FieldType type);
/// False for 0 and "" (the structs' "not given").
bool isGiven(const FieldValue& value);
/// A CSV cell as a field value; an empty cell gives "" or 0. On a bad cell `error` is set to
/// "column: reason" in the words CatalogCsv has always used.
FieldValue parseCell(FieldType type, std::string_view column, bool required, std::string_view text, std::string& error);
/// A field value as a CSV cell: numbers in their shortest exact form, flags as true/false, and an
/// optional 0 as an empty cell.
std::string formatCell(FieldType type, FieldNeed need, const FieldValue& value);

namespace fields {

template <typename Member>
constexpr FieldType typeOf() {
    if constexpr (std::is_same_v<Member, bool>)
        return FieldType::Flag;
    else if constexpr (std::is_same_v<Member, int>)
        return FieldType::Integer;
    else if constexpr (std::is_same_v<Member, double>)
        return FieldType::Real;
    else
        return FieldType::Text;
}

/// A field on a struct member; the CSV header starts as the column name.
template <typename Row, typename Member>
CatalogField<Row> of(std::string column, Member Row::*member) {
    CatalogField<Row> f;
    f.csvHeader = column;
    f.column = std::move(column);
    f.type = typeOf<Member>();
    f.get = [member](const Row& row) -> FieldValue {
        if constexpr (std::is_same_v<Member, std::string>)
            return row.*member;
        else if constexpr (std::is_same_v<Member, double>)
            return row.*member;
        else
            return static_cast<long long>(row.*member);
    };
    f.set = [member](Row& row, const FieldValue& value) {
        if constexpr (std::is_same_v<Member, std::string>)
            row.*member = std::get<std::string>(value);
        else if constexpr (std::is_same_v<Member, double>)
            row.*member = std::get<double>(value);
        else if constexpr (std::is_same_v<Member, bool>)
            row.*member = std::get<long long>(value) != 0;
        else
            row.*member = static_cast<Member>(std::get<long long>(value));
        return true;
    };
    return f;
}

/// The `source` text of a row, stored as source_id.
template <typename Row>
CatalogField<Row> source(std::string Row::*member) {
    CatalogField<Row> f = of(std::string("source_id"), member);
    f.csvHeader = "source";
    f.type = FieldType::Source;
    f.constraint = "REFERENCES sources(id)";
    return f;
}

/// A member of an enum type written as one of its names (`toName`, `fromName` returns nullopt for others).
template <typename Row, typename Enum, typename ToName, typename FromName>
CatalogField<Row> named(std::string column, Enum Row::*member, ToName toName, FromName fromName, std::string expected) {
    CatalogField<Row> f;
    f.csvHeader = column;
    f.column = std::move(column);
    f.type = FieldType::Text;
    f.expected = std::move(expected);
    f.get = [member, toName](const Row& row) -> FieldValue { return std::string(toName(row.*member)); };
    f.set = [member, fromName](Row& row, const FieldValue& value) {
        const auto parsed = fromName(std::get<std::string>(value));
        if (parsed)
            row.*member = *parsed;
        return parsed.has_value();
    };
    return f;
}

} // namespace fields

const std::vector<CatalogField<GpuSpec>>& gpuFields();
const std::vector<CatalogField<MigProfile>>& migProfileFields();
const std::vector<CatalogField<ModelSpec>>& modelFields();
/// The machine's own fields; its prices are priceFields() rows (instances.csv has a column per plan).
const std::vector<CatalogField<InstanceSpec>>& instanceFields();
const std::vector<CatalogField<Price>>& priceFields();
const std::vector<CatalogField<FxRate>>& fxRateFields();

/// The field whose CSV header (or, with `byColumn`, database column) is `name`; null when none.
template <typename Row>
const CatalogField<Row>* findField(const std::vector<CatalogField<Row>>& table, std::string_view name,
                                   bool byColumn = false) {
    for (const CatalogField<Row>& f : table)
        if ((byColumn ? f.column : f.csvHeader) == name)
            return &f;
    return nullptr;
}

/// The CSV columns a file must have (fields whose need is Value or Column), in table order.
template <typename Row>
std::vector<std::string_view> requiredCsvColumns(const std::vector<CatalogField<Row>>& table) {
    std::vector<std::string_view> columns;
    for (const CatalogField<Row>& f : table)
        if (f.inCsv() && f.need != FieldNeed::Optional)
            columns.push_back(f.csvHeader);
    return columns;
}

/// Reads every CSV field of `table` from one row into `into`; each bad cell adds "file:line: column: reason".
template <typename Row>
void readCsvFields(const std::vector<CatalogField<Row>>& table, const CsvTable& csv, const CsvRow& row, Row& into,
                   std::vector<std::string>& errors) {
    for (const CatalogField<Row>& f : table) {
        if (!f.inCsv())
            continue;
        const std::string_view text = csv.field(row, f.csvHeader);
        std::string error;
        const FieldValue value = parseCell(f.type, f.csvHeader, f.need == FieldNeed::Value, text, error);
        if (!error.empty())
            errors.push_back(csv.where(row) + error);
        else if (!f.set(into, value))
            errors.push_back(csv.where(row) + f.csvHeader + ": expected " + f.expected + ", got '" + std::string(text) +
                             "'");
    }
}

/// The CSV cell of the field named `header` for `row` (empty when the table has no such field).
template <typename Row>
std::string csvCell(const std::vector<CatalogField<Row>>& table, std::string_view header, const Row& row) {
    const CatalogField<Row>* f = findField(table, header);
    return f ? formatCell(f->type, f->need, f->get(row)) : std::string();
}

} // namespace serveplan
