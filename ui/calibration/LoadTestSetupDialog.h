#pragma once
// The deployment a load test ran on, asked when a `vllm bench serve` JSON or a Locust stats CSV is
// imported: the catalog model and GPU, the serving engine, the GPU count and tensor parallelism, and
// the mean prompt and answer lengths (taken from the file when it has them; Locust does not).
#include "calib/LoadTestImport.h"
#include "catalog/Catalog.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace serveplan::ui {

class LoadTestSetupDialog final : public QDialog {
    Q_OBJECT
public:
    /// `source` is vllm_bench or locust; `gpuId` the GPU to preselect (empty: the first).
    LoadTestSetupDialog(const Catalog& catalog, const QString& source, const LoadTestPoint& point, const QString& gpuId,
                        QWidget* parent = nullptr);

    /// The deployment as the form stands.
    LoadTestSetup setup() const;

    QComboBox* modelBox() const { return m_model; }
    QComboBox* engineBox() const { return m_engine; }
    QComboBox* gpuBox() const { return m_gpu; }
    QSpinBox* gpuCountBox() const { return m_gpuCount; }
    QSpinBox* tpBox() const { return m_tp; }
    QDoubleSpinBox* inputTokensBox() const { return m_input; }
    QDoubleSpinBox* outputTokensBox() const { return m_output; }
    QLabel* fileLabel() const { return m_file; }

private:
    QComboBox* m_model = nullptr;
    QComboBox* m_engine = nullptr;
    QComboBox* m_gpu = nullptr;
    QSpinBox* m_gpuCount = nullptr;
    QSpinBox* m_tp = nullptr;
    QDoubleSpinBox* m_input = nullptr;
    QDoubleSpinBox* m_output = nullptr;
    QLabel* m_file = nullptr;
};

} // namespace serveplan::ui
