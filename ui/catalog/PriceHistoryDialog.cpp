#include "PriceHistoryDialog.h"

#include "PriceHistoryModel.h"
#include "PricingPlanLabels.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace serveplan::ui {

PriceHistoryDialog::PriceHistoryDialog(const InstanceSpec& instance, PricingPlan plan, const QString& priceDate,
                                       QWidget* parent)
    : QDialog(parent)
    , m_instance(instance)
    , m_priceDate(priceDate)
    , m_model(new models::PriceHistoryModel(this))
    , m_plans(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this)) {
    setWindowTitle(tr("Price History — %1").arg(QString::fromStdString(instance.key())));
    for (PricingPlan p : kPricingPlans)
        m_plans->addItem(models::PricingPlanLabels::label(p), static_cast<int>(p));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    auto* planLabel = new QLabel(tr("&Plan:"), this);
    planLabel->setBuddy(m_plans);
    form->addRow(planLabel, m_plans);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(m_plans, &QComboBox::currentIndexChanged, this, &PriceHistoryDialog::showPlan);
    setPlan(plan);
    showPlan();         // when `plan` is the combo's first entry, no index change fired
    m_view->setFocus(); // the rows first; Tab reaches the plan combo
    resize(900, 360);
}

void PriceHistoryDialog::setPlan(PricingPlan plan) {
    m_plans->setCurrentIndex(m_plans->findData(static_cast<int>(plan)));
}

PricingPlan PriceHistoryDialog::plan() const {
    return static_cast<PricingPlan>(m_plans->currentData().toInt());
}

void PriceHistoryDialog::showPlan() {
    m_model->setHistory(m_instance, plan(), m_priceDate);
    m_view->resizeColumnsToContents();
    const int inUse = m_model->inUseRow();
    const QString date = m_priceDate.isEmpty() ? tr("the newest") : m_priceDate;
    if (m_model->rowCount() == 0)
        m_summary->setText(
            tr("No %1 price is stored for this instance.").arg(models::PricingPlanLabels::label(plan())));
    else if (inUse < 0)
        m_summary->setText(tr("Dated prices: %1. None is dated on or before %2, so the planner has no %3 price.")
                               .arg(m_model->rowCount())
                               .arg(date, models::PricingPlanLabels::label(plan())));
    else
        m_summary->setText(tr("Dated prices: %1. The planner uses the marked one for the price date (%2).")
                               .arg(m_model->rowCount())
                               .arg(date));
    if (inUse >= 0)
        m_view->selectRow(inUse);
}

} // namespace serveplan::ui
