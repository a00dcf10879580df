#pragma once
// A window with the catalog browser and its counts in the status bar: the catalog on its own
// (Tools ▸ Catalog, tests). The main window shows the same browser as a tab.
#include "catalog/Catalog.h"

#include <QMainWindow>

#include <memory>

namespace serveplan::ui {

class CatalogBrowser;
class Prompts;

class CatalogWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit CatalogWindow(std::shared_ptr<const Catalog> catalog, QWidget* parent = nullptr);
    CatalogBrowser* browser() const { return m_browser; }

    /// Opens the catalog database at `path` and loads it. On failure warns with a clear message
    /// through `prompts` (a message box when null) and returns the embedded seed, or null when even
    /// that fails.
    static std::shared_ptr<const Catalog> loadCatalog(const QString& path, QWidget* parent, Prompts* prompts = nullptr);

private:
    CatalogBrowser* m_browser;
};

} // namespace serveplan::ui
