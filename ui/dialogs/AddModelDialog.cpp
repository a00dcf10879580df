#include "dialogs/AddModelDialog.h"

#include "CatalogDb.h"
#include "EnumLabels.h"
#include "UserCatalog.h"
#include "catalog/HfConfig.h"
#include "document/Prompts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cstring>

namespace serveplan::ui {

namespace {

// The integer architecture fields of ModelSpec the form edits, by name.
struct IntField {
    const char* name;
    int ModelSpec::*member;
};

constexpr IntField kIntFields[] = {
    {"layers", &ModelSpec::numLayers},
    {"hidden", &ModelSpec::hiddenSize},
    {"intermediate", &ModelSpec::intermediateSize},
    {"heads", &ModelSpec::numAttentionHeads},
    {"kvHeads", &ModelSpec::numKvHeads},
    {"headDim", &ModelSpec::headDim},
    {"vocab", &ModelSpec::vocabSize},
    {"context", &ModelSpec::maxPositionEmbeddings},
    {"experts", &ModelSpec::numExperts},
    {"expertsPerToken", &ModelSpec::numExpertsPerTok},
    {"sharedExperts", &ModelSpec::numSharedExperts},
    {"expertWidth", &ModelSpec::moeIntermediateSize},
    {"denseLayers", &ModelSpec::firstKDenseLayers},
    {"kvLoraRank", &ModelSpec::kvLoraRank},
    {"qLoraRank", &ModelSpec::qLoraRank},
    {"ropeHeadDim", &ModelSpec::qkRopeHeadDim},
    {"nopeHeadDim", &ModelSpec::qkNopeHeadDim},
    {"vHeadDim", &ModelSpec::vHeadDim},
};

} // namespace

AddModelDialog::AddModelDialog(models::CatalogDb& db, QWidget* parent, Prompts* prompts)
    : QDialog(parent)
    , m_db(db)
    , m_prompts(prompts) {
    setWindowTitle(tr("Add Model"));
    m_id = new QLineEdit(this);
    m_id->setPlaceholderText(tr("a unique id, e.g. my-llama-8b"));
    m_name = new QLineEdit(this);
    m_family = new QLineEdit(this);
    m_attention = new QComboBox(this);
    for (AttentionType attention : models::EnumLabels::attentionTypes())
        m_attention->addItem(models::EnumLabels::label(attention), int(attention));
    m_tied = new QCheckBox(tr("Input and output embeddings tied"), this);
    m_parameters = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* fromFile = new QPushButton(tr("&Load config.json…"), this);
    connect(fromFile, &QPushButton::clicked, this, &AddModelDialog::chooseConfig);

    auto* form = new QFormLayout;
    form->addRow(QString(), fromFile);
    form->addRow(tr("&Id:"), m_id);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Family:"), m_family);
    form->addRow(tr("&Attention:"), m_attention);
    form->addRow(tr("Layers:"), addField("layers", tr("Layers"), 1000));
    form->addRow(tr("Hidden size:"), addField("hidden", tr("Hidden size"), 1 << 17));
    form->addRow(tr("MLP width:"), addField("intermediate", tr("MLP width"), 1 << 20));
    form->addRow(tr("Attention heads:"), addField("heads", tr("Attention heads"), 4096));
    form->addRow(tr("KV heads:"), addField("kvHeads", tr("KV heads"), 4096));
    form->addRow(tr("Head dimension:"), addField("headDim", tr("Head dimension"), 4096));
    form->addRow(tr("Vocabulary:"), addField("vocab", tr("Vocabulary"), 1 << 22));
    form->addRow(tr("Context length:"), addField("context", tr("Context length"), 1 << 24));
    form->addRow(QString(), m_tied);
    form->addRow(tr("Routed experts:"), addField("experts", tr("Routed experts"), 4096));
    form->addRow(tr("Experts per token:"), addField("expertsPerToken", tr("Experts per token"), 4096));
    form->addRow(tr("Shared experts:"), addField("sharedExperts", tr("Shared experts"), 4096));
    form->addRow(tr("Expert MLP width:"), addField("expertWidth", tr("Expert MLP width"), 1 << 20));
    form->addRow(tr("Leading dense layers:"), addField("denseLayers", tr("Leading dense layers"), 1000));
    form->addRow(tr("MLA KV rank:"), addField("kvLoraRank", tr("MLA KV rank"), 1 << 16));
    form->addRow(tr("MLA query rank:"), addField("qLoraRank", tr("MLA query rank"), 1 << 16));
    form->addRow(tr("MLA RoPE head dim:"), addField("ropeHeadDim", tr("MLA RoPE head dim"), 4096));
    form->addRow(tr("MLA no-RoPE head dim:"), addField("nopeHeadDim", tr("MLA no-RoPE head dim"), 4096));
    form->addRow(tr("MLA value head dim:"), addField("vHeadDim", tr("MLA value head dim"), 4096));
    form->addRow(tr("Parameters:"), m_parameters);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_attention, &QComboBox::currentIndexChanged, this, &AddModelDialog::updateParameters);
    connect(m_tied, &QCheckBox::toggled, this, &AddModelDialog::updateParameters);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    updateParameters();
}

QSpinBox* AddModelDialog::addField(const char* name, const QString& label, int maximum) {
    auto* box = new QSpinBox(this);
    box->setRange(0, maximum);
    box->setAccessibleName(label);
    box->setGroupSeparatorShown(true);
    connect(box, &QSpinBox::valueChanged, this, &AddModelDialog::updateParameters);
    m_fields.emplace_back(name, box);
    return box;
}

QSpinBox* AddModelDialog::field(const char* name) const {
    for (const auto& [key, box] : m_fields)
        if (std::strcmp(key, name) == 0)
            return box;
    return nullptr;
}

ModelSpec AddModelDialog::spec() const {
    ModelSpec s = m_loaded;
    s.id = m_id->text().trimmed().toStdString();
    s.name = m_name->text().trimmed().toStdString();
    s.family = m_family->text().trimmed().toStdString();
    s.attention = static_cast<AttentionType>(m_attention->currentData().toInt());
    s.tieEmbeddings = m_tied->isChecked();
    for (const IntField& f : kIntFields)
        s.*(f.member) = field(f.name)->value();
    if (s.attention != AttentionType::MLA)
        s.kvLoraRank = s.qLoraRank = s.qkRopeHeadDim = s.qkNopeHeadDim = s.vHeadDim = 0;
    const ParameterCount count = countParameters(s);
    s.paramsB = count.total / 1e9;
    s.activeParamsB = count.active / 1e9;
    s.userEntered = true;
    return s;
}

void AddModelDialog::updateParameters() {
    const ModelSpec s = spec();
    m_parameters->setText(
        s.isMoe() ? tr("%1 B total, %2 B active per token")
                        .arg(QLocale().toString(s.paramsB, 'f', 3), QLocale().toString(s.activeParamsB, 'f', 3))
                  : tr("%1 B").arg(QLocale().toString(s.paramsB, 'f', 3)));
}

bool AddModelDialog::loadConfig(const QString& path) {
    auto parsed = readHfConfigFile(path.toStdString());
    if (!parsed) {
        m_status->setText(QString::fromStdString(parsed.error()));
        return false;
    }
    m_loaded = *parsed;
    m_loaded.source = "config.json: " + QFileInfo(path).fileName().toStdString();
    for (const IntField& f : kIntFields)
        field(f.name)->setValue(m_loaded.*(f.member));
    m_attention->setCurrentIndex(m_attention->findData(int(m_loaded.attention)));
    m_tied->setChecked(m_loaded.tieEmbeddings);
    if (m_name->text().isEmpty() && !m_loaded.hfRepo.empty())
        m_name->setText(QString::fromStdString(m_loaded.hfRepo).section(QLatin1Char('/'), -1));
    m_status->setText(
        tr("Read %1 (%2).").arg(QFileInfo(path).fileName(), QString::fromStdString(m_loaded.architecture)));
    updateParameters();
    return true;
}

bool AddModelDialog::save() {
    const ModelSpec s = spec();
    models::UserCatalog user(m_db);
    auto saved = user.saveModel(s);
    if (!saved) {
        m_status->setText(QString::fromStdString(saved.error()));
        return false;
    }
    emit modelAdded(QString::fromStdString(s.id));
    return true;
}

void AddModelDialog::chooseConfig() {
    const QString path =
        promptsOrDialogs(m_prompts).openFileName(this, tr("Open config.json"), tr("Model configuration (*.json)"));
    if (!path.isEmpty())
        loadConfig(path);
}

} // namespace serveplan::ui
