#pragma once
// Latency versus load for one replica: TTFT (top) and TPOT (bottom) at the SLO percentiles with
// their uncertainty bands, the SLO targets as horizontal lines and the SLO-aware capacity as a
// vertical line.
#include "charts/ChartData.h"

#include <vector>

class QCustomPlot;

namespace serveplan::ui {

class LatencyLoadChart final {
public:
    struct Options {
        Slo slo;                ///< targets of 0 draw no line
        double capacityQps = 0; ///< 0 = no line
        bool showTitle = true;
    };

    static void build(QCustomPlot* plot, const std::vector<LatencyLoadPoint>& points, const Options& options);
};

} // namespace serveplan::ui
