#pragma once
// Writes the cost report: a PDF (A4 or Letter, vector charts, real text) and the CSV tables. The GUI's
// File → Export and `serveplan-cli report` both call this with the same ReportData, so they write the
// same report. File writes go through QSaveFile: on any error nothing (not even part of a file) is left.
//
//     auto data = ReportData::plan(catalog, scenario, {});
//     if (auto ok = ReportWriter::writePdf(*data, path, {ReportWriter::Paper::Letter}); !ok) show(ok.error());
#include "common/Result.h"
#include "report/ReportCsv.h"
#include "report/ReportData.h"

#include <QString>

#include <optional>

class QIODevice;
class QSaveFile;

namespace serveplan::ui {

class ReportWriter final {
public:
    enum class Paper { A4, Letter };
    struct PdfOptions {
        Paper paper = Paper::A4;
    };
    using CsvOptions = ReportCsv::Options;

    /// Writes the PDF to an open, writable device.
    static Result<void> writePdf(const ReportData& data, QIODevice* device, const PdfOptions& options);
    /// Writes the PDF to `path` atomically.
    static Result<void> writePdf(const ReportData& data, const QString& path, const PdfOptions& options);

    /// Writes the plans table to `plans` and the curve points to `curves` (either may be null).
    static Result<void> writeCsv(const ReportData& data, QIODevice* plans, QIODevice* curves,
                                 const CsvOptions& options);
    /// Writes the plans table to `path` and the curve points to curvesPath(path), both or neither: on
    /// any error both paths hold what they held before (an older file or nothing).
    static Result<void> writeCsv(const ReportData& data, const QString& path, const CsvOptions& options);
    /// Commits two open, written QSaveFiles as one: `first`, then `second`. The file `first` replaces
    /// is set aside in its folder until `second` is in place, and put back if `second` fails.
    static Result<void> commitBoth(QSaveFile& first, QSaveFile& second);
    /// "out/report.csv" → "out/report-curves.csv" (the suffix goes before the extension, if any).
    static QString curvesPath(const QString& csvPath);

    /// `a4 | letter` (case-insensitive).
    static std::optional<Paper> parsePaper(const QString& text);
};

} // namespace serveplan::ui
