#pragma once
// Output throughput of one replica versus the number of concurrent sequences (batch size), on a
// log2 batch axis, with the uncertainty band and a marker at the batch the planned load runs at.
#include "charts/ChartData.h"

#include <vector>

class QCustomPlot;

namespace serveplan::ui {

class ThroughputBatchChart final {
public:
    struct Options {
        double markBatch = 0; ///< vertical line at this batch (e.g. the effective batch at capacity); 0 = none
        bool showTitle = true;
    };

    static void build(QCustomPlot* plot, const std::vector<ThroughputBatchPoint>& points, const Options& options);
};

} // namespace serveplan::ui
