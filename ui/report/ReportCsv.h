#pragma once
// The report's CSV tables (the columns of engine/plan/PlanColumns, listed in engine/plan/README.md): every plan row,
// and the points of the cost-versus-QPS step curves. RFC 4180 (CRLF records, quoting by common/CsvWriter), UTF-8,
// optionally with a byte-order mark. Numbers are written in their shortest exact form, so reading
// them back gives the same doubles.
#include "report/ReportData.h"

#include <QByteArray>

#include <string>
#include <vector>

namespace serveplan::ui {

class ReportCsv final {
public:
    struct Options {
        bool bom = false; ///< prefix a UTF-8 byte-order mark (spreadsheet programs then read Chinese right)
    };

    /// Every column of engine/plan/PlanColumns, in its order (the CLI's columns, then the report's own).
    static const std::vector<std::string>& planColumns();
    static const std::vector<std::string>& curveColumns();
    static QByteArray plans(const ReportData& data, const Options& options);
    static QByteArray curves(const ReportData& data, const Options& options);

    /// Shortest text that reads back as exactly `value` ("0.1", "1234.5", "1e-07").
    static std::string number(double value);
};

} // namespace serveplan::ui
