#include "CalibrationRunModel.h"

#include <QCoreApplication>

namespace serveplan::models {

namespace {

// The headers keep the calibration window's translation context, where their translations live.
constexpr const char* kContext = "serveplan::ui::CalibrationWindow";
constexpr const char* kHeaders[CalibrationRunModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Date (UTC)"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "GPU"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Kind"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Summary"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Applied"),
};

} // namespace

CalibrationRunModel::CalibrationRunModel(QObject* parent)
    : CalibrationTableModel(kHeaders, parent) {}

void CalibrationRunModel::setRuns(const std::vector<CalibrationRunInfo>& runs) {
    beginResetModel();
    m_rows.assign(runs.rbegin(), runs.rend());
    endResetModel();
}

const CalibrationRunInfo* CalibrationRunModel::runAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int CalibrationRunModel::rowOf(qint64 id) const {
    for (int row = 0; row < rowCount(); ++row)
        if (m_rows[static_cast<std::size_t>(row)].id == id)
            return row;
    return -1;
}

bool CalibrationRunModel::gpuCalibrated(const QString& gpu) const {
    for (const CalibrationRunInfo& run : m_rows)
        if (run.applied && run.gpu == gpu)
            return true;
    return false;
}

QVariant CalibrationRunModel::data(const QModelIndex& index, int role) const {
    const CalibrationRunInfo* run = index.isValid() ? runAt(index.row()) : nullptr;
    if (!run)
        return {};
    switch (role) {
    case RunIdRole:
        return run->id;
    case KindRole:
        return run->kind;
    case AppliedRole:
        return run->applied;
    case Qt::TextAlignmentRole:
        return static_cast<int>(index.column() == Applied ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Date:
            return QString(run->created).replace(QLatin1Char('T'), QLatin1Char(' ')).remove(QLatin1Char('Z'));
        case Gpu:
            return run->gpu;
        case Kind:
            return run->kind;
        case Summary:
            return run->summary;
        case Applied:
            return run->applied ? QStringLiteral("✓") : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace serveplan::models
