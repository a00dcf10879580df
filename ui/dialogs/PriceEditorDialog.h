#pragma once
// Tools ▸ Price Editor: every price in one filterable table whose price cells are editable, custom
// and on-premises instances added by hand, and price CSV import and export. An import is checked
// in full first; when any row is bad, each one is listed with its line and reason and nothing changes.
#include <QDialog>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QTableWidget;
class QTableWidgetItem;

namespace serveplan::models {
class CatalogDb;
struct PriceRecord;
} // namespace serveplan::models

namespace serveplan::ui {

class Prompts;

class PriceEditorDialog final : public QDialog {
    Q_OBJECT
public:
    enum Column {
        Provider,
        InstanceType,
        Region,
        Gpu,
        GpuCount,
        Plan,
        Amount,
        Currency,
        Unit,
        Date,
        Mine,
        ColumnCount
    };

    /// `prompts` answers the import and export file dialogs (the real ones when null).
    explicit PriceEditorDialog(models::CatalogDb& db, QWidget* parent = nullptr, Prompts* prompts = nullptr);
    ~PriceEditorDialog() override;

    QTableWidget* table() const { return m_table; }
    QListWidget* problemList() const { return m_problems; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLabel* statusLabel() const { return m_status; }

    /// Reloads the table from the database.
    void reload();
    /// Sets the price of the table row `row` (what editing its price cell does). False with the reason
    /// shown in the status line when the database refuses.
    bool setPrice(int row, double amount);
    /// Validates and imports a price CSV (serveplan layout); false when any row is bad (listed below the table).
    bool importFile(const QString& path);
    /// Writes every price to `path` in the serveplan layout through QSaveFile.
    bool exportFile(const QString& path);
    /// The first table row whose provider, instance type, region and plan match; -1 when none.
    int findRow(const QString& provider, const QString& instanceType, const QString& region, const QString& plan) const;

signals:
    /// Prices or instances changed in the database: the catalog should be reloaded and plans rerun.
    void catalogChanged();

private:
    QWidget* buildButtons();
    void applyFilter(const QString& text);
    void onItemChanged(QTableWidgetItem* item);
    void chooseImport();
    void chooseExport();
    void addInstance();
    void showStatus(const QString& text, bool error);

    models::CatalogDb& m_db;
    std::vector<models::PriceRecord> m_records;
    QTableWidget* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QListWidget* m_problems = nullptr;
    QLabel* m_status = nullptr;
    bool m_loading = false;
    Prompts* m_prompts = nullptr;
};

} // namespace serveplan::ui
