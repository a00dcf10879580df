#pragma once
// The catalog's GPUs as a table: one row per GPU, one column per spec. Missing values show as "—".
#include "catalog/Catalog.h"

#include <QAbstractTableModel>

#include <memory>

namespace serveplan::models {

class GpuTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int {
        Id,
        Vendor,
        Name,
        Architecture,
        MemoryGb,
        MemoryType,
        BandwidthGBps,
        Bf16Tflops,
        Fp8Tflops,
        Int8Tops,
        Fp4Tflops,
        TdpW,
        Interconnect,
        MigInstances,
        ReleaseYear,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit GpuTableModel(QObject* parent = nullptr);
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    const GpuSpec* gpuAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const GpuSpec& gpu, int column, int role) const;
    std::shared_ptr<const Catalog> m_catalog;
};

} // namespace serveplan::models
