// The MoE layer at the model's expert shapes: for a batch of tokens routed top-k over the routed
// experts, one cuBLASLt GEMM per touched expert for gate+up, a SiLU·up kernel that quantizes the
// activation, one GEMM per touched expert for down, and the same for the shared experts. FP8
// weights and activations (e4m3, per-tensor scale 1, BF16 out) from compute capability 8.9, BF16
// before. The whole layer is captured in a CUDA graph and replayed. As many layers as fit in
// 45 % of free memory run back to back (each with its own weights and routing) and the time per
// layer is scaled to the model's MoE layers. Not timed: router, top-k, token permutation and the
// weighted combine (in an expert-parallel deployment these go with the all-to-all).
#include "GpuContext.cuh"
#include "LtMatmul.cuh"

#include <cuda_fp8.h>

#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <tuple>
#include <vector>

namespace serveplan::probe::cuda {

namespace {

template <typename Out>
__global__ void siluUpKernel(const bf16* gateUp, Out* act, std::size_t rows, int inter) {
    const std::size_t total = rows * std::size_t(inter);
    for (std::size_t idx = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; idx < total;
         idx += std::size_t(gridDim.x) * blockDim.x) {
        const std::size_t row = idx / inter;
        const int i = int(idx % inter);
        const float gate = __bfloat162float(gateUp[row * 2 * inter + i]);
        const float up = __bfloat162float(gateUp[row * 2 * inter + inter + i]);
        act[idx] = Out(gate / (1.f + __expf(-gate)) * up);
    }
}

void launchSiluUp(const bf16* gateUp, void* act, std::size_t rows, int inter, bool fp8, cudaStream_t stream) {
    const std::size_t total = rows * std::size_t(inter);
    const unsigned blocks = unsigned(std::min<std::size_t>((total + 255) / 256, 4096));
    if (fp8)
        siluUpKernel<<<blocks, 256, 0, stream>>>(gateUp, static_cast<__nv_fp8_e4m3*>(act), rows, inter);
    else
        siluUpKernel<<<blocks, 256, 0, stream>>>(gateUp, static_cast<bf16*>(act), rows, inter);
    PROBE_LAUNCHED();
}

struct MoeWeights {
    DeviceBuffer gateUp; ///< [experts][2 inter][hidden] (gate rows, then up rows)
    DeviceBuffer down;   ///< [experts][hidden][inter]
    DeviceBuffer sharedGateUp, sharedDown;
};

/// cuBLASLt matmuls by (m, n, k), made once (each asks cuBLASLt for its heuristic).
class MatmulCache {
public:
    MatmulCache(GpuContext& ctx, const Precision& p)
        : m_ctx(ctx)
        , m_p(p) {}
    LtMatmul& get(int m, int n, int k) {
        auto& slot = m_cache[std::make_tuple(m, n, k)];
        if (!slot)
            slot = std::make_unique<LtMatmul>(m_ctx, m_p, m, n, k);
        return *slot;
    }

private:
    GpuContext& m_ctx;
    const Precision& m_p;
    std::map<std::tuple<int, int, int>, std::unique_ptr<LtMatmul>> m_cache;
};

/// Tokens per expert of one layer: each token picks k distinct experts uniformly.
std::vector<int> routeTokens(int tokens, int experts, int k, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<int> counts(experts, 0), pick(experts);
    for (int e = 0; e < experts; ++e)
        pick[e] = e;
    for (int t = 0; t < tokens; ++t)
        for (int j = 0; j < k; ++j) { // partial Fisher-Yates: the first k of a random permutation
            std::uniform_int_distribution<int> d(j, experts - 1);
            std::swap(pick[j], pick[d(rng)]);
            ++counts[pick[j]];
        }
    return counts;
}

double timeGraphOf(GpuContext& ctx, const std::function<void()>& work, int samples) {
    cudaGraph_t graph = nullptr;
    cudaGraphExec_t exec = nullptr;
    PROBE_CUDA(cudaStreamBeginCapture(ctx.stream, cudaStreamCaptureModeThreadLocal));
    try {
        work();
    } catch (...) {
        cudaStreamEndCapture(ctx.stream, &graph);
        if (graph)
            cudaGraphDestroy(graph);
        throw;
    }
    PROBE_CUDA(cudaStreamEndCapture(ctx.stream, &graph));
    const cudaError_t made = cudaGraphInstantiate(&exec, graph, 0);
    if (made != cudaSuccess) {
        cudaGraphDestroy(graph);
        PROBE_CUDA(made);
    }
    double sec = 0;
    try {
        sec = timeMedian(
            ctx.stream, [&] { PROBE_CUDA(cudaGraphLaunch(exec, ctx.stream)); }, samples, 1, 3);
    } catch (...) {
        cudaGraphExecDestroy(exec);
        cudaGraphDestroy(graph);
        throw;
    }
    cudaGraphExecDestroy(exec);
    cudaGraphDestroy(graph);
    return sec;
}

} // namespace

void benchMoeLayer(GpuContext& ctx, const ModelShape& m, ProbeOutput& out) {
    if (!m.isMoe())
        throw Unsupported("dense model: no MoE layer");
    const int cc = ctx.ccMajor * 10 + ctx.ccMinor;
    const Precision& p = cc >= 89 ? kPrecisions[2] : kPrecisions[0]; // fp8 or bf16
    const bool fp8 = p.ab == CUDA_R_8F_E4M3;
    const int H = m.hidden, I = m.moeIntermediate, E = m.experts, K = m.expertsPerToken;
    const int sharedInter = m.sharedExperts * I;
    const std::size_t ab = std::size_t(p.abBytes);
    const std::size_t expertBytes = 3 * std::size_t(H) * I * ab;
    const std::size_t sharedBytes = 3 * std::size_t(H) * sharedInter * ab;
    const std::size_t layerBytes = std::size_t(E) * expertBytes + sharedBytes;
    const int moeLayers = std::max(1, m.layers - m.firstDenseLayers);
    const std::size_t free = ctx.freeBytes();
    if (double(layerBytes) > 0.8 * double(free))
        throw Unsupported("one MoE layer (" + std::to_string(layerBytes >> 20) + " MiB) does not fit in free memory");
    const int layersRun = ctx.quick ? 1
                                    : int(std::clamp<double>(std::floor(0.45 * double(free) / double(layerBytes)), 1.0,
                                                             double(std::min(moeLayers, 4))));

    // The GEMM ceiling of this precision: one large square product (rotation is moot at this size).
    double peakTflops = 0;
    {
        const int n = 8192;
        DeviceBuffer a(std::size_t(n) * n * ab), b(std::size_t(n) * n * ab), c(std::size_t(n) * n * p.cBytes);
        fillRandom(a.get(), std::size_t(n) * n, p.fill, 1.f, 61, ctx.stream);
        fillRandom(b.get(), std::size_t(n) * n, p.fill, 1.f, 62, ctx.stream);
        LtMatmul mm(ctx, p, n, n, n);
        const double sec = timeMedian(
            ctx.stream, [&] { mm.run(a.get(), b.get(), c.get()); }, ctx.quick ? 5 : 9, 1, 2);
        peakTflops = 2.0 * n * double(n) * n / sec / 1e12;
    }

    std::vector<MoeWeights> layers(layersRun);
    for (int l = 0; l < layersRun; ++l) {
        MoeWeights& w = layers[l];
        w.gateUp.allocate(std::size_t(E) * 2 * I * H * ab);
        w.down.allocate(std::size_t(E) * H * I * ab);
        fillRandom(w.gateUp.get(), w.gateUp.bytes() / ab, p.fill, fp8 ? 1.f : std::sqrt(3.f / H), 70 + 4 * l,
                   ctx.stream);
        fillRandom(w.down.get(), w.down.bytes() / ab, p.fill, fp8 ? 1.f : std::sqrt(3.f / I), 71 + 4 * l, ctx.stream);
        if (sharedInter > 0) {
            w.sharedGateUp.allocate(std::size_t(2) * sharedInter * H * ab);
            w.sharedDown.allocate(std::size_t(H) * sharedInter * ab);
            fillRandom(w.sharedGateUp.get(), w.sharedGateUp.bytes() / ab, p.fill, fp8 ? 1.f : std::sqrt(3.f / H),
                       72 + 4 * l, ctx.stream);
            fillRandom(w.sharedDown.get(), w.sharedDown.bytes() / ab, p.fill, fp8 ? 1.f : std::sqrt(3.f / sharedInter),
                       73 + 4 * l, ctx.stream);
        }
    }
    ctx.sync();
    if (layersRun < moeLayers)
        out.progress("moe_layer", 0.5,
                     "running " + std::to_string(layersRun) + " of " + std::to_string(moeLayers) +
                         " MoE layers and scaling the time");

    const std::vector<int> batches =
        ctx.quick ? std::vector<int>{1, 32, 256} : std::vector<int>{1, 2, 4, 8, 16, 32, 64, 128, 256};
    const int maxSlots = batches.back() * K;
    // Activations: the tokens already in expert order (dispatch is not timed), expert outputs.
    DeviceBuffer x(std::size_t(maxSlots) * H * ab), gu(std::size_t(maxSlots) * 2 * I * 2),
        act(std::size_t(maxSlots) * I * ab), y(std::size_t(maxSlots) * H * 2);
    const int maxShared = sharedInter > 0 ? batches.back() : 1;
    DeviceBuffer sgu(std::size_t(maxShared) * 2 * std::max(sharedInter, 1) * 2),
        sact(std::size_t(maxShared) * std::max(sharedInter, 1) * ab), sy(std::size_t(maxShared) * H * 2);
    fillRandom(x.get(), x.bytes() / ab, p.fill, 1.f, 80, ctx.stream);
    MatmulCache matmuls(ctx, p);

    for (const int batch : batches) {
        // Routing of each layer, and the GEMMs it implies.
        std::vector<std::vector<int>> counts(layersRun);
        double touched = 0;
        for (int l = 0; l < layersRun; ++l) {
            counts[l] = routeTokens(batch, E, K, std::uint32_t(1000 * batch + l));
            for (const int c : counts[l])
                touched += c > 0;
        }
        touched /= layersRun;
        // Build every matmul before capture (heuristic queries do not belong in a graph).
        for (int l = 0; l < layersRun; ++l)
            for (const int c : counts[l])
                if (c > 0) {
                    matmuls.get(c, 2 * I, H);
                    matmuls.get(c, H, I);
                }
        if (sharedInter > 0) {
            matmuls.get(batch, 2 * sharedInter, H);
            matmuls.get(batch, H, sharedInter);
        }
        auto layerWork = [&] {
            for (int l = 0; l < layersRun; ++l) {
                const MoeWeights& w = layers[l];
                std::size_t slot = 0;
                for (int e = 0; e < E; ++e) {
                    const int c = counts[l][e];
                    if (c == 0)
                        continue;
                    matmuls.get(c, 2 * I, H)
                        .run(w.gateUp.get<char>() + std::size_t(e) * 2 * I * H * ab, x.get<char>() + slot * H * ab,
                             gu.get<char>() + slot * 2 * I * 2);
                    slot += c;
                }
                launchSiluUp(gu.get<bf16>(), act.get(), slot, I, fp8, ctx.stream);
                slot = 0;
                for (int e = 0; e < E; ++e) {
                    const int c = counts[l][e];
                    if (c == 0)
                        continue;
                    matmuls.get(c, H, I).run(w.down.get<char>() + std::size_t(e) * H * I * ab,
                                             act.get<char>() + slot * I * ab, y.get<char>() + slot * H * 2);
                    slot += c;
                }
                if (sharedInter > 0) {
                    matmuls.get(batch, 2 * sharedInter, H).run(w.sharedGateUp.get(), x.get(), sgu.get());
                    launchSiluUp(sgu.get<bf16>(), sact.get(), std::size_t(batch), sharedInter, fp8, ctx.stream);
                    matmuls.get(batch, H, sharedInter).run(w.sharedDown.get(), sact.get(), sy.get());
                }
            }
        };
        const double sec = timeGraphOf(ctx, layerWork, ctx.quick ? 7 : 11) / layersRun;
        const double slots = double(batch) * K;
        const double flops = 2.0 * slots * 3.0 * H * I + 2.0 * batch * 3.0 * H * double(sharedInter);
        const double weightBytes = touched * double(expertBytes) + double(sharedBytes);
        const double expectedTouched = E * (1.0 - std::pow(1.0 - double(K) / E, batch));
        JsonObject r;
        r.add("model", m.id).add("batch", batch).add("precision", p.name).add("library", "cublaslt");
        r.add("hidden", H).add("moe_intermediate", I).add("experts", E).add("experts_per_token", K);
        r.add("shared_experts", m.sharedExperts).add("experts_touched", touched);
        r.add("expected_experts_touched", expectedTouched).add("weight_bytes", weightBytes);
        r.add("time_us", sec * 1e6).add("tflops", flops / sec / 1e12).add("peak_tflops", peakTflops);
        r.add("gemm_roofline_fraction", flops / (peakTflops * 1e12) / sec);
        if (ctx.copyGBps > 0) {
            r.add("copy_gbps", ctx.copyGBps);
            r.add("weight_roofline_fraction", weightBytes / (ctx.copyGBps * 1e9) / sec);
        }
        r.add("layers_run", layersRun).add("moe_layers", moeLayers).add("scaled", layersRun < moeLayers);
        r.add("model_moe_time_ms", sec * moeLayers * 1e3).add("cuda_graph", true);
        r.add("timed", "expert_gemms_silu");
        out.result("moe_layer", sec * 1e3, "ms", r);
    }
}

} // namespace serveplan::probe::cuda
