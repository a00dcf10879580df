#include "catalog/Calibration.h"

namespace serveplan {

const CalibrationFactor* GpuCalibration::find(std::string_view name) const {
    for (const CalibrationFactor& f : factors)
        if (f.name == name)
            return &f;
    return nullptr;
}

const GpuCalibration* findCalibration(const std::vector<GpuCalibration>& all, std::string_view gpuId,
                                      std::string_view engine) {
    const GpuCalibration* generic = nullptr;
    for (const GpuCalibration& c : all) {
        if (c.gpuId != gpuId)
            continue;
        if (c.engine == engine)
            return &c;
        if (c.engine == "generic")
            generic = &c;
    }
    return generic;
}

} // namespace serveplan
