#pragma once
// Custom item-data roles shared by the catalog's item models, so views and plots read the same values.
#include <Qt>

namespace serveplan::models {

enum CatalogRole : int {
    SortRole = Qt::UserRole + 1, ///< a number or text to sort by; a missing value sorts after every other
    IdRole,                      ///< the row's key (gpu_id, model_id, provider:type@region)
    UserEnteredRole,             ///< true when the user entered the value (never overwritten by the seed)
    MissingRole,                 ///< true when the cell has no value (shown as an em dash, never as 0)
    StaleRole,                   ///< true when a price is older than the staleness threshold (or undated)
    SuspectRole,                 ///< true when a price's source flags it SUSPECT
    PriceHistoryRole,            ///< a price cell's dated history: list of [date, amount, currency, source]
};

} // namespace serveplan::models
