#pragma once
// Adds a custom cloud instance or an on-premises machine with one price (Price Editor ▸ Add Instance).
#include "catalog/InstanceSpec.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

namespace serveplan::ui {

class InstanceDialog final : public QDialog {
    Q_OBJECT
public:
    explicit InstanceDialog(QWidget* parent = nullptr);

    /// The instance as entered, with its one price; flagged user-entered.
    InstanceSpec instance() const;

    QLineEdit* providerEdit() const { return m_provider; }
    QLineEdit* typeEdit() const { return m_type; }
    QLineEdit* regionEdit() const { return m_region; }
    QLineEdit* gpuEdit() const { return m_gpu; }
    QDoubleSpinBox* gpuCountBox() const { return m_gpuCount; }
    QCheckBox* onPremBox() const { return m_onPrem; }
    QComboBox* planBox() const { return m_plan; }
    QDoubleSpinBox* amountBox() const { return m_amount; }
    QLineEdit* currencyEdit() const { return m_currency; }

private:
    QLineEdit* m_provider = nullptr;
    QLineEdit* m_type = nullptr;
    QLineEdit* m_region = nullptr;
    QLineEdit* m_gpu = nullptr;
    QDoubleSpinBox* m_gpuCount = nullptr;
    QCheckBox* m_onPrem = nullptr;
    QComboBox* m_plan = nullptr;
    QDoubleSpinBox* m_amount = nullptr;
    QLineEdit* m_currency = nullptr;
};

} // namespace serveplan::ui
