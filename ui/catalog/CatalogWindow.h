#pragma once
// A window with the catalog browser and its counts in the status bar: the catalog on its own
// (Tools ▸ Catalog, tests). The main window shows the same browser as a tab.
#include "spec/Catalog.h"

#include <QMainWindow>

#include <functional>
#include <memory>

namespace serveplan::ui {

class CatalogBrowser;

class CatalogWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit CatalogWindow(std::shared_ptr<const Catalog> catalog, QWidget* parent = nullptr);
    CatalogBrowser* browser() const { return m_browser; }

    /// Shows an error opening the catalog database; a test replaces it to see the message.
    using ErrorReporter = std::function<void(QWidget* parent, const QString& title, const QString& message)>;
    /// Opens the catalog database at `path` and loads it. On failure reports a clear message (a
    /// message box by default) and returns the embedded seed, or null when even that fails.
    static std::shared_ptr<const Catalog> loadCatalog(const QString& path, QWidget* parent,
                                                      const ErrorReporter& report = {});

private:
    CatalogBrowser* m_browser;
};

} // namespace serveplan::ui
