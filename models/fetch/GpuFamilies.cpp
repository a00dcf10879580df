#include "GpuFamilies.h"

#include <QHash>
#include <QRegularExpression>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace serveplan::models::fetch {
namespace {

struct Family {
    const char* prefix; ///< family (everything before the size)
    const char* name;
    const char* id;
    double memoryGb;
};

GpuOfType make(const Family& f, double count) {
    return {QString::fromLatin1(f.name), QString::fromLatin1(f.id), count, f.memoryGb};
}

// AWS families (ec2instances.info / AWS instance-type pages; the price list has no GPU model).
constexpr std::array kAws{
    Family{"p6-b200", "B200", "b200", 179},
    Family{"p5en", "H200", "h200-sxm", 141},
    Family{"p5e", "H200", "h200-sxm", 141},
    Family{"p5", "H100", "h100-sxm", 80},
    Family{"p4de", "A100-80GB", "a100-80gb-sxm", 80},
    Family{"p4d", "A100", "a100-40gb-sxm", 40},
    Family{"p3dn", "V100-32GB", "v100-32gb-sxm2", 32},
    Family{"p3", "V100", "v100-16gb-sxm2", 16},
    Family{"g6e", "L40S", "l40s", 48},
    Family{"g6", "L4", "l4", 24},
    Family{"gr6", "L4", "l4", 24},
    Family{"g5", "A10G", "a10g", 24},
    Family{"g4dn", "T4", "t4", 16},
};
// Counts of the AWS sizes whose offer has no usable `gpu` attribute.
int awsDefaultCount(const QString& family, const QString& size) {
    if (family.startsWith(u'p'))
        return 8;
    static const QHash<QString, int> bySize{{u"48xlarge"_s, 8}, {u"24xlarge"_s, 4}, {u"12xlarge"_s, 4}};
    return bySize.value(size, 1);
}

} // namespace

std::optional<GpuOfType> awsGpu(const QString& instanceType, double gpuAttribute) {
    const qsizetype dot = instanceType.indexOf(u'.');
    if (dot <= 0)
        return std::nullopt;
    const QString family = instanceType.left(dot);
    for (const Family& f : kAws)
        if (family == QLatin1String(f.prefix)) {
            const double count = gpuAttribute > 0 ? gpuAttribute : awsDefaultCount(family, instanceType.mid(dot + 1));
            return make(f, count);
        }
    return std::nullopt;
}

std::optional<GpuOfType> azureGpu(const QString& armSkuName) {
    struct Rule {
        const char* pattern;
        Family gpu;
        int vcpusPerGpu; ///< 0: count fixed below
        double fixedCount;
    };
    // gpuhunt's Azure table and the Azure VM size pages (NC H100 v5 carries the 94 GB H100 NVL).
    static const std::array kRules{
        Rule{"^Standard_ND(\\d+)isr_H200_v5$", {"", "H200", "h200-sxm", 141}, 0, 8},
        Rule{"^Standard_ND(\\d+)isr_H100_v5$", {"", "H100", "h100-sxm", 80}, 0, 8},
        Rule{"^Standard_NC(\\d+)ads_H100_v5$", {"", "H100-NVL", "h100-nvl", 94}, 40, 0},
        Rule{"^Standard_ND(\\d+)amsr_A100_v4$", {"", "A100-80GB", "a100-80gb-sxm", 80}, 0, 8},
        Rule{"^Standard_ND(\\d+)asr_v4$", {"", "A100", "a100-40gb-sxm", 40}, 0, 8},
        Rule{"^Standard_NC(\\d+)ads_A100_v4$", {"", "A100-80GB", "a100-80gb-pcie", 80}, 24, 0},
        Rule{"^Standard_NC(\\d+)as_T4_v3$", {"", "T4", "t4", 16}, 16, 0},
        Rule{"^Standard_NV(\\d+)ads_A10_v5$", {"", "A10", "a10", 24}, 36, 0},
        Rule{"^Standard_NC(\\d+)s_v3$", {"", "V100", "v100-16gb-sxm2", 16}, 6, 0},
    };
    for (const Rule& rule : kRules) {
        static thread_local QHash<const char*, QRegularExpression> compiled;
        auto it = compiled.find(rule.pattern);
        if (it == compiled.end())
            it = compiled.insert(rule.pattern, QRegularExpression(QString::fromLatin1(rule.pattern)));
        const auto match = it->match(armSkuName);
        if (!match.hasMatch())
            continue;
        double count = rule.fixedCount;
        if (rule.vcpusPerGpu > 0) {
            const int vcpus = match.captured(1).toInt();
            count = double(vcpus) / rule.vcpusPerGpu;
            if (rule.vcpusPerGpu == 16) // NC4/8/16as_T4_v3 have one T4, NC64 four
                count = vcpus >= 64 ? 4 : 1;
        }
        return make(rule.gpu, count);
    }
    return std::nullopt;
}

std::optional<GpuOfType> alibabaGpu(const QString& instanceType, const QString& gpuSpec, double gpuAmount,
                                    double gpuMemoryGb) {
    if (gpuAmount <= 0)
        return std::nullopt;
    // ecs.gn8v-4x.8xlarge -> gn8v ; ecs.ebmgn8v.48xlarge -> ebmgn8v
    QString family = instanceType.section(u'.', 1, 1).section(u'-', 0, 0);
    static const std::array kFamilies{
        Family{"gn8v", "H20", "h20", 96},
        Family{"ebmgn8v", "H20", "h20", 96},
        Family{"gn8is", "L20", "l20", 48},
        Family{"ebmgn8is", "L20", "l20", 48},
        Family{"gn7e", "A100-80GB", "a100-80gb-sxm", 80},
        Family{"ebmgn7e", "A100-80GB", "a100-80gb-sxm", 80},
        Family{"gn7", "A100", "a100-40gb-sxm", 40},
        Family{"gn7i", "A10", "a10", 24},
        Family{"gn6i", "T4", "t4", 16},
        Family{"gn6v", "V100", "v100-16gb-sxm2", 16},
        Family{"gn6e", "V100-32GB", "v100-32gb-sxm2", 32},
    };
    for (const Family& f : kFamilies)
        if (family == QLatin1String(f.prefix)) {
            GpuOfType gpu = make(f, gpuAmount);
            if (gpuMemoryGb > 0)
                gpu.memoryGbEach = gpuMemoryGb;
            return gpu;
        }
    if (auto byName = gpuByName(gpuSpec, gpuMemoryGb)) {
        byName->count = gpuAmount;
        return byName;
    }
    return GpuOfType{gpuSpec.isEmpty() ? family : gpuSpec, QString(), gpuAmount, gpuMemoryGb};
}

std::optional<GpuOfType> tencentGpu(const QString& instanceFamily, const QString& instanceType, double gpuCount) {
    if (gpuCount <= 0)
        return std::nullopt;
    QString family = instanceFamily.isEmpty() ? instanceType.section(u'.', 0, 0) : instanceFamily;
    // Tencent GPU families (Tencent Cloud "GPU instance types" page).
    static const std::array kFamilies{
        Family{"HCCPNV5V", "H20", "h20", 96},
        Family{"HCCPNV5", "H800", "h800-sxm", 80},
        Family{"PNV5b", "L20", "l20", 48},
        Family{"GT4", "A100", "a100-40gb-sxm", 40},
        Family{"HCCG5V", "A800-80GB", "a800-80gb-sxm", 80},
        Family{"GNV4", "A10", "a10", 24},
        Family{"PNV4", "A10", "a10", 24},
        Family{"GN7", "T4", "t4", 16},
        Family{"GN10Xp", "V100", "v100-32gb-sxm2", 32},
        Family{"GN10X", "V100", "v100-32gb-sxm2", 32},
    };
    for (const Family& f : kFamilies)
        if (family.compare(QLatin1String(f.prefix), Qt::CaseInsensitive) == 0)
            return make(f, gpuCount);
    return GpuOfType{family, QString(), gpuCount, 0};
}

std::optional<GpuOfType> gpuByName(const QString& name, double memoryGb) {
    const QString n = name.toUpper();
    auto has = [&](const char* s) { return n.contains(QLatin1String(s)); };
    auto gpu = [&](const char* display, const char* id, double mem) {
        return GpuOfType{QString::fromLatin1(display), QString::fromLatin1(id), 1, memoryGb > 0 ? memoryGb : mem};
    };
    if (has("H200"))
        return gpu("H200", "h200-sxm", 141);
    if (has("H100") && (has("NVL")))
        return gpu("H100-NVL", "h100-nvl", 94);
    if (has("H100") && (has("PCIE")))
        return gpu("H100-PCIe", "h100-pcie", 80);
    if (has("H100"))
        return gpu("H100", "h100-sxm", 80);
    if (has("H800"))
        return gpu("H800", "h800-sxm", 80);
    if (has("H20"))
        return gpu("H20", "h20", 96);
    if (has("B200"))
        return gpu("B200", "b200", 179);
    if (has("A100") && (has("80") || memoryGb >= 79))
        return gpu("A100-80GB", has("PCIE") ? "a100-80gb-pcie" : "a100-80gb-sxm", 80);
    if (has("A100"))
        return gpu("A100", has("PCIE") ? "a100-40gb-pcie" : "a100-40gb-sxm", 40);
    if (has("L40S"))
        return gpu("L40S", "l40s", 48);
    if (has("L40"))
        return gpu("L40", "l40", 48);
    if (has("L20"))
        return gpu("L20", "l20", 48);
    if (has("L4"))
        return gpu("L4", "l4", 24);
    if (has("A10G"))
        return gpu("A10G", "a10g", 24);
    if (has("A10"))
        return gpu("A10", "a10", 24);
    if (has("T4"))
        return gpu("T4", "t4", 16);
    if (has("4090"))
        return gpu("RTX4090", "rtx-4090", 24);
    if (has("5090"))
        return gpu("RTX5090", "rtx-5090", 32);
    if (has("3090"))
        return gpu("RTX3090", "rtx-3090", 24);
    if (has("6000 ADA"))
        return gpu("RTX6000-Ada", "rtx-6000-ada", 48);
    if (has("MI300X"))
        return gpu("MI300X", "mi300x", 192);
    return std::nullopt;
}

} // namespace serveplan::models::fetch
