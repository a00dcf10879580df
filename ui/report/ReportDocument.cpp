#include "report/ReportDocument.h"

#include "charts/Qcp.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>

#include <algorithm>
#include <memory>
#include <numeric>

namespace serveplan::ui {

namespace {
constexpr double kHeaderHeight = 34; // running header band at the top of every content page
constexpr double kFooterHeight = 28;
constexpr double kCellPadX = 5;
constexpr double kCellPadY = 3.5;
constexpr int kWrap = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;
const QColor kRule(0xd5, 0xda, 0xe0);
const QColor kZebra(0xf5, 0xf7, 0xf9);
const QColor kHighlight(0xe4, 0xee, 0xfa);
const QColor kHeaderFill(0x2f, 0x3e, 0x4e);
} // namespace

/// Where a block (or a run of table rows) sits on a page.
struct ReportDocument::Placed {
    std::size_t block = 0;
    double y = 0;
    double height = 0;
    std::size_t rowBegin = 0; ///< tables: the rows on this page
    std::size_t rowEnd = 0;
};

/// Fonts, metrics and measuring for one device; then pagination and painting.
class ReportDocument::Layout {
public:
    Layout(const ReportDocument& doc, QPaintDevice* device, const QStringList& families, const QRectF& page)
        : m_doc(doc)
        , m_device(device)
        , m_page(page) {
        m_body = font(families, 9.5);
        m_note = font(families, 8.5);
        m_heading = font(families, 15, true);
        m_subheading = font(families, 11.5, true);
        m_cell = font(families, 8.5);
        m_smallCell = font(families, 7.5);
        m_cellBold = font(families, 8.5, true);
        m_smallCellBold = font(families, 7.5, true);
    }

    std::vector<std::vector<Placed>> paginate(std::vector<TocEntry>* toc) const;
    void paintPage(QCPPainter& painter, const std::vector<Placed>& items, QCustomPlot* plot) const;

    double contentTop() const { return m_page.top() + kHeaderHeight; }
    double contentBottom() const { return m_page.bottom() - kFooterHeight; }
    double width() const { return m_page.width(); }

private:
    QFont font(const QStringList& families, double size, bool bold = false) const {
        return ReportDocument::font(families, size, bold);
    }
    double textHeight(const QFont& f, const QString& text, double w) const {
        return QFontMetricsF(f, m_device).boundingRect(QRectF(0, 0, w, 1e6), kWrap, text).height();
    }
    std::vector<double> columnWidths(const Table& t) const;
    const QFont& cellFont(const Table& t, bool bold) const {
        return t.small ? (bold ? m_smallCellBold : m_smallCell) : (bold ? m_cellBold : m_cell);
    }
    double rowHeight(const Table& t, const QStringList& cells, bool bold) const;
    double blockHeight(const Block& b) const;
    double spaceBefore(const Block& b) const;
    void paintTableRow(QCPPainter& p, const Table& t, const QStringList& cells, double y, double h, int kind) const;

    const ReportDocument& m_doc;
    QPaintDevice* m_device;
    QRectF m_page;
    QFont m_body, m_note, m_heading, m_subheading, m_cell, m_smallCell, m_cellBold, m_smallCellBold;
};

std::vector<double> ReportDocument::Layout::columnWidths(const Table& t) const {
    const std::size_t n =
        t.keyValue
            ? 2
            : std::max<std::size_t>(1, std::max<std::size_t>(t.header.size(), t.rows.empty() ? 1 : t.rows[0].size()));
    std::vector<double> weights = t.widths;
    if (t.keyValue && weights.size() != 2)
        weights = {0.36, 0.64};
    weights.resize(n, weights.empty() ? 1.0 : 1.0 / double(n));
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (double& w : weights)
        w = w / sum * width();
    return weights;
}

double ReportDocument::Layout::rowHeight(const Table& t, const QStringList& cells, bool bold) const {
    const auto widths = columnWidths(t);
    double h = 0;
    for (qsizetype i = 0; i < cells.size() && std::size_t(i) < widths.size(); ++i) {
        const bool labelCell = t.keyValue && i == 0;
        h = std::max(h, textHeight(cellFont(t, bold || labelCell), cells[i], widths[std::size_t(i)] - 2 * kCellPadX));
    }
    return h + 2 * kCellPadY;
}

double ReportDocument::Layout::spaceBefore(const Block& b) const {
    switch (b.kind) {
    case Kind::Heading:
        return 18;
    case Kind::Subheading:
        return 12;
    case Kind::Chart:
    case Kind::Table:
    case Kind::Callout:
        return 8;
    default:
        return 6;
    }
}

double ReportDocument::Layout::blockHeight(const Block& b) const {
    switch (b.kind) {
    case Kind::Heading:
        return textHeight(m_heading, b.text, width()) + 8; // room for the rule under it
    case Kind::Subheading:
        return textHeight(m_subheading, b.text, width()) + 3;
    case Kind::Paragraph:
        return textHeight(m_body, b.text, width());
    case Kind::Note:
        return textHeight(m_note, b.text, width());
    case Kind::Callout:
        return textHeight(m_body, b.text, width() - 28) + 20;
    case Kind::Chart:
        return b.height;
    case Kind::Table:
    case Kind::PageBreak:
        return 0;
    }
    return 0;
}

std::vector<std::vector<ReportDocument::Placed>> ReportDocument::Layout::paginate(std::vector<TocEntry>* toc) const {
    std::vector<std::vector<Placed>> pages(1);
    double y = contentTop();
    auto newPage = [&] {
        pages.emplace_back();
        y = contentTop();
    };
    const auto& blocks = m_doc.m_blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        if (b.kind == Kind::PageBreak) {
            if (!pages.back().empty())
                newPage();
            continue;
        }
        const double before = pages.back().empty() ? 0 : spaceBefore(b);
        if (b.kind == Kind::Table) {
            const Table& t = b.table;
            const double headerH = t.header.isEmpty() ? 0 : rowHeight(t, t.header, true);
            y += before;
            std::size_t row = 0;
            while (row < t.rows.size() || (t.rows.empty() && row == 0)) {
                // Never strand a header at the foot of a page: the header and one row go together.
                const double first = row < t.rows.size() ? rowHeight(t, t.rows[row], false) : 0;
                if (y + headerH + first > contentBottom() && !pages.back().empty())
                    newPage();
                Placed placed{i, y, headerH, row, row};
                while (row < t.rows.size()) {
                    const double h = rowHeight(t, t.rows[row], row == std::size_t(t.highlightRow));
                    if (placed.y + placed.height + h > contentBottom() && placed.rowEnd > placed.rowBegin)
                        break;
                    placed.height += h;
                    placed.rowEnd = ++row;
                }
                pages.back().push_back(placed);
                y = placed.y + placed.height;
                if (row < t.rows.size())
                    newPage();
                if (t.rows.empty())
                    break;
            }
            continue;
        }
        double need = blockHeight(b);
        // Headings keep with what follows them: at least the next block's first part.
        if ((b.kind == Kind::Heading || b.kind == Kind::Subheading) && i + 1 < blocks.size()) {
            const Block& next = blocks[i + 1];
            // A chart is never split, so the heading waits for all of it; long text for its start.
            const double part = next.kind == Kind::Table   ? 60
                                : next.kind == Kind::Chart ? blockHeight(next)
                                                           : std::min(blockHeight(next), 160.0);
            need += spaceBefore(next) + part;
        }
        if (y + before + need > contentBottom() && !pages.back().empty()) {
            newPage();
        } else {
            y += before;
        }
        const double h = blockHeight(b);
        pages.back().push_back({i, y, h, 0, 0});
        if (b.kind == Kind::Heading && toc)
            toc->push_back({b.text, int(pages.size()) + 1}); // +1: the cover is page 1
        y += h;
    }
    return pages;
}

void ReportDocument::Layout::paintTableRow(QCPPainter& p, const Table& t, const QStringList& cells, double y, double h,
                                           int kind) const {
    // kind: 0 header, 1 plain, 2 zebra, 3 highlight
    const auto widths = columnWidths(t);
    const QRectF rowRect(m_page.left(), y, width(), h);
    if (kind == 0)
        p.fillRect(rowRect, kHeaderFill);
    else if (kind == 2)
        p.fillRect(rowRect, kZebra);
    else if (kind == 3)
        p.fillRect(rowRect, kHighlight);
    p.setPen(QPen(kRule, 0.6));
    if (kind != 0)
        p.drawLine(QPointF(rowRect.left(), rowRect.bottom()), QPointF(rowRect.right(), rowRect.bottom()));
    double x = m_page.left();
    for (qsizetype i = 0; i < cells.size() && std::size_t(i) < widths.size(); ++i) {
        const double w = widths[std::size_t(i)];
        const bool label = t.keyValue && i == 0;
        p.setFont(cellFont(t, kind == 0 || kind == 3 || label));
        p.setPen(kind == 0 ? QColor(Qt::white) : (label ? ReportDocument::mutedColor() : ReportDocument::inkColor()));
        const bool right = std::find(t.rightAligned.begin(), t.rightAligned.end(), int(i)) != t.rightAligned.end();
        const int flags = Qt::TextWordWrap | Qt::AlignVCenter | (right ? Qt::AlignRight : Qt::AlignLeft);
        p.drawText(QRectF(x + kCellPadX, y + kCellPadY, w - 2 * kCellPadX, h - 2 * kCellPadY), flags, cells[i]);
        x += w;
    }
}

void ReportDocument::Layout::paintPage(QCPPainter& p, const std::vector<Placed>& items, QCustomPlot* plot) const {
    const auto& blocks = m_doc.m_blocks;
    for (const Placed& item : items) {
        const Block& b = blocks[item.block];
        const QRectF rect(m_page.left(), item.y, width(), item.height);
        switch (b.kind) {
        case Kind::Heading:
            p.setFont(m_heading);
            p.setPen(ReportDocument::accentColor());
            p.drawText(rect, kWrap, b.text);
            p.setPen(QPen(ReportDocument::accentColor(), 1.2));
            p.drawLine(QPointF(rect.left(), rect.bottom() - 3), QPointF(rect.right(), rect.bottom() - 3));
            break;
        case Kind::Subheading:
            p.setFont(m_subheading);
            p.setPen(ReportDocument::inkColor());
            p.drawText(rect, kWrap, b.text);
            break;
        case Kind::Paragraph:
        case Kind::Note:
            p.setFont(b.kind == Kind::Note ? m_note : m_body);
            p.setPen(b.kind == Kind::Note ? ReportDocument::mutedColor() : ReportDocument::inkColor());
            p.drawText(rect, kWrap, b.text);
            break;
        case Kind::Callout:
            p.fillRect(rect, QColor(0xee, 0xf4, 0xfb));
            p.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), ReportDocument::accentColor());
            p.setFont(m_body);
            p.setPen(ReportDocument::inkColor());
            p.drawText(rect.adjusted(18, 10, -10, -10), kWrap, b.text);
            break;
        case Kind::Chart: {
            b.fill(plot);
            p.save();
            p.translate(rect.topLeft());
            plot->toPainter(&p, int(rect.width()), int(rect.height()));
            p.restore();
            break;
        }
        case Kind::Table: {
            const Table& t = b.table;
            double y = item.y;
            if (!t.header.isEmpty()) {
                const double h = rowHeight(t, t.header, true);
                paintTableRow(p, t, t.header, y, h, 0);
                y += h;
            }
            for (std::size_t r = item.rowBegin; r < item.rowEnd; ++r) {
                const bool highlight = r == std::size_t(t.highlightRow);
                const double h = rowHeight(t, t.rows[r], highlight);
                paintTableRow(p, t, t.rows[r], y, h, highlight ? 3 : (r % 2 ? 2 : 1));
                y += h;
            }
            break;
        }
        case Kind::PageBreak:
            break;
        }
    }
}

QFont ReportDocument::font(const QStringList& families, double pointSize, bool bold) {
    QFont f;
    if (!families.isEmpty())
        f.setFamilies(families);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    f.setKerning(true);
    // Any letter spacing (at least 1/64 px, QFixed) makes Qt's shaper skip ligatures, so "fi" stays two searchable
    // letters instead of one U+FB01 glyph that pdftotext and PDF search would not match.
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return f;
}

void ReportDocument::heading(const QString& text) {
    m_blocks.push_back({Kind::Heading, text, {}, {}, 0});
}
void ReportDocument::subheading(const QString& text) {
    m_blocks.push_back({Kind::Subheading, text, {}, {}, 0});
}
void ReportDocument::paragraph(const QString& text, TextRole role) {
    m_blocks.push_back({role == TextRole::Note ? Kind::Note : Kind::Paragraph, text, {}, {}, 0});
}
void ReportDocument::callout(const QString& text) {
    m_blocks.push_back({Kind::Callout, text, {}, {}, 0});
}
void ReportDocument::table(Table table) {
    m_blocks.push_back({Kind::Table, {}, std::move(table), {}, 0});
}
void ReportDocument::chart(ChartFill fill, double height) {
    m_blocks.push_back({Kind::Chart, {}, {}, std::move(fill), height});
}
void ReportDocument::pageBreak() {
    m_blocks.push_back({Kind::PageBreak, {}, {}, {}, 0});
}

Result<void> ReportDocument::render(QPagedPaintDevice* device, const PageSetup& setup) const {
    QCPPainter painter;
    if (!painter.begin(device))
        return Error{"cannot start painting the PDF (QPainter::begin failed)"};
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF page(0, 0, device->width(), device->height());
    const Layout layout(*this, device, setup.fontFamilies, page);
    std::vector<TocEntry> toc;
    const auto pages = layout.paginate(&toc);
    const int total = int(pages.size()) + 1;

    // One plot, never shown, refilled by each chart block.
    auto plot = std::make_unique<QCustomPlot>();
    plot->resize(int(page.width()), 400);

    if (setup.paintCover)
        setup.paintCover(painter, page, toc);
    const QFont small = font(setup.fontFamilies, 7.5);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (!device->newPage()) {
            painter.end();
            return Error{"cannot start a new PDF page"};
        }
        painter.setFont(small);
        painter.setPen(mutedColor());
        const QRectF header(page.left(), page.top(), page.width(), kHeaderHeight - 12);
        painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, setup.headerLeft);
        painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter, setup.headerRight);
        painter.setPen(QPen(kRule, 0.8));
        painter.drawLine(QPointF(page.left(), header.bottom() + 2), QPointF(page.right(), header.bottom() + 2));
        const QRectF footer(page.left(), page.bottom() - kFooterHeight + 10, page.width(), kFooterHeight - 10);
        painter.drawLine(QPointF(page.left(), footer.top() - 2), QPointF(page.right(), footer.top() - 2));
        painter.setPen(mutedColor());
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, setup.footerLeft);
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, setup.pageLabel.arg(int(i) + 2).arg(total));
        layout.paintPage(painter, pages[i], plot.get());
    }
    if (!painter.end())
        return Error{"cannot finish the PDF"};
    return {};
}

} // namespace serveplan::ui
