#include "dialogs/InstanceDialog.h"

#include "PricingPlanLabels.h"
#include "catalog/CatalogCsv.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>

namespace serveplan::ui {

InstanceDialog::InstanceDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Add Instance"));
    m_provider = new QLineEdit(QStringLiteral("onprem"), this);
    m_type = new QLineEdit(this);
    m_region = new QLineEdit(QStringLiteral("default"), this);
    m_gpu = new QLineEdit(this);
    m_gpu->setPlaceholderText(tr("GPU id or name, e.g. h100-sxm"));
    m_gpuCount = new QDoubleSpinBox(this);
    m_gpuCount->setRange(0, 64);
    m_gpuCount->setValue(8);
    m_onPrem = new QCheckBox(tr("On-premises (owned hardware)"), this);
    m_onPrem->setChecked(true);
    m_plan = new QComboBox(this);
    for (PricingPlan plan : allPricingPlans())
        m_plan->addItem(models::PricingPlanLabels::label(plan), QString::fromUtf8(toString(plan)));
    m_amount = new QDoubleSpinBox(this);
    m_amount->setRange(0, 1e9);
    m_amount->setDecimals(4);
    m_currency = new QLineEdit(QStringLiteral("USD"), this);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Provider:"), m_provider);
    form->addRow(tr("Instance &type:"), m_type);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("&GPU:"), m_gpu);
    form->addRow(tr("GPU &count:"), m_gpuCount);
    form->addRow(QString(), m_onPrem);
    form->addRow(tr("Pricing p&lan:"), m_plan);
    form->addRow(tr("Pr&ice:"), m_amount);
    form->addRow(tr("C&urrency:"), m_currency);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    const auto updateOk = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!m_provider->text().trimmed().isEmpty() && !m_type->text().trimmed().isEmpty() &&
                         !m_region->text().trimmed().isEmpty() && m_currency->text().trimmed().size() == 3);
    };
    for (QLineEdit* edit : {m_provider, m_type, m_region, m_currency})
        connect(edit, &QLineEdit::textChanged, this, updateOk);
    updateOk();
}

InstanceSpec InstanceDialog::instance() const {
    InstanceSpec s;
    s.provider = m_provider->text().trimmed().toStdString();
    s.instanceType = m_type->text().trimmed().toStdString();
    s.region = m_region->text().trimmed().toStdString();
    s.gpuName = m_gpu->text().trimmed().toStdString();
    s.gpuId = s.gpuName; // kept only when it names a catalog GPU (the caller checks)
    s.gpuCount = m_gpuCount->value();
    s.onPrem = m_onPrem->isChecked();
    s.userEntered = true;
    Price price;
    price.plan = parsePricingPlan(m_plan->currentData().toString().toStdString()).value_or(PricingPlan::OnDemand);
    price.amount = m_amount->value();
    price.currency = m_currency->text().trimmed().toUpper().toStdString();
    price.unit = CatalogCsv::unitOf(price.plan);
    price.userEntered = true;
    s.prices.push_back(price);
    return s;
}

} // namespace serveplan::ui
