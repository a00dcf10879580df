// The PDF report: the recommended plan's numbers as the planner computed them, page count and paper
// size (pdfinfo), every page rendered and non-blank (pdftoppm), charts as vector graphics (pdfimages),
// Chinese headings with a Chinese UI, the calibrations the plans used (or that none was / they were
// switched off) in the assumptions, and an unwritable path that leaves nothing behind.
#include "TestReportFixture.h"
#include "report/ReportComposer.h"
#include "report/ReportFormat.h"
#include "report/ReportWriter.h"

#include <QFontDatabase>
#include <QImage>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>

#include <algorithm>

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;

class TestReportPdf : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void containsRecommendedNumbers();
    void pageCountMatchesFooters_data();
    void pageCountMatchesFooters();
    void everyPageRendersNonBlank();
    void chartsAreVectorGraphics();
    void chineseReportHasChineseHeadings();
    void listsCalibrationsUsed();
    void unwritablePathLeavesNothing();

private:
    QString writeReport(const ReportData& data, ReportWriter::Paper paper, const QString& name);
    QString pdfText(const QString& pdf);
    static int pdfPages(const QByteArray& info);

    std::shared_ptr<const Catalog> m_catalog;
    std::optional<ReportData> m_data;
    QTemporaryDir m_dir;
    QString m_a4;
};

void TestReportPdf::initTestCase() {
    QVERIFY2(havePoppler(), "poppler-utils (pdftotext, pdfinfo, pdftoppm, pdfimages) must be installed");
    QVERIFY(m_dir.isValid());
    // To look at the pages: SERVEPLAN_KEEP_TEST_OUTPUT=1 keeps the PDFs and PNGs and prints where.
    if (!qEnvironmentVariableIsEmpty("SERVEPLAN_KEEP_TEST_OUTPUT")) {
        m_dir.setAutoRemove(false);
        qInfo("report output kept in %s", qPrintable(m_dir.path()));
    }
    m_catalog = seedCatalog();
    auto data = ReportData::plan(m_catalog, reportScenario(), {reportDate(), {}});
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().c_str());
    m_data = std::move(data).value();
    QVERIFY2(m_data->recommended(), "the fixture scenario must have an ok plan");
    m_a4 = writeReport(*m_data, ReportWriter::Paper::A4, QStringLiteral("a4.pdf"));
    QVERIFY(!m_a4.isEmpty());
}

QString TestReportPdf::writeReport(const ReportData& data, ReportWriter::Paper paper, const QString& name) {
    const QString path = m_dir.filePath(name);
    const Result<void> ok = ReportWriter::writePdf(data, path, {paper});
    if (!ok) {
        qWarning("writePdf: %s", ok.error().c_str());
        return {};
    }
    return path;
}

QString TestReportPdf::pdfText(const QString& pdf) {
    // Line breaks inside wrapped paragraphs and table cells become single spaces.
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"),
                                     {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")}))
        .simplified();
}

int TestReportPdf::pdfPages(const QByteArray& info) {
    const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(info));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

void TestReportPdf::containsRecommendedNumbers() {
    const PlanRow& rec = *m_data->recommended();
    const QString text = pdfText(m_a4);
    QVERIFY(!text.isEmpty());
    // Formatted here independently of ReportFormat: English grouping, 2 decimals for money, 3 for
    // cost per million tokens, as the report promises (ui/report/README.md).
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    const QString currency = QString::fromStdString(m_data->result.currency);
    const QStringList expected{
        en.toString(rec.monthlyCost, 'f', 2) + QLatin1Char(' ') + currency,
        en.toString(rec.hourlyCost, 'f', 2) + QLatin1Char(' ') + currency,
        en.toString(rec.costPerMillionOutputTokens, 'f', 3) + QLatin1Char(' ') + currency,
        QString::fromStdString(rec.instance->provider + ":" + rec.instance->instanceType),
        QString::fromStdString(rec.instance->region),
        QStringLiteral("%1 replicas on %2 instances").arg(rec.replicas).arg(rec.instances),
        QStringLiteral("%1 (on %2 instances)").arg(rec.replicas).arg(rec.instances),
        QString::fromStdString(rec.model->id),
        QStringLiteral("R1 distill 7B chat, 40 req/s"),
        QStringLiteral("2026-11-27"),
        QStringLiteral("Executive summary"),
        QStringLiteral("Assumptions"),
        QStringLiteral("Cost versus load"),
        QStringLiteral("Top plans"),
        QStringLiteral("Autoscaling over the day"),
        QStringLiteral("Plans that do not fit or miss a limit"),
        QStringLiteral("Price sources"),
        QStringLiteral("About the uncertainty bands"),
    };
    for (const QString& needle : expected)
        QVERIFY2(text.contains(needle), qPrintable(QStringLiteral("missing in pdftotext output: ") + needle));
    // The autoscaling saving as the simulation computed it.
    const AutoscalingOutcome& a = m_data->autoscaling;
    QVERIFY(a.simulated);
    QVERIFY(text.contains(en.toString(a.fixedPeakMonthlyCost - a.monthlyCost, 'f', 2) + QLatin1Char(' ') + currency));
}

void TestReportPdf::pageCountMatchesFooters_data() {
    QTest::addColumn<int>("paper");
    QTest::addColumn<QString>("pageSize");
    // PDF points: A4 210 × 297 mm = 595.3 × 841.9 pt (Qt writes it rounded); US Letter 8.5 × 11 in = 612 × 792 pt.
    QTest::addRow("a4") << int(ReportWriter::Paper::A4) << QStringLiteral("595 x 842 pts (A4)");
    QTest::addRow("letter") << int(ReportWriter::Paper::Letter) << QStringLiteral("612 x 792 pts (letter)");
}

void TestReportPdf::pageCountMatchesFooters() {
    QFETCH(int, paper);
    QFETCH(QString, pageSize);
    const QString pdf = writeReport(*m_data, ReportWriter::Paper(paper), QStringLiteral("pages-%1.pdf").arg(paper));
    const QByteArray info = runTool(QStringLiteral("pdfinfo"), {pdf});
    const int pages = pdfPages(info);
    QVERIFY2(pages >= 6, info.constData());
    QVERIFY2(QString::fromUtf8(info).contains(pageSize), info.constData());
    // Every content page carries "Page k of N" with N the real page count; the cover has none.
    const QString text = pdfText(pdf);
    for (int k = 2; k <= pages; ++k)
        QVERIFY2(text.contains(QStringLiteral("Page %1 of %2").arg(k).arg(pages)), qPrintable(QString::number(k)));
    QVERIFY(!text.contains(QStringLiteral("Page 1 of")));
    QVERIFY(!text.contains(QStringLiteral("Page %1 of").arg(pages + 1)));
}

void TestReportPdf::everyPageRendersNonBlank() {
    const int pages = pdfPages(runTool(QStringLiteral("pdfinfo"), {m_a4}));
    const QString prefix = m_dir.filePath(QStringLiteral("page"));
    runTool(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"), m_a4, prefix});
    int rendered = 0;
    for (int k = 1; k <= pages; ++k) {
        // pdftoppm pads the page number to the width of the page count.
        QImage image(prefix + QStringLiteral("-%1.png").arg(k, QString::number(pages).size(), 10, QLatin1Char('0')));
        QVERIFY2(!image.isNull(), qPrintable(QStringLiteral("page %1 was not rendered").arg(k)));
        qint64 inked = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                inked += qGray(image.pixel(x, y)) < 200;
        const double share = double(inked) / double(image.width() * image.height());
        QVERIFY2(share > 0.01, qPrintable(QStringLiteral("page %1 is nearly blank (%2)").arg(k).arg(share)));
        ++rendered;
    }
    QCOMPARE(rendered, pages);
}

void TestReportPdf::chartsAreVectorGraphics() {
    // pdfimages -list prints two header lines and one line per raster image: a vector-only PDF has none.
    const QList<QByteArray> lines =
        runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), m_a4}).trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
}

void TestReportPdf::chineseReportHasChineseHeadings() {
    if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
        QFAIL("no font with Simplified Chinese glyphs is installed (fonts-wqy-microhei)");
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/serveplan_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    const ReportData data =
        ReportData::fromResult(m_data->catalog, m_data->scenario, m_data->result, {reportDate(), {}});
    const QString pdf = writeReport(data, ReportWriter::Paper::A4, QStringLiteral("zh.pdf"));
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(!pdf.isEmpty());
    const QString text = pdfText(pdf);
    // The headings as resources/i18n/serveplan_zh_CN.ts (context Report) translates them.
    for (const QString& heading : {QStringLiteral("大语言模型部署成本报告"), QStringLiteral("执行摘要"),
                                   QStringLiteral("假设条件"), QStringLiteral("成本与负载"), QStringLiteral("最佳方案"),
                                   QStringLiteral("价格来源"), QStringLiteral("关于不确定区间")})
        QVERIFY2(text.contains(heading), qPrintable(QStringLiteral("missing heading ") + heading));
    QVERIFY(!text.contains(QStringLiteral("Executive summary")));
    // The numbers stay the planner's.
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    QVERIFY(text.contains(en.toString(m_data->recommended()->monthlyCost, 'f', 2)));
    // The Chinese glyphs come from an embedded CJK font, so any reader shows them.
    const QString fonts = QString::fromUtf8(runTool(QStringLiteral("pdffonts"), {pdf}));
    QVERIFY2(fonts.contains(QStringLiteral("WenQuanYi")), qPrintable(fonts));
}

void TestReportPdf::listsCalibrationsUsed() {
    // The seed catalog with a probe-run calibration (every engine) applied to the recommended plan's GPU,
    // built as tests/engine/TestCalibration.cpp does; Catalog::calibrations is what models/ loads from
    // calibration_factors.
    const std::string gpu = m_data->recommended()->gpu->id;
    auto calibrated = std::make_shared<Catalog>(*m_catalog);
    calibrated->calibrations = {{gpu,
                                 "generic",
                                 4242,
                                 {{factor::kWeightBandwidthEff, 0.61, Message::text("probe")},
                                  {factor::kGemmEffBf16, 0.829, Message::text("probe")},
                                  {factor::kStepOverheadS, 0.000148, Message::text("load test")},
                                  {factor::kAllreduceLatencyUs, 55.456, Message::text("probe")},
                                  {factor::kCollectiveGpusNvlink, 8, Message::text("probe")}}}};
    auto data = ReportData::plan(calibrated, reportScenario(), {reportDate(), {}});
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().c_str());
    QVERIFY(std::any_of(data.value().result.rows.begin(), data.value().result.rows.end(),
                        [&](const PlanRow& r) { return r.calibration == &calibrated->calibrations.front(); }));
    QString text = pdfText(writeReport(data.value(), ReportWriter::Paper::A4, QStringLiteral("calibrated.pdf")));
    const QString used = QStringLiteral("Calibration used GPU %1, run 4242, all engines: weight_bandwidth_eff 0.610, "
                                        "gemm_eff_bf16 0.829, step_overhead_s 0.148 ms, allreduce_latency_us "
                                        "55.456 µs, collective_gpus_nvlink 8 GPUs")
                             .arg(QString::fromStdString(gpu));
    QVERIFY2(text.contains(used), qPrintable(text.mid(text.indexOf(QStringLiteral("Calibration")), 400)));
    QVERIFY(text.contains(QStringLiteral("1 used, listed below")));
    QVERIFY(!text.contains(QStringLiteral("No local probe calibration")));

    // The same catalog with the scenario's calibrations switched off: no row used one, and the report says so.
    Scenario off = reportScenario();
    off.useCalibration = false;
    auto plain = ReportData::plan(calibrated, off, {reportDate(), {}});
    QVERIFY(plain.ok());
    text = pdfText(writeReport(plain.value(), ReportWriter::Paper::A4, QStringLiteral("calibration-off.pdf")));
    QVERIFY(text.contains(QStringLiteral("Applied calibrations are switched off for this scenario")));
    QVERIFY(!text.contains(QStringLiteral("run 4242")));

    // A calibration on a GPU the plans do not use: none is listed, and the report says none applied.
    calibrated->calibrations.front().gpuId = "no-such-gpu";
    auto elsewhere = ReportData::plan(calibrated, reportScenario(), {reportDate(), {}});
    QVERIFY(elsewhere.ok());
    text = pdfText(writeReport(elsewhere.value(), ReportWriter::Paper::A4, QStringLiteral("calibration-none.pdf")));
    QVERIFY(text.contains(QStringLiteral("None of the planned GPUs has an applied calibration. No local probe")));
    QVERIFY(!text.contains(QStringLiteral("run 4242")));
    // The uncalibrated seed catalog keeps the plain sentence.
    QVERIFY(!pdfText(m_a4).contains(QStringLiteral("None of the planned GPUs")));
}

void TestReportPdf::unwritablePathLeavesNothing() {
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("not-a-directory"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString path = blocker + QStringLiteral("/report.pdf"); // the parent is a file: nothing can be created
    const Result<void> ok = ReportWriter::writePdf(*m_data, path, {});
    QVERIFY(!ok.ok());
    QVERIFY2(QString::fromStdString(ok.error()).contains(path), ok.error().c_str());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("not-a-directory")});
    QCOMPARE(QFileInfo(blocker).size(), 0);
}

QTEST_MAIN(TestReportPdf)
#include "TestReportPdf.moc"
