#include "charts/ChartStyle.h"

#include "charts/Qcp.h"

#include <array>

namespace serveplan::ui {

QColor ChartStyle::seriesColor(int index) {
    static constexpr std::array<QRgb, 10> kPalette{0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2,
                                                   0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0x79706e};
    const auto size = static_cast<int>(kPalette.size());
    return QColor::fromRgb(kPalette[static_cast<std::size_t>(((index % size) + size) % size)]);
}

namespace {
/// Letter spacing makes Qt skip ligatures, so chart text in a PDF stays searchable ("fi", not U+FB01).
QFont baseFont() {
    QFont font;
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return font;
}
} // namespace

QFont ChartStyle::tickFont() {
    QFont font = baseFont();
    font.setPointSizeF(8);
    return font;
}

QFont ChartStyle::labelFont() {
    QFont font = baseFont();
    font.setPointSizeF(9);
    return font;
}

QFont ChartStyle::titleFont() {
    QFont font = baseFont();
    font.setPointSizeF(10.5);
    font.setBold(true);
    return font;
}

QFont ChartStyle::legendFont() {
    QFont font = baseFont();
    font.setPointSizeF(8);
    return font;
}

void ChartStyle::reset(QCustomPlot* plot) {
    plot->clearItems();
    plot->clearPlottables();
    plot->plotLayout()->clear(); // removes the default axis rect, the legend and any title row
    plot->plotLayout()->simplify();
    plot->legend = nullptr;
    plot->setBackground(Qt::white);
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNoAntialiasingOnDrag(true);

    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(0, 0, rect);
    plot->xAxis = rect->axis(QCPAxis::atBottom);
    plot->yAxis = rect->axis(QCPAxis::atLeft);
    plot->xAxis2 = rect->axis(QCPAxis::atTop);
    plot->yAxis2 = rect->axis(QCPAxis::atRight);
    styleAxisRect(rect);
}

void ChartStyle::styleAxis(QCPAxis* axis) {
    const QPen axisPen(textColor(), 1);
    axis->setBasePen(axisPen);
    axis->setTickPen(axisPen);
    axis->setSubTickPen(QPen(textColor(), 0.6));
    axis->setTickLabelFont(tickFont());
    axis->setTickLabelColor(textColor());
    axis->setLabelFont(labelFont());
    axis->setLabelColor(textColor());
    axis->setTickLengthIn(0);
    axis->setTickLengthOut(4);
    axis->setSubTickLengthIn(0);
    axis->setSubTickLengthOut(2);
    axis->grid()->setPen(QPen(gridColor(), 1, Qt::SolidLine));
    axis->grid()->setSubGridVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void ChartStyle::styleAxisRect(QCPAxisRect* rect) {
    for (QCPAxis* axis : rect->axes())
        styleAxis(axis);
    rect->axis(QCPAxis::atTop)->setVisible(false);
    rect->axis(QCPAxis::atRight)->setVisible(false);
    rect->axis(QCPAxis::atRight)->grid()->setVisible(false);
    rect->axis(QCPAxis::atTop)->grid()->setVisible(false);
}

void ChartStyle::addTitle(QCustomPlot* plot, const QString& title) {
    plot->plotLayout()->insertRow(0);
    auto* text = new QCPTextElement(plot, title, titleFont());
    text->setTextColor(textColor());
    text->setMargins(QMargins(0, 4, 0, 2));
    plot->plotLayout()->addElement(0, 0, text);
}

QCPItemStraightLine* ChartStyle::addReferenceLine(QCustomPlot* plot, QCPAxisRect* rect, Qt::Orientation orientation,
                                                  double position, const QColor& color, const QString& label,
                                                  double along) {
    QCPAxis* keyAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
    auto* line = new QCPItemStraightLine(plot);
    line->setClipAxisRect(rect);
    line->setPen(QPen(color, 1.4, Qt::DashLine));
    for (QCPItemPosition* p : {line->point1, line->point2}) {
        p->setAxes(keyAxis, valueAxis);
        p->setAxisRect(rect);
    }
    auto* text = new QCPItemText(plot);
    text->setClipAxisRect(rect);
    text->setText(label);
    text->setVisible(!label.isEmpty());
    text->setFont(legendFont());
    text->setColor(color);
    text->setPadding(QMargins(3, 1, 3, 1));
    text->setBrush(QBrush(QColor(255, 255, 255, 220)));
    if (orientation == Qt::Horizontal) {
        line->point1->setCoords(0, position);
        line->point2->setCoords(1, position);
        // x in axis-rect ratio (right edge), y in plot coordinates
        text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        text->position->setTypeY(QCPItemPosition::ptPlotCoords);
        text->position->setAxes(keyAxis, valueAxis);
        text->position->setAxisRect(rect);
        text->position->setCoords(0.99, position);
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    } else {
        line->point1->setCoords(position, 0);
        line->point2->setCoords(position, 1);
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setAxes(keyAxis, valueAxis);
        text->position->setAxisRect(rect);
        text->position->setCoords(position, along);
        // Left of the line: lines near the right edge (capacity, GPU memory) keep their label inside.
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    }
    return line;
}

double ChartStyle::moneyScale(double maxValue, QString* prefix) {
    if (maxValue >= 1e7) {
        *prefix = QStringLiteral("M");
        return 1e6;
    }
    if (maxValue >= 1e4) {
        *prefix = QStringLiteral("k");
        return 1e3;
    }
    prefix->clear();
    return 1;
}

void ChartStyle::fillBand(QCPGraph* low, QCPGraph* high, const QColor& color) {
    QColor fill = color;
    fill.setAlpha(55);
    QColor edge = color;
    edge.setAlpha(90);
    low->setPen(QPen(edge, 0.8));
    high->setPen(QPen(edge, 0.8));
    high->setBrush(fill);
    high->setChannelFillGraph(low);
}

} // namespace serveplan::ui
