#pragma once
// Tools ▸ Add Model: a model from a Hugging Face config.json (dense, MoE, GQA or MLA) or typed in by
// hand. The total and active parameter counts are computed from the architecture as the fields change.
#include "catalog/ModelSpec.h"

#include <QDialog>

#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QCheckBox;

namespace serveplan::models {
class CatalogDb;
}

namespace serveplan::ui {

class Prompts;

class AddModelDialog final : public QDialog {
    Q_OBJECT
public:
    /// `prompts` answers the config.json file dialog (the real one when null).
    explicit AddModelDialog(models::CatalogDb& db, QWidget* parent = nullptr, Prompts* prompts = nullptr);

    /// Fills the form from a config.json; false (reason in the status line) when it cannot be read.
    bool loadConfig(const QString& path);
    /// The model as the form describes it, with computed parameter counts.
    ModelSpec spec() const;
    /// Writes the model to the database as a user entry; false with the reason shown when refused.
    bool save();

    QLineEdit* idEdit() const { return m_id; }
    QLineEdit* nameEdit() const { return m_name; }
    QLabel* parametersLabel() const { return m_parameters; }
    QLabel* statusLabel() const { return m_status; }
    QSpinBox* field(const char* name) const;

signals:
    void modelAdded(const QString& id);

private:
    QSpinBox* addField(const char* name, const QString& label, int maximum);
    void updateParameters();
    void chooseConfig();

    models::CatalogDb& m_db;
    Prompts* m_prompts = nullptr;
    ModelSpec m_loaded; ///< what the last config.json said (architecture name, dtype, repo)
    QLineEdit* m_id = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_family = nullptr;
    QComboBox* m_attention = nullptr;
    QCheckBox* m_tied = nullptr;
    QLabel* m_parameters = nullptr;
    QLabel* m_status = nullptr;
    std::vector<std::pair<const char*, QSpinBox*>> m_fields;
};

} // namespace serveplan::ui
