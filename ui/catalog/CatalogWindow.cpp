#include "CatalogWindow.h"

#include "CatalogBrowser.h"
#include "CatalogDb.h"
#include "document/Prompts.h"

#include <QStatusBar>

namespace serveplan::ui {

CatalogWindow::CatalogWindow(std::shared_ptr<const Catalog> catalog, QWidget* parent)
    : QMainWindow(parent)
    , m_browser(new CatalogBrowser(this)) {
    setWindowTitle(tr("ServePlan — Catalog"));
    setCentralWidget(m_browser);
    connect(m_browser, &CatalogBrowser::summaryChanged, statusBar(),
            [this](const QString& text) { statusBar()->showMessage(text); });
    m_browser->setCatalog(std::move(catalog));
    statusBar()->showMessage(m_browser->summary());
    resize(1200, 700);
}

std::shared_ptr<const Catalog> CatalogWindow::loadCatalog(const QString& path, QWidget* parent, Prompts* prompts) {
    const auto show = [&](const QString& message) {
        promptsOrDialogs(prompts).showWarning(parent, tr("Catalog database"), message);
    };
    auto db = models::CatalogDb::open(path);
    std::string error;
    if (db) {
        auto catalog = (*db)->loadCatalog();
        if (catalog)
            return std::make_shared<const Catalog>(std::move(catalog).value());
        error = catalog.error();
    } else {
        error = db.error();
    }
    auto seed = models::CatalogDb::embeddedSeed();
    if (!seed) {
        show(tr("The catalog database cannot be opened and the built-in catalog is damaged:\n\n%1\n\n%2")
                 .arg(QString::fromStdString(error), QString::fromStdString(seed.error())));
        return nullptr;
    }
    show(tr("The catalog database cannot be opened, so ServePlan shows its built-in catalog. Your database was "
            "left as it is.\n\n%1")
             .arg(QString::fromStdString(error)));
    return std::make_shared<const Catalog>(std::move(seed).value());
}

} // namespace serveplan::ui
