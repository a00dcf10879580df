#pragma once
// Tools ▸ Add GPU: an accelerator typed in by hand (memory, bandwidth, peak throughput per format),
// stored as a user entry.
#include "catalog/GpuSpec.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace serveplan::models {
class CatalogDb;
}

namespace serveplan::ui {

class AddGpuDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AddGpuDialog(models::CatalogDb& db, QWidget* parent = nullptr);

    GpuSpec spec() const;
    /// Writes the GPU to the database; false with the reason shown when refused.
    bool save();

    QLineEdit* idEdit() const { return m_id; }
    QLineEdit* vendorEdit() const { return m_vendor; }
    QLineEdit* nameEdit() const { return m_name; }
    QDoubleSpinBox* memoryBox() const { return m_memory; }
    QDoubleSpinBox* bandwidthBox() const { return m_bandwidth; }
    QDoubleSpinBox* bf16Box() const { return m_bf16; }
    QDoubleSpinBox* fp8Box() const { return m_fp8; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void gpuAdded(const QString& id);

private:
    QDoubleSpinBox* number(double maximum, const QString& suffix);

    models::CatalogDb& m_db;
    QLineEdit* m_id = nullptr;
    QLineEdit* m_vendor = nullptr;
    QLineEdit* m_name = nullptr;
    QDoubleSpinBox* m_memory = nullptr;
    QDoubleSpinBox* m_bandwidth = nullptr;
    QDoubleSpinBox* m_fp16 = nullptr;
    QDoubleSpinBox* m_bf16 = nullptr;
    QDoubleSpinBox* m_fp8 = nullptr;
    QDoubleSpinBox* m_int8 = nullptr;
    QDoubleSpinBox* m_link = nullptr;
    QDoubleSpinBox* m_tdp = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace serveplan::ui
