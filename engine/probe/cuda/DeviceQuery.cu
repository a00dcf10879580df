// The `device` line: CUDA runtime attributes, plus what only NVML knows (PCIe link, NVLink, MIG,
// power limit, driver version string), NVML loaded with dlopen because the build machines have no
// nvml.h. The NVML C ABI is stable, so the prototypes are declared here.
#include "GpuBackend.h"

#include "CudaUtil.cuh"

#include <dlfcn.h>

namespace serveplan::probe {

namespace {

using NvmlDevice = void*;
using NvmlReturn = int; // NVML_SUCCESS = 0

/// The NVML entry points the probe reads, resolved at run time. All null when NVML is absent.
struct Nvml {
    void* library = nullptr;
    NvmlReturn (*init)() = nullptr;
    NvmlReturn (*shutdown)() = nullptr;
    NvmlReturn (*byPciBusId)(const char*, NvmlDevice*) = nullptr;
    NvmlReturn (*driverVersion)(char*, unsigned) = nullptr;
    NvmlReturn (*pcieGen)(NvmlDevice, unsigned*) = nullptr;
    NvmlReturn (*pcieWidth)(NvmlDevice, unsigned*) = nullptr;
    NvmlReturn (*pcieMaxGen)(NvmlDevice, unsigned*) = nullptr;
    NvmlReturn (*pcieMaxWidth)(NvmlDevice, unsigned*) = nullptr;
    NvmlReturn (*migMode)(NvmlDevice, unsigned*, unsigned*) = nullptr;
    NvmlReturn (*eccMode)(NvmlDevice, int*, int*) = nullptr;
    NvmlReturn (*powerLimit)(NvmlDevice, unsigned*) = nullptr;
    NvmlReturn (*maxClock)(NvmlDevice, int, unsigned*) = nullptr;
    NvmlReturn (*nvLinkState)(NvmlDevice, unsigned, int*) = nullptr;
    NvmlReturn (*nvLinkRemoteType)(NvmlDevice, unsigned, int*) = nullptr; // 2 = NVSwitch
    NvmlReturn (*commonAncestor)(NvmlDevice, NvmlDevice, int*) = nullptr;

    template <typename F>
    void resolve(F& fn, const char* name) {
        fn = reinterpret_cast<F>(dlsym(library, name));
    }
    bool open() {
        library = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
        if (!library)
            return false;
        resolve(init, "nvmlInit_v2");
        resolve(shutdown, "nvmlShutdown");
        resolve(byPciBusId, "nvmlDeviceGetHandleByPciBusId_v2");
        resolve(driverVersion, "nvmlSystemGetDriverVersion");
        resolve(pcieGen, "nvmlDeviceGetCurrPcieLinkGeneration");
        resolve(pcieWidth, "nvmlDeviceGetCurrPcieLinkWidth");
        resolve(pcieMaxGen, "nvmlDeviceGetMaxPcieLinkGeneration");
        resolve(pcieMaxWidth, "nvmlDeviceGetMaxPcieLinkWidth");
        resolve(migMode, "nvmlDeviceGetMigMode");
        resolve(eccMode, "nvmlDeviceGetEccMode");
        resolve(powerLimit, "nvmlDeviceGetEnforcedPowerLimit");
        resolve(maxClock, "nvmlDeviceGetMaxClockInfo");
        resolve(nvLinkState, "nvmlDeviceGetNvLinkState");
        resolve(nvLinkRemoteType, "nvmlDeviceGetNvLinkRemoteDeviceType");
        resolve(commonAncestor, "nvmlDeviceGetTopologyCommonAncestor");
        if (!init || !shutdown || !byPciBusId || init() != 0) {
            dlclose(library);
            library = nullptr;
            return false;
        }
        return true;
    }
    void close() {
        if (library) {
            shutdown();
            dlclose(library);
            library = nullptr;
        }
    }
};

int attribute(cudaDeviceAttr what, int device) {
    int value = 0;
    if (cudaDeviceGetAttribute(&value, what, device) != cudaSuccess)
        return 0;
    return value;
}

std::string versionText(int version) {
    return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

/// NVML's nvmlGpuTopologyLevel_t as text.
const char* ancestorName(int level) {
    switch (level) {
    case 0:
        return "same_board";
    case 10:
        return "single_pcie_switch";
    case 20:
        return "multiple_pcie_switches";
    case 30:
        return "host_bridge";
    case 40:
        return "numa_node";
    default:
        return "system";
    }
}

/// The link between GPUs (issue 17): `gpu_count`, `topology` (single_gpu, nvswitch, nvlink, pcie
/// or unknown without NVML), `peer_access` to another GPU and the PCIe level they share.
void addTopology(JsonObject& d, int device, Nvml* nvml, NvmlDevice handle) {
    int count = 0;
    if (cudaGetDeviceCount(&count) != cudaSuccess)
        count = 1;
    d.add("gpu_count", count);
    if (count < 2) {
        d.add("topology", "single_gpu");
        return;
    }
    const int other = device == 0 ? 1 : 0;
    int peer = 0;
    if (cudaDeviceCanAccessPeer(&peer, device, other) == cudaSuccess)
        d.add("peer_access", peer != 0);
    if (!nvml || !handle) {
        d.add("topology", "unknown");
        return;
    }
    int active = 0;
    bool toSwitch = false;
    for (unsigned link = 0; nvml->nvLinkState && link < 18; ++link) {
        int state = 0, remote = -1;
        if (nvml->nvLinkState(handle, link, &state) != 0 || state != 1)
            continue;
        ++active;
        if (nvml->nvLinkRemoteType && nvml->nvLinkRemoteType(handle, link, &remote) == 0 && remote == 2)
            toSwitch = true;
    }
    d.add("topology", toSwitch ? "nvswitch" : active > 0 ? "nvlink" : "pcie");
    char busId[32] = {};
    NvmlDevice otherHandle = nullptr;
    int level = 0;
    if (nvml->commonAncestor && cudaDeviceGetPCIBusId(busId, sizeof busId, other) == cudaSuccess &&
        nvml->byPciBusId(busId, &otherHandle) == 0 && nvml->commonAncestor(handle, otherHandle, &level) == 0)
        d.add("pcie_common_ancestor", ancestorName(level));
}

void addNvmlFields(JsonObject& d, int device) {
    Nvml nvml;
    if (!nvml.open()) {
        d.add("nvml", false);
        addTopology(d, device, nullptr, nullptr);
        return;
    }
    d.add("nvml", true);
    char busId[32] = {};
    NvmlDevice handle = nullptr;
    if (cudaDeviceGetPCIBusId(busId, sizeof busId, device) == cudaSuccess && nvml.byPciBusId(busId, &handle) == 0) {
        unsigned a = 0, b = 0;
        int ia = 0, ib = 0;
        char text[96] = {};
        if (nvml.driverVersion && nvml.driverVersion(text, sizeof text) == 0)
            d.add("driver_version", std::string(text));
        if (nvml.pcieGen && nvml.pcieGen(handle, &a) == 0 && nvml.pcieWidth && nvml.pcieWidth(handle, &b) == 0)
            d.add("pcie_link_gen", int(a)).add("pcie_link_width", int(b));
        if (nvml.pcieMaxGen && nvml.pcieMaxGen(handle, &a) == 0 && nvml.pcieMaxWidth &&
            nvml.pcieMaxWidth(handle, &b) == 0)
            d.add("pcie_max_link_gen", int(a)).add("pcie_max_link_width", int(b));
        if (nvml.migMode && nvml.migMode(handle, &a, &b) == 0)
            d.add("mig_mode", a ? "enabled" : "disabled");
        else
            d.add("mig_mode", "unsupported");
        if (nvml.eccMode && nvml.eccMode(handle, &ia, &ib) == 0)
            d.add("ecc", ia != 0);
        if (nvml.powerLimit && nvml.powerLimit(handle, &a) == 0)
            d.add("power_limit_w", a / 1000.0);
        if (nvml.maxClock && nvml.maxClock(handle, 1, &a) == 0)
            d.add("max_sm_clock_mhz", int(a));
        if (nvml.maxClock && nvml.maxClock(handle, 2, &a) == 0)
            d.add("max_memory_clock_mhz", int(a));
        if (nvml.nvLinkState) {
            int active = 0;
            for (unsigned link = 0; link < 18; ++link) {
                int state = 0;
                if (nvml.nvLinkState(handle, link, &state) == 0 && state == 1)
                    ++active;
            }
            d.add("nvlink_active_links", active);
        }
    }
    addTopology(d, device, &nvml, handle);
    nvml.close();
}

} // namespace

GpuAvailability checkGpu(int index) {
    int count = 0;
    const cudaError_t error = cudaGetDeviceCount(&count);
    // No driver (cudaErrorInsufficientDriver / NoDevice) means "no GPU", not a failure.
    if (error != cudaSuccess)
        return {false,
                std::string("no CUDA device: ") + cudaGetErrorName(error) + " (" + cudaGetErrorString(error) + ")"};
    if (count == 0)
        return {false, "no CUDA device"};
    if (index < 0 || index >= count)
        return {false, "device " + std::to_string(index) + " does not exist (" + std::to_string(count) + " found)"};
    if (cudaSetDevice(index) != cudaSuccess || cudaFree(nullptr) != cudaSuccess)
        return {false, "cannot create a CUDA context on device " + std::to_string(index)};
    return {true, {}};
}

JsonObject gpuDeviceFields(int device) {
    JsonObject d;
    cudaDeviceProp p{};
    cudaGetDeviceProperties(&p, device);
    int driver = 0, runtime = 0;
    cudaDriverGetVersion(&driver);
    cudaRuntimeGetVersion(&runtime);
    std::size_t freeBytes = 0, totalBytes = 0;
    cudaMemGetInfo(&freeBytes, &totalBytes);
    char busId[32] = {};
    cudaDeviceGetPCIBusId(busId, sizeof busId, device);
    d.add("backend", "cuda")
        .add("index", device)
        .add("name", std::string(p.name))
        .add("compute_capability", std::to_string(p.major) + "." + std::to_string(p.minor))
        .add("sm_count", p.multiProcessorCount)
        .add("memory_bytes", std::int64_t(p.totalGlobalMem))
        .add("memory_free_bytes", std::int64_t(freeBytes))
        .add("memory_bus_width_bits", p.memoryBusWidth)
        .add("l2_cache_bytes", p.l2CacheSize)
        .add("sm_clock_mhz", attribute(cudaDevAttrClockRate, device) / 1000)
        .add("memory_clock_mhz", attribute(cudaDevAttrMemoryClockRate, device) / 1000)
        .add("pci_bus_id", std::string(busId))
        .add("ecc_enabled", p.ECCEnabled != 0)
        .add("cuda_driver_version", versionText(driver))
        .add("cuda_runtime_version", versionText(runtime));
    addNvmlFields(d, device);
    return d;
}

} // namespace serveplan::probe
