#pragma once
// The most recently opened or saved scenarios, newest first, kept in the user's settings.
#include <QObject>
#include <QStringList>

namespace serveplan::ui {

class RecentFiles final : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 8;

    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const { return m_files; }
    /// Moves (or adds) a path to the front.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

signals:
    void changed();

private:
    void store();

    QStringList m_files;
};

} // namespace serveplan::ui
