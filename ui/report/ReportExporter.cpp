#include "report/ReportExporter.h"

#include "document/Prompts.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QWidget>

namespace serveplan::ui {

namespace {

QString scenarioName(const PlanSnapshot& snapshot, const QString& fallbackName) {
    return snapshot.scenario.name.empty() ? fallbackName : QString::fromStdString(snapshot.scenario.name);
}

/// A wait cursor for as long as the returned guard lives.
auto busyCursor() {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    return qScopeGuard([] { QApplication::restoreOverrideCursor(); });
}

} // namespace

ReportExporter::ReportExporter(Prompts* prompts, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_prompts(prompts)
    , m_dialogParent(dialogParent) {}

QStringList ReportExporter::pdfFilters() {
    return {tr("PDF report, A4 paper (*.pdf)"), tr("PDF report, US Letter paper (*.pdf)")};
}

QStringList ReportExporter::csvFilters() {
    return {tr("CSV, UTF-8 with byte-order mark, for spreadsheets (*.csv)"), tr("CSV, plain UTF-8 (*.csv)")};
}

QString ReportExporter::suggestedFileName(const QString& scenarioName, QDate date, const QString& suffix) {
    QString stem;
    bool gap = false;
    for (const QChar c : scenarioName) {
        if (c.isLetterOrNumber()) {
            if (gap && !stem.isEmpty())
                stem += QLatin1Char('-');
            stem += c.toLower();
            gap = false;
        } else {
            gap = true;
        }
    }
    if (stem.isEmpty())
        stem = QStringLiteral("serveplan-report");
    return stem + QLatin1Char('-') + date.toString(Qt::ISODate) + QLatin1Char('.') + suffix;
}

ReportData ReportExporter::reportData(const PlanSnapshot& snapshot, const QString& fallbackName, QDate date) {
    ReportData::Options options;
    options.date = date;
    // As `serveplan-cli report` does: the scenario's own name, else the name it is known by.
    if (snapshot.scenario.name.empty())
        options.scenarioName = fallbackName;
    return ReportData::fromResult(snapshot.catalog, snapshot.scenario, snapshot.result, options);
}

QString ReportExporter::askPath(const QString& title, const QString& fileName, const QStringList& filters,
                                int* filterIndex) {
    QString filter = filters.value(*filterIndex);
    const QString suggestion = QDir(AppSettings::exportFolder()).filePath(fileName);
    const QString path = m_prompts->saveFileNameAndFilter(m_dialogParent, title, suggestion, filters, &filter);
    if (path.isEmpty())
        return {};
    if (const int chosen = static_cast<int>(filters.indexOf(filter)); chosen >= 0)
        *filterIndex = chosen;
    return path;
}

QString ReportExporter::exportPdf(const PlanSnapshot& snapshot, const QString& fallbackName) {
    const QDate date = ReportData::defaultDate();
    int paper = AppSettings::reportPaper() == QLatin1String("letter") ? 1 : 0;
    const QString path = askPath(tr("Export Report as PDF"),
                                 suggestedFileName(scenarioName(snapshot, fallbackName), date, QStringLiteral("pdf")),
                                 pdfFilters(), &paper);
    if (path.isEmpty())
        return {};
    AppSettings::setReportPaper(paper == 1 ? QStringLiteral("letter") : QStringLiteral("a4"));
    const ReportWriter::PdfOptions options{paper == 1 ? ReportWriter::Paper::Letter : ReportWriter::Paper::A4};
    Result<void> ok;
    {
        const auto cursor = busyCursor();
        ok = ReportWriter::writePdf(reportData(snapshot, fallbackName, date), path, options);
    }
    if (!ok) {
        m_prompts->showError(m_dialogParent, tr("Cannot export the report"), QString::fromStdString(ok.error()));
        return {};
    }
    AppSettings::setExportFolder(QFileInfo(path).absolutePath());
    emit written(tr("Report written to %1").arg(QDir::toNativeSeparators(path)));
    return path;
}

QString ReportExporter::exportCsv(const PlanSnapshot& snapshot, const QString& fallbackName) {
    const QDate date = ReportData::defaultDate();
    int type = AppSettings::csvBom() ? 0 : 1;
    const QString path = askPath(tr("Export Plans as CSV"),
                                 suggestedFileName(scenarioName(snapshot, fallbackName), date, QStringLiteral("csv")),
                                 csvFilters(), &type);
    if (path.isEmpty())
        return {};
    AppSettings::setCsvBom(type == 0);
    Result<void> ok;
    {
        const auto cursor = busyCursor();
        ok = ReportWriter::writeCsv(reportData(snapshot, fallbackName, date), path, {type == 0});
    }
    if (!ok) {
        m_prompts->showError(m_dialogParent, tr("Cannot export the plans"), QString::fromStdString(ok.error()));
        return {};
    }
    AppSettings::setExportFolder(QFileInfo(path).absolutePath());
    emit written(tr("Plans written to %1 and %2")
                     .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(ReportWriter::curvesPath(path))));
    return path;
}

} // namespace serveplan::ui
