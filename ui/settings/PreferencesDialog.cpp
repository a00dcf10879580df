#include "settings/PreferencesDialog.h"

#include "settings/AppSettings.h"
#include "settings/Appearance.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace serveplan::ui {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    m_language = new QComboBox(this);
    // Each language is named in itself, so a user who cannot read the current one still finds theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QString::fromUtf8("简体中文"), QStringLiteral("zh_CN"));
    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Follow the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_currency = new QComboBox(this);
    m_currency->setEditable(true);
    for (const char* code : {"USD", "CNY", "EUR", "GBP", "JPY", "KRW", "INR", "SGD", "HKD"})
        m_currency->addItem(QString::fromLatin1(code));
    m_hours = new QComboBox(this);
    m_hours->addItem(tr("730 hours (8760 / 12, cloud billing)"), 730);
    m_hours->addItem(tr("720 hours (30 days)"), 720);
    m_staleMonths = new QSpinBox(this);
    m_staleMonths->setRange(0, 120);
    m_staleMonths->setSuffix(tr(" months"));
    m_staleMonths->setSpecialValueText(tr("never"));
    m_staleMonths->setToolTip(tr("Prices dated longer ago than this are marked ⚠ in the catalog, the plan "
                                 "details and the report's price sources."));

    auto* form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("&Currency:"), m_currency);
    form->addRow(tr("&Hours per month:"), m_hours);
    form->addRow(tr("Mark prices older than:"), m_staleMonths);
    auto* note = new QLabel(tr("Some labels change language only after a restart."), this);
    note->setWordWrap(true);
    form->addRow(QString(), note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buildFxEditor());
    layout->addWidget(buttons);
    load();
}

QWidget* PreferencesDialog::buildFxEditor() {
    auto* box = new QWidget(this);
    m_fx = new QTableWidget(0, 2, box);
    m_fx->setHorizontalHeaderLabels({tr("Currency"), tr("USD per unit")});
    m_fx->horizontalHeader()->setStretchLastSection(true);
    m_fx->verticalHeader()->hide();
    auto* add = new QPushButton(tr("Add Rate"), box);
    auto* remove = new QPushButton(tr("Remove Rate"), box);
    connect(add, &QPushButton::clicked, this, [this] { addFxRow(QString(), 0); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_fx->currentRow() >= 0)
            m_fx->removeRow(m_fx->currentRow());
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Exchange rates that override the catalog's:"), box));
    layout->addWidget(m_fx);
    layout->addLayout(buttons);
    return box;
}

void PreferencesDialog::addFxRow(const QString& currency, double usdPerUnit) {
    const int row = m_fx->rowCount();
    m_fx->insertRow(row);
    m_fx->setItem(row, 0, new QTableWidgetItem(currency));
    m_fx->setItem(row, 1, new QTableWidgetItem(usdPerUnit > 0 ? QString::number(usdPerUnit, 'g', 8) : QString()));
}

void PreferencesDialog::load() {
    m_language->setCurrentIndex(qMax(0, m_language->findData(AppSettings::language())));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(AppSettings::theme())));
    m_currency->setCurrentText(AppSettings::currency());
    m_hours->setCurrentIndex(qMax(0, m_hours->findData(AppSettings::hoursPerMonth())));
    m_staleMonths->setValue(AppSettings::stalePriceMonths());
    const QMap<QString, double> rates = AppSettings::fxOverrides();
    for (auto it = rates.cbegin(); it != rates.cend(); ++it)
        addFxRow(it.key(), it.value());
}

void PreferencesDialog::save() {
    const QString oldLanguage = AppSettings::language();
    AppSettings::setLanguage(m_language->currentData().toString());
    AppSettings::setTheme(m_theme->currentData().toString());
    AppSettings::setCurrency(m_currency->currentText().trimmed());
    AppSettings::setHoursPerMonth(m_hours->currentData().toInt());
    const bool staleChanged = m_staleMonths->value() != AppSettings::stalePriceMonths();
    AppSettings::setStalePriceMonths(m_staleMonths->value());
    QMap<QString, double> rates;
    for (int row = 0; row < m_fx->rowCount(); ++row) {
        const QString code = m_fx->item(row, 0) ? m_fx->item(row, 0)->text().trimmed() : QString();
        bool ok = false;
        const double rate = m_fx->item(row, 1) ? m_fx->item(row, 1)->text().toDouble(&ok) : 0;
        if (code.size() == 3 && ok && rate > 0)
            rates.insert(code.toUpper(), rate);
    }
    const bool fxChanged = rates != AppSettings::fxOverrides();
    AppSettings::setFxOverrides(rates);
    Appearance::applyTheme(AppSettings::theme());
    if (AppSettings::language() != oldLanguage) {
        Appearance::applyLanguage(AppSettings::language());
        emit languageChanged(AppSettings::language());
    }
    if (fxChanged)
        emit fxOverridesChanged();
    if (staleChanged)
        emit stalePriceMonthsChanged(AppSettings::stalePriceMonths());
}

} // namespace serveplan::ui
