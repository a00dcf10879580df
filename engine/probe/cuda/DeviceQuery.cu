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

void addNvmlFields(JsonObject& d, int device) {
    Nvml nvml;
    if (!nvml.open()) {
        d.add("nvml", false);
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
