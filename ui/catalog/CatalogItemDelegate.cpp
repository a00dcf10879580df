#include "CatalogItemDelegate.h"

#include "CatalogRoles.h"

namespace serveplan::ui {

void CatalogItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(models::UserEnteredRole).toBool())
        option->font.setBold(true);
    if (index.data(models::MissingRole).toBool())
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
}

} // namespace serveplan::ui
