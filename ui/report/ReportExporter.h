#pragma once
// The GUI's door to the report (File ▸ Export ▸ Report as PDF… and Plans as CSV…): asks for the file
// through Prompts, with the paper size or the byte-order mark chosen as the dialog's file type,
// suggests "<scenario>-<date>.<suffix>" in the last export folder, and writes the finished planning
// pass the workspace shows (ReportData::fromResult, no planning again) through ReportWriter. The
// report's language is the UI's: its strings are translated while it is written.
//
//     ReportExporter exporter(prompts, window);
//     connect(&exporter, &ReportExporter::written, statusBar(), [](const QString& m) { ... });
//     exporter.exportPdf(*planModel->snapshot(), QStringLiteral("fallback name"));
#include "PlanSnapshot.h"
#include "report/ReportData.h"
#include "report/ReportWriter.h"

#include <QDate>
#include <QObject>
#include <QStringList>

class QWidget;

namespace serveplan::ui {

class Prompts;

class ReportExporter final : public QObject {
    Q_OBJECT
public:
    /// `dialogParent` parents the dialogs and is the QObject parent.
    ReportExporter(Prompts* prompts, QWidget* dialogParent);

    /// Asks where to write the PDF of `snapshot` (on which paper) and writes it. Returns the file
    /// written; empty when the user cancelled or the write failed (the error was shown, naming the
    /// path, and no file is left). `fallbackName` names the scenario when it has no name of its own.
    QString exportPdf(const PlanSnapshot& snapshot, const QString& fallbackName);
    /// The same for the CSV tables: the plans file and, beside it, its "-curves" file.
    QString exportCsv(const PlanSnapshot& snapshot, const QString& fallbackName);

    /// The file types offered, in order: A4 then Letter; with a byte-order mark then without.
    static QStringList pdfFilters();
    static QStringList csvFilters();
    /// "R1 distill 7B chat, 40 req/s", 2026-11-27, "pdf" → "r1-distill-7b-chat-40-req-s-2026-11-27.pdf".
    /// Letters of any script are kept; every other run of characters becomes one hyphen.
    static QString suggestedFileName(const QString& scenarioName, QDate date, const QString& suffix);
    /// What the report shows for `snapshot`: its scenario, result and catalog, dated `date`.
    static ReportData reportData(const PlanSnapshot& snapshot, const QString& fallbackName, QDate date);

signals:
    /// A status-bar line after a successful write: "Report written to PATH".
    void written(const QString& message);

private:
    /// Asks for the path; `*filterIndex` comes in preselected and goes out chosen. Empty = cancelled.
    QString askPath(const QString& title, const QString& fileName, const QStringList& filters, int* filterIndex);

    Prompts* m_prompts;
    QWidget* m_dialogParent;
};

} // namespace serveplan::ui
