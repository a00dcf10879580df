#pragma once
// Draws catalog cells: values the user entered in bold, missing values ("—") greyed.
#include <QStyledItemDelegate>

namespace serveplan::ui {

class CatalogItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace serveplan::ui
