// The pickers list exactly the one table of enum labels (models/EnumLabels), in its order, and the
// Chinese UI shows the table's Chinese labels: the traffic presets, workload presets, MTP and
// disaggregation modes, precisions and serving engines of the scenario panel, and the engines of the
// load-test dialog. The report's use of the same labels is pinned by the PDF text goldens.
#include "EnumLabels.h"
#include "calib/LoadTestImport.h"
#include "calibration/LoadTestSetupDialog.h"
#include "catalog/Catalog.h"
#include "document/ScenarioDocument.h"
#include "workspace/ScenarioPanel.h"
#include "workspace/TrafficEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace serveplan;
using namespace serveplan::ui;
using models::EnumLabels;

namespace {

/// The combo box's items, text and the enumerator in its data, equal the table's, in order.
template <typename E>
void checkCombo(const QComboBox* combo, std::span<const E> listed) {
    QVERIFY(combo);
    QCOMPARE(combo->count(), int(listed.size()));
    for (int i = 0; i < combo->count(); ++i) {
        QCOMPARE(combo->itemText(i), EnumLabels::label(listed[i]));
        QCOMPARE(combo->itemData(i).toInt(), int(listed[i]));
    }
}

void checkScenarioPanel() {
    ScenarioDocument document;
    ScenarioPanel panel(&document);
    checkCombo(panel.trafficEditor()->presetCombo(), EnumLabels::trafficPresets());
    checkCombo(panel.workloadPresetCombo(), EnumLabels::workloadPresets());
    checkCombo(panel.mtpCombo(), EnumLabels::mtpModes());
    checkCombo(panel.disaggregationCombo(), EnumLabels::disaggregationModes());
    for (Precision precision : EnumLabels::precisions()) {
        QVERIFY(panel.precisionBox(precision));
        QCOMPARE(panel.precisionBox(precision)->text(), EnumLabels::label(precision));
    }
    for (ServingEngine engine : EnumLabels::servingEngines()) {
        QVERIFY(panel.engineBox(engine));
        QCOMPARE(panel.engineBox(engine)->text(), EnumLabels::label(engine));
    }
}

} // namespace

class TestEnumLabelPickers : public QObject {
    Q_OBJECT
private slots:
    void scenarioPanelListsTheTable();
    void loadTestDialogListsTheEngines();
    void chinesePickersShowTheChineseTable();
};

void TestEnumLabelPickers::scenarioPanelListsTheTable() {
    checkScenarioPanel();
}

void TestEnumLabelPickers::loadTestDialogListsTheEngines() {
    const Catalog catalog;
    LoadTestSetupDialog dialog(catalog, u"vllm_bench"_s, LoadTestPoint{}, QString());
    const QComboBox* engines = dialog.engineBox();
    QCOMPARE(engines->count(), int(EnumLabels::servingEngines().size()));
    for (int i = 0; i < engines->count(); ++i) {
        const ServingEngine engine = EnumLabels::servingEngines()[i];
        QCOMPARE(engines->itemText(i), EnumLabels::label(engine));
        QCOMPARE(engines->itemData(i).toString(), QString::fromUtf8(toString(engine)));
    }
}

void TestEnumLabelPickers::chinesePickersShowTheChineseTable() {
    QTranslator chinese;
    QVERIFY(chinese.load(u":/i18n/serveplan_zh_CN.qm"_s));
    const QString englishDiurnal = EnumLabels::label(TrafficPreset::Diurnal);
    QCoreApplication::installTranslator(&chinese);
    // The table itself speaks Chinese: every word label is translated …
    QCOMPARE(EnumLabels::label(TrafficPreset::Diurnal), QString::fromUtf8("昼夜型（15:00 峰值）"));
    QVERIFY(EnumLabels::label(TrafficPreset::Diurnal) != englishDiurnal);
    QCOMPARE(EnumLabels::label(CapacityMethod::Analytic), QString::fromUtf8("解析法（闭式解）"));
    QCOMPARE(EnumLabels::label(PlanStatus::Ok), QString::fromUtf8("可行"));
    // … and the pickers show it.
    checkScenarioPanel();
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TestEnumLabelPickers)
#include "TestEnumLabelPickers.moc"
