// The one plan-column table (engine/plan/PlanColumns): DESIGN.md §3.1's columns first, the CLI's
// columns before the report's own, no name twice, every getter set, and engine/plan/README.md's
// "Plan columns" lists exactly these columns in this order (the written contract cannot drift).
#include "TestSupport.h"
#include "plan/PlanColumns.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <set>

using namespace serveplan;

namespace {

/// The column names of the README's tables whose first header cell is `header` ("column", "curve column").
std::vector<std::string> readmeColumns(const QString& header) {
    QFile file(test::sourcePath(QStringLiteral("engine/plan/README.md")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    const QRegularExpression row(QStringLiteral("^\\| \\d+ \\| `([a-z0-9_]+)` \\|"));
    std::vector<std::string> names;
    bool inTable = false;
    for (const QString& line : lines) {
        if (line.startsWith(QStringLiteral("| # | ")))
            inTable = line.startsWith(QStringLiteral("| # | ") + header + QStringLiteral(" |"));
        else if (!line.startsWith(QLatin1Char('|')))
            inTable = false;
        if (const auto m = row.match(line); inTable && m.hasMatch())
            names.push_back(m.captured(1).toStdString());
    }
    return names;
}

template <typename Column>
std::vector<std::string> allNames(const std::vector<Column>& columns) {
    std::vector<std::string> names;
    for (const Column& c : columns)
        names.emplace_back(c.name);
    return names;
}

} // namespace

class TestPlanColumns final : public QObject {
    Q_OBJECT
private slots:
    void contractColumnsComeFirst() {
        const std::vector<std::string> contract{
            "rank",        "model",        "provider",  "instance_type",
            "region",      "gpu",          "gpu_count", "precision",
            "engine",      "tp",           "replicas",  "capacity_qps_per_replica",
            "hourly_cost", "monthly_cost", "currency",  "cost_per_million_output_tokens",
            "ttft_p95_ms", "tpot_p95_ms",  "status",    "message"};
        const auto cli = planColumnNames(PlanOutput::Cli);
        QVERIFY(cli.size() > contract.size());
        QVERIFY(std::equal(contract.begin(), contract.end(), cli.begin()));
    }

    void oneOrderForEveryOutput() {
        // The CLI's columns are the report's first ones: one order, the report's own appended.
        for (const auto& [cli, report] :
             {std::pair{planColumnNames(PlanOutput::Cli), planColumnNames(PlanOutput::Report)},
              std::pair{curveColumnNames(PlanOutput::Cli), curveColumnNames(PlanOutput::Report)}}) {
            QVERIFY(report.size() > cli.size());
            QVERIFY(std::equal(cli.begin(), cli.end(), report.begin()));
        }
        QCOMPARE(planColumnNames(PlanOutput::Report), allNames(planColumns()));
        QCOMPARE(curveColumnNames(PlanOutput::Report), allNames(curveColumns()));
    }

    void namesAreUniqueAndGettersSet() {
        std::set<std::string_view> seen;
        for (const PlanColumn& c : planColumns()) {
            QVERIFY2(seen.insert(c.name).second, c.name.data());
            QVERIFY(c.cell != nullptr);
            QVERIFY(!c.unit.empty());
        }
        seen.clear();
        for (const CurveColumn& c : curveColumns()) {
            QVERIFY2(seen.insert(c.name).second, c.name.data());
            QVERIFY(c.cell != nullptr);
        }
    }

    void readmeListsTheTable() {
        QCOMPARE(readmeColumns(QStringLiteral("column")), allNames(planColumns()));
        QCOMPARE(readmeColumns(QStringLiteral("curve column")), allNames(curveColumns()));
    }

    void emptyRowHasNoMoneyNorSize() {
        // A row without capacity or price: sizing and money cells are empty, never 0.
        PlanResult result;
        result.currency = "USD";
        PlanRow row;
        row.status = PlanStatus::NoFit;
        row.replicas = 0;
        const Scenario scenario;
        const PlanTableContext context{result, scenario};
        for (const PlanColumn& c : planColumns()) {
            const PlanCell cell = c.cell(row, context);
            if (c.name == "replicas" || c.name == "hourly_cost" || c.name == "monthly_cost" ||
                c.name == "ttft_p95_ms" || c.name == "instance_hourly_cost")
                QVERIFY2(cell.kind == PlanCell::Kind::Empty, c.name.data());
        }
        QCOMPARE(planColumns().front().cell(row, context).kind, PlanCell::Kind::Integer);
    }
};

QTEST_GUILESS_MAIN(TestPlanColumns)
#include "TestPlanColumns.moc"
