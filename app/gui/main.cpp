// serveplan: the desktop planner. Wiring only: application, translator, database, main window.
#include "MainWindow.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("serveplan"));
    QApplication::setApplicationDisplayName(QStringLiteral("ServePlan"));
    QApplication::setOrganizationName(QStringLiteral("serveplan"));
    QApplication::setApplicationVersion(QStringLiteral(SERVEPLAN_VERSION));
    serveplan::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
