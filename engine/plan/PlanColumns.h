#pragma once
// The one table of plan columns and the one table of curve columns. `serveplan-cli plan` (CSV and
// JSON), its `--curves` file and the report's CSV files (ui/report) all write these columns, in this
// order; each writer only formats the typed cells (the CLI with each column's fixed decimals, the
// report in the shortest exact form). The column list is the contract of engine/plan/README.md
// ("Plan columns"); tests check the outputs' headers and that README against these tables.
#include "plan/Planner.h"
#include "scenario/Scenario.h"

#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// One cell: no value, text, an integer, a real number or a yes/no flag.
struct PlanCell {
    enum class Kind { Empty, Text, Integer, Real, Flag };
    Kind kind = Kind::Empty;
    std::string text;
    long long integer = 0;
    double real = 0;
    bool flag = false;

    static PlanCell none() { return {}; }
    static PlanCell of(std::string value) { return {Kind::Text, std::move(value), 0, 0, false}; }
    static PlanCell of(std::string_view value) { return of(std::string(value)); }
    static PlanCell whole(long long value) { return {Kind::Integer, {}, value, 0, false}; }
    static PlanCell decimal(double value) { return {Kind::Real, {}, 0, value, false}; }
    static PlanCell yesNo(bool value) { return {Kind::Flag, {}, 0, 0, value}; }
};

/// What a row's cells need beyond the row: the result's currency and the scenario's SLO percentiles.
struct PlanTableContext {
    const PlanResult& result;
    const Scenario& scenario;
};

/// Which outputs carry a column. The CLI's columns come first; the report's CSV has every column.
enum class PlanColumnScope { Everywhere, ReportOnly };
/// The outputs that write these tables: `serveplan-cli plan` (CSV, JSON, --curves) and the report's CSV.
enum class PlanOutput { Cli, Report };

/// `decimals` for a real number printed in the general format (up to 6 significant digits).
inline constexpr int kGeneralDecimals = -1;

struct PlanColumn {
    std::string_view name;
    std::string_view unit; ///< unit or values, as the README's column table says
    /// Fixed decimals of a real number in the CLI's CSV/JSON (kGeneralDecimals: 'g', 6 digits).
    int decimals = 0;
    /// CLI JSON: always a string, even when empty or numeric-looking (ids, messages); otherwise an
    /// empty cell is null and a number is a JSON number.
    bool jsonText = false;
    PlanColumnScope scope = PlanColumnScope::Everywhere;
    PlanCell (*cell)(const PlanRow&, const PlanTableContext&) = nullptr;
};

/// One step of one curve, as a curve column reads it.
struct CurvePoint {
    const CostCurve& curve;
    int step = 0; ///< 1-based within the curve
    const CurveStep& at;
    const std::string& currency;
};

struct CurveColumn {
    std::string_view name;
    std::string_view unit;
    int decimals = 0; ///< fixed decimals of a real number in the CLI's --curves file
    PlanColumnScope scope = PlanColumnScope::Everywhere;
    PlanCell (*cell)(const CurvePoint&) = nullptr;
};

/// Every plan column in output order: DESIGN.md §3.1's 20, then the CLI's extras, then the report's.
const std::vector<PlanColumn>& planColumns();
/// Every curve column in output order.
const std::vector<CurveColumn>& curveColumns();

/// Whether `output` writes a column of `scope`.
constexpr bool carries(PlanOutput output, PlanColumnScope scope) {
    return output == PlanOutput::Report || scope == PlanColumnScope::Everywhere;
}

/// The names of the columns `output` writes, in order.
std::vector<std::string> planColumnNames(PlanOutput output);
std::vector<std::string> curveColumnNames(PlanOutput output);

} // namespace serveplan
