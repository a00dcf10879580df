#pragma once
// A small flowing-document engine for the PDF report: headings, paragraphs, call-outs, tables that
// split across pages with their header repeated, and vector charts. Blocks are measured against the
// PDF device first (so the table of contents and "page N of M" know every page), then painted.
#include "common/Result.h"

#include <QColor>
#include <QFont>
#include <QPageSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QCustomPlot;
class QPagedPaintDevice;
class QPainter;
class QRectF;

namespace serveplan::ui {

class ReportDocument final {
public:
    enum class TextRole { Body, Note };

    struct Table {
        QStringList header; ///< empty = no header row
        std::vector<QStringList> rows;
        std::vector<double> widths;    ///< relative column widths (default equal)
        std::vector<int> rightAligned; ///< column indexes of numeric columns
        int highlightRow = -1;         ///< drawn emphasised (e.g. the recommended plan)
        bool keyValue = false;         ///< two columns, the first a label
        bool small = false;            ///< smaller type for wide tables
    };
    using ChartFill = std::function<void(QCustomPlot*)>;

    /// One entry of the table of contents.
    struct TocEntry {
        QString title;
        int page = 0; ///< 1-based, the cover is page 1
    };
    /// Everything around the flowing content: page size, running header and footer, the cover.
    struct PageSetup {
        QPageSize pageSize = QPageSize(QPageSize::A4);
        QString headerLeft;
        QString headerRight;
        QString footerLeft;
        QString pageLabel; ///< with %1 = page and %2 = pages, e.g. "Page %1 of %2"
        QStringList fontFamilies;
        /// Paints page 1 inside the printable rectangle (after layout, so the contents are known).
        std::function<void(QPainter&, const QRectF&, const std::vector<TocEntry>&)> paintCover;
    };

    void heading(const QString& text);
    void subheading(const QString& text);
    void paragraph(const QString& text, TextRole role = TextRole::Body);
    /// A highlighted box for the headline result.
    void callout(const QString& text);
    void table(Table table);
    void chart(ChartFill fill, double height);
    void pageBreak();

    /// Lays the blocks out on `device` (a QPdfWriter set to 96 dpi) and paints every page.
    Result<void> render(QPagedPaintDevice* device, const PageSetup& setup) const;

    static QFont font(const QStringList& families, double pointSize, bool bold = false);
    static QColor accentColor() { return QColor(0x2b, 0x57, 0x97); }
    static QColor inkColor() { return QColor(0x22, 0x28, 0x30); }
    static QColor mutedColor() { return QColor(0x6b, 0x73, 0x7d); }

private:
    enum class Kind { Heading, Subheading, Paragraph, Note, Callout, Table, Chart, PageBreak };
    struct Block {
        Kind kind = Kind::Paragraph;
        QString text;
        Table table;
        ChartFill fill;
        double height = 0;
    };
    struct Placed; // defined in the .cpp
    class Layout;  // defined in the .cpp
    std::vector<Block> m_blocks;
};

} // namespace serveplan::ui
