#pragma once
// One price of one instance as it travels through `db import-prices` / `db export-prices`: the
// instance it belongs to (spec fields, prices left empty) and the price itself.
#include "catalog/InstanceSpec.h"

#include <cstddef>
#include <map>
#include <set>
#include <string>

namespace serveplan::models {

struct PriceRecord {
    std::size_t line = 0; ///< 1-based line of the CSV row it came from (0 when it came from the database)
    InstanceSpec instance;
    Price price;
    /// Who owns the instance when the write creates it: the user (user_entered, drawn bold, theirs to
    /// delete, never overwritten by a seed update) unless it came from a provider's price interface,
    /// where `instance.source` says so (PriceBook: "fetched:<provider> …").
    bool instanceFetched = false;
};

/// What the database knows, for validating an import before anything is written.
struct PriceLookups {
    std::set<std::string> gpuIds;
    std::map<std::string, std::string> gpuIdByLowerName; ///< lower-case gpu name, id or instance gpu_name -> gpu_id
    std::map<std::string, double> gpuMemoryGb;           ///< gpu_id -> memory_gb
    std::set<std::string> currencies;                    ///< those with an FX rate
};

} // namespace serveplan::models
