#pragma once
// A plain in-memory snapshot of the catalog database. models/ fills it from SQLite; the planner,
// the CLI and the benchmarks read it without touching Qt or SQL.
#include "spec/GpuSpec.h"
#include "spec/InstanceSpec.h"
#include "spec/MigProfile.h"
#include "spec/ModelSpec.h"

#include <string_view>
#include <vector>

namespace serveplan {

struct Catalog {
    std::vector<GpuSpec> gpus;
    std::vector<MigProfile> migProfiles;
    std::vector<ModelSpec> models;
    std::vector<InstanceSpec> instances;
    std::vector<FxRate> fxRates;

    const GpuSpec* gpu(std::string_view id) const;
    const ModelSpec* model(std::string_view id) const;
    std::vector<const MigProfile*> migProfilesFor(std::string_view gpuId) const;
    /// The newest rate for a currency on or before `onDate` (ISO; empty = newest of all).
    const FxRate* fxRate(std::string_view currency, std::string_view onDate = {}) const;
};

} // namespace serveplan
