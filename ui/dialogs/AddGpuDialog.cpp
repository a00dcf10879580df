#include "dialogs/AddGpuDialog.h"

#include "CatalogDb.h"
#include "UserCatalog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace serveplan::ui {

AddGpuDialog::AddGpuDialog(models::CatalogDb& db, QWidget* parent)
    : QDialog(parent)
    , m_db(db) {
    setWindowTitle(tr("Add GPU"));
    m_id = new QLineEdit(this);
    m_id->setPlaceholderText(tr("a unique id, e.g. lab-card-48gb"));
    m_vendor = new QLineEdit(this);
    m_name = new QLineEdit(this);
    m_memory = number(4096, tr(" GB"));
    m_bandwidth = number(100000, tr(" GB/s"));
    m_fp16 = number(100000, tr(" TFLOPS"));
    m_bf16 = number(100000, tr(" TFLOPS"));
    m_fp8 = number(100000, tr(" TFLOPS"));
    m_int8 = number(100000, tr(" TOPS"));
    m_link = number(100000, tr(" GB/s"));
    m_tdp = number(10000, tr(" W"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Id:"), m_id);
    form->addRow(tr("&Vendor:"), m_vendor);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Memory:"), m_memory);
    form->addRow(tr("Memory &bandwidth:"), m_bandwidth);
    form->addRow(tr("FP16 dense:"), m_fp16);
    form->addRow(tr("BF16 dense:"), m_bf16);
    form->addRow(tr("FP8 dense:"), m_fp8);
    form->addRow(tr("INT8 dense:"), m_int8);
    form->addRow(tr("GPU-to-GPU link:"), m_link);
    form->addRow(tr("Board power:"), m_tdp);
    form->addRow(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QDoubleSpinBox* AddGpuDialog::number(double maximum, const QString& suffix) {
    auto* box = new QDoubleSpinBox(this);
    box->setRange(0, maximum);
    box->setDecimals(1);
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    return box;
}

GpuSpec AddGpuDialog::spec() const {
    GpuSpec g;
    g.id = m_id->text().trimmed().toStdString();
    g.vendor = m_vendor->text().trimmed().toStdString();
    g.name = m_name->text().trimmed().toStdString();
    g.memoryGb = m_memory->value();
    g.memoryBandwidthGBps = m_bandwidth->value();
    g.fp16Tflops = m_fp16->value();
    g.bf16Tflops = m_bf16->value();
    g.fp8Tflops = m_fp8->value();
    g.int8Tops = m_int8->value();
    g.interconnectGBps = m_link->value();
    g.tdpW = m_tdp->value();
    g.userEntered = true;
    return g;
}

bool AddGpuDialog::save() {
    const GpuSpec g = spec();
    models::UserCatalog user(m_db);
    auto saved = user.saveGpu(g);
    if (!saved) {
        m_status->setText(QString::fromStdString(saved.error()));
        return false;
    }
    emit gpuAdded(QString::fromStdString(g.id));
    return true;
}

} // namespace serveplan::ui
