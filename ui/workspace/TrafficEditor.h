#pragma once
// The 24-hour traffic profile: a preset (flat, diurnal, business hours, spiky) or custom hourly shares
// of the peak, edited in a small table. Editing an hour turns the profile into "custom".
#include "scenario/Scenario.h"

#include <QWidget>

class QComboBox;
class QTableWidget;

namespace serveplan::ui {

class TrafficEditor final : public QWidget {
    Q_OBJECT
public:
    explicit TrafficEditor(QWidget* parent = nullptr);

    /// Shows a profile; emits nothing.
    void setProfile(const TrafficProfile& profile);
    TrafficProfile profile() const;
    QComboBox* presetCombo() const { return m_preset; }
    QTableWidget* table() const { return m_table; }

signals:
    /// The user chose a preset or edited an hour.
    void profileEdited(const serveplan::TrafficProfile& profile);

private:
    static constexpr int kRows = 4;
    static constexpr int kColumns = 6;

    void showFractions(const std::vector<double>& fractions);
    std::vector<double> tableFractions() const;

    QComboBox* m_preset;
    QTableWidget* m_table;
    bool m_updating = false;
};

} // namespace serveplan::ui
