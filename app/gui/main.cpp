// serveplan: the desktop planner. Wiring only: application, translator, catalog database, main window,
// and the screenshot mode the CI script uses (`--demo --screenshot-dir DIR`).
#include "CatalogDb.h"
#include "MainWindow.h"
#include "dialogs/DialogActions.h"
#include "document/DocumentActions.h"
#include "document/Prompts.h"
#include "document/ScenarioDocument.h"
#include "settings/Appearance.h"
#include "workspace/DemoScenario.h"
#include "workspace/PlanningController.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace {

using serveplan::Catalog;
using serveplan::models::CatalogDb;

/// The user's catalog database; the embedded seed when the database cannot be opened.
std::shared_ptr<const Catalog> loadCatalog(const QString& dbPath, QString* warning) {
    const QString path = dbPath.isEmpty() ? CatalogDb::defaultPath() : dbPath;
    auto db = CatalogDb::open(path);
    if (db) {
        auto catalog = (*db)->loadCatalog();
        if (catalog)
            return std::make_shared<const Catalog>(std::move(catalog).value());
        *warning = QString::fromStdString(catalog.error());
    } else {
        *warning = QString::fromStdString(db.error());
    }
    auto seed = CatalogDb::embeddedSeed();
    if (!seed) {
        *warning += QLatin1Char('\n') + QString::fromStdString(seed.error());
        return nullptr;
    }
    return std::make_shared<const Catalog>(std::move(seed).value());
}

/// Saves the screenshots once the first planning pass has finished (or failed), then quits.
void scheduleScreenshots(serveplan::ui::MainWindow* window, const QString& directory) {
    auto* planning = window->planning();
    const auto shoot = [window, directory](int exitCode) {
        // Let layouts and the queued replots settle before grabbing.
        QTimer::singleShot(400, window, [window, directory, exitCode] {
            const QStringList files = window->saveScreenshots(directory);
            for (const QString& file : files)
                std::printf("%s\n", qPrintable(file));
            QCoreApplication::exit(files.isEmpty() ? 1 : exitCode);
        });
    };
    QObject::connect(planning, &serveplan::ui::PlanningController::finished, window, [shoot] { shoot(0); });
    QObject::connect(planning, &serveplan::ui::PlanningController::failed, window, [shoot](const QString& message) {
        std::fprintf(stderr, "serveplan: planning failed: %s\n", qPrintable(message));
        shoot(1);
    });
    QTimer::singleShot(120'000, window, [] {
        std::fprintf(stderr, "serveplan: no planning result within 120 s\n");
        QCoreApplication::exit(1);
    });
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("serveplan"));
    QApplication::setApplicationDisplayName(QStringLiteral("ServePlan"));
    QApplication::setOrganizationName(QStringLiteral("serveplan"));
    QApplication::setApplicationVersion(QStringLiteral(SERVEPLAN_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Plans LLM inference deployments."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QApplication::translate("main", "Catalog database (default: the user's)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QApplication::translate("main", "Start with the demo scenario."));
    const QCommandLineOption shotsOption(
        QStringLiteral("screenshot-dir"),
        QApplication::translate("main", "Save screenshots of the main views to DIR after planning, then quit."),
        QStringLiteral("DIR"));
    parser.addOption(dbOption);
    parser.addOption(demoOption);
    parser.addOption(shotsOption);
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QApplication::translate("main", "A *.serveplan scenario to open."));
    parser.process(app);

    // Language (English / 简体中文) and theme from the preferences.
    serveplan::ui::Appearance::applySaved();

    QString warning;
    const auto catalog = loadCatalog(parser.value(dbOption), &warning);
    if (!catalog) {
        std::fprintf(stderr, "serveplan: cannot load the catalog: %s\n", qPrintable(warning));
        return 1;
    }
    if (!warning.isEmpty()) {
        std::fprintf(stderr, "serveplan: using the built-in catalog: %s\n", qPrintable(warning));
        // A person starting the app should see why; the unattended screenshot mode must not block.
        if (!parser.isSet(shotsOption))
            serveplan::ui::WidgetPrompts().showWarning(
                nullptr, QApplication::translate("main", "Catalog database"),
                QApplication::translate("main", "The catalog database cannot be opened, so "
                                                "ServePlan shows its built-in catalog. Your "
                                                "database was left as it is.\n\n%1")
                    .arg(warning));
    }

    serveplan::ui::MainWindow window(catalog);
    serveplan::ui::connectDialogActions(&window, parser.value(dbOption));
    if (parser.isSet(shotsOption))
        scheduleScreenshots(&window, parser.value(shotsOption));
    if (!parser.positionalArguments().isEmpty())
        window.documentActions()->openPath(parser.positionalArguments().constFirst());
    else if (parser.isSet(demoOption))
        window.document()->reset(serveplan::ui::demoScenario());
    window.show();
    return QApplication::exec();
}
