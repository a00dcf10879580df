// The engine's messages in the UI's language (issue 14, item 6). A real planning pass over the seed
// catalog gives a plan that does not fit (Llama 3.1 8B in BF16 on one 16 GB T4), one without a price
// (an RTX 4090, which no AWS instance carries) and one that misses its SLO (p95 TTFT 2 s on a
// 2,048-token prompt). With the Chinese translator installed the plans table, the details pane and
// the PDF report (pdftotext) word all three in Chinese; without it the UI shows exactly the CLI's
// English. models/EngineMessageText's source strings are the engine's templates, and a message
// whose translation is missing or empty shows its English, never nothing.
#include "CalibrationFactorModel.h"
#include "EngineMessageText.h"
#include "PlanTableModel.h"
#include "TestReportFixture.h"
#include "calib/CalibrationFit.h"
#include "plan/Planner.h"
#include "report/ReportWriter.h"
#include "workspace/DetailsPane.h"
#include "workspace/PlanningController.h"

#include <QFontDatabase>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTranslator>

#include <algorithm>

using namespace serveplan;
using namespace serveplan::ui;
using namespace serveplan::test;
using namespace Qt::StringLiterals;

namespace {

/// A translator that has the context but answers every engine message with an empty text.
class EmptyTranslator final : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* source, const char*, int) const override {
        return context && source && qstrcmp(context, "EngineMessage") == 0 ? u""_s : QString();
    }
};

/// Text without any whitespace: pdftotext and the layout break lines (and CJK runs) where they like.
QString squeezed(QString text) {
    text.remove(QRegularExpression(u"\\s+"_s));
    return text;
}

bool hasCjk(const QString& text) {
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

} // namespace

class TestEngineMessages final : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Catalog> m_catalog;
    Scenario m_scenario;
    PlanResult m_result;
    QTemporaryDir m_dir;

    const PlanRow* firstWith(PlanStatus status) const {
        for (const PlanRow& row : m_result.rows)
            if (row.status == status)
                return &row;
        return nullptr;
    }

    PlanSnapshotPtr snapshot() const {
        return std::make_shared<const PlanSnapshot>(PlanSnapshot{m_catalog, m_scenario, m_result});
    }

    /// The three rows' messages as the plans table shows them (the Message column, by rank).
    QStringList tableMessages() const {
        PlanTableModel model;
        model.setSnapshot(snapshot());
        QStringList out;
        for (PlanStatus status : {PlanStatus::NoFit, PlanStatus::NoPrice, PlanStatus::SloMiss}) {
            const int rank = firstWith(status)->rank;
            for (int r = 0; r < model.rowCount(); ++r)
                if (model.data(model.index(r, PlanTableModel::Rank)).toInt() == rank)
                    out << model.data(model.index(r, PlanTableModel::Message)).toString();
        }
        return out;
    }

    QString detailsText(PlanStatus status) const {
        PlanTableModel model;
        model.setSnapshot(snapshot());
        DetailsPane pane(&model);
        pane.showRank(firstWith(status)->rank);
        return pane.summary()->toPlainText();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_catalog = seedCatalog();
        m_scenario.models = {"llama-3.1-8b-instruct"};
        m_scenario.gpus = {"l4", "rtx-4090", "t4"};
        m_scenario.providers = {"aws"};
        m_scenario.qps = 5;
        m_scenario.workload.inputTokens = LengthDistribution::fixed(2048);
        m_scenario.workload.outputTokens = LengthDistribution::fixed(256);
        m_scenario.slo.ttftMs = 2000;
        m_scenario.slo.tpotMs = 60;
        auto result = Planner(*m_catalog).run(m_scenario);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        m_result = std::move(result).value();
        for (PlanStatus status : {PlanStatus::Ok, PlanStatus::NoFit, PlanStatus::NoPrice, PlanStatus::SloMiss})
            QVERIFY2(firstWith(status), std::string(toString(status)).c_str());
        QCOMPARE(firstWith(PlanStatus::NoFit)->message.code, MessageCode::DoesNotFitDetail);
        QCOMPARE(firstWith(PlanStatus::NoPrice)->message.code, MessageCode::NoInstanceCarriesGpu);
        QCOMPARE(firstWith(PlanStatus::SloMiss)->message.code, MessageCode::SloMissedAtOneRequest);
    }

    void sourcesAreTheEngineTemplates() {
        for (std::size_t i = 0; i < kMessageCodeCount; ++i) {
            const auto code = static_cast<MessageCode>(i);
            const bool shownAsIs = code == MessageCode::None || code == MessageCode::Text || code == MessageCode::List;
            const char* source = models::messageSource(code);
            QVERIFY2(shownAsIs == !source, qPrintable(QString::number(i)));
            if (source)
                QCOMPARE(QString::fromUtf8(source), QString::fromUtf8(messageTemplate(code)));
        }
    }

    void englishUiShowsTheCliText() {
        const QStringList shown = tableMessages();
        QCOMPARE(shown.size(), 3);
        int i = 0;
        for (PlanStatus status : {PlanStatus::NoFit, PlanStatus::NoPrice, PlanStatus::SloMiss})
            QCOMPARE(shown.at(i++), QString::fromStdString(toEnglish(firstWith(status)->message)));
        QVERIFY(shown.front().startsWith(u"does not fit (weights): needs "_s));
        QVERIFY(detailsText(PlanStatus::NoFit).contains(shown.front()));
    }

    void chineseUiShowsChinese() {
        QTranslator translator;
        QVERIFY(translator.load(u":/i18n/serveplan_zh_CN.qm"_s));
        QCoreApplication::installTranslator(&translator);
        const QStringList shown = tableMessages();
        const QString noFit = detailsText(PlanStatus::NoFit);
        const QString noPrice = detailsText(PlanStatus::NoPrice);
        const QString sloMiss = detailsText(PlanStatus::SloMiss);
        QCoreApplication::removeTranslator(&translator);

        QCOMPARE(shown.size(), 3);
        // The figures of the fit stay the engine's: the CLI's digits, inside Chinese wording.
        const std::string english = toEnglish(firstWith(PlanStatus::NoFit)->message);
        const QString needs = QString::fromStdString(english.substr(english.find("needs ") + 6)).section(u' ', 0, 1);
        QVERIFY2(shown.at(0).startsWith(u"显存不足（权重）：每个 GPU 需要 "_s + needs), qPrintable(shown.at(0)));
        QCOMPARE(shown.at(1), u"目录中没有搭载 GPU rtx-4090 的实例（在所选云厂商/区域范围内）"_s);
        QCOMPARE(shown.at(2), u"即使只有一个在途请求也达不到 SLO"_s);
        for (const QString& text : shown)
            QVERIFY2(!text.contains(u"does not"_s) && !text.contains(u"no instance"_s), qPrintable(text));
        QVERIFY2(noFit.contains(shown.at(0)), qPrintable(noFit));
        QVERIFY2(noPrice.contains(shown.at(1)), qPrintable(noPrice));
        QVERIFY2(sloMiss.contains(shown.at(2)), qPrintable(sloMiss));
    }

    void chineseReportShowsChinese() {
        QVERIFY2(havePoppler(), "poppler-utils must be installed");
        if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
            QFAIL("no font with Simplified Chinese glyphs is installed (fonts-wqy-microhei)");
        QTranslator translator;
        QVERIFY(translator.load(u":/i18n/serveplan_zh_CN.qm"_s));
        QCoreApplication::installTranslator(&translator);
        const ReportData data = ReportData::fromResult(m_catalog, m_scenario, m_result, {reportDate(), {}});
        const QString pdf = m_dir.filePath(u"zh.pdf"_s);
        const Result<void> written = ReportWriter::writePdf(data, pdf, {ReportWriter::Paper::A4});
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());
        const QString text = squeezed(QString::fromUtf8(runTool(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s})));
        QVERIFY(!text.isEmpty());
        // Short runs of each message: a table cell may wrap anywhere in a longer one.
        for (const QString& part : {u"每个GPU需要"_s, u"目录中没有搭载GPU"_s, u"达不到SLO"_s})
            QVERIFY2(text.contains(part), qPrintable(part));
        for (const QString& english : {u"doesnotfit("_s, u"noinstanceinthecatalog"_s, u"theSLOismissed"_s})
            QVERIFY2(!text.contains(english), qPrintable(english));
    }

    void missingTranslationFallsBackToEnglish() {
        const Message& fit = firstWith(PlanStatus::NoFit)->message;
        EmptyTranslator empty;
        QCoreApplication::installTranslator(&empty);
        const QString shown = models::messageText(fit);
        const QString list = models::messageText(Message::list({fit, Message(MessageCode::NoGpuGiven)}));
        QCoreApplication::removeTranslator(&empty);
        QCOMPARE(shown, QString::fromStdString(toEnglish(fit)));
        QCOMPARE(list, QString::fromStdString(toEnglish(fit) + "; no GPU given"));

        // A translator that knows only some strings: the others stay English, the known ones Chinese.
        QTranslator chinese;
        QVERIFY(chinese.load(u":/i18n/serveplan_zh_CN.qm"_s));
        QCoreApplication::installTranslator(&chinese);
        const QString text = models::messageText(Message::text("unknown model 'x'"));
        const QString none = models::messageText(Message());
        const QString price = models::messageText(firstWith(PlanStatus::NoPrice)->message);
        QCoreApplication::removeTranslator(&chinese);
        QCOMPARE(text, u"unknown model 'x'"_s); // free text is shown as it came
        QVERIFY(none.isEmpty());
        QVERIFY(hasCjk(price));
    }

    void invalidScenarioInTheUiLanguage() {
        // The planner's scenario check: the CLI's English, word for word as before it became codes, and
        // the GUI's planning error in Chinese with the scenario's keys and values as given.
        Scenario s = m_scenario;
        s.models.clear();
        s.qps = std::nan("");
        s.providers = {"nope"};
        s.tensorParallel = {3};
        const Result<void> checked = Planner(*m_catalog).check(s);
        QVERIFY(!checked.ok());
        QCOMPARE(QString::fromStdString(checked.error()),
                 u"invalid scenario: models: expected at least one model id; tensor_parallel: expected powers of two "
                 "1..64, got 3; qps: expected a request rate > 0; providers: unknown provider 'nope'"_s);
        QCOMPARE(models::errorText(checked), QString::fromStdString(checked.error()));

        QTranslator chinese;
        QVERIFY(chinese.load(u":/i18n/serveplan_zh_CN.qm"_s));
        QCoreApplication::installTranslator(&chinese);
        ui::PlanningController controller;
        controller.setCatalog(m_catalog);
        QSignalSpy failed(&controller, &ui::PlanningController::failed);
        controller.request(s);
        const bool reported = failed.wait(10000);
        QCoreApplication::removeTranslator(&chinese);
        QVERIFY(reported);
        const QString shown = failed.constFirst().at(0).toString();
        for (const QString& part : {u"无效的场景："_s, u"models：至少需要一个模型 ID"_s,
                                    u"tensor_parallel：应为 1..64 之间的 2 的幂，实际为 3"_s, u"qps：请求速率应 > 0"_s,
                                    u"providers：未知的云服务商“nope”"_s})
            QVERIFY2(shown.contains(part), qPrintable(shown));
        QVERIFY2(!shown.contains(u"expected"_s) && !shown.contains(u"unknown"_s), qPrintable(shown));
    }

    void calibrationBasisInTheUiLanguage() {
        // The factor table's basis column: the CLI's English in the English UI, Chinese in the Chinese one,
        // with the engine's figures and names inside.
        const Message basis(MessageCode::FactorLoadTestFit,
                            {MessageArg::integer(3), MessageArg::integer(12), MessageArg::name("llama-3.1-8b"),
                             MessageArg::integer(2), MessageArg::name("h100-sxm")});
        models::CalibrationFactorModel model;
        model.setFactors(
            {{"step_overhead_s", 2e-4, basis}, {"copy_bandwidth_eff", 0.9, Message(MessageCode::FactorCopyKernel)}});
        const auto shown = [&](int row) {
            return model.data(model.index(row, models::CalibrationFactorModel::Basis)).toString();
        };
        QCOMPARE(shown(0), u"load-test fit, 3 point(s), 12 metrics, llama-3.1-8b on 2 x h100-sxm"_s);
        QCOMPARE(shown(0), QString::fromStdString(toEnglish(basis)));
        QTranslator chinese;
        QVERIFY(chinese.load(u":/i18n/serveplan_zh_CN.qm"_s));
        QCoreApplication::installTranslator(&chinese);
        const QString fitted = shown(0);
        const QString copy = shown(1);
        QCoreApplication::removeTranslator(&chinese);
        QCOMPARE(fitted, u"负载测试拟合，3 个数据点，12 项指标，llama-3.1-8b 运行于 2 × h100-sxm"_s);
        QCOMPARE(copy, u"设备拷贝内核"_s);
    }

    void calibrationFitErrorsInTheUiLanguage() {
        // A fit that cannot run says why as a message: the CLI's English text, Chinese in the Chinese UI.
        GpuSpec gpu;
        gpu.id = "bare-gpu"; // no memory bandwidth in the catalog
        const Result<CalibrationFit> failed = fitCalibration(ProbeRun{}, gpu);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error(), std::string("GPU bare-gpu has no memory bandwidth in the catalog: nothing to scale"));
        QCOMPARE(failed.reason().code, MessageCode::FitGpuHasNoMemoryBandwidth);
        QCOMPARE(models::errorText(failed), QString::fromStdString(failed.error()));
        QTranslator chinese;
        QVERIFY(chinese.load(u":/i18n/serveplan_zh_CN.qm"_s));
        QCoreApplication::installTranslator(&chinese);
        const QString shown = models::errorText(failed);
        const QString plain = models::errorText(Result<int>(Error("a database error")));
        QCoreApplication::removeTranslator(&chinese);
        QCOMPARE(shown, u"目录中 GPU bare-gpu 没有显存带宽：无从换算"_s);
        QCOMPARE(plain, u"a database error"_s); // an error without a message shows its text
    }

    void numbersFollowTheLocale() {
        const Message budget(MessageCode::OverBudget,
                             {MessageArg::fixed(12345.678, 2), MessageArg::name("EUR"), MessageArg::fixed(10000, 2)});
        QCOMPARE(models::messageText(budget), u"monthly cost 12345.68 EUR is over the budget of 10000.00 EUR"_s);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString german = models::messageText(budget);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(german, u"monthly cost 12345,68 EUR is over the budget of 10000,00 EUR"_s);
    }
};

QTEST_MAIN(TestEngineMessages)
#include "TestEngineMessages.moc"
