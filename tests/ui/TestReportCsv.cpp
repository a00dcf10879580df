// The report's CSV tables: parse back to the planner's exact values (shortest round-trip numbers),
// RFC 4180 records (CRLF, quoted commas and quotes), the optional UTF-8 BOM, and atomic writes.
#include "TestReportFixture.h"
#include "common/CsvReader.h"
#include "report/ReportCsv.h"
#include "report/ReportWriter.h"

#include <QBuffer>
#include <QDir>
#include <QSaveFile>
#include <QTemporaryDir>

#include <charconv>

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;

namespace {
double parseDouble(std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        qFatal("not a number: %s", std::string(text).c_str());
    return value;
}
} // namespace

class TestReportCsv : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void plansParseBackExactly();
    void curvesParseBackExactly();
    void recordsFollowRfc4180();
    void byteOrderMarkOnRequest();
    void numbersRoundTrip_data();
    void numbersRoundTrip();
    void curvesPathBesideThePlans_data();
    void curvesPathBesideThePlans();
    void writesBothFilesOrNeither();
    void failedSecondCommitKeepsEarlierFile();
    void commitBothReplacesThroughSymlink();

private:
    std::optional<ReportData> m_data;
};

void TestReportCsv::initTestCase() {
    auto data = ReportData::plan(seedCatalog(), reportScenario(), {reportDate(), {}});
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().c_str());
    m_data = std::move(data).value();
    QVERIFY(m_data->result.rows.size() > 20);
    QVERIFY(!m_data->result.curves.empty());
}

void TestReportCsv::plansParseBackExactly() {
    const QByteArray bytes = ReportCsv::plans(*m_data, {});
    const auto table = CsvReader::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), "plans.csv");
    QVERIFY2(table.ok(), table.ok() ? "" : table.error().c_str());
    QCOMPARE(table->header, ReportCsv::planColumns());
    QCOMPARE(table->rows.size(), m_data->result.rows.size());
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const CsvRow& csv = table->rows[i];
        const PlanRow& row = m_data->result.rows[i];
        QCOMPARE(parseDouble(table->field(csv, "rank")), double(row.rank));
        QCOMPARE(std::string(table->field(csv, "status")), std::string(toString(row.status)));
        QCOMPARE(std::string(table->field(csv, "model")), row.model->id);
        QCOMPARE(std::string(table->field(csv, "message")), toEnglish(row.message)); // quoted commas survive
        // The CLI's rule (engine/plan/PlanColumns): a row without a capacity has no size, latency or money.
        const bool sized = row.status != PlanStatus::NoFit && row.capacityQpsPerReplica > 0;
        if (!sized) {
            for (const char* column : {"replicas", "capacity_qps_per_replica", "ttft_p95_ms", "tpot_p95_ms_high"})
                QVERIFY2(table->field(csv, column).empty(), column);
        } else {
            QCOMPARE(parseDouble(table->field(csv, "replicas")), double(row.replicas));
            QCOMPARE(parseDouble(table->field(csv, "capacity_qps_per_replica")), row.capacityQpsPerReplica);
            QCOMPARE(parseDouble(table->field(csv, "ttft_p95_ms")), row.ttftMs.value);
            QCOMPARE(parseDouble(table->field(csv, "tpot_p95_ms_high")), row.tpotMs.high);
        }
        if (row.hasPrice && sized) {
            // Exact equality on purpose: the CSV must carry the planner's doubles bit for bit.
            QCOMPARE(parseDouble(table->field(csv, "monthly_cost")), row.monthlyCost);
            QCOMPARE(parseDouble(table->field(csv, "hourly_cost")), row.hourlyCost);
            QCOMPARE(parseDouble(table->field(csv, "cost_per_million_output_tokens")), row.costPerMillionOutputTokens);
        } else {
            QVERIFY(table->field(csv, "monthly_cost").empty()); // a missing price is never written as 0
        }
        QCOMPARE(std::string(table->field(csv, "currency")), m_data->result.currency);
    }
}

void TestReportCsv::curvesParseBackExactly() {
    const QByteArray bytes = ReportCsv::curves(*m_data, {});
    const auto table = CsvReader::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), "curves.csv");
    QVERIFY2(table.ok(), table.ok() ? "" : table.error().c_str());
    QCOMPARE(table->header, ReportCsv::curveColumns());
    std::size_t i = 0;
    for (const CostCurve& curve : m_data->result.curves)
        for (const CurveStep& step : curve.steps) {
            QVERIFY(i < table->rows.size());
            const CsvRow& csv = table->rows[i++];
            QCOMPARE(parseDouble(table->field(csv, "rank")), double(curve.rank));
            QCOMPARE(std::string(table->field(csv, "label")), curve.label);
            QCOMPARE(parseDouble(table->field(csv, "qps_from")), step.qpsFrom);
            QCOMPARE(parseDouble(table->field(csv, "qps_to")), step.qpsTo);
            QCOMPARE(parseDouble(table->field(csv, "instances")), double(step.instances));
            QCOMPARE(parseDouble(table->field(csv, "monthly_cost")), step.monthlyCost);
        }
    QCOMPARE(i, table->rows.size());
}

void TestReportCsv::recordsFollowRfc4180() {
    const QByteArray bytes = ReportCsv::plans(*m_data, {});
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
    QVERIFY(bytes.endsWith("\r\n"));
    // Every line break outside quotes is CRLF: count records the simple way on a file without quoted newlines.
    QCOMPARE(bytes.count("\r\n"), qsizetype(m_data->result.rows.size() + 1));
    QCOMPARE(bytes.count('\n'), bytes.count("\r\n"));
    // The price sources contain commas and must be quoted; a quote inside a field is doubled.
    QVERIFY(bytes.contains(",\"anycloud-sh/catalog aws/vms.csv"));
    ReportData withQuote = *m_data;
    withQuote.result.rows.front().message = Message::text("needs \"more\", memory");
    const QByteArray quoted = ReportCsv::plans(withQuote, {});
    QVERIFY(quoted.contains(",\"needs \"\"more\"\", memory\","));
}

void TestReportCsv::byteOrderMarkOnRequest() {
    const QByteArray plain = ReportCsv::plans(*m_data, {false});
    const QByteArray bom = ReportCsv::plans(*m_data, {true});
    QVERIFY(bom.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(bom.mid(3), plain);
    QVERIFY(ReportCsv::curves(*m_data, {true}).startsWith("\xEF\xBB\xBF"));
}

void TestReportCsv::numbersRoundTrip_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    // Shortest representations that read back exactly (std::to_chars, C++17 [charconv.to.chars]).
    QTest::addRow("tenth") << 0.1 << QStringLiteral("0.1");
    QTest::addRow("money") << 2717.06 << QStringLiteral("2717.06");
    QTest::addRow("third") << 1.0 / 3.0 << QStringLiteral("0.3333333333333333");
    QTest::addRow("integer") << 730.0 << QStringLiteral("730");
    QTest::addRow("tiny") << 1e-7 << QStringLiteral("1e-07");
}

void TestReportCsv::numbersRoundTrip() {
    QFETCH(double, value);
    QFETCH(QString, text);
    const std::string written = ReportCsv::number(value);
    QCOMPARE(QString::fromStdString(written), text);
    QCOMPARE(parseDouble(written), value);
}

void TestReportCsv::curvesPathBesideThePlans_data() {
    QTest::addColumn<QString>("plans");
    QTest::addColumn<QString>("curves");
    QTest::addRow("csv") << QStringLiteral("out/report.csv") << QStringLiteral("out/report-curves.csv");
    QTest::addRow("no suffix") << QStringLiteral("/tmp/report") << QStringLiteral("/tmp/report-curves");
    QTest::addRow("dotted dir") << QStringLiteral("a.b/plans.v2.csv") << QStringLiteral("a.b/plans.v2-curves.csv");
}

void TestReportCsv::curvesPathBesideThePlans() {
    QFETCH(QString, plans);
    QFETCH(QString, curves);
    QCOMPARE(ReportWriter::curvesPath(plans), curves);
}

void TestReportCsv::writesBothFilesOrNeither() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plans.csv"));
    QVERIFY(ReportWriter::writeCsv(*m_data, path, {}).ok());
    QFile plans(path);
    QVERIFY(plans.open(QIODevice::ReadOnly));
    QCOMPARE(plans.readAll(), ReportCsv::plans(*m_data, {}));
    QFile curves(ReportWriter::curvesPath(path));
    QVERIFY(curves.open(QIODevice::ReadOnly));
    QCOMPARE(curves.readAll(), ReportCsv::curves(*m_data, {}));

    // The curves file cannot be created (a directory is in its way): no plans file either.
    const QString blocked = dir.filePath(QStringLiteral("second.csv"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("second-curves.csv")));
    const Result<void> failed = ReportWriter::writeCsv(*m_data, blocked, {});
    QVERIFY(!failed.ok());
    QVERIFY2(QString::fromStdString(failed.error()).contains(QStringLiteral("second-curves.csv")),
             failed.error().c_str());
    QVERIFY(!QFileInfo::exists(blocked));

    // A device write through the QIODevice API works the same as a file.
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(ReportWriter::writeCsv(*m_data, &buffer, nullptr, {true}).ok());
    QCOMPARE(buffer.data(), ReportCsv::plans(*m_data, {true}));
}

namespace {
QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// Both files of an export opened and filled, as writeCsv has them before it commits.
struct PendingExport {
    PendingExport(const QString& curvesPath, const QString& plansPath)
        : curves(curvesPath)
        , plans(plansPath) {}
    bool openAndWrite() {
        return curves.open(QIODevice::WriteOnly) && plans.open(QIODevice::WriteOnly) &&
               curves.write("new curves\n") > 0 && plans.write("new plans\n") > 0;
    }
    Result<void> commit() { return ReportWriter::commitBoth(curves, plans); }

    QSaveFile curves;
    QSaveFile plans;
};
} // namespace

void TestReportCsv::failedSecondCommitKeepsEarlierFile() {
    QTemporaryDir dir;
    const QString plansPath = dir.filePath(QStringLiteral("report.csv"));
    const QString curvesPath = ReportWriter::curvesPath(plansPath);
    // An earlier export: both files are there.
    QVERIFY(ReportWriter::writeCsv(*m_data, plansPath, {}).ok());
    const QByteArray earlierPlans = contents(plansPath);
    const QByteArray earlierCurves = contents(curvesPath);
    QVERIFY(!earlierCurves.isEmpty());

    // The next export opens and fills both files, then the plans file cannot be put in place: its
    // path became a directory after it was opened (as a full disk or a lost share would fail it).
    PendingExport next(curvesPath, plansPath);
    QVERIFY(next.openAndWrite());
    QVERIFY(QFile::remove(plansPath));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("report.csv")));
    const Result<void> failed = next.commit();
    QVERIFY(!failed.ok());
    QVERIFY2(QString::fromStdString(failed.error()).contains(QStringLiteral("report.csv")), failed.error().c_str());
    // The curves file committed first is rolled back to the earlier export, byte for byte, and no
    // backup or temporary file is left in the folder.
    QCOMPARE(contents(curvesPath), earlierCurves);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({QStringLiteral("report-curves.csv"), QStringLiteral("report.csv")}));

    // Without an earlier curves file, the failed export leaves none behind.
    const QString freshPlans = dir.filePath(QStringLiteral("fresh.csv"));
    const QString freshCurves = ReportWriter::curvesPath(freshPlans);
    PendingExport fresh(freshCurves, freshPlans);
    QVERIFY(fresh.openAndWrite());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("fresh.csv")));
    QVERIFY(!fresh.commit().ok());
    QVERIFY(!QFileInfo::exists(freshCurves));

    // Both commits succeed: the new contents replace the old and the set-aside file is gone.
    QVERIFY(QDir(dir.path()).rmdir(QStringLiteral("report.csv")));
    QVERIFY(writeFile(plansPath, earlierPlans));
    PendingExport last(curvesPath, plansPath);
    QVERIFY(last.openAndWrite());
    QVERIFY(last.commit().ok());
    QCOMPARE(contents(curvesPath), QByteArray("new curves\n"));
    QCOMPARE(contents(plansPath), QByteArray("new plans\n"));
    QVERIFY(!QFileInfo::exists(curvesPath + QStringLiteral(".bak")));
}

void TestReportCsv::commitBothReplacesThroughSymlink() {
    // QSaveFile writes to a link's target: the target is what gets set aside and put back, and the
    // link itself stays a link.
    QTemporaryDir dir;
    const QString real = dir.filePath(QStringLiteral("real-curves.csv"));
    const QString link = dir.filePath(QStringLiteral("out-curves.csv"));
    QVERIFY(writeFile(real, "earlier curves\n"));
    QVERIFY(QFile::link(real, link));
    const QString plansPath = dir.filePath(QStringLiteral("out.csv"));
    {
        PendingExport next(link, plansPath);
        QVERIFY(next.openAndWrite());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("out.csv")));
        QVERIFY(!next.commit().ok());
    }
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(contents(real), QByteArray("earlier curves\n"));
    QVERIFY(QDir(dir.path()).rmdir(QStringLiteral("out.csv")));
    QVERIFY(ReportWriter::writeCsv(*m_data, plansPath, {}).ok());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(contents(real), ReportCsv::curves(*m_data, {}));
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList({QStringLiteral("out-curves.csv"), QStringLiteral("out.csv"), QStringLiteral("real-curves.csv")}));
}

QTEST_MAIN(TestReportCsv)
#include "TestReportCsv.moc"
