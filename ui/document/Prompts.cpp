#include "Prompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>

namespace serveplan::ui {

QString WidgetPrompts::openFileName(QWidget* parent, const QString& title, const QString& filter) {
    return QFileDialog::getOpenFileName(parent, title, {}, filter);
}

QString WidgetPrompts::saveFileName(QWidget* parent, const QString& title, const QString& suggestion,
                                    const QString& filter) {
    return QFileDialog::getSaveFileName(parent, title, suggestion, filter);
}

Prompts::SaveChoice WidgetPrompts::askSaveChanges(QWidget* parent, const QString& documentName) {
    const auto answer = QMessageBox::warning(
        parent, QCoreApplication::translate("Prompts", "Unsaved changes"),
        QCoreApplication::translate("Prompts", "Save the changes to “%1” before closing it?").arg(documentName),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return SaveChoice::Save;
    if (answer == QMessageBox::Discard)
        return SaveChoice::Discard;
    return SaveChoice::Cancel;
}

void WidgetPrompts::showError(QWidget* parent, const QString& title, const QString& message) {
    QMessageBox::critical(parent, title, message);
}

} // namespace serveplan::ui
