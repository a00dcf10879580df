#pragma once
// A plain in-memory snapshot of the catalog database. models/ fills it from SQLite; the planner,
// the CLI and the benchmarks read it without touching Qt or SQL.
#include "catalog/Calibration.h"
#include "catalog/GpuSpec.h"
#include "catalog/InstanceSpec.h"
#include "catalog/MigProfile.h"
#include "catalog/ModelSpec.h"

#include <string_view>
#include <vector>

namespace serveplan {

struct Catalog {
    std::vector<GpuSpec> gpus;
    std::vector<MigProfile> migProfiles;
    std::vector<ModelSpec> models;
    std::vector<InstanceSpec> instances;
    std::vector<FxRate> fxRates;
    std::vector<GpuCalibration> calibrations; ///< applied calibrations (calibration_factors), per GPU and engine

    const GpuSpec* gpu(std::string_view id) const;
    const ModelSpec* model(std::string_view id) const;
    std::vector<const MigProfile*> migProfilesFor(std::string_view gpuId) const;
    /// The calibration applied to `gpuId` for `engine` (its own entry, else "generic"); null = none.
    const GpuCalibration* calibration(std::string_view gpuId, std::string_view engine) const;
    /// The newest rate for a currency on or before `onDate` (ISO; empty = newest of all).
    const FxRate* fxRate(std::string_view currency, std::string_view onDate = {}) const;
};

} // namespace serveplan
