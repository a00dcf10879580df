#pragma once
// A searchable, filterable list of checkable catalog entries (models, GPUs, providers, regions,
// instances), optionally grouped (models by family, instances by provider). Nothing checked means
// "any". Used for every multi-choice input of the scenario panel.
#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace serveplan::ui {

struct PickerEntry {
    QString id;          ///< the value stored in the scenario
    QString group;       ///< empty = top level
    QStringList columns; ///< first column is the name
    QString toolTip;
};

class CheckListPicker final : public QWidget {
    Q_OBJECT
public:
    /// `anyText` is what the summary says when nothing is checked (e.g. "any GPU").
    CheckListPicker(const QStringList& headers, const QString& anyText, QWidget* parent = nullptr);

    void setEntries(const std::vector<PickerEntry>& entries);
    /// Checks exactly these ids (unknown ids are ignored); emits nothing.
    void setCheckedIds(const std::vector<std::string>& ids);
    std::vector<std::string> checkedIds() const;
    /// Checks or unchecks one id as if the user clicked it (emits checkedChanged when it changes).
    bool toggleId(const QString& id, bool checked);

    QLineEdit* filterEdit() const { return m_filter; }
    QTreeView* view() const { return m_view; }
    int entryCount() const { return static_cast<int>(m_entries.size()); }
    /// Rows left visible by the filter text (entries, not groups).
    int visibleEntryCount() const;

signals:
    void checkedChanged();

private:
    void onItemChanged(QStandardItem* item);
    void updateSummary();

    QLineEdit* m_filter;
    QLabel* m_summary;
    QTreeView* m_view;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QString m_anyText;
    std::vector<QStandardItem*> m_entries;
    bool m_updating = false;
};

} // namespace serveplan::ui
