#include "CheckListPicker.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace serveplan::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

CheckListPicker::CheckListPicker(const QStringList& headers, const QString& anyText, QWidget* parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_anyText(anyText) {
    m_model->setHorizontalHeaderLabels(headers);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setRootIsDecorated(true);
    // Names are never elided (a model is known by its full name); the view scrolls sideways instead.
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setMinimumHeight(110);

    m_filter->setPlaceholderText(tr("Filter…"));
    m_filter->setClearButtonEnabled(true);
    auto* clear = new QToolButton(this);
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Uncheck all (= %1)").arg(anyText));

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_view->expandAll();
    });
    connect(m_model, &QStandardItemModel::itemChanged, this, &CheckListPicker::onItemChanged);
    connect(clear, &QToolButton::clicked, this, [this] {
        if (checkedIds().empty())
            return;
        setCheckedIds({});
        emit checkedChanged();
    });
    updateSummary();
}

void CheckListPicker::setEntries(const std::vector<PickerEntry>& entries) {
    const std::vector<std::string> checked = checkedIds();
    m_updating = true;
    m_model->removeRows(0, m_model->rowCount());
    m_entries.clear();
    QMap<QString, QStandardItem*> groups;
    for (const PickerEntry& entry : entries) {
        QList<QStandardItem*> row;
        for (int c = 0; c < m_model->columnCount(); ++c) {
            auto* item = new QStandardItem(c < entry.columns.size() ? entry.columns[c] : QString());
            item->setEditable(false);
            item->setToolTip(entry.toolTip);
            row.append(item);
        }
        row.front()->setCheckable(true);
        row.front()->setCheckState(Qt::Unchecked);
        row.front()->setData(entry.id, kIdRole);
        m_entries.push_back(row.front());
        if (entry.group.isEmpty()) {
            m_model->appendRow(row);
            continue;
        }
        QStandardItem*& group = groups[entry.group];
        if (!group) {
            group = new QStandardItem(entry.group);
            group->setEditable(false);
            group->setSelectable(false);
            QList<QStandardItem*> groupRow{group};
            for (int c = 1; c < m_model->columnCount(); ++c) {
                auto* filler = new QStandardItem;
                filler->setEditable(false);
                groupRow.append(filler);
            }
            m_model->appendRow(groupRow);
        }
        group->appendRow(row);
    }
    m_updating = false;
    // Short lists open fully (models, GPUs); long ones (instances) only where something is checked.
    if (entries.size() <= 80)
        m_view->expandAll();
    setCheckedIds(checked);
}

void CheckListPicker::setCheckedIds(const std::vector<std::string>& ids) {
    QSet<QString> wanted;
    for (const std::string& id : ids)
        wanted.insert(QString::fromStdString(id));
    m_updating = true;
    for (QStandardItem* item : m_entries) {
        const Qt::CheckState state = wanted.contains(item->data(kIdRole).toString()) ? Qt::Checked : Qt::Unchecked;
        if (item->checkState() != state)
            item->setCheckState(state);
        if (state == Qt::Checked && item->parent())
            m_view->expand(m_proxy->mapFromSource(item->parent()->index()));
    }
    m_updating = false;
    updateSummary();
}

std::vector<std::string> CheckListPicker::checkedIds() const {
    // The same id can sit under two groups (a region name two providers use): report it once.
    std::vector<std::string> ids;
    QSet<QString> seen;
    for (const QStandardItem* item : m_entries) {
        const QString id = item->data(kIdRole).toString();
        if (item->checkState() == Qt::Checked && !seen.contains(id)) {
            seen.insert(id);
            ids.push_back(id.toStdString());
        }
    }
    return ids;
}

bool CheckListPicker::toggleId(const QString& id, bool checked) {
    for (QStandardItem* item : m_entries) {
        if (item->data(kIdRole).toString() != id)
            continue;
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked); // itemChanged → checkedChanged
        return true;
    }
    return false;
}

int CheckListPicker::visibleEntryCount() const {
    int visible = 0;
    for (const QStandardItem* item : m_entries)
        if (m_proxy->mapFromSource(item->index()).isValid())
            ++visible;
    return visible;
}

void CheckListPicker::onItemChanged(QStandardItem* item) {
    if (m_updating || !item->isCheckable())
        return;
    updateSummary();
    emit checkedChanged();
}

void CheckListPicker::updateSummary() {
    const auto checked = checkedIds().size();
    m_summary->setText(checked == 0 ? tr("Nothing checked: %1").arg(m_anyText) : tr("Checked: %1").arg(checked));
}

} // namespace serveplan::ui
