// Collective communication across the GPUs of this host (issue 17): all-reduce, all-to-all and
// point-to-point send/receive through NCCL, loaded with dlopen like NVML (the build machines have no
// nccl.h; the NCCL C ABI of these entry points is stable since 2.7, so the prototypes are declared
// here). One process drives every visible GPU (ncclCommInitAll). With one GPU, or without NCCL,
// each test is reported as skipped with the reason, never as an error. Bus bandwidth as
// nccl-tests defines it: all-reduce algbw·2(n−1)/n, all-to-all algbw·(n−1)/n, send/receive algbw.
#include "GpuContext.cuh"

#include <dlfcn.h>

#include <chrono>
#include <cstdlib>
#include <vector>

namespace serveplan::probe::cuda {

namespace {

using NcclComm = void*;
using NcclResult = int;          // ncclSuccess = 0
constexpr int kNcclUint8 = 1;    // ncclUint8
constexpr int kNcclBfloat16 = 9; // ncclBfloat16
constexpr int kNcclSum = 0;      // ncclSum

struct Nccl {
    void* library = nullptr;
    NcclResult (*getVersion)(int*) = nullptr;
    NcclResult (*commInitAll)(NcclComm*, int, const int*) = nullptr;
    NcclResult (*commDestroy)(NcclComm) = nullptr;
    NcclResult (*allReduce)(const void*, void*, std::size_t, int, int, NcclComm, cudaStream_t) = nullptr;
    NcclResult (*send)(const void*, std::size_t, int, int, NcclComm, cudaStream_t) = nullptr;
    NcclResult (*recv)(void*, std::size_t, int, int, NcclComm, cudaStream_t) = nullptr;
    NcclResult (*groupStart)() = nullptr;
    NcclResult (*groupEnd)() = nullptr;
    const char* (*errorString)(NcclResult) = nullptr;

    template <typename F>
    void resolve(F& fn, const char* name) {
        fn = reinterpret_cast<F>(dlsym(library, name));
    }
    /// Empty when NCCL is usable, else why not.
    std::string open() {
        for (const char* name : {"libnccl.so.2", "libnccl.so"})
            if ((library = dlopen(name, RTLD_NOW | RTLD_LOCAL)))
                break;
        if (!library) {
            const char* why = dlerror();
            return std::string("NCCL not found (libnccl.so.2): ") + (why ? why : "dlopen failed");
        }
        resolve(getVersion, "ncclGetVersion");
        resolve(commInitAll, "ncclCommInitAll");
        resolve(commDestroy, "ncclCommDestroy");
        resolve(allReduce, "ncclAllReduce");
        resolve(send, "ncclSend");
        resolve(recv, "ncclRecv");
        resolve(groupStart, "ncclGroupStart");
        resolve(groupEnd, "ncclGroupEnd");
        resolve(errorString, "ncclGetErrorString");
        if (!getVersion || !commInitAll || !commDestroy || !allReduce || !send || !recv || !groupStart || !groupEnd) {
            dlclose(library);
            library = nullptr;
            return "NCCL library lacks ncclSend/ncclRecv or another entry point (needs NCCL 2.7 or later)";
        }
        return {};
    }
    ~Nccl() {
        if (library)
            dlclose(library);
    }
    void check(NcclResult r, const char* what) const {
        if (r != 0)
            throw CudaFailure(std::string(what) + " failed: NCCL error " + std::to_string(r) +
                              (errorString ? std::string(" (") + errorString(r) + ")" : std::string()));
    }
};

struct Rank {
    int device = 0;
    NcclComm comm = nullptr;
    cudaStream_t stream = nullptr;
    void* send = nullptr;
    void* recv = nullptr;
};

} // namespace

void benchCollective(GpuContext& ctx, const ModelShape& m, const std::string& test, ProbeOutput& out) {
    int count = 0;
    PROBE_CUDA(cudaGetDeviceCount(&count));
    // SERVEPLAN_PROBE_NCCL_ONE_RANK runs the NCCL path on one GPU (a one-rank communicator, bus
    // bandwidth 0 for all-reduce and all-to-all): a check of the code path on a single-GPU machine.
    if (count < 2 && !std::getenv("SERVEPLAN_PROBE_NCCL_ONE_RANK"))
        throw Unsupported("one GPU visible: " + test + " needs at least two on this host");
    count = std::max(count, 1);
    Nccl nccl;
    if (const std::string why = nccl.open(); !why.empty())
        throw Unsupported(why);
    // NVLink SHARP multicast objects can outlive a crashed process and hold the switch on shared
    // hosts; measure without them unless the environment asks otherwise.
    setenv("NCCL_NVLS_ENABLE", "0", 0);
    int version = 0;
    nccl.getVersion(&version);

    // Message sizes: what the model moves per layer at batch 1 … 256, then a large one for the peak.
    const std::vector<int> batches = ctx.quick ? std::vector<int>{1, 32, 256} : std::vector<int>{1, 8, 32, 128, 256};
    struct Size {
        std::size_t bytes;
        int batch; ///< 0: the peak-bandwidth size
    };
    std::vector<Size> sizes;
    const int topK = std::max(1, m.expertsPerToken);
    for (const int b : batches) {
        if (test == "allreduce_bandwidth")
            sizes.push_back({std::size_t(b) * m.hidden * 2, b}); // TP all-reduce of the BF16 hidden state
        else if (test == "alltoall_bandwidth")
            sizes.push_back({std::size_t(b) * topK * m.hidden, b}); // EP dispatch of FP8 tokens, per rank
        else
            sizes.push_back({std::size_t(b) * m.hidden * 2, b}); // a pipeline stage's BF16 activations
    }
    sizes.push_back({std::size_t(256) << 20, 0});
    std::size_t maxBytes = 0;
    for (const Size& s : sizes)
        maxBytes = std::max(maxBytes, (s.bytes + 255) / 256 * 256 * std::size_t(count));

    std::vector<Rank> ranks(count);
    std::vector<int> devices(count);
    for (int r = 0; r < count; ++r)
        devices[r] = ranks[r].device = r;
    std::vector<NcclComm> comms(count);
    nccl.check(nccl.commInitAll(comms.data(), count, devices.data()), "ncclCommInitAll");
    for (int r = 0; r < count; ++r)
        ranks[r].comm = comms[r];
    auto cleanup = [&] {
        for (Rank& r : ranks) {
            cudaSetDevice(r.device);
            if (r.send)
                cudaFree(r.send);
            if (r.recv)
                cudaFree(r.recv);
            if (r.stream)
                cudaStreamDestroy(r.stream);
            if (r.comm)
                nccl.commDestroy(r.comm);
        }
        cudaSetDevice(ctx.device);
    };
    try {
        for (int r = 0; r < count; ++r) {
            PROBE_CUDA(cudaSetDevice(r));
            PROBE_CUDA(cudaStreamCreateWithFlags(&ranks[r].stream, cudaStreamNonBlocking));
            PROBE_CUDA(cudaMalloc(&ranks[r].send, maxBytes));
            PROBE_CUDA(cudaMalloc(&ranks[r].recv, maxBytes));
            fillRandom(ranks[r].send, maxBytes / 2, FillType::BF16, 1.f, 90 + r, ranks[r].stream);
        }
        auto syncAll = [&] {
            for (const Rank& r : ranks) {
                PROBE_CUDA(cudaSetDevice(r.device));
                PROBE_CUDA(cudaStreamSynchronize(r.stream));
            }
        };
        syncAll();
        const int n = count;
        for (const Size& s : sizes) {
            auto once = [&] {
                nccl.check(nccl.groupStart(), "ncclGroupStart");
                for (int r = 0; r < n; ++r) {
                    const Rank& k = ranks[r];
                    if (test == "allreduce_bandwidth") {
                        nccl.check(
                            nccl.allReduce(k.send, k.recv, s.bytes / 2, kNcclBfloat16, kNcclSum, k.comm, k.stream),
                            "ncclAllReduce");
                    } else if (test == "alltoall_bandwidth") {
                        // nccl-tests' all-to-all: each rank sends bytes/n to every rank, itself included.
                        const std::size_t chunk = s.bytes / n;
                        for (int peer = 0; peer < n; ++peer) {
                            nccl.check(nccl.send(static_cast<char*>(k.send) + peer * chunk, chunk, kNcclUint8, peer,
                                                 k.comm, k.stream),
                                       "ncclSend");
                            nccl.check(nccl.recv(static_cast<char*>(k.recv) + peer * chunk, chunk, kNcclUint8, peer,
                                                 k.comm, k.stream),
                                       "ncclRecv");
                        }
                    } else {
                        // nccl-tests' sendrecv: a ring, each rank sends to the next and receives from the previous.
                        nccl.check(nccl.send(k.send, s.bytes, kNcclUint8, (r + 1) % n, k.comm, k.stream), "ncclSend");
                        nccl.check(nccl.recv(k.recv, s.bytes, kNcclUint8, (r + n - 1) % n, k.comm, k.stream),
                                   "ncclRecv");
                    }
                }
                nccl.check(nccl.groupEnd(), "ncclGroupEnd");
            };
            const int warmup = 3, iterations = ctx.quick ? 10 : 20;
            for (int i = 0; i < warmup; ++i)
                once();
            syncAll();
            const auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < iterations; ++i)
                once();
            syncAll();
            const double sec =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / iterations;
            const double algbw = double(s.bytes) / sec / 1e9;
            const double factor = test == "allreduce_bandwidth"  ? 2.0 * (n - 1) / n
                                  : test == "alltoall_bandwidth" ? double(n - 1) / n
                                                                 : 1.0;
            JsonObject p;
            p.add("bytes", std::int64_t(s.bytes)).add("ranks", n).add("time_us", sec * 1e6);
            p.add("algbw_gbps", algbw).add("library", "nccl").add("nccl_version", version);
            p.add("purpose", s.batch == 0                    ? "peak"
                             : test == "allreduce_bandwidth" ? "tp_allreduce"
                             : test == "alltoall_bandwidth"  ? "ep_dispatch"
                                                             : "pp_activations");
            if (s.batch > 0)
                p.add("batch", s.batch).add("model", m.id);
            out.result(test, algbw * factor, "GB/s", p);
        }
    } catch (...) {
        cleanup();
        throw;
    }
    cleanup();
}

} // namespace serveplan::probe::cuda
