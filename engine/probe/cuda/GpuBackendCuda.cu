// The GPU suite: runs each selected test, reports a CUDA error of one test as an error line and
// goes on with the next (a sticky error makes the later ones fail too, and says so).
#include "GpuBackend.h"

#include "GpuContext.cuh"

#include <functional>
#include <memory>
#include <vector>

namespace serveplan::probe {

namespace cuda {

GpuContext::GpuContext(int deviceIndex, bool quickMode)
    : device(deviceIndex)
    , quick(quickMode) {
    PROBE_CUDA(cudaSetDevice(device));
    cudaDeviceProp p{};
    PROBE_CUDA(cudaGetDeviceProperties(&p, device));
    sms = p.multiProcessorCount;
    ccMajor = p.major;
    ccMinor = p.minor;
    l2Bytes = std::size_t(p.l2CacheSize);
    PROBE_CUDA(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    setProgrammaticLaunch(ccMajor >= 9);
    PROBE_CUBLAS(cublasCreate(&blas));
    PROBE_CUBLAS(cublasLtCreate(&lt));
    workspace.allocate(std::size_t(64) << 20);
    PROBE_CUBLAS(cublasSetStream(blas, stream));
    PROBE_CUBLAS(cublasSetWorkspace(blas, workspace.get(), workspace.bytes()));
}

GpuContext::~GpuContext() {
    if (lt)
        cublasLtDestroy(lt);
    if (blas)
        cublasDestroy(blas);
    if (stream)
        cudaStreamDestroy(stream);
}

std::size_t GpuContext::freeBytes() const {
    std::size_t freeMem = 0, total = 0;
    PROBE_CUDA(cudaMemGetInfo(&freeMem, &total));
    return freeMem;
}

void gemmRowMajor(GpuContext& ctx, const bf16* x, int ldx, const bf16* w, bf16* y, int ldy, int m, int n, int k,
                  float beta) {
    const float alpha = 1.f;
    PROBE_CUBLAS(cublasGemmEx(ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, n, m, k, &alpha, w, CUDA_R_16BF, k, x, CUDA_R_16BF,
                              ldx, &beta, y, CUDA_R_16BF, ldy, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
}

} // namespace cuda

namespace {

struct GpuTest {
    const char* name;
    std::function<bool()> run; ///< false: failed (already reported)
};

} // namespace

bool runGpuSuite(const ProbeOptions& options, const ModelShape& model, int index, ProbeOutput& out) {
    using namespace cuda;
    std::unique_ptr<GpuContext> ctx;
    try {
        ctx = std::make_unique<GpuContext>(index, options.quick);
    } catch (const std::exception& e) {
        out.error("device", std::string("cannot set up the GPU: ") + e.what());
        return false;
    }
    GpuContext& c = *ctx;
    const std::vector<GpuTest> tests{
        {"copy_bandwidth",
         [&] {
             benchCopy(c, out, true);
             return true;
         }},
        {"memcpy_d2d_bandwidth",
         [&] {
             benchMemcpy(c, out);
             return true;
         }},
        {"read_bandwidth",
         [&] {
             benchRead(c, out);
             return true;
         }},
        {"host_device_bandwidth",
         [&] {
             benchHostDevice(c, out);
             return true;
         }},
        {"launch_overhead",
         [&] {
             benchLaunch(c, out);
             return true;
         }},
        {"gemm", [&] { return benchGemm(c, model, out); }},
        {"decode_attention",
         [&] {
             benchDecodeAttention(c, model, out);
             return true;
         }},
        {"mla_decode_attention",
         [&] {
             benchMlaAttention(c, model, out);
             return true;
         }},
        {"moe_layer",
         [&] {
             benchMoeLayer(c, model, out);
             return true;
         }},
        {"allreduce_bandwidth",
         [&] {
             benchCollective(c, model, "allreduce_bandwidth", out);
             return true;
         }},
        {"alltoall_bandwidth",
         [&] {
             benchCollective(c, model, "alltoall_bandwidth", out);
             return true;
         }},
        {"p2p_bandwidth",
         [&] {
             benchCollective(c, model, "p2p_bandwidth", out);
             return true;
         }},
        {"decode_step",
         [&] {
             benchDecodeStep(c, model, out);
             return true;
         }},
        {"prefill_step",
         [&] {
             benchPrefillStep(c, model, out);
             return true;
         }},
    };
    bool ok = true;
    int done = 0;
    for (const GpuTest& test : tests) {
        const double fraction = double(done++) / tests.size();
        if (!options.selected(test.name))
            continue;
        out.progress(test.name, fraction, std::string("running ") + test.name);
        try {
            // The roofline figures of the decode test need the copy bandwidth even when only it runs.
            if (c.copyGBps <= 0 && std::string(test.name) != "copy_bandwidth")
                benchCopy(c, out, false);
            if (!test.run())
                ok = false;
        } catch (const Unsupported& e) {
            out.progress(test.name, fraction, std::string("skipped: ") + e.what());
        } catch (const std::exception& e) {
            out.error(test.name, e.what());
            ok = false;
            cudaGetLastError(); // clear a non-sticky error so the next test starts clean
        }
    }
    out.progress("gpu", 1.0, "GPU tests finished");
    return ok;
}

} // namespace serveplan::probe
