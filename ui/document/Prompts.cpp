#include "Prompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace serveplan::ui {

QString WidgetPrompts::openFileName(QWidget* parent, const QString& title, const QString& filter) {
    return QFileDialog::getOpenFileName(parent, title, {}, filter);
}

QString WidgetPrompts::saveFileName(QWidget* parent, const QString& title, const QString& suggestion,
                                    const QString& filter) {
    return QFileDialog::getSaveFileName(parent, title, suggestion, filter);
}

QString WidgetPrompts::saveFileNameAndFilter(QWidget* parent, const QString& title, const QString& suggestion,
                                             const QStringList& filters, QString* selectedFilter) {
    // The directory argument may end in a file name: the dialog opens in its folder with it filled in.
    QFileDialog dialog(parent, title, suggestion);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setNameFilters(filters);
    if (selectedFilter && !selectedFilter->isEmpty())
        dialog.selectNameFilter(*selectedFilter);
    dialog.setDefaultSuffix(QFileInfo(suggestion).suffix());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    if (selectedFilter)
        *selectedFilter = dialog.selectedNameFilter();
    return dialog.selectedFiles().constFirst();
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

void WidgetPrompts::showWarning(QWidget* parent, const QString& title, const QString& message) {
    QMessageBox::warning(parent, title, message);
}

void WidgetPrompts::showAbout(QWidget* parent, const QString& title, const QString& text) {
    QMessageBox::about(parent, title, text);
}

bool WidgetPrompts::confirm(QWidget* parent, const QString& title, const QString& question) {
    return QMessageBox::question(parent, title, question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
           QMessageBox::Yes;
}

Prompts& promptsOrDialogs(Prompts* prompts) {
    static WidgetPrompts dialogs; // no state: one serves every caller
    return prompts ? *prompts : dialogs;
}

} // namespace serveplan::ui
