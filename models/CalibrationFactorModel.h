#pragma once
// The efficiency factors fitted to a calibration run (or in use for its GPU): name, value, unit and the
// measurement each came from. The calibration window's results page lists them.
#include "catalog/Calibration.h"

#include "CalibrationTableModel.h"

#include <QAbstractTableModel>

#include <vector>

namespace serveplan::models {

class CalibrationFactorModel final : public CalibrationTableModel<CalibrationFactor> {
    Q_OBJECT
public:
    enum Column : int { Name, Value, Unit, Basis, ColumnCount };
    Q_ENUM(Column)
    /// The factor's value as a number (the Value column shows it rounded).
    static constexpr int ValueRole = Qt::UserRole;

    explicit CalibrationFactorModel(QObject* parent = nullptr);

    /// What a factor's value counts (fraction of a peak, seconds, microseconds, GPUs), translated.
    static QString unitOf(const std::string& name);
    /// What a factor means, for its tooltip (the collective factors); empty when the name says enough.
    static QString descriptionOf(const std::string& name);

    void setFactors(std::vector<CalibrationFactor> factors);
    void clear() { setFactors({}); }
    const std::vector<CalibrationFactor>& factors() const { return m_rows; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
};

} // namespace serveplan::models
