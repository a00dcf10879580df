#include "dialogs/PriceEditorDialog.h"

#include "CatalogDb.h"
#include "PriceCsv.h"
#include "PriceImport.h"
#include "QtText.h"
#include "SaveFile.h"
#include "UserCatalog.h"
#include "dialogs/InstanceDialog.h"
#include "document/Prompts.h"

#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>

namespace serveplan::ui {

namespace {

QTableWidgetItem* readOnly(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

PriceEditorDialog::PriceEditorDialog(models::CatalogDb& db, QWidget* parent, Prompts* prompts)
    : QDialog(parent)
    , m_db(db)
    , m_prompts(prompts) {
    setWindowTitle(tr("Price Editor"));
    resize(1000, 640);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by provider, instance, region or GPU"));
    m_filter->setClearButtonEnabled(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Provider"), tr("Instance type"), tr("Region"), tr("GPU"), tr("GPUs"),
                                        tr("Plan"), tr("Price"), tr("Currency"), tr("Unit"), tr("Effective date"),
                                        tr("Entered by you")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_problems = new QListWidget(this);
    m_problems->setMaximumHeight(120);
    m_problems->hide();
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    connect(m_filter, &QLineEdit::textChanged, this, &PriceEditorDialog::applyFilter);
    connect(m_table, &QTableWidget::itemChanged, this, &PriceEditorDialog::onItemChanged);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_problems);
    layout->addWidget(buildButtons());
    reload();
}

PriceEditorDialog::~PriceEditorDialog() = default;

QWidget* PriceEditorDialog::buildButtons() {
    auto* bar = new QWidget(this);
    auto* add = new QPushButton(tr("&Add Instance…"), bar);
    auto* importButton = new QPushButton(tr("&Import CSV…"), bar);
    auto* exportButton = new QPushButton(tr("E&xport CSV…"), bar);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, bar);
    connect(add, &QPushButton::clicked, this, &PriceEditorDialog::addInstance);
    connect(importButton, &QPushButton::clicked, this, &PriceEditorDialog::chooseImport);
    connect(exportButton, &QPushButton::clicked, this, &PriceEditorDialog::chooseExport);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(add);
    layout->addWidget(importButton);
    layout->addWidget(exportButton);
    layout->addStretch();
    layout->addWidget(close);
    return bar;
}

void PriceEditorDialog::reload() {
    auto records = m_db.exportPrices();
    if (!records) {
        showStatus(qtText(records.error()), true);
        return;
    }
    m_records = std::move(records).value();
    m_loading = true;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(static_cast<int>(m_records.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const models::PriceRecord& r = m_records[static_cast<std::size_t>(row)];
        const InstanceSpec& s = r.instance;
        auto* provider = readOnly(qtText(s.provider));
        provider->setData(Qt::UserRole, row); // index into m_records, stable under filtering
        m_table->setItem(row, Provider, provider);
        m_table->setItem(row, InstanceType, readOnly(qtText(s.instanceType)));
        m_table->setItem(row, Region, readOnly(qtText(s.region)));
        m_table->setItem(row, Gpu, readOnly(qtText(s.gpuId.empty() ? s.gpuName : s.gpuId)));
        m_table->setItem(row, GpuCount, readOnly(QString::number(s.gpuCount)));
        m_table->setItem(row, Plan, readOnly(qtText(std::string(toString(r.price.plan)))));
        m_table->setItem(row, Amount, new QTableWidgetItem(QString::number(r.price.amount, 'g', 10)));
        m_table->setItem(row, Currency, readOnly(qtText(r.price.currency)));
        m_table->setItem(row, Unit, readOnly(r.price.unit == PriceUnit::Month ? tr("month") : tr("hour")));
        m_table->setItem(row, Date, readOnly(qtText(r.price.effectiveDate)));
        m_table->setItem(row, Mine, readOnly(r.price.userEntered ? tr("yes") : QString()));
    }
    m_loading = false;
    applyFilter(m_filter->text());
    showStatus(tr("%n price(s)", nullptr, m_table->rowCount()), false);
}

void PriceEditorDialog::applyFilter(const QString& text) {
    const QString needle = text.trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int column : {Provider, InstanceType, Region, Gpu})
            match = match || m_table->item(row, column)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}

int PriceEditorDialog::findRow(const QString& provider, const QString& instanceType, const QString& region,
                               const QString& plan) const {
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Provider)->text() == provider &&
            m_table->item(row, InstanceType)->text() == instanceType && m_table->item(row, Region)->text() == region &&
            m_table->item(row, Plan)->text() == plan)
            return row;
    return -1;
}

bool PriceEditorDialog::setPrice(int row, double amount) {
    if (row < 0 || row >= m_table->rowCount())
        return false;
    const auto index = static_cast<std::size_t>(m_table->item(row, Provider)->data(Qt::UserRole).toInt());
    models::PriceRecord record = m_records.at(index);
    record.price.amount = amount;
    record.price.userEntered = true;
    if (amount < 0) {
        showStatus(tr("A price cannot be negative."), true);
        return false;
    }
    auto written = m_db.importPrices({record}, false);
    if (!written) {
        showStatus(qtText(written.error()), true);
        return false;
    }
    m_records[index] = record;
    m_loading = true;
    m_table->item(row, Amount)->setText(QString::number(amount, 'g', 10));
    m_table->item(row, Mine)->setText(tr("yes"));
    m_loading = false;
    showStatus(tr("Saved the new price of %1.").arg(qtText(record.instance.key())), false);
    emit catalogChanged();
    return true;
}

void PriceEditorDialog::onItemChanged(QTableWidgetItem* item) {
    if (m_loading || item->column() != Amount)
        return;
    bool ok = false;
    const double amount = item->text().toDouble(&ok);
    const auto index = static_cast<std::size_t>(m_table->item(item->row(), Provider)->data(Qt::UserRole).toInt());
    if (!ok || !setPrice(item->row(), amount)) {
        if (!ok)
            showStatus(tr("“%1” is not a number.").arg(item->text()), true);
        m_loading = true;
        item->setText(QString::number(m_records.at(index).price.amount, 'g', 10));
        m_loading = false;
    }
}

bool PriceEditorDialog::importFile(const QString& path) {
    m_problems->clear();
    m_problems->hide();
    if (!QFileInfo(path).isFile()) {
        showStatus(tr("Cannot read %1: no such file").arg(path), true);
        return false;
    }
    // The file streams through two passes (validate, then write in one transaction) on a worker
    // thread with its own connection to the database; this thread shows the progress and can cancel.
    const QString dbPath = m_db.path();
    std::atomic<bool> cancel{false};
    std::atomic<int> permille{0};
    QFutureWatcher<models::PriceFileImport> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<models::PriceFileImport>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([dbPath, path, &cancel, &permille]() {
        auto db = models::CatalogDb::open(dbPath);
        if (!db) {
            models::PriceFileImport failed;
            failed.error = qtText(db.error());
            return failed;
        }
        return models::importPriceFile(**db, path, models::PriceImportOptions{}, [&](qint64 done, qint64 total) {
            permille = total > 0 ? static_cast<int>(done * 1000 / total) : 1000;
            return !cancel.load();
        });
    }));
    QProgressDialog progress(tr("Importing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, this);
    progress.setWindowTitle(tr("Import Prices"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    progress.setValue(0);
    connect(&progress, &QProgressDialog::canceled, this, [&cancel] { cancel = true; });
    QTimer tick;
    connect(&tick, &QTimer::timeout, &progress, [&] {
        progress.setLabelText(permille < 500 ? tr("Checking every row of %1…").arg(QFileInfo(path).fileName())
                                             : tr("Writing the prices of %1…").arg(QFileInfo(path).fileName()));
        progress.setValue(std::min(permille.load(), 999));
    });
    tick.start(50);
    if (!watcher.isFinished())
        loop.exec();
    tick.stop();
    progress.reset();
    const models::PriceFileImport result = watcher.result();
    if (result.cancelled) {
        showStatus(tr("Import cancelled; nothing was imported."), true);
        return false;
    }
    if (!result.parsed.problems.isEmpty()) {
        m_problems->addItems(result.parsed.problems);
        m_problems->show();
        showStatus(tr("%n problem(s); nothing was imported.", nullptr, int(result.parsed.problemCount)), true);
        return false;
    }
    if (!result.summary) {
        showStatus(result.error, true);
        return false;
    }
    const models::ImportSummary& summary = *result.summary;
    reload();
    showStatus(tr("Imported %1 new and %2 updated price(s), %3 new instance(s).")
                   .arg(summary.pricesInserted)
                   .arg(summary.pricesUpdated)
                   .arg(summary.instancesCreated),
               false);
    emit catalogChanged();
    return true;
}

bool PriceEditorDialog::exportFile(const QString& path) {
    auto records = m_db.exportPrices();
    if (!records) {
        showStatus(qtText(records.error()), true);
        return false;
    }
    const QByteArray bytes = models::PriceCsv::write(*records);
    if (const Result<void> saved = models::saveFile(path, bytes); !saved) {
        showStatus(qtText(saved.error()), true);
        return false;
    }
    showStatus(tr("Exported %n price(s) to %1.", nullptr, int(records->size())).arg(path), false);
    return true;
}

void PriceEditorDialog::chooseImport() {
    const QString path = promptsOrDialogs(m_prompts).openFileName(this, tr("Import Prices"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        importFile(path);
}

void PriceEditorDialog::chooseExport() {
    const QString path = promptsOrDialogs(m_prompts).saveFileName(
        this, tr("Export Prices"), QStringLiteral("prices.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportFile(path);
}

void PriceEditorDialog::addInstance() {
    InstanceDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    InstanceSpec spec = dialog.instance();
    const auto known = m_db.priceLookups();
    const auto byName = known.gpuIdByLowerName.find(QString::fromStdString(spec.gpuName).toLower().toStdString());
    spec.gpuId = byName != known.gpuIdByLowerName.end() ? byName->second : std::string();
    models::UserCatalog user(m_db);
    if (auto saved = user.saveInstance(spec); !saved) {
        showStatus(qtText(saved.error()), true);
        return;
    }
    reload();
    emit catalogChanged();
}

void PriceEditorDialog::showStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

} // namespace serveplan::ui
