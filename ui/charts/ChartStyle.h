#pragma once
// One look for every chart, on screen and in the report: palette, fonts, pens and axis styling.
// Builders call these so a chart drawn into a PDF matches the one in the window.
#include <QColor>
#include <QFont>
#include <QPen>
#include <QString>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPAxis;

namespace serveplan::ui {

class ChartStyle final {
public:
    /// A qualitative palette (Tableau 10, colour-blind tolerant); index wraps around.
    static QColor seriesColor(int index);
    static QColor frontierColor() { return QColor(0x1f, 0x2d, 0x3d); }
    static QColor targetColor() { return QColor(0xc0, 0x39, 0x2b); }
    static QColor sloColor() { return QColor(0xc0, 0x39, 0x2b); }
    static QColor mutedColor() { return QColor(0xb8, 0xbe, 0xc6); }
    static QColor gridColor() { return QColor(0xe3, 0xe6, 0xea); }
    static QColor textColor() { return QColor(0x33, 0x3a, 0x44); }

    static QFont tickFont();
    static QFont labelFont();
    static QFont titleFont();
    static QFont legendFont();

    /// Clears the plot (graphs, items, extra axis rects and layout elements) and applies the base style.
    static void reset(QCustomPlot* plot);
    /// Light grid, no top/right frame clutter, styled ticks and labels.
    static void styleAxisRect(QCPAxisRect* rect);
    static void styleAxis(QCPAxis* axis);
    /// Adds a title row above the axis rects.
    static void addTitle(QCustomPlot* plot, const QString& title);
    /// A dashed horizontal (value) or vertical (key) reference line with a label. A horizontal line's
    /// label sits above its right end; a vertical line's to its left, `along` (0 top … 1 bottom) down.
    static QCPItemStraightLine* addReferenceLine(QCustomPlot* plot, QCPAxisRect* rect, Qt::Orientation orientation,
                                                 double position, const QColor& color, const QString& label,
                                                 double along = 0.02);
    /// A divisor that keeps money tick labels short (1, 1e3 or 1e6) and its unit prefix ("", "k", "M").
    static double moneyScale(double maxValue, QString* prefix);
    /// A semi-transparent band between `low` and `high` (the graph pair shares the band's colour).
    static void fillBand(QCPGraph* low, QCPGraph* high, const QColor& color);
};

} // namespace serveplan::ui
