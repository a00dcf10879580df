#pragma once
// Catalog ▸ Update Prices…: pick providers, fetch every pricing plan from their own price interfaces
// (on a worker thread, per-provider progress, Cancel), read the summary — new, changed, unchanged and
// vanished prices, the biggest changes, each provider's error — and only then Apply (one
// transaction per provider) or Discard. Nothing is written before Apply.
#include "PriceBook.h"
#include "fetch/PriceFetcher.h"

#include <QDialog>

#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace serveplan::models {
class CatalogDb;
} // namespace serveplan::models

namespace serveplan::ui {

class UpdatePricesDialog final : public QDialog {
    Q_OBJECT
public:
    enum Column { Provider, Status, New, Changed, Unchanged, Vanished, ColumnCount };

    UpdatePricesDialog(models::CatalogDb& db, QWidget* parent = nullptr);
    ~UpdatePricesDialog() override;

    /// Test and mirror seams: a base URL for every provider (see `prices fetch --endpoint`), regions
    /// ("aws:us-east-1" for one provider, plain for all) and the HTTP policy.
    void setEndpoint(const QString& endpoint) { m_endpoint = endpoint; }
    void setRegions(const QStringList& regions) { m_regions = regions; }
    void setHttpPolicy(const models::fetch::HttpPolicy& policy) { m_policy = policy; }

    QCheckBox* providerBox(const QString& id) const;
    QPushButton* fetchButton() const { return m_fetch; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* discardButton() const { return m_discard; }
    QTableWidget* table() const { return m_table; }
    QPlainTextEdit* details() const { return m_details; }
    bool isFetching() const { return m_running; }

public slots:
    void startFetch();
    void cancelFetch();
    void applyPrices();

signals:
    /// Prices were written: the catalog should be reloaded.
    void pricesApplied();
    /// Every selected provider has finished (or failed, or was cancelled).
    void fetchFinished();

private:
    struct Run {
        QString id;
        QString error;
        models::PriceDiff diff;
        bool done = false;
    };
    void runNext();
    void providerDone(std::size_t index, Result<models::fetch::FetchResult> result);
    void setRow(int row, const QString& status, const models::PriceDiff* diff);
    void showSummary();

    models::CatalogDb& m_db;
    QString m_endpoint;
    QStringList m_regions;
    models::fetch::HttpPolicy m_policy;
    std::vector<QCheckBox*> m_boxes;
    QTableWidget* m_table;
    QPlainTextEdit* m_details;
    QLabel* m_state;
    QPushButton* m_fetch;
    QPushButton* m_cancel;
    QPushButton* m_apply;
    QPushButton* m_discard;
    std::vector<Run> m_runs;
    std::size_t m_next = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
};

} // namespace serveplan::ui
