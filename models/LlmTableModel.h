#pragma once
// The catalog's LLM checkpoints as a table: family, size, attention type and shape.
#include "catalog/Catalog.h"

#include <QAbstractTableModel>

#include <memory>

namespace serveplan::models {

class LlmTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int {
        Id,
        Family,
        Name,
        ParamsB,
        ActiveParamsB,
        Attention,
        Layers,
        HiddenSize,
        Heads,
        KvHeads,
        Experts,
        MaxContext,
        NativeDtype,
        HfRepo,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit LlmTableModel(QObject* parent = nullptr);
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    const ModelSpec* modelAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Catalog> m_catalog;
};

} // namespace serveplan::models
