// The house's floors, read from the sources: dependencies point one way (app -> ui -> models ->
// engine), engine/ has no Qt, and no folder of the engine includes a folder that includes it back
// (issue 14: cost/ and plan/, sim/ and perf/ once did). Fails naming the include that breaks a rule.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <map>
#include <set>

namespace {

const QString kSourceDir = QStringLiteral(SERVEPLAN_SOURCE_DIR);

struct Include {
    QString file;   // relative to the source dir
    QString target; // as written between the quotes or brackets
};

QList<Include> includesUnder(const QString& folder) {
    static const QRegularExpression includeLine(QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"),
                                                QRegularExpression::MultilineOption);
    QList<Include> found;
    QDirIterator it(kSourceDir + QLatin1Char('/') + folder, {QStringLiteral("*.h"), QStringLiteral("*.cpp")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        const QString relative = path.mid(kSourceDir.size() + 1);
        for (auto match = includeLine.globalMatch(text); match.hasNext();)
            found.append({relative, match.next().captured(1)});
    }
    return found;
}

// engine/<folder>/File -> folder; the probe is a program of its own beside the library.
QString engineFolderOf(const QString& relativePath) {
    return relativePath.section(QLatin1Char('/'), 1, 1);
}

bool isEngineFolder(const QString& name) {
    return QFileInfo(kSourceDir + QStringLiteral("/engine/") + name).isDir() && name != QStringLiteral("probe");
}

using Graph = std::map<QString, std::set<QString>>;

Graph engineFolderGraph() {
    Graph graph;
    for (const Include& include : includesUnder(QStringLiteral("engine"))) {
        const QString from = engineFolderOf(include.file);
        const QString to = include.target.section(QLatin1Char('/'), 0, 0);
        if (from == QStringLiteral("probe") || !include.target.contains(QLatin1Char('/')) || from == to ||
            !isEngineFolder(to))
            continue;
        graph[from].insert(to);
    }
    return graph;
}

bool reaches(const Graph& graph, const QString& from, const QString& to, std::set<QString>& seen) {
    if (from == to)
        return true;
    if (!seen.insert(from).second)
        return false;
    const auto edges = graph.find(from);
    if (edges == graph.end())
        return false;
    for (const QString& next : edges->second)
        if (reaches(graph, next, to, seen))
            return true;
    return false;
}

} // namespace

class TestSourceLayers : public QObject {
    Q_OBJECT
private slots:
    void engineFoldersFormNoLoop() {
        const Graph graph = engineFolderGraph();
        QVERIFY2(!graph.empty(), "no engine includes found: is SERVEPLAN_SOURCE_DIR right?");
        for (const auto& [from, targets] : graph)
            for (const QString& to : targets) {
                std::set<QString> seen;
                QVERIFY2(
                    !reaches(graph, to, from, seen),
                    qPrintable(
                        QStringLiteral("engine/%1 includes engine/%2, which includes engine/%1 back").arg(from, to)));
            }
    }

    void engineHasNoQtAndNoUpperLayer() {
        static const QRegularExpression forbidden(QStringLiteral("^(Q[A-Z]\\w*|Qt\\w*/.*|models/.*|ui/.*|app/.*)$"));
        for (const Include& include : includesUnder(QStringLiteral("engine"))) {
            if (include.file.startsWith(QStringLiteral("engine/probe/")))
                continue;
            QVERIFY2(!forbidden.match(include.target).hasMatch(),
                     qPrintable(include.file + QStringLiteral(" includes ") + include.target));
        }
    }

    void modelsDoNotReachTheUi() {
        const QStringList uiFolders =
            QDir(kSourceDir + QStringLiteral("/ui")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const Include& include : includesUnder(QStringLiteral("models"))) {
            const QString first = include.target.section(QLatin1Char('/'), 0, 0);
            const bool intoUi = include.target.contains(QLatin1Char('/')) && uiFolders.contains(first) &&
                                !QFileInfo::exists(kSourceDir + QStringLiteral("/engine/") + include.target) &&
                                !QFileInfo::exists(kSourceDir + QStringLiteral("/models/") + include.target);
            QVERIFY2(!intoUi, qPrintable(include.file + QStringLiteral(" includes the ui's ") + include.target));
            QVERIFY2(!include.target.startsWith(QStringLiteral("QtWidgets")) &&
                         !QRegularExpression(QStringLiteral("^Q(Widget|Dialog|MainWindow|MessageBox|FileDialog)\\b"))
                              .match(include.target)
                              .hasMatch(),
                     qPrintable(include.file + QStringLiteral(" includes widgets: ") + include.target));
        }
    }
};

QTEST_GUILESS_MAIN(TestSourceLayers)
#include "TestSourceLayers.moc"
