// Edit ▸ Preferences reaches the work: File ▸ New, the first window and the demo start in the chosen
// currency and hours per month, a scenario read from a file keeps its own, and the hand-set exchange
// rates are the ones the planner converts with (whatever the scenario's FX date). The settings live
// in a temporary folder, never the user's.
#include "MainWindow.h"
#include "PresetPrompts.h"
#include "TestSupport.h"
#include "cost/Pricing.h"
#include "document/DocumentActions.h"
#include "document/ScenarioDocument.h"
#include "settings/AppSettings.h"
#include "settings/PreferencesDialog.h"
#include "catalog/CatalogCsv.h"
#include "workspace/DemoScenario.h"
#include "workspace/PlanningController.h"
#include "workspace/ScenarioPanel.h"

#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace serveplan;
using namespace serveplan::ui;

namespace {
constexpr int kPlanTimeoutMs = 60'000;
constexpr double kCatalogCny = 0.1381122; // resources/data/fx_rates.csv, newest CNY row (2025-05-09)
} // namespace

class TestPreferencesApplied final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void newScenariosUseSavedCurrencyAndHours();
    void openedScenarioKeepsItsOwn();
    void fxOverrideReachesThePlanner();
    void fxOverrideReplacesEveryDatedRate();

private:
    /// Fills Edit ▸ Preferences as a user would and presses OK; returns how often fxOverridesChanged fired.
    static int savePreferences(const QString& currency, int hours, const QMap<QString, double>& fx = {});
    static PlanSnapshotPtr plan(PlanningController& controller, const Scenario& scenario);

    std::shared_ptr<const Catalog> m_catalog;
    QTemporaryDir m_dir;
};

void TestPreferencesApplied::initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("serveplan-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestPreferencesApplied"));
    QVERIFY2(QSettings().fileName().startsWith(m_dir.path()), qPrintable(QSettings().fileName()));
    QLocale::setDefault(QLocale::c());
    auto catalog = CatalogCsv::loadDirectory(test::sourcePath(QStringLiteral("resources/data")).toStdString());
    QVERIFY2(catalog.ok(), catalog.ok() ? "" : catalog.error().c_str());
    m_catalog = std::make_shared<const Catalog>(std::move(catalog).value());
    QCOMPARE(m_catalog->fxRate("CNY")->usdPerUnit, kCatalogCny);
}

void TestPreferencesApplied::init() {
    QSettings().clear();
}

int TestPreferencesApplied::savePreferences(const QString& currency, int hours, const QMap<QString, double>& fx) {
    PreferencesDialog dialog;
    dialog.currencyBox()->setCurrentText(currency);
    dialog.hoursBox()->setCurrentIndex(dialog.hoursBox()->findData(hours));
    QTableWidget* table = dialog.fxTable();
    table->setRowCount(0);
    for (auto it = fx.cbegin(); it != fx.cend(); ++it) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(it.key()));
        table->setItem(row, 1, new QTableWidgetItem(QString::number(it.value(), 'g', 17)));
    }
    QSignalSpy fxChanged(&dialog, &PreferencesDialog::fxOverridesChanged);
    dialog.save();
    return int(fxChanged.count());
}

PlanSnapshotPtr TestPreferencesApplied::plan(PlanningController& controller, const Scenario& scenario) {
    QSignalSpy finished(&controller, &PlanningController::finished);
    controller.request(scenario);
    if (finished.isEmpty() && !finished.wait(kPlanTimeoutMs))
        return {};
    return controller.latest();
}

void TestPreferencesApplied::newScenariosUseSavedCurrencyAndHours() {
    // Nothing chosen yet: the cloud convention in US dollars.
    QCOMPARE(newScenario().currency, std::string("USD"));
    QCOMPARE(newScenario().hoursPerMonth, 730.0);

    QCOMPARE(savePreferences(QStringLiteral("CNY"), 720), 0);
    QCOMPARE(newScenario().currency, std::string("CNY"));
    QCOMPARE(newScenario().hoursPerMonth, 720.0);
    QCOMPARE(demoScenario().currency, std::string("CNY"));
    QCOMPARE(demoScenario().hoursPerMonth, 720.0);

    // The window's first scenario, and its panel.
    PresetPrompts prompts;
    MainWindow window(m_catalog, &prompts);
    QCOMPARE(window.document()->scenario().currency, std::string("CNY"));
    QCOMPARE(window.document()->scenario().hoursPerMonth, 720.0);
    QCOMPARE(window.scenarioPanel()->currencyCombo()->currentData().toString(), QStringLiteral("CNY"));
    QVERIFY(!window.document()->isModified());

    // File ▸ New after the user switched this scenario to dollars starts in yuan again.
    window.document()->edit(QStringLiteral("currency"), [](Scenario& s) { s.currency = "USD"; });
    QCOMPARE(window.scenarioPanel()->currencyCombo()->currentData().toString(), QStringLiteral("USD"));
    prompts.queueSaveChoice(Prompts::SaveChoice::Discard);
    QVERIFY(window.documentActions()->newDocument());
    QCOMPARE(window.document()->scenario().currency, std::string("CNY"));
    QCOMPARE(window.document()->scenario().hoursPerMonth, 720.0);
    QCOMPARE(window.scenarioPanel()->currencyCombo()->currentData().toString(), QStringLiteral("CNY"));

    // A currency the catalog has no rate for is still shown as itself, not as the first in the list.
    QCOMPARE(savePreferences(QStringLiteral("SGD"), 730), 0);
    MainWindow second(m_catalog, &prompts);
    QCOMPARE(second.document()->scenario().currency, std::string("SGD"));
    QCOMPARE(second.scenarioPanel()->currencyCombo()->currentData().toString(), QStringLiteral("SGD"));
    // A currency given a rate by hand is offered for any scenario.
    QCOMPARE(second.scenarioPanel()->currencyCombo()->findData(QStringLiteral("GBP")), -1);
    QCOMPARE(savePreferences(QStringLiteral("USD"), 730, {{QStringLiteral("GBP"), 1.25}}), 1);
    MainWindow third(m_catalog, &prompts);
    QVERIFY(third.scenarioPanel()->currencyCombo()->findData(QStringLiteral("GBP")) >= 0);
    QCOMPARE(prompts.unexpectedQuestions(), 0);
}

void TestPreferencesApplied::openedScenarioKeepsItsOwn() {
    // Saved in dollars at 730 h; the preferences change afterwards.
    const QString file = m_dir.filePath(QStringLiteral("dollars.serveplan"));
    {
        ScenarioDocument document;
        document.reset(demoScenario());
        QCOMPARE(document.scenario().currency, std::string("USD"));
        QVERIFY(document.saveAs(file).ok());
    }
    QCOMPARE(savePreferences(QStringLiteral("EUR"), 720), 0);

    PresetPrompts prompts;
    MainWindow window(m_catalog, &prompts);
    QCOMPARE(window.document()->scenario().currency, std::string("EUR"));
    QVERIFY(window.documentActions()->openPath(file));
    QCOMPARE(window.document()->scenario().currency, std::string("USD"));
    QCOMPARE(window.document()->scenario().hoursPerMonth, 730.0);
    QCOMPARE(window.scenarioPanel()->currencyCombo()->currentData().toString(), QStringLiteral("USD"));
    QVERIFY(!window.document()->isModified());
    QCOMPARE(prompts.unexpectedQuestions(), 0);
}

void TestPreferencesApplied::fxOverrideReachesThePlanner() {
    PlanningController controller;
    controller.setDebounceMs(0);
    controller.setCatalog(m_catalog);
    Scenario scenario = newScenario();
    scenario.models = {"llama-3.1-8b-instruct"};
    scenario.gpus = {"h100-sxm"};
    scenario.currency = "CNY";

    const PlanSnapshotPtr withCatalogRate = plan(controller, scenario);
    QVERIFY(withCatalogRate);
    QCOMPARE(withCatalogRate->result.currency, std::string("CNY"));
    QCOMPARE(withCatalogRate->result.fxNote, std::string("1 CNY = 0.1381122 USD (2025-05-09)"));

    // Set in the dialog; the next pass converts with it.
    QCOMPARE(savePreferences(QStringLiteral("USD"), 730, {{QStringLiteral("cny"), 0.125}}), 1);
    const PlanSnapshotPtr withOverride = plan(controller, scenario);
    QVERIFY(withOverride);
    QVERIFY(withOverride != withCatalogRate);
    QCOMPARE(withOverride->result.fxNote, std::string("1 CNY = 0.125 USD (undated)"));
    const auto& before = withCatalogRate->result.rows;
    const auto& after = withOverride->result.rows;
    QCOMPARE(after.size(), before.size());
    int priced = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].hasPrice, before[i].hasPrice);
        if (!after[i].hasPrice)
            continue;
        ++priced;
        // USD prices: yuan = dollars / (USD per yuan), so the cost scales by the ratio of the rates.
        QVERIFY2(
            qFuzzyCompare(after[i].monthlyCost, before[i].monthlyCost * kCatalogCny / 0.125),
            qPrintable(QStringLiteral("row %1: %2 vs %3").arg(i).arg(after[i].monthlyCost).arg(before[i].monthlyCost)));
    }
    QVERIFY(priced > 0);
    // The rows point into the catalog they were planned with; the window's catalog is untouched.
    QCOMPARE(withOverride->catalog->fxRate("CNY")->usdPerUnit, 0.125);
    QCOMPARE(controller.catalog(), m_catalog);
    QCOMPARE(m_catalog->fxRate("CNY")->usdPerUnit, kCatalogCny);

    // Saving the same rates again is no change; removing them brings the catalog's rate back.
    QCOMPARE(savePreferences(QStringLiteral("USD"), 730, {{QStringLiteral("CNY"), 0.125}}), 0);
    QCOMPARE(savePreferences(QStringLiteral("USD"), 730), 1);
    const PlanSnapshotPtr backToCatalog = plan(controller, scenario);
    QVERIFY(backToCatalog);
    QCOMPARE(backToCatalog->result.fxNote, std::string("1 CNY = 0.1381122 USD (2025-05-09)"));
    QCOMPARE(backToCatalog->catalog, m_catalog);
}

void TestPreferencesApplied::fxOverrideReplacesEveryDatedRate() {
    const auto overridden = PlanningController::withFxOverrides(
        m_catalog, {{QStringLiteral("CNY"), 0.125}, {QStringLiteral("USD"), 2.0}, {QStringLiteral("GBP"), 1.25}});
    QVERIFY(overridden != m_catalog);
    int cny = 0;
    for (const FxRate& rate : overridden->fxRates)
        cny += rate.currency == "CNY" ? 1 : 0;
    QCOMPARE(cny, 1);
    QCOMPARE(overridden->fxRate("GBP")->usdPerUnit, 1.25);                 // a currency the catalog lacks
    QCOMPARE(overridden->fxRate("USD")->usdPerUnit, 1.0);                  // the base currency is not overridable
    QCOMPARE(overridden->fxRate("EUR", "2024-12-31")->usdPerUnit, 1.0917); // other currencies keep their dates
    // A scenario pinned to an older FX date still converts with the hand-set rate.
    const CurrencyConverter fx(overridden->fxRates, "2024-12-31");
    double factor = 0;
    QVERIFY(fx.factor("CNY", "USD", factor));
    QCOMPARE(factor, 0.125);
    QCOMPARE(PlanningController::withFxOverrides(m_catalog, {}), m_catalog);
}

QTEST_MAIN(TestPreferencesApplied)
#include "TestPreferencesApplied.moc"
