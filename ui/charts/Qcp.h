#pragma once
// Include QCustomPlot through this header. qcustomplot.h 2.1 uses `foreach` in two member templates
// (plottableAt, itemAt), and the project builds with QT_NO_FOREACH, which leaves that macro
// undefined, so the header would not parse. A range-for stands in for it while the header is read
// (both loops only look up elements, so not copying the container changes nothing).
#ifdef foreach
#include <qcustomplot.h>
#else
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef foreach
#endif
