#include "CalibrationFactorModel.h"

#include "EngineMessageText.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>
#include <string_view>

namespace serveplan::models {

namespace {

// The headers keep the calibration window's translation context, where their translations live.
constexpr const char* kContext = "serveplan::ui::CalibrationWindow";
constexpr const char* kHeaders[CalibrationFactorModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Factor"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Value"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Unit"),
    QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Basis"),
};

bool endsWith(const std::string& text, std::string_view end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

/// The collective factors (engine/catalog/Calibration.h) and what each means.
struct FactorDescription {
    const char* name;
    const char* text;
};
constexpr FactorDescription kDescriptions[] = {
    {factor::kAllreduceBusEff,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                       "All-reduce bus bandwidth of the largest messages over the link's one-way peak; "
                       "prices the tensor-parallel all-reduce")},
    {factor::kAllreduceLatencyUs,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                       "Time of one all-reduce of an empty message among the measured GPUs (the alpha of a "
                       "least-squares fit over the small messages)")},
    {factor::kAlltoallBusEff,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                       "All-to-all bus bandwidth of the largest messages over the link's one-way peak; prices "
                       "the expert-parallel dispatch and combine")},
    {factor::kAlltoallLatencyUs,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                       "Time of one all-to-all of an empty message among the measured GPUs (alpha)")},
    {factor::kP2pEff, QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                                        "Send/receive bandwidth of the largest messages over the link's one-way "
                                        "peak; prices the sends between pipeline stages")},
    {factor::kP2pLatencyUs,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "Time of one send/receive of an empty message (alpha)")},
    {factor::kCollectiveGpusNvlink,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                       "GPUs in the measured collectives, over NVLink/NVSwitch: the collective factors apply to "
                       "this GPU's layouts on NVLink inside one node")},
    {factor::kCollectiveGpusPcie,
     QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow",
                       "GPUs in the measured collectives, over PCIe: the collective factors apply to this GPU's "
                       "layouts on PCIe inside one node")},
};

} // namespace

QString CalibrationFactorModel::unitOf(const std::string& name) {
    static constexpr const char* kGpus = QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "GPUs");
    static constexpr const char* kMicroseconds = QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "µs");
    static constexpr const char* kSeconds = QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "s");
    static constexpr const char* kOfLink =
        QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "fraction of the link's one-way peak");
    static constexpr const char* kOfCatalog =
        QT_TRANSLATE_NOOP("serveplan::ui::CalibrationWindow", "fraction of the catalog's peak");
    const char* unit = nullptr;
    if (name == factor::kCollectiveGpusNvlink || name == factor::kCollectiveGpusPcie)
        unit = kGpus;
    else if (endsWith(name, "_us"))
        unit = kMicroseconds;
    else if (endsWith(name, "_s"))
        unit = kSeconds;
    else if (name == factor::kAllreduceBusEff || name == factor::kAlltoallBusEff || name == factor::kP2pEff)
        unit = kOfLink;
    else if (name.find("_eff") != std::string::npos)
        unit = kOfCatalog;
    return unit ? QCoreApplication::translate(kContext, unit) : QString();
}

QString CalibrationFactorModel::descriptionOf(const std::string& name) {
    for (const FactorDescription& d : kDescriptions)
        if (name == d.name)
            return QCoreApplication::translate(kContext, d.text);
    return {};
}

CalibrationFactorModel::CalibrationFactorModel(QObject* parent)
    : CalibrationTableModel(kHeaders, parent) {}

void CalibrationFactorModel::setFactors(std::vector<CalibrationFactor> factors) {
    beginResetModel();
    m_rows = std::move(factors);
    endResetModel();
}

QVariant CalibrationFactorModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const CalibrationFactor& factor = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case ValueRole:
        return index.column() == Value ? QVariant(factor.value) : QVariant();
    case Qt::ToolTipRole: {
        const QString description = index.column() == Name ? descriptionOf(factor.name) : QString();
        return description.isEmpty() ? QVariant() : QVariant(description);
    }
    case Qt::TextAlignmentRole:
        return static_cast<int>((index.column() == Value ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return QString::fromStdString(factor.name);
        case Value:
            return std::isfinite(factor.value) ? QLocale().toString(factor.value, 'g', 5) : QString();
        case Unit:
            return unitOf(factor.name);
        case Basis:
            return messageText(factor.basis);
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace serveplan::models
