#pragma once
// What the deployment exports share: which plan, and the few choices a plan does not make
// (names, image pin, a pre-quantized checkpoint, the cluster's labels and metric names).
#include <string>

namespace serveplan {

/// One file an export produces. Writing it is the caller's job (the CLI and GUI use QSaveFile).
struct GeneratedFile {
    std::string path;     ///< relative to the output directory, e.g. "deployment.yaml"
    std::string contents; ///< UTF-8 text
    bool executable = false;
};

struct ExportOptions {
    int rank = 1;                 ///< the plan's rank in the PlanResult (1-based)
    std::string name;             ///< object names; empty = "<model>-<engine>-<gpu>" made DNS-safe
    std::string k8sNamespace;     ///< metadata.namespace; empty = none (kubectl -n decides)
    std::string image;            ///< full image reference; empty = the engine's official image and tag
    std::string servedModel;      ///< checkpoint to serve instead of the model's hf_repo (a pre-quantized one)
    std::string gpuProductLabel;  ///< nvidia.com/gpu.product value; empty = from the GPU's CUDA name
    std::string shmSize = "16Gi"; ///< /dev/shm size limit (NCCL and the engines' IPC)
    std::string hpaMetric = "http_requests_per_second"; ///< per-pod request-rate metric (custom metrics API)
    std::string hfTokenSecret = "hf-token";             ///< Secret with key HF_TOKEN (optional at run time)
    std::string baseUrl;                                ///< load test target; empty = http://<name>:<port>
    double loadTestSeconds = 600;                       ///< how long the load test replays the workload
    /// KV transfer of a disaggregated plan (SGLang --disaggregation-transfer-backend): mooncake | nixl
    std::string kvTransferBackend = "mooncake";
};

} // namespace serveplan
