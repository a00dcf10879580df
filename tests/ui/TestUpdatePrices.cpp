// Catalog ▸ Update Prices… offscreen, on a real catalog database and a local HTTP server replaying
// recorded provider replies: per-provider progress and errors, the summary before anything is
// written, Apply writes (one transaction per provider), Discard and Cancel write nothing.
#include "CatalogDb.h"
#include "HttpFixtureServer.h"
#include "MainWindow.h"
#include "PresetPrompts.h"
#include "TestSupport.h"
#include "catalog/UpdatePricesDialog.h"
#include "dialogs/DialogActions.h"

#include <QAction>
#include <QCheckBox>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace serveplan;
using namespace serveplan::test;
using serveplan::models::CatalogDb;
using serveplan::ui::UpdatePricesDialog;

namespace {

qint64 fetchedRows(const CatalogDb& db, const QString& provider) {
    QSqlQuery q(db.database());
    q.prepare(u"SELECT COUNT(*) FROM prices p JOIN instances i ON i.id = p.instance_id"
              " WHERE i.provider_id = ? AND p.fetched_at <> ''"_s);
    q.addBindValue(provider);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

/// New + changed + unchanged of a row (the database starts from the seed, which holds some of them).
int fetched(QTableWidget* table, int row) {
    return table->item(row, UpdatePricesDialog::New)->text().toInt() +
           table->item(row, UpdatePricesDialog::Changed)->text().toInt() +
           table->item(row, UpdatePricesDialog::Unchanged)->text().toInt();
}

int toWrite(QTableWidget* table, int row) {
    return table->item(row, UpdatePricesDialog::New)->text().toInt() +
           table->item(row, UpdatePricesDialog::Changed)->text().toInt();
}

void pick(UpdatePricesDialog& dialog, const QStringList& ids) {
    for (const QString& id : models::fetch::fetcherIds())
        dialog.providerBox(id)->setChecked(ids.contains(id));
}

} // namespace

class TestUpdatePrices final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        qputenv("SERVEPLAN_NO_KEYRING", "1");
        qputenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "ui-id");
        qputenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ui-secret-value-1");
        qputenv("TENCENTCLOUD_SECRET_ID", "AKIDui");
        qputenv("TENCENTCLOUD_SECRET_KEY", "ui-secret-value-2");
    }

    void init() {
        QVERIFY(m_dir.isValid());
        auto db = CatalogDb::open(m_dir.filePath(u"c%1.sqlite"_s.arg(++m_n)));
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
        m_db = std::move(db).value();
    }
    void cleanup() { m_db.reset(); }

    void fetchShowsTheSummaryThenApplyWrites() {
        HttpFixtureServer server([](const FixtureRequest& r) {
            if (!r.header("x-tc-action").isEmpty())
                return FixtureReply::file(testDataPath(u"prices/tencent/error_AuthFailure.json"_s));
            return recordedPriceReply(r, testDataPath(u"prices"_s));
        });
        QVERIFY(server.listen());
        UpdatePricesDialog dialog(*m_db);
        dialog.setEndpoint(server.baseUrl());
        dialog.setRegions({u"aws:us-east-1"_s, u"alibaba:cn-hangzhou"_s, u"tencent:ap-guangzhou"_s});
        pick(dialog, {u"aws"_s, u"alibaba"_s, u"tencent"_s});
        dialog.show();
        QSignalSpy finished(&dialog, &UpdatePricesDialog::fetchFinished);
        QSignalSpy applied(&dialog, &UpdatePricesDialog::pricesApplied);
        QTest::mouseClick(dialog.fetchButton(), Qt::LeftButton);
        QVERIFY(dialog.isFetching());
        QVERIFY(dialog.cancelButton()->isEnabled());
        QVERIFY(finished.wait(60000));
        QTableWidget* table = dialog.table();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, UpdatePricesDialog::Provider)->text(), u"aws"_s);
        QCOMPARE(fetched(table, 0), 12);
        QCOMPARE(table->item(1, UpdatePricesDialog::New)->text(), u"19"_s);
        const int awsToWrite = toWrite(table, 0);
        QVERIFY2(table->item(2, UpdatePricesDialog::Status)->text().contains(u"AuthFailure.SignatureFailure"_s),
                 qPrintable(table->item(2, UpdatePricesDialog::Status)->text()));
        QVERIFY(!table->item(2, UpdatePricesDialog::Status)->text().contains(u"ui-secret-value"_s));
        QVERIFY(dialog.details()->toPlainText().contains(u"tencent: failed"_s));
        // Nothing is written before Apply.
        QCOMPARE(fetchedRows(*m_db, u"aws"_s), 0);
        QVERIFY(dialog.applyButton()->isEnabled());
        QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(fetchedRows(*m_db, u"aws"_s), awsToWrite);
        QCOMPARE(fetchedRows(*m_db, u"alibaba"_s), 19);
        QCOMPARE(fetchedRows(*m_db, u"tencent"_s), 0);
    }

    void discardWritesNothing() {
        HttpFixtureServer server(
            [](const FixtureRequest& r) { return recordedPriceReply(r, testDataPath(u"prices"_s)); });
        QVERIFY(server.listen());
        UpdatePricesDialog dialog(*m_db);
        dialog.setEndpoint(server.baseUrl());
        dialog.setRegions({u"eastus"_s});
        pick(dialog, {u"azure"_s});
        QSignalSpy finished(&dialog, &UpdatePricesDialog::fetchFinished);
        dialog.startFetch();
        QVERIFY(finished.wait(60000));
        QCOMPARE(fetched(dialog.table(), 0), 7);
        QVERIFY(toWrite(dialog.table(), 0) > 0);
        QTest::mouseClick(dialog.discardButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(fetchedRows(*m_db, u"azure"_s), 0);
    }

    void cancelStopsAHangingFetch() {
        HttpFixtureServer server([](const FixtureRequest&) {
            FixtureReply r;
            r.hang = true;
            return r;
        });
        QVERIFY(server.listen());
        UpdatePricesDialog dialog(*m_db);
        dialog.setEndpoint(server.baseUrl());
        pick(dialog, {u"azure"_s});
        QSignalSpy finished(&dialog, &UpdatePricesDialog::fetchFinished);
        dialog.startFetch();
        QTRY_VERIFY(server.requests().size() == 1);
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(dialog.table()->item(0, UpdatePricesDialog::Status)->text().contains(u"cancelled"_s),
                 qPrintable(dialog.table()->item(0, UpdatePricesDialog::Status)->text()));
        QVERIFY(!dialog.applyButton()->isEnabled());
    }

    void catalogMenuHasUpdatePrices() {
        ui::PresetPrompts prompts;
        auto catalog = m_db->loadCatalog();
        QVERIFY(catalog.ok());
        ui::MainWindow window(std::make_shared<const Catalog>(std::move(catalog).value()), &prompts);
        ui::connectDialogActions(&window, m_db->path());
        auto* menu = window.findChild<QMenu*>(u"catalogMenu"_s);
        QVERIFY(menu);
        QCOMPARE(menu->title(), u"&Catalog"_s);
        auto* action = menu->findChild<QAction*>(u"updatePricesAction"_s);
        QVERIFY(action && action->isEnabled());
        QCOMPARE(action->text(), u"Update &Prices…"_s);
        // Catalog comes before Tools in the menu bar.
        const QList<QAction*> bar = window.menuBar()->actions();
        const auto tools = std::find_if(bar.begin(), bar.end(), [&](QAction* a) {
            return a->menu() && a->menu()->actions().contains(window.priceEditorAction());
        });
        QVERIFY(tools != bar.end());
        QVERIFY(bar.indexOf(menu->menuAction()) < bar.indexOf(*tools));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDb> m_db;
    int m_n = 0;
};

QTEST_MAIN(TestUpdatePrices)
#include "TestUpdatePrices.moc"
