#pragma once
#include <QMainWindow>

namespace serveplan::ui {

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace serveplan::ui
