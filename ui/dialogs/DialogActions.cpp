#include "dialogs/DialogActions.h"

#include "CatalogDb.h"
#include "MainWindow.h"
#include "calibration/CalibrationWindow.h"
#include "catalog/UpdatePricesDialog.h"
#include "dialogs/AddGpuDialog.h"
#include "dialogs/AddModelDialog.h"
#include "dialogs/PriceEditorDialog.h"
#include "document/Prompts.h"
#include "settings/PreferencesDialog.h"
#include "workspace/PlanningController.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

#include <type_traits>

namespace serveplan::ui {

namespace {

std::unique_ptr<models::CatalogDb> openDb(MainWindow* window, const QString& dbPath) {
    auto db = models::CatalogDb::open(dbPath.isEmpty() ? models::CatalogDb::defaultPath() : dbPath);
    if (!db) {
        promptsOrDialogs(window->prompts())
            .showWarning(window, MainWindow::tr("Catalog database"), QString::fromStdString(db.error()));
        return nullptr;
    }
    return std::move(db).value();
}

void reloadCatalog(MainWindow* window, const models::CatalogDb& db) {
    auto catalog = db.loadCatalog();
    if (catalog)
        window->setCatalog(std::make_shared<const Catalog>(std::move(catalog).value()));
}

/// Runs a dialog over a freshly opened database and reloads the window's catalog if it changed it.
template <typename Dialog, typename Signal>
void runDialog(MainWindow* window, const QString& dbPath, Signal changed) {
    auto db = openDb(window, dbPath);
    if (!db)
        return;
    // The dialogs that ask for files get the window's prompts, so tests can answer them.
    Dialog dialog = [&] {
        if constexpr (std::is_constructible_v<Dialog, models::CatalogDb&, QWidget*, Prompts*>)
            return Dialog(*db, window, window->prompts());
        else
            return Dialog(*db, window);
    }();
    bool dirty = false;
    QObject::connect(&dialog, changed, window, [&dirty] { dirty = true; });
    dialog.exec();
    if (dirty)
        reloadCatalog(window, *db);
}

/// Tools ▸ Calibration: one non-modal window per main window, over its own connection to the database;
/// applying or removing a calibration reloads the catalog, so the window plans again.
void showCalibrationWindow(MainWindow* window, const QString& dbPath) {
    if (auto* existing = window->findChild<CalibrationWindow*>()) {
        existing->reload();
        existing->show();
        existing->raise();
        existing->activateWindow();
        return;
    }
    auto db = openDb(window, dbPath);
    if (!db)
        return;
    auto* calibration = new CalibrationWindow(std::move(db), window->prompts(), window);
    QObject::connect(calibration, &CalibrationWindow::calibrationChanged, window,
                     [window, calibration] { reloadCatalog(window, calibration->database()); });
    calibration->show();
}

} // namespace

void connectDialogActions(MainWindow* window, const QString& dbPath) {
    for (QAction* action : {window->preferencesAction(), window->priceEditorAction(), window->addModelAction(),
                            window->addGpuAction(), window->calibrationAction()})
        action->setEnabled(true);
    QObject::connect(window->preferencesAction(), &QAction::triggered, window, [window] {
        PreferencesDialog dialog(window);
        // Hand-set exchange rates change the costs on screen: plan again with them at once.
        QObject::connect(&dialog, &PreferencesDialog::fxOverridesChanged, window->planning(),
                         &PlanningController::runNow);
        dialog.exec();
    });
    QObject::connect(window->priceEditorAction(), &QAction::triggered, window, [window, dbPath] {
        runDialog<PriceEditorDialog>(window, dbPath, &PriceEditorDialog::catalogChanged);
    });
    QObject::connect(window->addModelAction(), &QAction::triggered, window,
                     [window, dbPath] { runDialog<AddModelDialog>(window, dbPath, &AddModelDialog::modelAdded); });
    QObject::connect(window->addGpuAction(), &QAction::triggered, window,
                     [window, dbPath] { runDialog<AddGpuDialog>(window, dbPath, &AddGpuDialog::gpuAdded); });
    QObject::connect(window->calibrationAction(), &QAction::triggered, window,
                     [window, dbPath] { showCalibrationWindow(window, dbPath); });
    // Catalog ▸ Update Prices…, before the Tools menu.
    auto* catalogMenu = new QMenu(MainWindow::tr("&Catalog"), window);
    catalogMenu->setObjectName(QStringLiteral("catalogMenu"));
    QAction* updatePrices = catalogMenu->addAction(MainWindow::tr("Update &Prices…"));
    updatePrices->setObjectName(QStringLiteral("updatePricesAction"));
    auto* tools = qobject_cast<QMenu*>(window->priceEditorAction()->parent());
    window->menuBar()->insertMenu(tools ? tools->menuAction() : nullptr, catalogMenu);
    QObject::connect(updatePrices, &QAction::triggered, window, [window, dbPath] {
        runDialog<UpdatePricesDialog>(window, dbPath, &UpdatePricesDialog::pricesApplied);
    });
}

} // namespace serveplan::ui
