#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace serveplan::ui {

namespace {
// The settings key, kept with its only user.
const QString& recentFilesKey() {
    static const QString key = QStringLiteral("documents/recentFiles");
    return key;
}
} // namespace

RecentFiles::RecentFiles(QObject* parent)
    : QObject(parent) {
    m_files = QSettings().value(recentFilesKey()).toStringList();
    while (m_files.size() > kMaxEntries)
        m_files.removeLast();
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > kMaxEntries)
        m_files.removeLast();
    store();
}

void RecentFiles::remove(const QString& path) {
    if (m_files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store();
}

void RecentFiles::clear() {
    m_files.clear();
    store();
}

void RecentFiles::store() {
    QSettings().setValue(recentFilesKey(), m_files);
    emit changed();
}

} // namespace serveplan::ui
