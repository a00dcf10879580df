#include "ScenarioPanel.h"

#include "CheckListPicker.h"
#include "EnumLabels.h"
#include "PlanFormat.h"
#include "PricingPlanLabels.h"
#include "QtText.h"
#include "TrafficEditor.h"
#include "document/ScenarioDocument.h"
#include "settings/AppSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSet>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace serveplan::ui {

namespace {

/// Keeps a distribution's shape and moves its mean (a fixed length stays fixed).
LengthDistribution withMean(LengthDistribution distribution, double mean) {
    if (distribution.kind == LengthDistribution::Kind::Fixed || distribution.mean <= 0)
        return LengthDistribution::fixed(mean);
    const double scale = mean / distribution.mean;
    distribution.mean = mean;
    distribution.stddev *= scale;
    distribution.min *= scale;
    distribution.max *= scale;
    return distribution;
}

QDoubleSpinBox* doubleSpin(double min, double max, int decimals, const QString& suffix, QWidget* parent) {
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(min, max);
    spin->setDecimals(decimals);
    spin->setSuffix(suffix);
    spin->setKeyboardTracking(false); // one edit per finished value, not per keystroke
    spin->setAccelerated(true);
    return spin;
}

QSpinBox* intSpin(int min, int max, const QString& suffix, QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setRange(min, max);
    spin->setSuffix(suffix);
    spin->setKeyboardTracking(false);
    spin->setAccelerated(true);
    spin->setGroupSeparatorShown(true);
    return spin;
}

template <typename T>
void toggleIn(std::vector<T>& values, T value, bool on) {
    const auto it = std::find(values.begin(), values.end(), value);
    if (on && it == values.end())
        values.push_back(value);
    if (!on && it != values.end())
        values.erase(it);
}

} // namespace

ScenarioPanel::ScenarioPanel(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document) {
    auto* layout = new QVBoxLayout(this);
    auto* nameForm = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Untitled scenario"));
    nameForm->addRow(tr("&Name:"), m_name);
    layout->addLayout(nameForm);
    layout->addWidget(buildDeploySection());
    layout->addWidget(buildPrecisionSection());
    layout->addWidget(buildWorkloadSection());
    layout->addWidget(buildSloSection());
    layout->addWidget(buildMoneySection());
    layout->addWidget(buildTrafficSection());
    layout->addStretch(1);

    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        const std::string name = m_name->text().toStdString();
        if (name != m_document->scenario().name)
            edit(
                tr("Rename scenario"), [name](Scenario& s) { s.name = name; }, NameField);
    });
    connect(m_document, &ScenarioDocument::scenarioChanged, this, &ScenarioPanel::refresh);
    refresh();
}

QCheckBox* ScenarioPanel::precisionBox(Precision precision) const {
    const auto it = m_precisions.find(precision);
    return it == m_precisions.end() ? nullptr : it->second;
}

QCheckBox* ScenarioPanel::engineBox(ServingEngine engine) const {
    const auto it = m_engines.find(engine);
    return it == m_engines.end() ? nullptr : it->second;
}

void ScenarioPanel::edit(const QString& description, const std::function<void(Scenario&)>& change, int mergeId) {
    if (!m_refreshing)
        m_document->edit(description, change, mergeId);
}

QWidget* ScenarioPanel::buildDeploySection() {
    auto* box = new QGroupBox(tr("Deploy"), this);
    auto* form = new QFormLayout(box);
    m_models =
        new CheckListPicker({tr("Model"), tr("Parameters"), tr("Attention")}, tr("pick at least one model"), box);
    m_gpus = new CheckListPicker({tr("GPU"), tr("Memory"), tr("Bandwidth")}, tr("any GPU"), box);
    m_providers = new CheckListPicker({tr("Provider"), tr("Instances")}, tr("every provider"), box);
    m_regions = new CheckListPicker({tr("Region")}, tr("every region"), box);
    m_instances = new CheckListPicker({tr("Instance"), tr("GPUs"), tr("On-demand")}, tr("every instance"), box);
    m_models->view()->setMinimumHeight(160);
    m_allowMig = new QCheckBox(tr("Also consider &MIG slices of MIG-capable GPUs"), box);
    m_multiNode = new QCheckBox(tr("Allow replicas across &several instances"), box);
    form->addRow(tr("&Models:"), m_models);
    form->addRow(tr("&GPUs:"), m_gpus);
    form->addRow(m_allowMig);
    form->addRow(tr("&Providers:"), m_providers);
    form->addRow(tr("Re&gions:"), m_regions);
    form->addRow(tr("&Instances:"), m_instances);
    form->addRow(m_multiNode);
    for (auto* picker : {m_models, m_gpus, m_providers, m_regions, m_instances})
        if (auto* label = qobject_cast<QLabel*>(form->labelForField(picker)))
            label->setBuddy(picker->filterEdit());

    connectPicker(m_models, tr("Change models"), &Scenario::models);
    connectPicker(m_gpus, tr("Change GPUs"), &Scenario::gpus);
    connectPicker(m_providers, tr("Change providers"), &Scenario::providers);
    connectPicker(m_regions, tr("Change regions"), &Scenario::regions);
    connectPicker(m_instances, tr("Change instances"), &Scenario::instances);
    connect(m_allowMig, &QCheckBox::toggled, this,
            [this](bool on) { edit(tr("Toggle MIG slices"), [on](Scenario& s) { s.allowMig = on; }); });
    connect(m_multiNode, &QCheckBox::toggled, this, [this](bool on) {
        edit(tr("Toggle multi-instance replicas"), [on](Scenario& s) { s.allowMultiNode = on; });
    });
    return box;
}

void ScenarioPanel::connectPicker(CheckListPicker* picker, const QString& what,
                                  std::vector<std::string> Scenario::*field) {
    connect(picker, &CheckListPicker::checkedChanged, this, [this, picker, what, field] {
        edit(what, [ids = picker->checkedIds(), field](Scenario& s) { s.*field = ids; });
    });
}

QWidget* ScenarioPanel::buildPrecisionSection() {
    auto* box = new QGroupBox(tr("Precision and engine"), this);
    auto* layout = new QVBoxLayout(box);
    auto* precisions = new QGridLayout;
    int column = 0;
    for (Precision precision : models::EnumLabels::precisions()) {
        auto* check = new QCheckBox(models::EnumLabels::label(precision), box);
        check->setToolTip(tr("Consider weights in %1").arg(models::EnumLabels::label(precision)));
        precisions->addWidget(check, column / 4, column % 4);
        ++column;
        m_precisions[precision] = check;
        connect(check, &QCheckBox::toggled, this, [this, precision](bool on) {
            edit(tr("Change precisions"), [precision, on](Scenario& s) { toggleIn(s.precisions, precision, on); });
        });
    }
    layout->addWidget(new QLabel(tr("Weight precisions:"), box));
    layout->addLayout(precisions);

    auto* form = new QFormLayout;
    m_kvPrecision = new QComboBox(box);
    m_kvPrecision->addItem(tr("16-bit (BF16)"), -1);
    for (Precision precision : {Precision::FP16, Precision::FP8, Precision::INT8, Precision::INT4})
        m_kvPrecision->addItem(models::EnumLabels::label(precision), static_cast<int>(precision));
    form->addRow(tr("&KV cache:"), m_kvPrecision);
    layout->addLayout(form);
    connect(m_kvPrecision, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_kvPrecision->currentData().toInt();
        edit(tr("Change KV cache precision"), [value](Scenario& s) {
            s.kvCachePrecision = value < 0 ? std::nullopt : std::optional<Precision>(static_cast<Precision>(value));
        });
    });

    auto* engines = new QGridLayout;
    column = 0;
    for (ServingEngine engine : models::EnumLabels::servingEngines()) {
        auto* check = new QCheckBox(models::EnumLabels::label(engine), box); // the one table of engine names
        engines->addWidget(check, column / 3, column % 3);
        ++column;
        m_engines[engine] = check;
        connect(check, &QCheckBox::toggled, this, [this, engine](bool on) {
            edit(tr("Change engines"), [engine, on](Scenario& s) { toggleIn(s.engines, engine, on); });
        });
    }
    layout->addWidget(new QLabel(tr("Serving engines:"), box));
    layout->addLayout(engines);

    m_useCalibration = new QCheckBox(tr("Use applied &calibrations"), box);
    m_useCalibration->setToolTip(tr("Plan with the calibrations applied to the GPUs (Tools ▸ Calibration: probe "
                                    "runs and load tests on your own hardware); off = the engines' default "
                                    "profiles on every GPU."));
    layout->addWidget(m_useCalibration);
    connect(m_useCalibration, &QCheckBox::toggled, this,
            [this](bool on) { edit(tr("Toggle calibrations"), [on](Scenario& s) { s.useCalibration = on; }); });

    // Serving layouts of large MoE models (DeepSeek-R1): DP-attention + EP, MTP, prefill/decode pools.
    m_expertParallel = new QCheckBox(tr("MoE: attention &data-parallel + expert parallel layouts"), box);
    m_expertParallel->setToolTip(tr("Also plan MoE models as DP8·EP8, TP4·DP2·EP8, … within an instance, and with "
                                    "experts spread over 2–18 instances where one instance is not enough."));
    layout->addWidget(m_expertParallel);
    connect(m_expertParallel, &QCheckBox::toggled, this, [this](bool on) {
        edit(tr("Toggle expert-parallel layouts"), [on](Scenario& s) { s.expertParallel = on; });
    });
    auto* layouts = new QFormLayout;
    m_mtp = new QComboBox(box);
    for (MtpMode mode : models::EnumLabels::mtpModes())
        m_mtp->addItem(models::EnumLabels::label(mode), static_cast<int>(mode));
    m_mtp->setToolTip(tr("Multi-token prediction with the model's MTP head (DeepSeek-R1): %1 draft token, "
                         "acceptance %2 % (DeepSeek-V3 technical report: 85–90 %).")
                          .arg(kDefaultMtpDraftTokens)
                          .arg(kDefaultMtpAcceptanceRate * 100));
    layouts->addRow(tr("&MTP:"), m_mtp);
    connect(m_mtp, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = static_cast<MtpMode>(m_mtp->currentData().toInt());
        edit(tr("Change MTP"), [mode](Scenario& s) { s.mtp = mode; });
    });
    m_disaggregation = new QComboBox(box);
    for (DisaggregationMode mode : models::EnumLabels::disaggregationModes())
        m_disaggregation->addItem(models::EnumLabels::label(mode), static_cast<int>(mode));
    m_disaggregation->setToolTip(tr("Separate prefill and decode pools, sized for the SLOs; kept where cheaper "
                                    "than one kind of replica."));
    layouts->addRow(tr("Prefill/decode &pools:"), m_disaggregation);
    connect(m_disaggregation, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = static_cast<DisaggregationMode>(m_disaggregation->currentData().toInt());
        edit(tr("Change disaggregation"), [mode](Scenario& s) { s.disaggregation = mode; });
    });
    layout->addLayout(layouts);
    m_showBothModes = new QCheckBox(tr("Show aggregated and disaggregated plans &both"), box);
    layout->addWidget(m_showBothModes);
    connect(m_showBothModes, &QCheckBox::toggled, this,
            [this](bool on) { edit(tr("Toggle both serving modes"), [on](Scenario& s) { s.showBothModes = on; }); });
    return box;
}

QWidget* ScenarioPanel::buildWorkloadSection() {
    auto* box = new QGroupBox(tr("Workload"), this);
    auto* form = new QFormLayout(box);
    m_workloadPreset = new QComboBox(box);
    for (WorkloadPreset preset : models::EnumLabels::workloadPresets())
        m_workloadPreset->addItem(models::EnumLabels::label(preset), static_cast<int>(preset));
    m_inputTokens = intSpin(1, 2'000'000, tr(" tokens"), box);
    m_outputTokens = intSpin(1, 1'000'000, tr(" tokens"), box);
    m_qps = doubleSpin(0.01, 1e6, 2, tr(" req/s"), box);
    m_cacheHit = doubleSpin(0, 99, 1, tr(" %"), box);
    m_cacheHit->setToolTip(tr("Share of requests answered by a response cache (they need no GPU)"));
    form->addRow(tr("Pre&set:"), m_workloadPreset);
    form->addRow(tr("Prompt &length (mean):"), m_inputTokens);
    form->addRow(tr("&Output length (mean):"), m_outputTokens);
    form->addRow(tr("Peak re&quest rate:"), m_qps);
    form->addRow(tr("Cache &hit rate:"), m_cacheHit);
    m_prefixCacheHit = doubleSpin(0, 99, 1, tr(" %"), box);
    m_prefixCacheHit->setToolTip(tr("Share of prompt tokens served from the engine's prefix cache (shared system "
                                    "prompts, earlier turns): they skip prefill"));
    form->addRow(tr("Prefi&x cache hit rate:"), m_prefixCacheHit);
    connect(m_prefixCacheHit, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        edit(
            tr("Change prefix cache hit rate"),
            [percent](Scenario& s) { s.workload.prefixCacheHitRate = percent / 100.0; }, PrefixCacheField);
    });

    connect(m_workloadPreset, &QComboBox::currentIndexChanged, this, [this] {
        const auto preset = static_cast<WorkloadPreset>(m_workloadPreset->currentData().toInt());
        edit(tr("Choose workload preset"), [preset](Scenario& s) {
            s.workloadPreset = preset;
            if (preset != WorkloadPreset::Custom) {
                const double prefix = s.workload.prefixCacheHitRate; // a preset sets the lengths only
                s.workload = workloadForPreset(preset);
                s.workload.prefixCacheHitRate = prefix;
            }
        });
    });
    connect(m_inputTokens, &QSpinBox::valueChanged, this, [this](int tokens) {
        edit(
            tr("Change prompt length"),
            [tokens](Scenario& s) {
                s.workload.inputTokens = withMean(s.workload.inputTokens, tokens);
                s.workloadPreset = WorkloadPreset::Custom;
            },
            InputField);
    });
    connect(m_outputTokens, &QSpinBox::valueChanged, this, [this](int tokens) {
        edit(
            tr("Change output length"),
            [tokens](Scenario& s) {
                s.workload.outputTokens = withMean(s.workload.outputTokens, tokens);
                s.workloadPreset = WorkloadPreset::Custom;
            },
            OutputField);
    });
    connect(m_qps, &QDoubleSpinBox::valueChanged, this, [this](double qps) {
        edit(
            tr("Change request rate"), [qps](Scenario& s) { s.qps = qps; }, QpsField);
    });
    connect(m_cacheHit, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        edit(
            tr("Change cache hit rate"), [percent](Scenario& s) { s.cacheHitRate = percent / 100.0; }, CacheField);
    });
    return box;
}

QWidget* ScenarioPanel::buildSloSection() {
    auto* box = new QGroupBox(tr("Latency targets (SLO)"), this);
    auto* form = new QFormLayout(box);
    m_ttft = doubleSpin(0, 600'000, 0, tr(" ms"), box);
    m_ttft->setSpecialValueText(tr("no target"));
    m_tpot = doubleSpin(0, 10'000, 1, tr(" ms"), box);
    m_tpot->setSpecialValueText(tr("no target"));
    m_percentile = new QComboBox(box);
    for (double p : {0.5, 0.9, 0.95, 0.99})
        m_percentile->addItem(tr("p%1").arg(std::lround(p * 100)), p);
    form->addRow(tr("&Time to first token:"), m_ttft);
    form->addRow(tr("Time &per output token:"), m_tpot);
    form->addRow(tr("Percen&tile:"), m_percentile);
    connect(m_ttft, &QDoubleSpinBox::valueChanged, this, [this](double ms) {
        edit(
            tr("Change TTFT target"), [ms](Scenario& s) { s.slo.ttftMs = ms; }, TtftField);
    });
    connect(m_tpot, &QDoubleSpinBox::valueChanged, this, [this](double ms) {
        edit(
            tr("Change TPOT target"), [ms](Scenario& s) { s.slo.tpotMs = ms; }, TpotField);
    });
    connect(m_percentile, &QComboBox::currentIndexChanged, this, [this] {
        const double p = m_percentile->currentData().toDouble();
        edit(tr("Change SLO percentile"), [p](Scenario& s) { s.slo.ttftPercentile = s.slo.tpotPercentile = p; });
    });
    return box;
}

QWidget* ScenarioPanel::buildMoneySection() {
    auto* box = new QGroupBox(tr("Cost"), this);
    auto* form = new QFormLayout(box);
    m_pricing = new QComboBox(box);
    for (PricingPlan plan : allPricingPlans()) // every plan, under the one label table's names
        m_pricing->addItem(models::PricingPlanLabels::label(plan), static_cast<int>(plan));
    m_currency = new QComboBox(box);
    m_hoursPerMonth = new QComboBox(box);
    m_hoursPerMonth->addItem(tr("730 h (cloud convention)"), 730.0);
    m_hoursPerMonth->addItem(tr("720 h (24 × 30)"), 720.0);
    m_budget = doubleSpin(0, 1e9, 0, QString(), box);
    m_budget->setSpecialValueText(tr("no budget"));
    m_budget->setGroupSeparatorShown(true);
    form->addRow(tr("Pricing p&lan:"), m_pricing);
    form->addRow(tr("C&urrency:"), m_currency);
    form->addRow(tr("Hours per mont&h:"), m_hoursPerMonth);
    form->addRow(tr("Monthly &budget:"), m_budget);
    connect(m_pricing, &QComboBox::currentIndexChanged, this, [this] {
        const auto plan = static_cast<PricingPlan>(m_pricing->currentData().toInt());
        edit(tr("Change pricing plan"), [plan](Scenario& s) { s.pricing = plan; });
    });
    connect(m_currency, &QComboBox::currentIndexChanged, this, [this] {
        const std::string code = m_currency->currentData().toString().toStdString();
        m_budget->setSuffix(QLatin1Char(' ') + m_currency->currentData().toString() + tr("/month"));
        if (!code.empty())
            edit(tr("Change currency"), [code](Scenario& s) { s.currency = code; });
    });
    connect(m_hoursPerMonth, &QComboBox::currentIndexChanged, this, [this] {
        const double hours = m_hoursPerMonth->currentData().toDouble();
        edit(tr("Change hours per month"), [hours](Scenario& s) { s.hoursPerMonth = hours; });
    });
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, [this](double budget) {
        edit(
            tr("Change budget"), [budget](Scenario& s) { s.monthlyBudget = budget; }, BudgetField);
    });
    return box;
}

QWidget* ScenarioPanel::buildTrafficSection() {
    auto* box = new QGroupBox(tr("Traffic over the day"), this);
    auto* form = new QFormLayout(box);
    m_traffic = new TrafficEditor(box);
    m_autoscaling = new QCheckBox(tr("Simulate &autoscaling over the profile"), box);
    m_minReplicas = intSpin(0, 10'000, QString(), box);
    m_maxReplicas = intSpin(0, 10'000, QString(), box);
    m_maxReplicas->setSpecialValueText(tr("no limit"));
    form->addRow(tr("Pro&file:"), m_traffic);
    form->addRow(m_autoscaling);
    form->addRow(tr("Min replicas:"), m_minReplicas);
    form->addRow(tr("Max replicas:"), m_maxReplicas);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(m_traffic)))
        label->setBuddy(m_traffic->presetCombo());
    connect(m_traffic, &TrafficEditor::profileEdited, this, [this](const TrafficProfile& profile) {
        edit(tr("Change traffic profile"), [profile](Scenario& s) { s.traffic = profile; });
    });
    connect(m_autoscaling, &QCheckBox::toggled, this,
            [this](bool on) { edit(tr("Toggle autoscaling"), [on](Scenario& s) { s.autoscaling.enabled = on; }); });
    connect(m_minReplicas, &QSpinBox::valueChanged, this, [this](int n) {
        edit(
            tr("Change minimum replicas"), [n](Scenario& s) { s.autoscaling.minReplicas = n; }, MinReplicasField);
    });
    connect(m_maxReplicas, &QSpinBox::valueChanged, this, [this](int n) {
        edit(
            tr("Change maximum replicas"), [n](Scenario& s) { s.autoscaling.maxReplicas = n; }, MaxReplicasField);
    });
    return box;
}

void ScenarioPanel::setCatalog(std::shared_ptr<const Catalog> catalog) {
    m_catalog = std::move(catalog);
    const QLocale locale;
    std::vector<PickerEntry> models;
    for (const ModelSpec& m : m_catalog->models) {
        const QString params =
            m.isMoe() ? tr("%1 B (%2 B active)")
                            .arg(locale.toString(m.paramsB, 'g', 4), locale.toString(m.activeParamsB, 'g', 4))
                      : tr("%1 B").arg(locale.toString(m.paramsB, 'g', 4));
        models.push_back({qtText(m.id),
                          qtText(m.family),
                          {qtText(m.name), params, models::EnumLabels::label(m.attention)},
                          qtText(m.hfRepo)});
    }
    m_models->setEntries(models);

    std::vector<PickerEntry> gpus;
    for (const GpuSpec& g : m_catalog->gpus)
        gpus.push_back({qtText(g.id),
                        qtText(g.vendor),
                        {qtText(g.name), tr("%1 GB").arg(locale.toString(g.memoryGb, 'g', 4)),
                         tr("%1 GB/s").arg(locale.toString(g.memoryBandwidthGBps, 'f', 0))},
                        g.migMaxInstances > 0 ? tr("MIG: up to %1 slices").arg(g.migMaxInstances) : QString()});
    m_gpus->setEntries(gpus);

    std::map<std::string, int> providerCounts;
    std::map<std::pair<std::string, std::string>, bool> regions;
    std::vector<PickerEntry> instances;
    for (const InstanceSpec& i : m_catalog->instances) {
        ++providerCounts[i.provider];
        regions[{i.provider, i.region}] = true;
        const Price* onDemand = i.price(PricingPlan::OnDemand);
        const QString price =
            onDemand ? tr("%1 %2/h").arg(locale.toString(onDemand->amount, 'f', 2), qtText(onDemand->currency))
                     : QStringLiteral("—");
        const QString gpusText = tr("%1 × %2").arg(locale.toString(i.gpuCount, 'g', 3), qtText(i.gpuName));
        instances.push_back({qtText(i.key()),
                             qtText(i.provider),
                             {qtText(i.instanceType) + QStringLiteral(" @ ") + qtText(i.region), gpusText, price},
                             qtText(i.source)});
    }
    m_instances->setEntries(instances);
    std::vector<PickerEntry> providers;
    for (const auto& [provider, count] : providerCounts)
        providers.push_back({qtText(provider), {}, {qtText(provider), QString::number(count)}, {}});
    m_providers->setEntries(providers);
    std::vector<PickerEntry> regionEntries;
    for (const auto& [key, unused] : regions)
        regionEntries.push_back({qtText(key.second), qtText(key.first), {qtText(key.second)}, {}});
    m_regions->setEntries(regionEntries);
    refreshCurrencies();
    refresh();
}

void ScenarioPanel::refreshCurrencies() {
    const QSignalBlocker blocker(m_currency);
    QStringList codes{QStringLiteral("USD")};
    if (m_catalog)
        for (const FxRate& rate : m_catalog->fxRates)
            if (!codes.contains(qtText(rate.currency)))
                codes.append(qtText(rate.currency));
    // Currencies the user gave a rate in Edit ▸ Preferences can be planned in too.
    for (const QString& code : AppSettings::fxOverrides().keys())
        if (!codes.contains(code))
            codes.append(code);
    m_currency->clear();
    for (const QString& code : codes)
        m_currency->addItem(code, code);
}

void ScenarioPanel::refresh() {
    // Shows the document's value; the blockers keep this from recording edits of its own.
    m_refreshing = true;
    const Scenario& s = m_document->scenario();
    if (!m_name->hasFocus())
        m_name->setText(qtText(s.name));
    m_models->setCheckedIds(s.models);
    m_gpus->setCheckedIds(s.gpus);
    m_providers->setCheckedIds(s.providers);
    m_regions->setCheckedIds(s.regions);
    m_instances->setCheckedIds(s.instances);
    const auto setChecked = [](QCheckBox* box, bool on) {
        const QSignalBlocker blocker(box);
        box->setChecked(on);
    };
    setChecked(m_allowMig, s.allowMig);
    setChecked(m_multiNode, s.allowMultiNode);
    setChecked(m_useCalibration, s.useCalibration);
    setChecked(m_expertParallel, s.expertParallel);
    setChecked(m_showBothModes, s.showBothModes);
    for (auto& [precision, box] : m_precisions)
        setChecked(box, std::find(s.precisions.begin(), s.precisions.end(), precision) != s.precisions.end());
    for (auto& [engine, box] : m_engines)
        setChecked(box, std::find(s.engines.begin(), s.engines.end(), engine) != s.engines.end());
    setChecked(m_autoscaling, s.autoscaling.enabled);
    const auto setCombo = [](QComboBox* combo, const QVariant& data) {
        const QSignalBlocker blocker(combo);
        const int index = combo->findData(data);
        if (index >= 0)
            combo->setCurrentIndex(index);
    };
    setCombo(m_kvPrecision, s.kvCachePrecision ? static_cast<int>(*s.kvCachePrecision) : -1);
    setCombo(m_workloadPreset, static_cast<int>(s.workloadPreset));
    setCombo(m_mtp, static_cast<int>(s.mtp));
    setCombo(m_disaggregation, static_cast<int>(s.disaggregation));
    setCombo(m_percentile, s.slo.ttftPercentile);
    setCombo(m_pricing, static_cast<int>(s.pricing));
    if (m_currency->findData(qtText(s.currency)) < 0) {
        // A currency without a rate (from a file or the preferences) shows as itself, not as another one;
        // the plans then say which rate is missing.
        const QSignalBlocker blocker(m_currency);
        m_currency->addItem(qtText(s.currency), qtText(s.currency));
    }
    setCombo(m_currency, qtText(s.currency));
    setCombo(m_hoursPerMonth, s.hoursPerMonth);
    m_budget->setSuffix(QLatin1Char(' ') + qtText(s.currency) + tr("/month"));
    const auto setSpin = [](auto* spin, auto value) {
        const QSignalBlocker blocker(spin);
        spin->setValue(value);
    };
    setSpin(m_inputTokens, static_cast<int>(std::lround(s.workload.inputTokens.mean)));
    setSpin(m_outputTokens, static_cast<int>(std::lround(s.workload.outputTokens.mean)));
    setSpin(m_qps, s.qps);
    setSpin(m_cacheHit, s.cacheHitRate * 100.0);
    setSpin(m_prefixCacheHit, s.workload.prefixCacheHitRate * 100.0);
    setSpin(m_ttft, s.slo.ttftMs);
    setSpin(m_tpot, s.slo.tpotMs);
    setSpin(m_budget, s.monthlyBudget);
    setSpin(m_minReplicas, s.autoscaling.minReplicas);
    setSpin(m_maxReplicas, s.autoscaling.maxReplicas);
    m_traffic->setProfile(s.traffic);
    m_refreshing = false;
}

} // namespace serveplan::ui
