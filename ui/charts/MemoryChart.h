#pragma once
// Memory of one GPU of a replica as a stacked bar: weights, activations, runtime (CUDA context,
// graphs, allocator slack), KV cache, and what the engine leaves unused, against the GPU's memory.
#include "perf/PerfTypes.h"

#include <QString>

class QCustomPlot;

namespace serveplan::ui {

class MemoryChart final {
public:
    struct Options {
        QString subject; ///< what the bar is, e.g. "H100 SXM 80GB (TP 2)"; empty = "GPU"
        bool showTitle = true;
    };
    /// One stacked segment, in bytes, in drawing order.
    struct Segment {
        QString name;
        double bytes = 0;
    };

    static void build(QCustomPlot* plot, const MemoryFit& fit, const Options& options);
    /// The segments build() draws (negative terms clamped to 0).
    static std::vector<Segment> segments(const MemoryFit& fit);
};

} // namespace serveplan::ui
