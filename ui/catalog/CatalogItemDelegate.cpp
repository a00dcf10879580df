#include "CatalogItemDelegate.h"

#include "CatalogRoles.h"

namespace serveplan::ui {

void CatalogItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(models::UserEnteredRole).toBool())
        option->font.setBold(true);
    if (index.data(models::MissingRole).toBool())
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    // A stale or SUSPECT price: a warning mark before the number (the tooltip says why).
    if (index.data(models::StaleRole).toBool() || index.data(models::SuspectRole).toBool())
        option->text = QStringLiteral("\u26a0 ") + option->text;
}

} // namespace serveplan::ui
