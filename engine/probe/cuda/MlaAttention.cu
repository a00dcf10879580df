// MLA decode attention in the absorbed form the serving engines use (FlashMLA, FlashInfer's MLA,
// vLLM/SGLang/TensorRT-LLM): each cached token of a layer is its 512-value latent c_kv plus 64 rope
// values; each query head's no-rope part is absorbed through W_UK into the latent space, so every
// head attends over the same 576-wide cache (one "KV head" shared by all query heads). The output
// is a 512-wide latent per head that W_UV takes to the head's value width.
//
// The kernel runs the two products on the tensor cores (mma.sync m16n8k16, BF16 in, FP32
// accumulate): one block holds 64 query heads of one sequence and one split of its context, reads
// the latent cache in tiles of 32 tokens (cp.async, double-buffered), computes S = Q·Kᵀ, an online
// softmax in base 2, and O += P·C with C the tile's first 512 values. Splits are combined by a
// second kernel. Checked against a double-precision reference, and the absorbed chain (W_UK,
// kernel, W_UV) against the un-absorbed MLA formula on a few heads.
#include "GpuContext.cuh"

#include <cmath>
#include <cstring>
#include <vector>

namespace serveplan::probe::cuda {

namespace {

constexpr int kLatent = 512;
constexpr int kRope = 64;
constexpr int kQk = kLatent + kRope; // 576
constexpr int kHeadsPerBlock = 64;
constexpr int kTileTokens = 32;
constexpr int kThreads = 256;
constexpr int kRowStride = kQk + 8;           // bf16 elements per smem row (16-byte aligned, no bank conflicts)
constexpr int kScoreStride = kTileTokens + 4; // floats
constexpr int kScoreParts = 4;                // partial scores, one per quarter of the 576 dimensions
constexpr int kProbStride = kTileTokens + 8;  // bf16
constexpr int kMaxSplits = 64;

constexpr std::size_t kSmemQ = std::size_t(kHeadsPerBlock) * kRowStride * 2;
constexpr std::size_t kSmemK = std::size_t(kTileTokens) * kRowStride * 2;
constexpr std::size_t kSmemBytes = kSmemQ + 2 * kSmemK + std::size_t(kScoreParts) * kHeadsPerBlock * kScoreStride * 4 +
                                   std::size_t(kHeadsPerBlock) * kProbStride * 2 + kHeadsPerBlock * 4 +
                                   kHeadsPerBlock * 2 * 4;

struct MlaArgs {
    const bf16* q = nullptr;     ///< [batch][heads][576]: absorbed no-rope part, then rope part
    const bf16* cache = nullptr; ///< [batch][maxCtx][576]: latent, then rope
    bf16* out = nullptr;         ///< [batch][heads][512] latent output
    float* partO = nullptr;      ///< [batch][heads][splits][512]
    float* partML = nullptr;     ///< [batch][heads][splits][2]: running max (base 2) and sum
    int batch = 0, heads = 0, maxCtx = 0, len = 0;
    int splits = 1, chunk = 0; ///< chunk: tokens per split, a multiple of the tile
    float scaleLog2 = 0;       ///< softmax scale × log2(e)
};

__device__ __forceinline__ unsigned smemAddress(const void* p) {
    return unsigned(__cvta_generic_to_shared(p));
}

__device__ __forceinline__ void cpAsync16(void* dst, const void* src, bool valid) {
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;" ::"r"(smemAddress(dst)), "l"(src),
                 "r"(valid ? 16 : 0));
}
__device__ __forceinline__ void cpAsyncCommit() {
    asm volatile("cp.async.commit_group;");
}
__device__ __forceinline__ void cpAsyncWaitAll() {
    asm volatile("cp.async.wait_group 0;" ::: "memory");
}

__device__ __forceinline__ void ldmatrixX4(unsigned (&r)[4], const void* p) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"(smemAddress(p)));
}
__device__ __forceinline__ void ldmatrixX4Trans(unsigned (&r)[4], const void* p) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"(smemAddress(p)));
}

/// D += A·B, m16n8k16, BF16 inputs, FP32 accumulators.
__device__ __forceinline__ void mma16816(float (&d)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
                 "{%0, %1, %2, %3};"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

__global__ void __launch_bounds__(kThreads, 1) mlaDecodeKernel(MlaArgs a) {
    extern __shared__ __align__(16) unsigned char smem[];
    bf16* qs = reinterpret_cast<bf16*>(smem);
    bf16* ks = reinterpret_cast<bf16*>(smem + kSmemQ);                // two tiles
    float* ss = reinterpret_cast<float*>(smem + kSmemQ + 2 * kSmemK); // [kScoreParts][64][kScoreStride]
    bf16* ps = reinterpret_cast<bf16*>(ss + kScoreParts * kHeadsPerBlock * kScoreStride);
    float* corrS = reinterpret_cast<float*>(ps + kHeadsPerBlock * kProbStride);
    float* mlS = corrS + kHeadsPerBlock;

    // Warp w holds 32 heads (two 16-row MMA tiles, rowPair = w % 2) and a quarter (quarter = w / 2)
    // of the work: for S the quarter of the 576 dimensions, for O the quarter of the 512 latent values.
    // Two row tiles per warp let each B fragment feed two MMAs.
    const int tid = threadIdx.x, lane = tid % 32, warp = tid / 32;
    const int rowPair = warp % 2, quarter = warp / 2;
    const int g = lane / 4, tig = lane % 4;
    const int split = blockIdx.x, head0 = blockIdx.y * kHeadsPerBlock, b = blockIdx.z;
    const int t0 = split * a.chunk, t1 = min(a.len, t0 + a.chunk);
    const bf16* cache = a.cache + std::size_t(b) * a.maxCtx * kQk;

    // Q of the block's heads (rows past the last head are zero).
    for (int i = tid; i < kHeadsPerBlock * (kQk / 8); i += kThreads) {
        const int row = i / (kQk / 8), col = (i % (kQk / 8)) * 8;
        const int head = head0 + row;
        const bool valid = head < a.heads;
        const bf16* src = a.q + (std::size_t(b) * a.heads + (valid ? head : 0)) * kQk + col;
        cpAsync16(qs + row * kRowStride + col, src, valid);
    }
    auto loadTile = [&](int tile, int buffer) {
        bf16* dst = ks + buffer * kTileTokens * kRowStride;
        const int base = t0 + tile * kTileTokens;
        for (int i = tid; i < kTileTokens * (kQk / 8); i += kThreads) {
            const int row = i / (kQk / 8), col = (i % (kQk / 8)) * 8;
            const int t = base + row;
            const bool valid = t < t1;
            cpAsync16(dst + row * kRowStride + col, cache + std::size_t(valid ? t : t0) * kQk + col, valid);
        }
    };
    const int tiles = (t1 - t0 + kTileTokens - 1) / kTileTokens;
    loadTile(0, 0);
    cpAsyncCommit();

    float acc[2][16][4]; // O: 2 row tiles × 16 column tiles of 8 latent values
#pragma unroll
    for (int m = 0; m < 2; ++m)
#pragma unroll
        for (int n = 0; n < 16; ++n)
            acc[m][n][0] = acc[m][n][1] = acc[m][n][2] = acc[m][n][3] = 0.f;
    // Softmax state of row tid / 4, held by the four threads that share the row.
    const int smRow = tid / 4, smPart = tid % 4;
    float runMax = -INFINITY, runSum = 0.f;
    // ldmatrix lane addresses: A (row-major 16×16), B from token rows (QK), B transposed (PV).
    const int aRow = (lane % 8) + ((lane / 8) % 2) * 8, aCol = (lane / 16) * 8;
    const int bRow = (lane % 8) + (lane / 16) * 8, bCol = ((lane / 8) % 2) * 8;

    for (int tile = 0; tile < tiles; ++tile) {
        cpAsyncWaitAll();
        __syncthreads(); // tile landed; every warp is done with the previous tile's buffers
        if (tile + 1 < tiles) {
            loadTile(tile + 1, (tile + 1) % 2);
            cpAsyncCommit();
        }
        const bf16* kt = ks + (tile % 2) * kTileTokens * kRowStride;

        // Partial S[32 heads × 32 tokens] over this warp's 144 of the 576 dimensions.
        {
            float s[2][4][4];
#pragma unroll
            for (int m = 0; m < 2; ++m)
#pragma unroll
                for (int n = 0; n < 4; ++n)
                    s[m][n][0] = s[m][n][1] = s[m][n][2] = s[m][n][3] = 0.f;
#pragma unroll 3
            for (int k0 = quarter * (kQk / 4); k0 < (quarter + 1) * (kQk / 4); k0 += 16) {
                unsigned af[2][4], bfr[2][4];
#pragma unroll
                for (int m = 0; m < 2; ++m)
                    ldmatrixX4(af[m], qs + (rowPair * 32 + m * 16 + aRow) * kRowStride + k0 + aCol);
#pragma unroll
                for (int h = 0; h < 2; ++h)
                    ldmatrixX4(bfr[h], kt + (h * 16 + bRow) * kRowStride + k0 + bCol);
#pragma unroll
                for (int m = 0; m < 2; ++m)
#pragma unroll
                    for (int h = 0; h < 2; ++h) {
                        mma16816(s[m][2 * h], af[m], bfr[h][0], bfr[h][1]);
                        mma16816(s[m][2 * h + 1], af[m], bfr[h][2], bfr[h][3]);
                    }
            }
            float* part = ss + quarter * kHeadsPerBlock * kScoreStride;
#pragma unroll
            for (int m = 0; m < 2; ++m)
#pragma unroll
                for (int n = 0; n < 4; ++n)
#pragma unroll
                    for (int half = 0; half < 2; ++half) {
                        const int row = rowPair * 32 + m * 16 + g + half * 8, col = n * 8 + tig * 2;
                        *reinterpret_cast<float2*>(part + row * kScoreStride + col) =
                            make_float2(s[m][n][2 * half], s[m][n][2 * half + 1]);
                    }
        }
        __syncthreads();

        // Online softmax: four threads per head row, eight tokens each, summing the four partial scores.
        {
            const int tileBase = t0 + tile * kTileTokens;
            float v[8];
            float mx = -INFINITY;
#pragma unroll
            for (int j = 0; j < 8; ++j) {
                const int col = smPart * 8 + j;
                float sum = 0.f;
#pragma unroll
                for (int q = 0; q < kScoreParts; ++q)
                    sum += ss[(q * kHeadsPerBlock + smRow) * kScoreStride + col];
                v[j] = tileBase + col < t1 ? sum * a.scaleLog2 : -INFINITY;
                mx = fmaxf(mx, v[j]);
            }
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
            const float newMax = fmaxf(runMax, mx); // finite: every tile holds a valid token
            const float corr = exp2f(runMax - newMax);
            float sum = 0.f;
#pragma unroll
            for (int j = 0; j < 8; j += 2) {
                const __nv_bfloat162 pb = __floats2bfloat162_rn(exp2f(v[j] - newMax), exp2f(v[j + 1] - newMax));
                const float2 pr = __bfloat1622float2(pb); // sum what the product will use
                sum += pr.x + pr.y;
                *reinterpret_cast<__nv_bfloat162*>(ps + smRow * kProbStride + smPart * 8 + j) = pb;
            }
            sum += __shfl_xor_sync(0xffffffffu, sum, 1);
            sum += __shfl_xor_sync(0xffffffffu, sum, 2);
            runSum = runSum * corr + sum;
            runMax = newMax;
            if (smPart == 0)
                corrS[smRow] = corr;
        }
        __syncthreads();

        // O[32 heads × 128 latent values] = O·corr + P·C of this warp.
        {
#pragma unroll
            for (int m = 0; m < 2; ++m) {
                const float c0 = corrS[rowPair * 32 + m * 16 + g], c1 = corrS[rowPair * 32 + m * 16 + g + 8];
#pragma unroll
                for (int n = 0; n < 16; ++n) {
                    acc[m][n][0] *= c0;
                    acc[m][n][1] *= c0;
                    acc[m][n][2] *= c1;
                    acc[m][n][3] *= c1;
                }
            }
            const int bTok = (lane % 8) + ((lane / 8) % 2) * 8, bLat = quarter * 128 + (lane / 16) * 8;
#pragma unroll
            for (int k0 = 0; k0 < kTileTokens; k0 += 16) {
                unsigned af[2][4];
#pragma unroll
                for (int m = 0; m < 2; ++m)
                    ldmatrixX4(af[m], ps + (rowPair * 32 + m * 16 + aRow) * kProbStride + k0 + aCol);
#pragma unroll
                for (int n = 0; n < 16; n += 2) {
                    unsigned bfr[4];
                    ldmatrixX4Trans(bfr, kt + (k0 + bTok) * kRowStride + bLat + n * 8);
#pragma unroll
                    for (int m = 0; m < 2; ++m) {
                        mma16816(acc[m][n], af[m], bfr[0], bfr[1]);
                        mma16816(acc[m][n + 1], af[m], bfr[2], bfr[3]);
                    }
                }
            }
        }
    }

    if (smPart == 0) {
        mlS[smRow * 2] = runMax;
        mlS[smRow * 2 + 1] = runSum;
    }
    __syncthreads();
#pragma unroll
    for (int m = 0; m < 2; ++m)
#pragma unroll
        for (int half = 0; half < 2; ++half) {
            const int row = rowPair * 32 + m * 16 + g + half * 8;
            const int head = head0 + row;
            if (head >= a.heads)
                continue;
            const std::size_t headIndex = std::size_t(b) * a.heads + head;
            if (a.splits == 1) {
                const float inv = 1.f / mlS[row * 2 + 1];
#pragma unroll
                for (int n = 0; n < 16; ++n) {
                    const int col = quarter * 128 + n * 8 + tig * 2;
                    *reinterpret_cast<__nv_bfloat162*>(a.out + headIndex * kLatent + col) =
                        __floats2bfloat162_rn(acc[m][n][2 * half] * inv, acc[m][n][2 * half + 1] * inv);
                }
            } else {
                const std::size_t part = headIndex * a.splits + split;
#pragma unroll
                for (int n = 0; n < 16; ++n) {
                    const int col = quarter * 128 + n * 8 + tig * 2;
                    *reinterpret_cast<float2*>(a.partO + part * kLatent + col) =
                        make_float2(acc[m][n][2 * half], acc[m][n][2 * half + 1]);
                }
                if (quarter == 0 && tig == 0) {
                    a.partML[part * 2] = mlS[row * 2];
                    a.partML[part * 2 + 1] = mlS[row * 2 + 1];
                }
            }
        }
}

/// One block per (sequence, head): merges the splits' partial outputs.
__global__ void mlaCombineKernel(MlaArgs a) {
    const std::size_t headIndex = blockIdx.x;
    const float* ml = a.partML + headIndex * a.splits * 2;
    float mAll = -INFINITY;
    for (int s = 0; s < a.splits; ++s)
        mAll = fmaxf(mAll, ml[2 * s]);
    float lAll = 0.f;
    for (int s = 0; s < a.splits; ++s)
        lAll += ml[2 * s + 1] * exp2f(ml[2 * s] - mAll);
    const float inv = 1.f / lAll;
    for (int d = threadIdx.x * 4; d < kLatent; d += blockDim.x * 4) {
        float4 o = make_float4(0.f, 0.f, 0.f, 0.f);
        for (int s = 0; s < a.splits; ++s) {
            const float c = exp2f(ml[2 * s] - mAll) * inv;
            const float4 p = *reinterpret_cast<const float4*>(a.partO + (headIndex * a.splits + s) * kLatent + d);
            o.x += p.x * c;
            o.y += p.y * c;
            o.z += p.z * c;
            o.w += p.w * c;
        }
        auto* dst = reinterpret_cast<__nv_bfloat162*>(a.out + headIndex * kLatent + d);
        dst[0] = __floats2bfloat162_rn(o.x, o.y);
        dst[1] = __floats2bfloat162_rn(o.z, o.w);
    }
}

/// Splits per sequence: fill the multiprocessors in whole waves (one block per SM fits).
void planMla(MlaArgs& a, int sms) {
    const int base = a.batch * ((a.heads + kHeadsPerBlock - 1) / kHeadsPerBlock);
    const int maxSplits = std::max(1, std::min(kMaxSplits, (a.len + 2 * kTileTokens - 1) / (2 * kTileTokens)));
    int best = 1;
    double bestEff = 0;
    for (int s = 1; s <= maxSplits; ++s) {
        const int blocks = base * s;
        const double eff = double(blocks) / (double((blocks + sms - 1) / sms) * sms);
        if (eff > bestEff + 1e-9) {
            bestEff = eff;
            best = s;
        }
        if (eff >= 0.85)
            break;
    }
    const int perSplit = (a.len + best - 1) / best;
    a.chunk = (perSplit + kTileTokens - 1) / kTileTokens * kTileTokens;
    a.splits = (a.len + a.chunk - 1) / a.chunk;
}

void launchMla(const MlaArgs& a, cudaStream_t stream) {
    static bool attributeSet = false;
    if (!attributeSet) {
        PROBE_CUDA(cudaFuncSetAttribute(mlaDecodeKernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(kSmemBytes)));
        attributeSet = true;
    }
    const dim3 grid(a.splits, (a.heads + kHeadsPerBlock - 1) / kHeadsPerBlock, a.batch);
    mlaDecodeKernel<<<grid, kThreads, kSmemBytes, stream>>>(a);
    PROBE_LAUNCHED();
    if (a.splits > 1) {
        mlaCombineKernel<<<unsigned(a.batch * a.heads), 128, 0, stream>>>(a);
        PROBE_LAUNCHED();
    }
}

template <typename T>
std::vector<T> download(const void* device, std::size_t count) {
    std::vector<T> host(count);
    PROBE_CUDA(cudaMemcpy(host.data(), device, count * sizeof(T), cudaMemcpyDeviceToHost));
    return host;
}

double toDouble(bf16 v) {
    return double(__bfloat162float(v));
}

/// The buffers of one MLA attention layer: cache, queries, the absorption weights and outputs.
struct MlaLayer {
    int batch, heads, maxCtx, nope, vDim;
    DeviceBuffer qNope, qRope, q, cache, outLatent, out, wUk, wUv, partO, partML;
    MlaLayer(int batch_, int heads_, int maxCtx_, int nope_, int vDim_, int cacheCopies, int weightCopies, int splits)
        : batch(batch_)
        , heads(heads_)
        , maxCtx(maxCtx_)
        , nope(nope_)
        , vDim(vDim_) {
        const std::size_t bh = std::size_t(batch) * heads;
        qNope.allocate(bh * nope * 2);
        qRope.allocate(bh * kRope * 2);
        q.allocate(bh * kQk * 2);
        cache.allocate(cacheBytes() * cacheCopies);
        outLatent.allocate(bh * kLatent * 2);
        out.allocate(bh * vDim * 2);
        wUk.allocate(ukBytes() * weightCopies);
        wUv.allocate(uvBytes() * weightCopies);
        partO.allocate(bh * splits * kLatent * 4);
        partML.allocate(bh * splits * 2 * 4);
    }
    std::size_t cacheBytes() const { return std::size_t(batch) * maxCtx * kQk * 2; }
    std::size_t ukBytes() const { return std::size_t(heads) * nope * kLatent * 2; }
    std::size_t uvBytes() const { return std::size_t(heads) * vDim * kLatent * 2; }

    MlaArgs args(int len, int copy, float scaleLog2) const {
        MlaArgs a;
        a.q = q.get<bf16>();
        a.cache = reinterpret_cast<const bf16*>(cache.get<char>() + std::size_t(copy) * cacheBytes());
        a.out = outLatent.get<bf16>();
        a.partO = partO.get<float>();
        a.partML = partML.get<float>();
        a.batch = batch;
        a.heads = heads;
        a.maxCtx = maxCtx;
        a.len = len;
        a.scaleLog2 = scaleLog2;
        return a;
    }

    /// q[:, :, 0:512] = W_UK[h]ᵀ · q_nope (per head), q[:, :, 512:576] = q_rope.
    void absorbQuery(GpuContext& ctx, int copy) const {
        const float one = 1.f, zero = 0.f;
        const bf16* w = reinterpret_cast<const bf16*>(wUk.get<char>() + std::size_t(copy) * ukBytes());
        PROBE_CUBLAS(cublasGemmStridedBatchedEx(ctx.blas, CUBLAS_OP_N, CUBLAS_OP_N, kLatent, batch, nope, &one, w,
                                                CUDA_R_16BF, kLatent, std::int64_t(nope) * kLatent, qNope.get(),
                                                CUDA_R_16BF, heads * nope, nope, &zero, q.get(), CUDA_R_16BF,
                                                heads * kQk, kQk, heads, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
        PROBE_CUDA(cudaMemcpy2DAsync(q.get<bf16>() + kLatent, kQk * 2, qRope.get(), kRope * 2, kRope * 2,
                                     std::size_t(batch) * heads, cudaMemcpyDeviceToDevice, ctx.stream));
    }
    /// out[b][h] = W_UV[h] · latent[b][h] (v_head_dim values per head).
    void projectOutput(GpuContext& ctx, int copy) const {
        const float one = 1.f, zero = 0.f;
        const bf16* w = reinterpret_cast<const bf16*>(wUv.get<char>() + std::size_t(copy) * uvBytes());
        PROBE_CUBLAS(cublasGemmStridedBatchedEx(ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, vDim, batch, kLatent, &one, w,
                                                CUDA_R_16BF, kLatent, std::int64_t(vDim) * kLatent, outLatent.get(),
                                                CUDA_R_16BF, heads * kLatent, kLatent, &zero, out.get(), CUDA_R_16BF,
                                                heads * vDim, vDim, heads, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
    }
};

double relativeError(const std::vector<double>& got, const std::vector<double>& ref) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (!std::isfinite(got[i]))
            return INFINITY;
        num += (got[i] - ref[i]) * (got[i] - ref[i]);
        den += ref[i] * ref[i];
    }
    return std::sqrt(num / std::max(den, 1e-300));
}

/// The kernel against a double-precision reference (with and without splits, a context that is
/// not a multiple of the tile), and the absorbed chain against the un-absorbed MLA on a few heads.
void checkMla(GpuContext& ctx, const ModelShape& m, float scaleLog2, double& kernelError, double& chainError) {
    const int batch = 2, len = 333, maxCtx = 400;
    MlaLayer L(batch, m.heads, maxCtx, m.nopeHeadDim, m.vHeadDim, 1, 1, kMaxSplits);
    fillRandom(L.qNope.get(), L.qNope.bytes() / 2, FillType::BF16, 1.f, 41, ctx.stream);
    fillRandom(L.qRope.get(), L.qRope.bytes() / 2, FillType::BF16, 1.f, 42, ctx.stream);
    fillRandom(L.cache.get(), L.cache.bytes() / 2, FillType::BF16, 1.f, 43, ctx.stream);
    fillRandom(L.wUk.get(), L.wUk.bytes() / 2, FillType::BF16, std::sqrt(3.f / m.nopeHeadDim), 44, ctx.stream);
    fillRandom(L.wUv.get(), L.wUv.bytes() / 2, FillType::BF16, std::sqrt(3.f / kLatent), 45, ctx.stream);
    L.absorbQuery(ctx, 0);
    ctx.sync();
    const std::size_t bh = std::size_t(batch) * m.heads;
    const auto q = download<bf16>(L.q.get(), bh * kQk);
    const auto cache = download<bf16>(L.cache.get(), std::size_t(batch) * maxCtx * kQk);
    const double scale = double(scaleLog2) / 1.4426950408889634;

    // Reference of the kernel: softmax(q·kᵀ·scale)·c over the latent cache.
    std::vector<double> ref(bh * kLatent);
    std::vector<double> p(len);
    for (int b = 0; b < batch; ++b)
        for (int h = 0; h < m.heads; ++h) {
            const bf16* qh = q.data() + (std::size_t(b) * m.heads + h) * kQk;
            double mx = -1e300;
            for (int t = 0; t < len; ++t) {
                const bf16* kt = cache.data() + (std::size_t(b) * maxCtx + t) * kQk;
                double dot = 0;
                for (int d = 0; d < kQk; ++d)
                    dot += toDouble(qh[d]) * toDouble(kt[d]);
                p[t] = dot * scale;
                mx = std::max(mx, p[t]);
            }
            double sum = 0;
            for (double& x : p)
                sum += (x = std::exp(x - mx));
            double* o = ref.data() + (std::size_t(b) * m.heads + h) * kLatent;
            for (int t = 0; t < len; ++t) {
                const bf16* kt = cache.data() + (std::size_t(b) * maxCtx + t) * kQk;
                for (int d = 0; d < kLatent; ++d)
                    o[d] += p[t] / sum * toDouble(kt[d]);
            }
        }
    kernelError = 0;
    for (const bool split : {false, true}) {
        MlaArgs a = L.args(len, 0, scaleLog2);
        if (split) {
            a.chunk = 3 * kTileTokens; // 96 tokens: the last split holds a partial tile
            a.splits = (len + a.chunk - 1) / a.chunk;
        } else {
            a.splits = 1;
            a.chunk = (len + kTileTokens - 1) / kTileTokens * kTileTokens;
        }
        PROBE_CUDA(cudaMemset(L.outLatent.get(), 0xff, L.outLatent.bytes())); // poison: NaN where not written
        launchMla(a, ctx.stream);
        ctx.sync();
        const auto got = download<bf16>(L.outLatent.get(), bh * kLatent);
        std::vector<double> g(got.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            g[i] = toDouble(got[i]);
        const double err = relativeError(g, ref);
        kernelError = std::max(kernelError, err);
        // BF16 output and BF16 probabilities of FP32 arithmetic: a correct kernel is near 3e-3.
        if (!(err < 1e-2))
            throw CudaFailure(std::string("MLA decode attention (") + (split ? "split" : "one split") +
                              ") differs from the double-precision reference: relative L2 error " +
                              std::to_string(err));
    }

    // The absorbed chain against MLA as written in the paper, for a few heads: k_nope = W_UK·c,
    // v = W_UV·c per head, score = (q_nope·k_nope + q_rope·k_rope)·scale.
    L.projectOutput(ctx, 0);
    ctx.sync();
    const auto out = download<bf16>(L.out.get(), bh * m.vHeadDim);
    const auto qNope = download<bf16>(L.qNope.get(), bh * m.nopeHeadDim);
    const auto qRope = download<bf16>(L.qRope.get(), bh * kRope);
    const auto wUk = download<bf16>(L.wUk.get(), std::size_t(m.heads) * m.nopeHeadDim * kLatent);
    const auto wUv = download<bf16>(L.wUv.get(), std::size_t(m.heads) * m.vHeadDim * kLatent);
    std::vector<double> got, want;
    const int checked[] = {0, m.heads / 3, m.heads - 1};
    for (const int h : checked) {
        const int b = h % batch;
        const std::size_t bhIndex = std::size_t(b) * m.heads + h;
        std::vector<double> kn(std::size_t(len) * m.nopeHeadDim), v(std::size_t(len) * m.vHeadDim);
        for (int t = 0; t < len; ++t) {
            const bf16* c = cache.data() + (std::size_t(b) * maxCtx + t) * kQk;
            for (int i = 0; i < m.nopeHeadDim; ++i) {
                double s = 0;
                const bf16* w = wUk.data() + (std::size_t(h) * m.nopeHeadDim + i) * kLatent;
                for (int j = 0; j < kLatent; ++j)
                    s += toDouble(w[j]) * toDouble(c[j]);
                kn[std::size_t(t) * m.nopeHeadDim + i] = s;
            }
            for (int i = 0; i < m.vHeadDim; ++i) {
                double s = 0;
                const bf16* w = wUv.data() + (std::size_t(h) * m.vHeadDim + i) * kLatent;
                for (int j = 0; j < kLatent; ++j)
                    s += toDouble(w[j]) * toDouble(c[j]);
                v[std::size_t(t) * m.vHeadDim + i] = s;
            }
        }
        double mx = -1e300;
        for (int t = 0; t < len; ++t) {
            const bf16* c = cache.data() + (std::size_t(b) * maxCtx + t) * kQk;
            double dot = 0;
            for (int i = 0; i < m.nopeHeadDim; ++i)
                dot += toDouble(qNope[bhIndex * m.nopeHeadDim + i]) * kn[std::size_t(t) * m.nopeHeadDim + i];
            for (int i = 0; i < kRope; ++i)
                dot += toDouble(qRope[bhIndex * kRope + i]) * toDouble(c[kLatent + i]);
            p[t] = dot * scale;
            mx = std::max(mx, p[t]);
        }
        double sum = 0;
        for (double& x : p)
            sum += (x = std::exp(x - mx));
        for (int i = 0; i < m.vHeadDim; ++i) {
            double o = 0;
            for (int t = 0; t < len; ++t)
                o += p[t] * v[std::size_t(t) * m.vHeadDim + i];
            want.push_back(o / sum);
            got.push_back(toDouble(out[bhIndex * m.vHeadDim + i]));
        }
    }
    chainError = relativeError(got, want);
    // Two more BF16 roundings (the absorbed query and the latent output) than the kernel alone.
    if (!(chainError < 2e-2))
        throw CudaFailure("absorbed MLA (W_UK, kernel, W_UV) differs from the un-absorbed formula: relative L2 error " +
                          std::to_string(chainError));
}

} // namespace

void benchMlaAttention(GpuContext& ctx, const ModelShape& m, ProbeOutput& out) {
    if (!m.isMla())
        throw Unsupported("not an MLA model (give --model deepseek-r1 or --kv-lora-rank 512)");
    if (ctx.ccMajor < 8)
        throw Unsupported("the MLA kernel needs compute capability 8.0 (BF16 tensor cores, cp.async)");
    const float scaleLog2 = float(1.4426950408889634 / std::sqrt(double(m.nopeHeadDim + m.ropeHeadDim)));
    double kernelError = 0, chainError = 0;
    checkMla(ctx, m, scaleLog2, kernelError, chainError);
    out.progress("mla_decode_attention", 0.5,
                 "MLA kernel matches the double-precision reference (relative L2 " + std::to_string(kernelError) +
                     "), absorbed chain matches un-absorbed MLA (" + std::to_string(chainError) + ")");

    std::vector<std::pair<int, int>> configs; // batch, context
    if (ctx.quick) {
        configs = {{1, 4096}, {32, 4096}, {128, 4096}};
    } else {
        for (const int b : {1, 8, 32, 64, 128})
            for (const int c : {1024, 4096, 16384})
                configs.emplace_back(b, c);
        configs.emplace_back(256, 4096);
    }
    const std::size_t budget = ctx.freeBytes() / 4;
    for (const auto& [batch, context] : configs) {
        const std::size_t cacheBytes = std::size_t(batch) * context * kQk * 2;
        if (cacheBytes > budget) {
            out.progress("mla_decode_attention", 0.6,
                         "skipped batch " + std::to_string(batch) + " context " + std::to_string(context) +
                             ": latent cache larger than a quarter of free memory");
            continue;
        }
        // Several copies of the cache and of W_UK/W_UV, together well above the L2 cache, so each
        // call reads device memory as a layer of a real step does.
        const std::size_t target = 4 * ctx.l2Bytes;
        const int cacheCopies = int(std::clamp<std::size_t>((target + cacheBytes - 1) / cacheBytes, 1,
                                                            std::max<std::size_t>(1, budget / cacheBytes)));
        const std::size_t wBytes = std::size_t(m.heads) * (m.nopeHeadDim + m.vHeadDim) * kLatent * 2;
        const int weightCopies = int(std::clamp<std::size_t>((target + wBytes - 1) / wBytes, 1, 16));
        MlaArgs plan;
        plan.batch = batch;
        plan.heads = m.heads;
        plan.len = context;
        planMla(plan, ctx.sms);
        MlaLayer L(batch, m.heads, context, m.nopeHeadDim, m.vHeadDim, cacheCopies, weightCopies, plan.splits);
        fillRandom(L.qNope.get(), L.qNope.bytes() / 2, FillType::BF16, 1.f, 51, ctx.stream);
        fillRandom(L.qRope.get(), L.qRope.bytes() / 2, FillType::BF16, 1.f, 52, ctx.stream);
        fillRandom(L.cache.get(), L.cache.bytes() / 2, FillType::BF16, 1.f, 53, ctx.stream);
        fillRandom(L.wUk.get(), L.wUk.bytes() / 2, FillType::BF16, std::sqrt(3.f / m.nopeHeadDim), 54, ctx.stream);
        fillRandom(L.wUv.get(), L.wUv.bytes() / 2, FillType::BF16, std::sqrt(3.f / kLatent), 55, ctx.stream);
        L.absorbQuery(ctx, 0);
        MlaArgs a = L.args(context, 0, scaleLog2);
        a.splits = plan.splits;
        a.chunk = plan.chunk;
        int turn = 0;
        const int samples = ctx.quick ? 7 : 11;
        const double kernelSec = timeMedian(
            ctx.stream,
            [&] {
                MlaArgs call = a;
                call.cache = reinterpret_cast<const bf16*>(L.cache.get<char>() + (turn++ % cacheCopies) * cacheBytes);
                launchMla(call, ctx.stream);
            },
            samples, cacheBytes < 64 * (std::size_t(1) << 20) ? 10 : 2, 3);
        turn = 0;
        const double absorbSec = timeMedian(
            ctx.stream,
            [&] {
                const int copy = turn++ % weightCopies;
                L.absorbQuery(ctx, copy);
                L.projectOutput(ctx, copy);
            },
            samples, 4, 2);
        const double gbps = double(cacheBytes) / kernelSec / 1e9;
        const double flops = 2.0 * batch * double(context) * m.heads * (kQk + kLatent);
        JsonObject p;
        p.add("batch", batch).add("context", context).add("heads", m.heads).add("kv_lora_rank", kLatent);
        p.add("rope_dim", kRope).add("cache_dtype", "bf16").add("form", "absorbed");
        p.add("cache_bytes", std::int64_t(cacheBytes)).add("time_us", kernelSec * 1e6);
        p.add("absorb_time_us", absorbSec * 1e6).add("layer_time_us", (kernelSec + absorbSec) * 1e6);
        p.add("tflops", flops / kernelSec / 1e12).add("splits", a.splits).add("layers", 1);
        p.add("absorb_weight_bytes", std::int64_t(wBytes));
        p.add("rel_error_vs_reference", kernelError);
        if (ctx.copyGBps > 0)
            p.add("fraction_of_copy_bandwidth", gbps / ctx.copyGBps);
        out.result("mla_decode_attention", gbps, "GB/s", p);
    }
}

} // namespace serveplan::probe::cuda
