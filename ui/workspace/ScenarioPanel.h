#pragma once
// The inputs of a planning pass: what to deploy (models, GPUs, providers, regions, instances, MIG,
// precisions, engines, whether applied calibrations are used, MoE serving layouts: DP/EP, MTP,
// prefill/decode pools), the workload (with the prefix cache hit rate) and its presets, SLO targets, cache hit
// rate, money (pricing plan, currency, hours per month, budget) and the traffic profile. Every user edit becomes one
// undo step on the ScenarioDocument; the panel redraws itself from the document (so undo shows).
#include "scenario/Scenario.h"
#include "catalog/Catalog.h"

#include <QWidget>

#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace serveplan::ui {

class CheckListPicker;
class ScenarioDocument;
class TrafficEditor;

class ScenarioPanel final : public QWidget {
    Q_OBJECT
public:
    ScenarioPanel(ScenarioDocument* document, QWidget* parent = nullptr);

    /// Fills the pickers from the catalog (models by family, GPUs by vendor, instances by provider).
    void setCatalog(std::shared_ptr<const Catalog> catalog);

    CheckListPicker* modelPicker() const { return m_models; }
    CheckListPicker* gpuPicker() const { return m_gpus; }
    CheckListPicker* providerPicker() const { return m_providers; }
    CheckListPicker* regionPicker() const { return m_regions; }
    CheckListPicker* instancePicker() const { return m_instances; }
    QComboBox* workloadPresetCombo() const { return m_workloadPreset; }
    QSpinBox* inputTokensSpin() const { return m_inputTokens; }
    QSpinBox* outputTokensSpin() const { return m_outputTokens; }
    QDoubleSpinBox* qpsSpin() const { return m_qps; }
    QDoubleSpinBox* ttftSpin() const { return m_ttft; }
    QDoubleSpinBox* tpotSpin() const { return m_tpot; }
    QDoubleSpinBox* cacheHitSpin() const { return m_cacheHit; }
    QComboBox* pricingCombo() const { return m_pricing; }
    QComboBox* currencyCombo() const { return m_currency; }
    QDoubleSpinBox* budgetSpin() const { return m_budget; }
    TrafficEditor* trafficEditor() const { return m_traffic; }
    QCheckBox* precisionBox(Precision precision) const;
    QCheckBox* engineBox(ServingEngine engine) const;
    /// Scenario::useCalibration: plan with the calibrations applied to the GPUs (Tools ▸ Calibration).
    QCheckBox* calibrationBox() const { return m_useCalibration; }
    /// Serving layouts (issue 15): Scenario::expertParallel, mtp, disaggregation, showBothModes and
    /// workload.prefixCacheHitRate.
    QCheckBox* expertParallelBox() const { return m_expertParallel; }
    QComboBox* mtpCombo() const { return m_mtp; }
    QComboBox* disaggregationCombo() const { return m_disaggregation; }
    QCheckBox* showBothModesBox() const { return m_showBothModes; }
    QDoubleSpinBox* prefixCacheHitSpin() const { return m_prefixCacheHit; }

private:
    enum MergeField {
        NameField = 100,
        InputField,
        OutputField,
        QpsField,
        TtftField,
        TpotField,
        CacheField,
        PrefixCacheField,
        BudgetField,
        MinReplicasField,
        MaxReplicasField
    };

    QWidget* buildDeploySection();
    QWidget* buildPrecisionSection();
    QWidget* buildWorkloadSection();
    QWidget* buildSloSection();
    QWidget* buildMoneySection();
    QWidget* buildTrafficSection();
    void connectPicker(CheckListPicker* picker, const QString& what, std::vector<std::string> Scenario::*field);
    void refresh();
    void refreshCurrencies();
    void edit(const QString& description, const std::function<void(Scenario&)>& change, int mergeId = -1);

    ScenarioDocument* m_document;
    std::shared_ptr<const Catalog> m_catalog;
    bool m_refreshing = false;

    QLineEdit* m_name = nullptr;
    CheckListPicker* m_models = nullptr;
    CheckListPicker* m_gpus = nullptr;
    CheckListPicker* m_providers = nullptr;
    CheckListPicker* m_regions = nullptr;
    CheckListPicker* m_instances = nullptr;
    QCheckBox* m_allowMig = nullptr;
    QCheckBox* m_multiNode = nullptr;
    std::map<Precision, QCheckBox*> m_precisions;
    std::map<ServingEngine, QCheckBox*> m_engines;
    QCheckBox* m_useCalibration = nullptr;
    QCheckBox* m_expertParallel = nullptr;
    QComboBox* m_mtp = nullptr;
    QComboBox* m_disaggregation = nullptr;
    QCheckBox* m_showBothModes = nullptr;
    QDoubleSpinBox* m_prefixCacheHit = nullptr;
    QComboBox* m_kvPrecision = nullptr;
    QComboBox* m_workloadPreset = nullptr;
    QSpinBox* m_inputTokens = nullptr;
    QSpinBox* m_outputTokens = nullptr;
    QDoubleSpinBox* m_qps = nullptr;
    QDoubleSpinBox* m_cacheHit = nullptr;
    QDoubleSpinBox* m_ttft = nullptr;
    QDoubleSpinBox* m_tpot = nullptr;
    QComboBox* m_percentile = nullptr;
    QComboBox* m_pricing = nullptr;
    QComboBox* m_currency = nullptr;
    QComboBox* m_hoursPerMonth = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    TrafficEditor* m_traffic = nullptr;
    QCheckBox* m_autoscaling = nullptr;
    QSpinBox* m_minReplicas = nullptr;
    QSpinBox* m_maxReplicas = nullptr;
};

} // namespace serveplan::ui
