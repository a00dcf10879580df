#include "calibration/LoadTestSetupDialog.h"

#include "EnumLabels.h"
#include "PlanFormat.h"
#include "QtText.h"
#include "perf/PerfTypes.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace serveplan::ui {

namespace {

/// The catalog model a tool's model name is: its Hugging Face repo, id or name, case-insensitively.
int matchModel(const Catalog& catalog, const std::string& name) {
    const QString wanted = qtText(name).trimmed();
    if (wanted.isEmpty())
        return -1;
    for (std::size_t i = 0; i < catalog.models.size(); ++i) {
        const ModelSpec& m = catalog.models[i];
        for (const std::string& candidate : {m.hfRepo, m.id, m.name})
            if (!candidate.empty() && qtText(candidate).compare(wanted, Qt::CaseInsensitive) == 0)
                return static_cast<int>(i);
    }
    return -1;
}

QDoubleSpinBox* tokens(QWidget* parent, double value, const QString& suffix, const QString& notGiven) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0, 10'000'000);
    box->setDecimals(0);
    box->setGroupSeparatorShown(true);
    box->setSuffix(suffix);
    box->setSpecialValueText(notGiven);
    box->setValue(std::round(value));
    return box;
}

} // namespace

LoadTestSetupDialog::LoadTestSetupDialog(const Catalog& catalog, const QString& source, const LoadTestPoint& point,
                                         const QString& gpuId, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Load Test Deployment"));
    const bool vllm = source == QLatin1String("vllm_bench");
    m_file = new QLabel(this);
    m_file->setWordWrap(true);
    QString described =
        vllm ? tr("A vllm bench serve result: %n completed request(s)", nullptr, static_cast<int>(point.completed))
             : tr("A Locust stats file: %n completed request(s)", nullptr, static_cast<int>(point.completed));
    if (!point.modelName.empty())
        described += tr(", model “%1”").arg(qtText(point.modelName));
    if (!vllm)
        described += tr(". Locust does not record token counts: give the mean prompt and answer lengths.");
    m_file->setText(described);

    m_model = new QComboBox(this);
    for (const ModelSpec& m : catalog.models)
        m_model->addItem(tr("%1 (%2)").arg(qtText(m.name), qtText(m.id)), qtText(m.id));
    if (const int match = matchModel(catalog, point.modelName); match >= 0)
        m_model->setCurrentIndex(match);
    m_engine = new QComboBox(this);
    for (ServingEngine e : models::EnumLabels::servingEngines())
        m_engine->addItem(models::EnumLabels::label(e), qtText(toString(e)));
    m_engine->setCurrentIndex(
        m_engine->findData(qtText(toString(vllm ? ServingEngine::Vllm : ServingEngine::Generic))));
    m_gpu = new QComboBox(this);
    for (const GpuSpec& g : catalog.gpus)
        m_gpu->addItem(tr("%1 (%2)").arg(qtText(g.name), qtText(g.id)), qtText(g.id));
    if (const int index = m_gpu->findData(gpuId); index >= 0)
        m_gpu->setCurrentIndex(index);
    m_gpuCount = new QSpinBox(this);
    m_gpuCount->setRange(1, 1024);
    m_tp = new QSpinBox(this);
    m_tp->setRange(1, 1024);
    m_input = tokens(this, point.inputTokensMean, tr(" tokens"), tr("not given"));
    m_output = tokens(this, point.outputTokensMean, tr(" tokens"), tr("not given"));

    auto* form = new QFormLayout(this);
    form->addRow(m_file);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("Serving &engine:"), m_engine);
    form->addRow(tr("&GPU:"), m_gpu);
    form->addRow(tr("GPU &count:"), m_gpuCount);
    form->addRow(tr("&Tensor parallel:"), m_tp);
    form->addRow(tr("Mean &prompt length:"), m_input);
    form->addRow(tr("Mean &answer length:"), m_output);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_model->count() > 0 && m_gpu->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

LoadTestSetup LoadTestSetupDialog::setup() const {
    LoadTestSetup s;
    s.engine = m_engine->currentData().toString().toStdString();
    s.modelId = m_model->currentData().toString().toStdString();
    s.gpuId = m_gpu->currentData().toString().toStdString();
    s.gpuCount = m_gpuCount->value();
    s.tp = m_tp->value();
    s.inputTokens = m_input->value();
    s.outputTokens = m_output->value();
    return s;
}

} // namespace serveplan::ui
