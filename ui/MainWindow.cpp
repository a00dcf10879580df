#include "MainWindow.h"

namespace serveplan::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("ServePlan"));
    resize(1280, 800);
}

} // namespace serveplan::ui
