#include "common/CsvReader.h"

#include <csv.h>

#include <fstream>
#include <memory>
#include <sstream>

namespace serveplan {

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return i;
    return std::nullopt;
}

std::string_view CsvTable::field(const CsvRow& row, std::string_view name) const {
    const auto index = column(name);
    if (!index || *index >= row.fields.size())
        return {};
    return row.fields[*index];
}

std::string CsvTable::where(const CsvRow& row) const {
    return sourceName + ":" + std::to_string(row.line) + ": ";
}

std::vector<std::string> CsvTable::missingColumns(const std::vector<std::string_view>& required) const {
    std::vector<std::string> missing;
    for (std::string_view name : required)
        if (!hasColumn(name))
            missing.emplace_back(name);
    return missing;
}

namespace {

// State shared with libcsv's C callbacks. libcsv reports fields and record ends but not positions,
// so the text is fed one physical line at a time and the line number is tracked here.
struct ParseState {
    std::vector<CsvRow> records;
    std::vector<std::string> fields;
    std::size_t currentLine = 0;
    std::size_t recordStart = 0;
    bool haveStart = false;
};

void onField(void* data, std::size_t length, void* user) {
    auto* state = static_cast<ParseState*>(user);
    if (!state->haveStart) { // a record that began after a bare CR in the middle of a line
        state->recordStart = state->currentLine;
        state->haveStart = true;
    }
    state->fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? length : 0);
}

void onRecordEnd(int /*terminator*/, void* user) {
    auto* state = static_cast<ParseState*>(user);
    state->records.push_back(CsvRow{state->recordStart, std::move(state->fields)});
    state->fields.clear();
    state->haveStart = false;
}

// RFC 4180: spaces are part of a field, so nothing counts as padding.
int noSpace(unsigned char /*c*/) {
    return 0;
}

bool isBlankLine(std::string_view line) {
    return line.empty() || line == "\n" || line == "\r\n" || line == "\r";
}

struct ParserDeleter {
    void operator()(csv_parser* p) const {
        csv_free(p);
        delete p;
    }
};

Error quotingError(std::string_view source, std::size_t line, std::string_view what) {
    return Error{std::string(source) + ":" + std::to_string(line) + ": " + std::string(what)};
}

} // namespace

Result<CsvTable> CsvReader::parse(std::string_view text, std::string_view sourceName, bool hasHeader) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser);
    if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0)
        return Error{std::string(sourceName) + ": cannot initialise the CSV parser"};
    csv_set_space_func(parser.get(), &noSpace);

    ParseState state;
    std::size_t offset = 0;
    while (offset < text.size()) {
        const std::size_t newline = text.find('\n', offset);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
        const std::string_view line = text.substr(offset, end - offset);
        ++state.currentLine;
        if (!state.haveStart && !isBlankLine(line)) {
            state.recordStart = state.currentLine;
            state.haveStart = true;
        }
        if (csv_parse(parser.get(), line.data(), line.size(), &onField, &onRecordEnd, &state) != line.size())
            return quotingError(sourceName, state.currentLine,
                                "bad quoting: a double quote inside an unquoted field, or text after a closing "
                                "quote (RFC 4180: quote the whole field and double inner quotes)");
        offset = end;
    }
    if (csv_fini(parser.get(), &onField, &onRecordEnd, &state) != 0)
        return quotingError(sourceName, state.recordStart, "unterminated quoted field: the closing quote is missing");

    CsvTable table;
    table.sourceName = std::string(sourceName);
    auto records = std::move(state.records);
    std::size_t first = 0;
    if (hasHeader) {
        if (records.empty())
            return Error{std::string(sourceName) + ":1: empty file, expected a header row"};
        table.header = std::move(records.front().fields);
        first = 1;
    }
    table.rows.reserve(records.size() - first);
    for (std::size_t i = first; i < records.size(); ++i)
        table.rows.push_back(std::move(records[i]));
    return table;
}

Result<CsvTable> CsvReader::readFile(const std::string& path, bool hasHeader) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path + ": cannot open for reading"};
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        return Error{path + ": read error"};
    return parse(buffer.str(), path, hasHeader);
}

std::string CsvWriter::field(std::string_view value) {
    const bool padded = !value.empty() && (value.front() == ' ' || value.back() == ' ');
    if (value.find_first_of(",\"\r\n") == std::string_view::npos && !padded)
        return std::string(value);
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string CsvWriter::row(const std::vector<std::string>& fields, std::string_view eol) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        out += field(fields[i]);
    }
    out += eol;
    return out;
}

} // namespace serveplan
