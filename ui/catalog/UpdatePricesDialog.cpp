#include "catalog/UpdatePricesDialog.h"

#include "CatalogDb.h"
#include "fetch/Credentials.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace serveplan::ui {

using models::PriceBook;
using models::PriceDiff;
namespace fetch = models::fetch;

UpdatePricesDialog::UpdatePricesDialog(models::CatalogDb& db, QWidget* parent)
    : QDialog(parent)
    , m_db(db) {
    setWindowTitle(tr("Update Prices"));
    auto* layout = new QVBoxLayout(this);
    auto* pick = new QGroupBox(tr("Providers"), this);
    auto* grid = new QGridLayout(pick);
    int i = 0;
    for (const QString& id : fetch::fetcherIds()) {
        auto fetcher = fetch::makeFetcher(id);
        const QStringList keys = fetcher->credentialVariables();
        const fetch::Credentials credentials = keys.isEmpty() ? fetch::Credentials{} : fetch::loadCredentials(*fetcher);
        bool haveKeys = true;
        for (const QString& k : keys)
            haveKeys = haveKeys && (credentials.has(k) || id == u"runpod"_s);
        auto* box = new QCheckBox(fetcher->displayName(), pick);
        box->setObjectName(id);
        box->setChecked(keys.isEmpty() && (id == u"aws"_s || id == u"azure"_s));
        box->setToolTip(
            keys.isEmpty()
                ? tr("Public price interface: no key needed")
                : (haveKeys ? tr("Key found (%1)") : tr("Needs %1 (environment or keyring)")).arg(keys.join(u", "_s)));
        grid->addWidget(box, i / 4, i % 4);
        m_boxes.push_back(box);
        ++i;
    }
    layout->addWidget(pick);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Provider"), tr("Status"), tr("New"), tr("Changed"), tr("Unchanged"), tr("Vanished")});
    m_table->horizontalHeader()->setSectionResizeMode(Status, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    m_details = new QPlainTextEdit(this);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("The biggest changes appear here before anything is written."));
    layout->addWidget(m_details, 1);
    m_state = new QLabel(this);
    layout->addWidget(m_state);

    auto* buttons = new QDialogButtonBox(this);
    m_fetch = buttons->addButton(tr("&Fetch"), QDialogButtonBox::ActionRole);
    m_cancel = buttons->addButton(tr("Cancel Fetch"), QDialogButtonBox::ActionRole);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_discard = buttons->addButton(tr("&Discard"), QDialogButtonBox::RejectRole);
    m_cancel->setEnabled(false);
    m_apply->setEnabled(false);
    layout->addWidget(buttons);
    connect(m_fetch, &QPushButton::clicked, this, &UpdatePricesDialog::startFetch);
    connect(m_cancel, &QPushButton::clicked, this, &UpdatePricesDialog::cancelFetch);
    connect(m_apply, &QPushButton::clicked, this, &UpdatePricesDialog::applyPrices);
    connect(m_discard, &QPushButton::clicked, this, &QDialog::reject);
    resize(760, 520);
}

UpdatePricesDialog::~UpdatePricesDialog() {
    // A fetch still running finishes on its thread; its result is dropped (the flag stops it soon).
    if (m_cancelFlag)
        m_cancelFlag->store(true);
}

QCheckBox* UpdatePricesDialog::providerBox(const QString& id) const {
    for (QCheckBox* box : m_boxes)
        if (box->objectName() == id)
            return box;
    return nullptr;
}

void UpdatePricesDialog::startFetch() {
    if (m_running)
        return;
    m_runs.clear();
    for (QCheckBox* box : m_boxes)
        if (box->isChecked())
            m_runs.push_back(Run{box->objectName(), {}, {}, false});
    if (m_runs.empty()) {
        m_state->setText(tr("Pick at least one provider."));
        return;
    }
    m_table->setRowCount(int(m_runs.size()));
    for (int row = 0; row < int(m_runs.size()); ++row) {
        m_table->setItem(row, Provider, new QTableWidgetItem(m_runs[std::size_t(row)].id));
        setRow(row, tr("waiting"), nullptr);
    }
    m_details->clear();
    m_apply->setEnabled(false);
    m_fetch->setEnabled(false);
    m_cancel->setEnabled(true);
    for (QCheckBox* box : m_boxes)
        box->setEnabled(false);
    m_running = true;
    m_next = 0;
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_state->setText(tr("Fetching… nothing is written before Apply."));
    runNext();
}

void UpdatePricesDialog::cancelFetch() {
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    m_state->setText(tr("Cancelling…"));
}

void UpdatePricesDialog::runNext() {
    if (m_next >= m_runs.size()) {
        m_running = false;
        m_cancel->setEnabled(false);
        m_fetch->setEnabled(true);
        for (QCheckBox* box : m_boxes)
            box->setEnabled(true);
        showSummary();
        emit fetchFinished();
        return;
    }
    const std::size_t index = m_next++;
    const QString id = m_runs[index].id;
    setRow(int(index), tr("fetching…"), nullptr);
    fetch::FetchOptions options;
    for (const QString& r : m_regions) {
        const qsizetype colon = r.indexOf(u':');
        if (colon < 0)
            options.regions << r;
        else if (r.left(colon) == id)
            options.regions << r.mid(colon + 1);
    }
    options.endpoint = m_endpoint;
    options.http = m_policy;
    auto flag = m_cancelFlag;
    options.cancel = flag.get();
    QPointer<UpdatePricesDialog> self(this);
    options.progress = [self, index](const QString& line) {
        QMetaObject::invokeMethod(
            qApp,
            [self, index, line] {
                if (self)
                    self->setRow(int(index), line, nullptr);
            },
            Qt::QueuedConnection);
    };
    (void)QtConcurrent::run([self, index, id, options, flag]() mutable {
        auto fetcher = fetch::makeFetcher(id);
        const fetch::Credentials credentials = fetch::loadCredentials(*fetcher);
        auto result = fetcher->fetch(options, credentials);
        if (!result)
            result = Error{fetch::scrubSecrets(QString::fromStdString(result.error()), credentials).toStdString()};
        QMetaObject::invokeMethod(
            qApp,
            [self, index, result = std::move(result)]() mutable {
                if (self)
                    self->providerDone(index, std::move(result));
            },
            Qt::QueuedConnection);
    });
}

void UpdatePricesDialog::providerDone(std::size_t index, Result<fetch::FetchResult> result) {
    Run& run = m_runs[index];
    run.done = true;
    if (!result) {
        run.error = QString::fromStdString(result.error());
        setRow(int(index), tr("failed: %1").arg(run.error), nullptr);
    } else {
        auto diff = PriceBook::diff(m_db, run.id, *result);
        if (!diff) {
            run.error = QString::fromStdString(diff.error());
            setRow(int(index), tr("failed: %1").arg(run.error), nullptr);
        } else {
            run.diff = std::move(*diff);
            setRow(int(index), tr("ready: %1 instance types without a GPU skipped").arg(run.diff.skippedNoGpu),
                   &run.diff);
        }
    }
    runNext();
}

void UpdatePricesDialog::setRow(int row, const QString& status, const PriceDiff* diff) {
    auto set = [&](int column, const QString& text) {
        auto* item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        item->setText(text);
    };
    set(Status, status);
    if (diff) {
        set(New, QString::number(diff->added.size()));
        set(Changed, QString::number(diff->changed.size()));
        set(Unchanged, QString::number(diff->unchanged));
        set(Vanished, QString::number(diff->vanished.size()));
    }
}

void UpdatePricesDialog::showSummary() {
    QStringList lines;
    int toWrite = 0;
    for (const Run& run : m_runs) {
        if (!run.error.isEmpty()) {
            lines << tr("%1: failed, its prices stay as they are: %2").arg(run.id, run.error);
            continue;
        }
        toWrite += int(run.diff.added.size() + run.diff.changed.size());
        const auto biggest = run.diff.biggestChanges(5);
        if (!biggest.empty())
            lines << tr("%1: biggest changes").arg(run.id);
        for (const auto& c : biggest)
            lines << u"  "_s + c.quote.key() + u"  "_s + QString::number(c.oldAmount, 'f', 4) + u' ' + c.oldCurrency +
                         u" → "_s + QString::number(c.quote.amount, 'f', 4) + u' ' + c.quote.currency +
                         (c.relative() != 0 ? u" (%1 %)"_s.arg(c.relative() * 100, 0, 'f', 1) : QString());
        if (!run.diff.vanished.empty())
            lines << tr("%1: %2 stored prices are no longer offered (kept)").arg(run.id).arg(run.diff.vanished.size());
        for (const QString& note : run.diff.notes)
            lines << u"  "_s + note;
    }
    m_details->setPlainText(lines.join(u'\n'));
    m_apply->setEnabled(toWrite > 0);
    m_state->setText(toWrite > 0 ? tr("%n price(s) to write. Apply or Discard.", nullptr, toWrite)
                                 : tr("Nothing to write."));
}

void UpdatePricesDialog::applyPrices() {
    int written = 0;
    QStringList failures;
    for (const Run& run : m_runs) {
        if (!run.error.isEmpty() || run.diff.writesNothing())
            continue;
        auto applied = PriceBook::apply(m_db, run.diff);
        if (!applied) {
            failures << QString::fromStdString(applied.error());
            continue;
        }
        written += applied->pricesWritten;
    }
    m_apply->setEnabled(false);
    if (written > 0)
        emit pricesApplied();
    m_state->setText(failures.isEmpty()
                         ? tr("%n price(s) written.", nullptr, written)
                         : tr("%n price(s) written; failed: %1", nullptr, written).arg(failures.join(u"; "_s)));
    if (failures.isEmpty())
        accept();
}

} // namespace serveplan::ui
