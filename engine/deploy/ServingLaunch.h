#pragma once
// How one plan row is started as a server: the engine's official image, its command line with
// the settings the plan assumed, the GPUs a replica claims, and the node it must land on. The
// Kubernetes and load-test exports both read it, so they agree on names, ports and models.
#include "common/Result.h"
#include "deploy/ExportOptions.h"
#include "plan/Planner.h"
#include "scenario/Scenario.h"
#include "catalog/Catalog.h"

#include <string>
#include <string_view>
#include <vector>

namespace serveplan {

/// The scheduler and memory settings the performance model assumed for an engine (its documented
/// defaults, see perf/EngineProfile). The export passes them explicitly so the server runs as planned.
struct EngineSettings {
    double memoryUtilization = 0.9; ///< share of GPU memory the engine may use
    int maxBatchSize = 256;         ///< sequences in flight (vLLM max-num-seqs)
    int maxBatchedTokens = 8192;    ///< tokens per step (chunked-prefill budget)
};

/// A replica that spans several instances: a LeaderWorkerSet group of `nodes` pods (one leader and
/// `nodes − 1` workers), each with its own command line. The commands use the variables the
/// LeaderWorkerSet controller puts in every pod: LWS_LEADER_ADDRESS, LWS_GROUP_SIZE, and
/// LWS_WORKER_INDEX (from the pod label leaderworkerset.sigs.k8s.io/worker-index).
struct MultiNodeLaunch {
    int nodes = 1; ///< pods per replica; 1 = an ordinary single-pod replica
    std::vector<std::string> leaderCommand;
    std::vector<std::string> leaderArgs;
    std::vector<std::string> workerCommand;
    std::vector<std::string> workerArgs;
};

struct ServingLaunch {
    std::string name;  ///< DNS-1035 label used for every object
    std::string image; ///< e.g. "vllm/vllm-openai:v0.10.1"
    std::vector<std::string> command;
    std::vector<std::string> args;
    int port = 8000;
    std::string healthPath = "/health";
    std::string servedModel; ///< the checkpoint the server loads; clients send it as "model"

    std::string gpuResource;  ///< "nvidia.com/gpu" or "nvidia.com/mig-<profile>"
    int gpuResourceCount = 0; ///< per pod (a multi-node replica: per instance)
    MultiNodeLaunch multiNode;
    std::string role;            ///< empty, or "prefill" / "decode" for a pool of a disaggregated plan
    std::string gpuProductLabel; ///< nvidia.com/gpu.product of the node (the parent GPU for MIG)

    EngineSettings settings;
    int maxModelLen = 0;            ///< prompt + output upper bounds of the workload (capped by the model)
    int maxInputLen = 0;            ///< prompt upper bound
    int maxOutputLen = 0;           ///< output upper bound
    std::vector<std::string> notes; ///< assumptions worth a comment in the generated files
};

/// `vllm | sglang | ...` (the CLI's names, DESIGN.md §3.1).
std::string_view engineName(ServingEngine engine);

/// The settings the planner assumed for an engine.
EngineSettings engineSettingsFor(ServingEngine engine);

/// The nvidia.com/gpu.product label GPU Feature Discovery puts on nodes with this GPU (its CUDA
/// device name with spaces as dashes). Unknown GPUs get "NVIDIA-<name>" as a best guess.
std::string gpuProductLabel(const GpuSpec& gpu);

/// Upper bound of a length distribution: its max when set, else a high quantile.
int lengthUpperBound(const LengthDistribution& d);

/// Makes a DNS-1035 label (lower case, digits, '-', starts with a letter, at most 63 characters).
std::string dnsLabel(std::string_view text);

/// A disaggregated plan (SGLang): one launch per pool, each with --disaggregation-mode and the KV
/// transfer backend, and SGLang's PD router in front of them (the load test's target).
struct DisaggregatedLaunch {
    ServingLaunch prefill;
    ServingLaunch decode;
    std::string name; ///< the router's Deployment and Service; the pools are "<name>-prefill", "<name>-decode"
    std::string image;
    std::vector<std::string> command;
    std::vector<std::string> args;
    int port = 8000;
};

/// Resolves a disaggregated row. Errors: an engine other than SGLang, anything resolveLaunch
/// refuses for a pool.
Result<DisaggregatedLaunch> resolveDisaggregatedLaunch(const PlanRow& row, const Scenario& scenario,
                                                       const Catalog& catalog, const ExportOptions& options);

/// Resolves a plan row into a server launch. Errors name the plan and what cannot be exported
/// (an engine without a server image, a layout the engine has no flags for, a precision the engine
/// cannot load from the model's own checkpoint, a CPU or non-NVIDIA target). A multi-node replica
/// (vLLM DP/EP, SGLang any layout) fills `multiNode`; a disaggregated row resolves to its router
/// (name and port; resolveDisaggregatedLaunch gives the pools).
Result<ServingLaunch> resolveLaunch(const PlanRow& row, const Scenario& scenario, const Catalog& catalog,
                                    const ExportOptions& options);

} // namespace serveplan
