#include "TrafficEditor.h"

#include "EnumLabels.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace serveplan::ui {

TrafficEditor::TrafficEditor(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_table(new QTableWidget(kRows, kColumns, this)) {
    for (TrafficPreset preset : models::EnumLabels::trafficPresets()) // the report shows the same labels
        m_preset->addItem(models::EnumLabels::label(preset), static_cast<int>(preset));

    // A day as 4 rows of 6 hours, so all 24 values fit the panel's width without scrolling.
    QStringList columns, rows;
    for (int c = 0; c < kColumns; ++c)
        columns.append(tr("+%1 h").arg(c));
    for (int r = 0; r < kRows; ++r)
        rows.append(QStringLiteral("%1:00").arg(r * kColumns, 2, 10, QLatin1Char('0')));
    m_table->setHorizontalHeaderLabels(columns);
    m_table->setVerticalHeaderLabels(rows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            kRows * m_table->verticalHeader()->defaultSectionSize() + 4);
    m_table->setToolTip(tr("Share of the peak request rate in each hour of the day, in percent"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_table);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        TrafficProfile edited;
        edited.preset = static_cast<TrafficPreset>(m_preset->currentData().toInt());
        if (edited.preset == TrafficPreset::Custom)
            edited.hourly = tableFractions();
        emit profileEdited(edited);
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        TrafficProfile edited;
        edited.preset = TrafficPreset::Custom;
        edited.hourly = tableFractions();
        emit profileEdited(edited);
    });
}

void TrafficEditor::setProfile(const TrafficProfile& profile) {
    m_updating = true;
    m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(profile.preset)));
    std::vector<double> fractions = profile.fractions();
    fractions.resize(24, 1.0); // a week profile shows its first day
    showFractions(fractions);
    m_updating = false;
}

TrafficProfile TrafficEditor::profile() const {
    TrafficProfile result;
    result.preset = static_cast<TrafficPreset>(m_preset->currentData().toInt());
    if (result.preset == TrafficPreset::Custom)
        result.hourly = tableFractions();
    return result;
}

void TrafficEditor::showFractions(const std::vector<double>& fractions) {
    const QLocale locale;
    for (int h = 0; h < 24; ++h) {
        const double percent = 100.0 * fractions[static_cast<std::size_t>(h)];
        auto* item = new QTableWidgetItem(locale.toString(percent, 'f', 0));
        item->setTextAlignment(Qt::AlignCenter);
        m_table->setItem(h / kColumns, h % kColumns, item);
    }
}

std::vector<double> TrafficEditor::tableFractions() const {
    const QLocale locale;
    std::vector<double> fractions(24, 1.0);
    for (int h = 0; h < 24; ++h) {
        const QTableWidgetItem* item = m_table->item(h / kColumns, h % kColumns);
        bool ok = false;
        const double percent = item ? locale.toDouble(item->text(), &ok) : 100.0;
        fractions[static_cast<std::size_t>(h)] = ok ? std::clamp(percent / 100.0, 0.0, 1.0) : 1.0;
    }
    return fractions;
}

} // namespace serveplan::ui
