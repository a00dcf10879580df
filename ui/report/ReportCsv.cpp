#include "report/ReportCsv.h"

#include "common/CsvReader.h"
#include "plan/PlanColumns.h"

#include <charconv>
#include <cmath>

namespace serveplan::ui {

namespace {
constexpr std::string_view kEol = "\r\n"; // RFC 4180 records end with CRLF
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string integer(long long value) {
    return std::to_string(value);
}
std::string flag(bool value) {
    return value ? "true" : "false";
}

QByteArray finish(const std::string& text, const ReportCsv::Options& options) {
    QByteArray out;
    if (options.bom)
        out.append(kBom.data(), qsizetype(kBom.size()));
    out.append(text.data(), qsizetype(text.size()));
    return out;
}

constexpr PlanOutput kReportColumns = PlanOutput::Report; // every column

/// The report's text of a cell: reals in their shortest exact form, flags as true/false.
std::string reportText(const PlanCell& cell) {
    switch (cell.kind) {
    case PlanCell::Kind::Empty:
        return {};
    case PlanCell::Kind::Text:
        return cell.text;
    case PlanCell::Kind::Integer:
        return integer(cell.integer);
    case PlanCell::Kind::Real:
        return ReportCsv::number(cell.real);
    case PlanCell::Kind::Flag:
        return flag(cell.flag);
    }
    return {};
}

std::vector<std::string> planFields(const PlanRow& r, const PlanTableContext& context) {
    std::vector<std::string> fields;
    fields.reserve(planColumns().size());
    for (const PlanColumn& c : planColumns())
        fields.push_back(reportText(c.cell(r, context)));
    return fields;
}

std::vector<std::string> curveFields(const CurvePoint& point) {
    std::vector<std::string> fields;
    for (const CurveColumn& c : curveColumns())
        fields.push_back(reportText(c.cell(point)));
    return fields;
}
} // namespace

const std::vector<std::string>& ReportCsv::planColumns() {
    static const std::vector<std::string> names = planColumnNames(kReportColumns);
    return names;
}

const std::vector<std::string>& ReportCsv::curveColumns() {
    static const std::vector<std::string> names = curveColumnNames(kReportColumns);
    return names;
}

std::string ReportCsv::number(double value) {
    if (!std::isfinite(value))
        return {}; // never reached for a planned row; an empty cell is safer than "inf"
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string();
}

QByteArray ReportCsv::plans(const ReportData& data, const Options& options) {
    std::string text = CsvWriter::row(planColumns(), kEol);
    const PlanTableContext context{data.result, data.scenario};
    for (const PlanRow& row : data.result.rows)
        text += CsvWriter::row(planFields(row, context), kEol);
    return finish(text, options);
}

QByteArray ReportCsv::curves(const ReportData& data, const Options& options) {
    std::string text = CsvWriter::row(curveColumns(), kEol);
    for (const CostCurve& curve : data.result.curves) {
        int step = 0;
        for (const CurveStep& at : curve.steps)
            text += CsvWriter::row(curveFields({curve, ++step, at, data.result.currency}), kEol);
    }
    return finish(text, options);
}

} // namespace serveplan::ui
