#include "report/ReportWriter.h"

#include "QtText.h"
#include "SaveFile.h"
#include "report/ReportComposer.h"

#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QPdfWriter>
#include <QSaveFile>

namespace serveplan::ui {

namespace {
constexpr double kMarginMm = 15;

/// "cannot write PATH: reason" (models/SaveFile's message)
Error fileError(const QString& path, const QString& reason) {
    return Error{models::saveFileError(path, reason)};
}

Result<void> writeBytes(QIODevice* device, const QByteArray& bytes) {
    if (device->write(bytes) != bytes.size())
        return Error{stdText(device->errorString())};
    return {};
}
} // namespace

Result<void> ReportWriter::writePdf(const ReportData& data, QIODevice* device, const PdfOptions& options) {
    if (!device || !device->isWritable())
        return Error{"the PDF output is not open for writing"};
    const QPageSize size(options.paper == Paper::Letter ? QPageSize::Letter : QPageSize::A4);
    QPdfWriter writer(device);
    writer.setPageSize(size);
    writer.setPageMargins(QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter);
    // 96 dpi: one unit is one screen pixel, so charts drawn with toPainter keep their on-screen
    // proportions (STACK.md §3) and stay vector graphics.
    writer.setResolution(96);
    writer.setTitle(ReportComposer::title() + QStringLiteral(" — ") + data.scenarioName);
    writer.setCreator(QStringLiteral("ServePlan ") + QStringLiteral(SERVEPLAN_VERSION));
    const ReportDocument doc = ReportComposer::compose(data);
    return doc.render(&writer, ReportComposer::pageSetup(data, size));
}

Result<void> ReportWriter::writePdf(const ReportData& data, const QString& path, const PdfOptions& options) {
    return models::saveFile(path, [&](QIODevice* device) { return writePdf(data, device, options); });
}

Result<void> ReportWriter::writeCsv(const ReportData& data, QIODevice* plans, QIODevice* curves,
                                    const CsvOptions& options) {
    if (plans)
        if (Result<void> ok = writeBytes(plans, ReportCsv::plans(data, options)); !ok)
            return ok;
    if (curves)
        if (Result<void> ok = writeBytes(curves, ReportCsv::curves(data, options)); !ok)
            return ok;
    return {};
}

Result<void> ReportWriter::writeCsv(const ReportData& data, const QString& path, const CsvOptions& options) {
    const QString second = curvesPath(path);
    QSaveFile plans(path);
    QSaveFile curves(second);
    if (!plans.open(QIODevice::WriteOnly))
        return fileError(path, plans.errorString());
    if (!curves.open(QIODevice::WriteOnly))
        return fileError(second, curves.errorString());
    if (Result<void> ok = writeCsv(data, &plans, &curves, options); !ok)
        return fileError(path, QString::fromStdString(ok.error())); // both QSaveFiles discard on destruction
    // The plans file last: once it is there, its curves are complete.
    return commitBoth(curves, plans);
}

Result<void> ReportWriter::commitBoth(QSaveFile& first, QSaveFile& second) {
    // QSaveFile writes through symbolic links to their target; set aside what it will replace.
    QFileInfo target(first.fileName());
    for (int depth = 0; depth < 128 && target.isSymLink(); ++depth)
        target.setFile(target.symLinkTarget());
    const QString targetPath = target.filePath();
    QString backup;
    if (target.exists()) {
        // A rename within the folder: it needs no space and cannot leave half a file.
        backup = targetPath + QStringLiteral(".bak");
        for (int n = 1; QFileInfo::exists(backup); ++n)
            backup = targetPath + QStringLiteral(".bak") + QString::number(n);
        if (!QFile::rename(targetPath, backup))
            return fileError(first.fileName(), QStringLiteral("cannot set the existing file aside"));
    }
    // Undoes `first`: removes what it wrote and puts the earlier file back (the reason names it if it stays aside).
    const auto putBack = [&](const QSaveFile& failed) {
        QFile::remove(targetPath);
        QString reason = failed.errorString();
        if (!backup.isEmpty() && !QFile::rename(backup, targetPath))
            reason += QStringLiteral("; the earlier file is kept as ") + QDir::toNativeSeparators(backup);
        return fileError(failed.fileName(), reason);
    };
    if (!first.commit())
        return putBack(first);
    if (!second.commit())
        return putBack(second);
    if (!backup.isEmpty())
        QFile::remove(backup);
    return {};
}

QString ReportWriter::curvesPath(const QString& csvPath) {
    const QFileInfo info(csvPath);
    const QString suffix = info.suffix();
    const QString base = suffix.isEmpty() ? csvPath : csvPath.left(csvPath.size() - suffix.size() - 1);
    return base + QStringLiteral("-curves") + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
}

std::optional<ReportWriter::Paper> ReportWriter::parsePaper(const QString& text) {
    if (text.compare(QLatin1String("a4"), Qt::CaseInsensitive) == 0)
        return Paper::A4;
    if (text.compare(QLatin1String("letter"), Qt::CaseInsensitive) == 0)
        return Paper::Letter;
    return std::nullopt;
}

} // namespace serveplan::ui
