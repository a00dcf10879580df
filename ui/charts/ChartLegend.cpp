#include "charts/ChartLegend.h"

#include "charts/ChartStyle.h"

#include "charts/Qcp.h"

namespace serveplan::ui {

QCPLegend* ChartLegend::addBelow(QCustomPlot* plot, int columns) {
    auto* legend = new QCPLegend;
    const int row = plot->plotLayout()->rowCount();
    plot->plotLayout()->addElement(row, 0, legend);
    plot->plotLayout()->setRowStretchFactor(row, 0.001); // as small as its contents allow
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(ChartStyle::legendFont());
    legend->setTextColor(ChartStyle::textColor());
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(columns);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(12);
    legend->setIconSize(18, 10);
    legend->setMargins(QMargins(6, 2, 6, 4));
    plot->legend = legend;
    return legend;
}

} // namespace serveplan::ui
