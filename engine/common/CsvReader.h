#pragma once
// RFC 4180 CSV reading (on Debian's libcsv) and writing. Every row keeps the 1-based line number on
// which it starts, so callers can report `file:line: reason` for a bad value.
#include "common/Result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

struct CsvRow {
    std::size_t line = 0; ///< 1-based physical line where the record starts
    std::vector<std::string> fields;
};

/// A parsed file: the header (first record) and the data records after it.
struct CsvTable {
    std::string sourceName; ///< used in messages, e.g. "gpus.csv"
    std::vector<std::string> header;
    std::vector<CsvRow> rows;

    /// Index of a header column, if present (exact, case-sensitive match).
    std::optional<std::size_t> column(std::string_view name) const;
    bool hasColumn(std::string_view name) const { return column(name).has_value(); }
    /// The named field of a row; empty when the column is absent or the row is short.
    std::string_view field(const CsvRow& row, std::string_view name) const;
    /// `sourceName:line: ` for messages about a row.
    std::string where(const CsvRow& row) const;
    /// The columns of `required` that the header lacks (empty = all present).
    std::vector<std::string> missingColumns(const std::vector<std::string_view>& required) const;
};

class CsvReader final {
public:
    /// Parses a whole text (UTF-8, optional BOM, LF or CRLF). Fields are taken verbatim: no trimming.
    /// Blank lines are skipped. Bad quoting or an unterminated quoted field is an error naming the line.
    /// The first record is the header unless `hasHeader` is false (then every record is a row).
    static Result<CsvTable> parse(std::string_view text, std::string_view sourceName, bool hasHeader = true);
    /// Reads and parses a file; `sourceName` in messages is the path as given.
    static Result<CsvTable> readFile(const std::string& path, bool hasHeader = true);
};

class CsvWriter final {
public:
    /// One field, quoted when it holds a comma, a double quote, CR or LF (quotes doubled), or when it
    /// has leading or trailing spaces (so readers that trim keep them).
    static std::string field(std::string_view value);
    /// One record: the quoted fields joined by commas, ended by `eol`.
    static std::string row(const std::vector<std::string>& fields, std::string_view eol = "\n");
};

} // namespace serveplan
