#pragma once
// Connects the main window's Preferences, Price Editor, Add Model, Add GPU and Calibration actions to
// their dialogs. Each dialog that changes the database reloads the catalog into the window, which plans again.
#include <QString>

namespace serveplan::ui {

class MainWindow;

/// `dbPath` is the catalog database the window's catalog came from (empty = the user's default).
void connectDialogActions(MainWindow* window, const QString& dbPath);

} // namespace serveplan::ui
