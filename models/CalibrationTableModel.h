#pragma once
// What the calibration window's tables (runs, fitted factors, probe lines, predicted versus measured)
// share: a vector of rows under fixed columns whose headers are translated in the calibration window's
// context, where their translations live. Each table adds only its cells (data()) and its own setters.
#include <QAbstractTableModel>
#include <QCoreApplication>

#include <span>
#include <vector>

namespace serveplan::models {

template <typename Row>
class CalibrationTableModel : public QAbstractTableModel {
public:
    static constexpr const char* kContext = "serveplan::ui::CalibrationWindow";

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        if (section < 0 || section >= columnCount())
            return {};
        return QCoreApplication::translate(kContext, m_headers[static_cast<std::size_t>(section)]);
    }

protected:
    /// `headers`: one untranslated text (QT_TRANSLATE_NOOP in kContext) per column, kept for the model's life.
    CalibrationTableModel(std::span<const char* const> headers, QObject* parent)
        : QAbstractTableModel(parent)
        , m_headers(headers) {}

    /// The row behind `index`, or null when the index is invalid or outside the table.
    const Row* rowAt(const QModelIndex& index) const {
        if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
            return nullptr;
        return &m_rows[static_cast<std::size_t>(index.row())];
    }

    void resetRows(std::vector<Row> rows) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }

    std::vector<Row> m_rows;

private:
    std::span<const char* const> m_headers;
};

} // namespace serveplan::models
