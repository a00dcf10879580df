// One autoscaling answer everywhere (issue 14): for a week-long traffic profile and for an owned
// (on-premises) server, the GUI's details pane, the PDF report (pdftotext) and `serveplan-cli plan`
// print the same autoscaling figures, all of them engine/plan/PlanDetail's. With autoscaling off the
// report still shows the recommended plan under the scenario's policy: that comparison must be the
// planner's own simulation (the week, not the day seven times; no saving on a server that costs the
// same idle), which is what the report got wrong before PlanDetail.
#include "CatalogDb.h"
#include "PlanTableModel.h"
#include "ScenarioFile.h"
#include "TestReportFixture.h"
#include "common/CsvReader.h"
#include "plan/PlanDetail.h"
#include "workspace/DetailsPane.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextBrowser>

#include <cmath>

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;
using namespace Qt::StringLiterals;

namespace {

/// Whitespace runs as one space: pdftotext and QTextDocument break lines where they like.
QString flat(const QString& text) {
    return text.simplified();
}

/// "7,501.95" → 7501.95, and the number of decimals printed (the tolerance of that surface).
double parseNumber(QString text, int* decimals = nullptr) {
    text.remove(u',');
    if (decimals) {
        const qsizetype dot = text.indexOf(u'.');
        *decimals = dot < 0 ? 0 : static_cast<int>(text.size() - dot - 1);
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? v : std::nan("");
}

/// |printed − exact| within half a unit of the last printed decimal (and a hair for binary rounding).
bool printedAs(double printed, int decimals, double exact) {
    return std::abs(printed - exact) <= 0.5 * std::pow(10.0, -decimals) * (1 + 1e-9) + 1e-9;
}

QString describe(double printed, double exact) {
    return u"printed %1, exact %2"_s.arg(printed, 0, 'f', 6).arg(exact, 0, 'f', 6);
}

} // namespace

class TestPlanDetail final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    std::shared_ptr<const Catalog> m_catalog;

    QString saveScenario(const Scenario& s, const QString& name) {
        const QString path = m_dir.filePath(name + u".serveplan"_s);
        const auto saved = models::ScenarioFile::save(s, path);
        return saved.ok() ? path : QString();
    }

    QByteArray cli(const QStringList& args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SOURCE_DATE_EPOCH"_s, u"1795737600"_s);
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("SERVEPLAN_CLI"), QStringList{u"--db"_s, m_db} + args);
        if (!p.waitForFinished(180000) || p.exitCode() != 0) {
            qWarning("serveplan-cli %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return {};
        }
        return p.readAllStandardOutput();
    }

    PlanResult plan(const Scenario& s) {
        auto result = Planner(*m_catalog).run(s);
        if (!result)
            qFatal("planning failed: %s", result.error().c_str());
        return std::move(result).value();
    }

    static Scenario fromFile(const QString& golden, bool autoscaling) {
        auto s = models::ScenarioFile::load(testDataPath(u"golden/"_s + golden));
        if (!s.ok())
            qFatal("%s: %s", qPrintable(golden), s.error().c_str());
        Scenario out = *s;
        out.autoscaling.enabled = autoscaling;
        return out;
    }

    /// The report's autoscaling call-out of the PDF that `serveplan-cli report` writes.
    QRegularExpressionMatch pdfAutoscaling(const QString& scenarioPath, const QString& tag) {
        const QString pdf = m_dir.filePath(tag + u".pdf"_s);
        cli({u"report"_s, u"--scenario"_s, scenarioPath, u"--pdf"_s, pdf});
        const QString text = flat(QString::fromUtf8(runTool(u"pdftotext"_s, {pdf, u"-"_s})));
        static const QRegularExpression callout(
            uR"(Autoscaling would cost ([-\d,.]+) USD per month against ([-\d,.]+) USD for a fleet fixed at the peak: a saving of ([-\d,.]+) USD \(([-\d.]+) %\))"_s);
        return callout.match(text);
    }

private slots:
    void initTestCase() {
        QVERIFY2(havePoppler(), "poppler-utils must be installed");
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("SERVEPLAN_CLI"), "SERVEPLAN_CLI must name the built serveplan-cli");
        m_db = m_dir.filePath(u"catalog.sqlite"_s);
        QVERIFY(!cli({u"db"_s, u"info"_s}).isEmpty()); // creates the database from the seed
        auto db = models::CatalogDb::open(m_db);
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
        auto catalog = db.value()->loadCatalog();
        QVERIFY2(catalog.ok(), catalog.ok() ? "" : catalog.error().c_str());
        m_catalog = std::make_shared<const Catalog>(std::move(catalog).value());
    }

    void sameFiguresEverywhere_data() {
        QTest::addColumn<QString>("golden");
        QTest::addColumn<bool>("onPrem");
        QTest::addRow("week-long profile, cloud") << u"aws-week.serveplan"_s << false;
        QTest::addRow("on-premises server") << u"onprem.serveplan"_s << true;
    }

    /// Autoscaling on: the details pane, the PDF and the CLI's CSV print PlanDetail's figures.
    void sameFiguresEverywhere() {
        QFETCH(QString, golden);
        QFETCH(bool, onPrem);
        const Scenario scenario = fromFile(golden, true);
        QVERIFY(scenario.autoscaling.simulateWeek);
        const QString path = saveScenario(scenario, u"on-"_s + golden.section(u'.', 0, 0));
        QVERIFY(!path.isEmpty());

        const PlanResult result = plan(scenario);
        const PlanRow* top = result.byRank(1);
        QVERIFY(top && top->status == PlanStatus::Ok);
        QCOMPARE(top->instance && top->instance->onPrem, onPrem);
        const PlanDetail detail = planDetail(*top, scenario, *m_catalog);
        const AutoscalingOutcome& a = detail.autoscaling;
        QVERIFY(a.simulated);
        QVERIFY(!detail.autoscalingIllustrative);
        QCOMPARE(a.replicasPerMinute.size(), std::size_t(7 * 24 * 60)); // the week, minute by minute
        if (onPrem) {
            QCOMPARE(a.savingsFraction, 0.0);
            QCOMPARE(a.monthlyCost, a.fixedPeakMonthlyCost);
        } else {
            QVERIFY(a.savingsFraction > 0); // business hours: quiet nights and weekends
        }

        // serveplan-cli plan
        const auto table = CsvReader::parse(
            cli({u"plan"_s, u"--scenario"_s, path, u"--format"_s, u"csv"_s}).toStdString(), "plan output");
        QVERIFY(table && !table->rows.empty());
        int printed = 0;
        const double cliCost = parseNumber(
            QString::fromStdString(std::string(table->field(table->rows.front(), "autoscaled_monthly_cost"))),
            &printed);
        QVERIFY2(printedAs(cliCost, printed, a.monthlyCost), qPrintable(describe(cliCost, a.monthlyCost)));
        QCOMPARE(std::string(table->field(table->rows.front(), "minutes_over_slo_per_day")),
                 QString::number(a.minutesOverSlo, 'f', 0).toStdString());

        // the PDF report
        const QRegularExpressionMatch pdf = pdfAutoscaling(path, golden);
        QVERIFY2(pdf.hasMatch(), "the report states the autoscaling saving");
        const double pdfCost = parseNumber(pdf.captured(1), &printed);
        QVERIFY2(printedAs(pdfCost, printed, a.monthlyCost), qPrintable(describe(pdfCost, a.monthlyCost)));
        const double pdfFixed = parseNumber(pdf.captured(2), &printed);
        QVERIFY2(printedAs(pdfFixed, printed, a.fixedPeakMonthlyCost),
                 qPrintable(describe(pdfFixed, a.fixedPeakMonthlyCost)));
        const double pdfPercent = parseNumber(pdf.captured(4), &printed);
        QVERIFY2(printedAs(pdfPercent, printed, a.savingsFraction * 100),
                 qPrintable(describe(pdfPercent, a.savingsFraction * 100)));

        // the GUI's details pane, on the same planning pass
        PlanTableModel plans;
        plans.setSnapshot(std::make_shared<const PlanSnapshot>(PlanSnapshot{m_catalog, scenario, result}));
        DetailsPane pane(&plans);
        pane.showRank(1);
        static const QRegularExpression line(uR"(With autoscaling ([-\d,.]+) USD/month \(saves ([-\d.]+) %\))"_s);
        const QRegularExpressionMatch gui = line.match(flat(pane.summary()->toPlainText()));
        QVERIFY2(gui.hasMatch(), qPrintable(pane.summary()->toPlainText()));
        const double guiCost = parseNumber(gui.captured(1), &printed);
        QVERIFY2(printedAs(guiCost, printed, a.monthlyCost), qPrintable(describe(guiCost, a.monthlyCost)));
        const double guiPercent = parseNumber(gui.captured(2), &printed);
        QVERIFY2(printedAs(guiPercent, printed, a.savingsFraction * 100),
                 qPrintable(describe(guiPercent, a.savingsFraction * 100)));
    }

    void reportComparisonIsThePlannersRun_data() { sameFiguresEverywhere_data(); }

    /// Autoscaling off: the report's comparison equals what the planner computes with autoscaling on.
    void reportComparisonIsThePlannersRun() {
        QFETCH(QString, golden);
        QFETCH(bool, onPrem);
        const Scenario off = fromFile(golden, false);
        const Scenario on = fromFile(golden, true);
        const PlanResult onResult = plan(on);
        const PlanRow* planned = onResult.byRank(1);
        QVERIFY(planned && planned->autoscaling().simulated);

        const ReportData data = ReportData::fromResult(m_catalog, off, plan(off), {reportDate(), {}});
        const PlanRow* rec = data.recommended();
        QVERIFY(rec);
        // autoscaling does not change the ranking (on-premises instances belong to each result: compare keys)
        QVERIFY(rec->provider() == planned->provider() && rec->instanceType() == planned->instanceType() &&
                rec->region() == planned->region());
        QCOMPARE(rec->tp, planned->tp);
        QVERIFY(data.autoscalingIllustrative);
        QCOMPARE(data.autoscaling.monthlyCost, planned->autoscaling().monthlyCost);
        QCOMPARE(data.autoscaling.fixedPeakMonthlyCost, planned->autoscaling().fixedPeakMonthlyCost);
        QCOMPARE(data.autoscaling.savingsFraction, planned->autoscaling().savingsFraction);
        QCOMPARE(data.autoscaling.replicasPerMinute, planned->autoscaling().replicasPerMinute);
        if (onPrem)
            QCOMPARE(data.autoscaling.savingsFraction, 0.0);

        // and the PDF that the CLI writes says so
        const QString path = saveScenario(off, u"off-"_s + golden.section(u'.', 0, 0));
        const QRegularExpressionMatch pdf = pdfAutoscaling(path, u"off-"_s + golden);
        QVERIFY(pdf.hasMatch());
        int printed = 0;
        const double pdfCost = parseNumber(pdf.captured(1), &printed);
        QVERIFY2(printedAs(pdfCost, printed, planned->autoscaling().monthlyCost),
                 qPrintable(describe(pdfCost, planned->autoscaling().monthlyCost)));
        const double pdfPercent = parseNumber(pdf.captured(4), &printed);
        QVERIFY2(printedAs(pdfPercent, printed, planned->autoscaling().savingsFraction * 100),
                 qPrintable(describe(pdfPercent, planned->autoscaling().savingsFraction * 100)));
    }

    /// A plan beyond the planner's curve plans has no minute trace; PlanDetail simulates it again and
    /// gets the planner's figures.
    void rowWithoutTraceIsSimulatedAgain() {
        Scenario s = fromFile(u"aws-week.serveplan"_s, true);
        PlanOptions options;
        options.curvePlans = 0; // keep no minute trace at all
        auto result = Planner(*m_catalog).run(s, options);
        QVERIFY(result.ok());
        const PlanRow* top = result->byRank(1);
        QVERIFY(top && top->autoscaling().simulated && top->autoscaling().replicasPerMinute.empty());
        const PlanDetail detail = planDetail(*top, s, *m_catalog);
        QCOMPARE(detail.autoscaling.monthlyCost, top->autoscaling().monthlyCost);
        QCOMPARE(detail.autoscaling.savingsFraction, top->autoscaling().savingsFraction);
        QCOMPARE(detail.autoscaling.replicasPerMinute.size(), std::size_t(7 * 24 * 60));
    }

    /// The series come from the planner's own deployment: its memory fit agrees with the row's status.
    void seriesUseThePlannersDeployment() {
        const Scenario s = fromFile(u"gcp-azure.serveplan"_s, false);
        const PlanResult result = plan(s);
        int checked = 0;
        for (const PlanRow& row : result.rows) {
            const PlanDetail d = planDetail(row, s, *m_catalog, {24, true, false});
            QVERIFY2(d.valid, toEnglish(d.message).c_str());
            QCOMPARE(d.memory.fits, row.status != PlanStatus::NoFit);
            QCOMPARE(d.deployment.parallel.tp, row.tp);
            QVERIFY(d.deployment.engine == row.engine);
            if (row.status == PlanStatus::Ok) {
                QCOMPARE(d.latency.size(), std::size_t(24));
                QVERIFY(!d.throughput.empty());
                for (const serveplan::PlanLatencyPoint& p : d.latency)
                    QVERIFY(p.ttftMs.low < p.ttftMs.value && p.ttftMs.value < p.ttftMs.high);
            }
            ++checked;
        }
        QVERIFY(checked > 0);
    }
};

QTEST_MAIN(TestPlanDetail)
#include "TestPlanDetail.moc"
