#include "catalog/Catalog.h"

namespace serveplan {

const GpuSpec* Catalog::gpu(std::string_view id) const {
    for (const GpuSpec& g : gpus)
        if (g.id == id)
            return &g;
    return nullptr;
}

const ModelSpec* Catalog::model(std::string_view id) const {
    for (const ModelSpec& m : models)
        if (m.id == id)
            return &m;
    return nullptr;
}

std::vector<const MigProfile*> Catalog::migProfilesFor(std::string_view gpuId) const {
    std::vector<const MigProfile*> out;
    for (const MigProfile& p : migProfiles)
        if (p.gpuId == gpuId)
            out.push_back(&p);
    return out;
}

const GpuCalibration* Catalog::calibration(std::string_view gpuId, std::string_view engine) const {
    return findCalibration(calibrations, gpuId, engine);
}

const FxRate* Catalog::fxRate(std::string_view currency, std::string_view onDate) const {
    const FxRate* best = nullptr;
    for (const FxRate& r : fxRates) {
        if (r.currency != currency)
            continue;
        if (!onDate.empty() && !r.date.empty() && r.date > onDate)
            continue;
        if (!best || r.date > best->date)
            best = &r;
    }
    return best;
}

} // namespace serveplan
