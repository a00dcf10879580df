#pragma once
// The look every table of the calibration window shares: read-only, whole rows selected one at a
// time, no row numbers, columns sized to their contents and the last one stretched.
class QAbstractItemModel;
class QTableView;
class QWidget;

namespace serveplan::ui {

QTableView* makeCalibrationTable(QAbstractItemModel* model, QWidget* parent);

} // namespace serveplan::ui
