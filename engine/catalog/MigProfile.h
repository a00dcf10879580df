#pragma once
// A NVIDIA Multi-Instance GPU profile (a row of mig_profiles.csv): a deployable slice of one GPU.
#include <string>

namespace serveplan {

struct MigProfile {
    std::string gpuId;          ///< the parent GPU (gpus.csv gpu_id)
    std::string profile;        ///< e.g. "1g.10gb", "3g.40gb", "1g.10gb+me"
    int instancesMax = 0;       ///< how many of this profile fit on one GPU
    double memoryGb = 0;        ///< nominal memory of the slice, GB
    double computeFraction = 0; ///< share of SMs (and, as modelled, of memory bandwidth), 0..1
};

} // namespace serveplan
