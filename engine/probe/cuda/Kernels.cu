#include "Kernels.cuh"

#include "CudaUtil.cuh"

#include <cmath>
#include <cstdlib>

namespace serveplan::probe::cuda {

namespace {

bool g_programmaticLaunch = false;
bool g_gemvPrefetch = true;
bool g_attentionPreload = true;

// Programmatic dependent launch (sm_90): a kernel lets the next one start early and waits for its
// predecessor only before it touches memory the predecessor writes, so one kernel's ramp-up (the
// GEMV's first weight loads) overlaps the previous kernel's tail. No-ops when launched without the
// attribute or built for older GPUs.
__device__ __forceinline__ void pdlTrigger() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;");
#endif
}
__device__ __forceinline__ void pdlWait() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;" ::: "memory");
#endif
}

template <typename... Params, typename... Args>
void launchKernel(void (*kernel)(Params...), dim3 grid, dim3 block, cudaStream_t stream, Args... args) {
    cudaLaunchConfig_t config{};
    config.gridDim = grid;
    config.blockDim = block;
    config.dynamicSmemBytes = 0;
    config.stream = stream;
    cudaLaunchAttribute attribute[1];
    attribute[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    attribute[0].val.programmaticStreamSerializationAllowed = 1;
    config.attrs = attribute;
    config.numAttrs = g_programmaticLaunch ? 1 : 0;
    PROBE_CUDA(cudaLaunchKernelEx(&config, kernel, Params(args)...));
}

// ---- bandwidth ----

__global__ void copyKernel(const uint4* __restrict__ src, uint4* __restrict__ dst, std::size_t n) {
    const std::size_t stride = std::size_t(gridDim.x) * blockDim.x;
    std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x;
    // Four independent 16-byte loads in flight per thread before the stores.
    for (; i + 3 * stride < n; i += 4 * stride) {
        const uint4 a = __ldcs(src + i), b = __ldcs(src + i + stride), c = __ldcs(src + i + 2 * stride),
                    d = __ldcs(src + i + 3 * stride);
        __stcs(dst + i, a);
        __stcs(dst + i + stride, b);
        __stcs(dst + i + 2 * stride, c);
        __stcs(dst + i + 3 * stride, d);
    }
    for (; i < n; i += stride)
        dst[i] = src[i];
}

__global__ void readKernel(const uint4* __restrict__ src, std::size_t n, int* sink) {
    const std::size_t stride = std::size_t(gridDim.x) * blockDim.x;
    std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x;
    unsigned acc = 0;
    for (; i + 3 * stride < n; i += 4 * stride) {
        const uint4 a = __ldcs(src + i), b = __ldcs(src + i + stride), c = __ldcs(src + i + 2 * stride),
                    d = __ldcs(src + i + 3 * stride);
        acc ^= a.x ^ a.y ^ a.z ^ a.w ^ b.x ^ b.y ^ b.z ^ b.w ^ c.x ^ c.y ^ c.z ^ c.w ^ d.x ^ d.y ^ d.z ^ d.w;
    }
    for (; i < n; i += stride)
        acc ^= src[i].x ^ src[i].w;
    if (acc == 0x9e3779b9u) // keeps the loads alive; almost never true
        sink[threadIdx.x] = int(acc);
}

__global__ void emptyKernel() {}

// ---- GEMV ----

constexpr int kGemvWarps = 8;
// 16-byte loads per row in flight per lane. 8 was tried for batch 1 on an H100: the Llama-2-7B decode
// step went from 5.05 to 5.71 ms (the longer chunks leave fewer warps resident per SM).
constexpr int kGemvUnroll = 4;

__device__ __forceinline__ uint4 loadStreaming(const uint4* p) {
    uint4 r;
    asm("ld.global.nc.L1::no_allocate.v4.u32 {%0, %1, %2, %3}, [%4];"
        : "=r"(r.x), "=r"(r.y), "=r"(r.z), "=r"(r.w)
        : "l"(p));
    return r;
}

__device__ __forceinline__ void dot8(const uint4& w, const uint4& x, float& acc) {
    const auto* wp = reinterpret_cast<const __nv_bfloat162*>(&w);
    const auto* xp = reinterpret_cast<const __nv_bfloat162*>(&x);
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const float2 a = __bfloat1622float2(wp[i]);
        const float2 b = __bfloat1622float2(xp[i]);
        acc = fmaf(a.x, b.x, acc);
        acc = fmaf(a.y, b.y, acc);
    }
}

__device__ __forceinline__ float squares8(const uint4& x) {
    const auto* xp = reinterpret_cast<const __nv_bfloat162*>(&x);
    float s = 0;
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const float2 b = __bfloat1622float2(xp[i]);
        s = fmaf(b.x, b.x, fmaf(b.y, b.y, s));
    }
    return s;
}

__device__ __forceinline__ float warpSum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1)
        v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ void ropeRotate(float& a, float& b, int i, int headDim, int pos) {
    // rotate_half RoPE with base 10000: (a, b) are elements i and i + head_dim/2 of one head.
    const float invFreq = exp2f(-(2.0f * i / headDim) * 13.287712379549449f); // log2(10000)
    float s, c;
    sincosf(pos * invFreq, &s, &c);
    const float ra = a * c - b * s;
    const float rb = b * c + a * s;
    a = ra;
    b = rb;
}

template <int M, GemvEpilogue E>
__global__ void __launch_bounds__(kGemvWarps * 32) gemvKernel(GemvArgs a) {
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    const int pair = blockIdx.x * kGemvWarps + warp;
    const int r0 = 2 * pair;
    if (r0 >= a.n) {
        pdlTrigger();
        return;
    }
    if (a.expertIds)
        pdlWait(); // the routed expert ids come from the previous kernel
    const bf16* w = a.w;
    const bf16* x = a.x;
    int outRow = 0;
    if (a.expertIds) {
        const int slot = blockIdx.y;
        w += a.expertIds[slot] * a.expertStride;
        x += std::size_t(slot / a.xRowDivisor) * a.ldx;
        outRow = slot;
    }
    const int kv = a.k / 8;
    const uint4* w0 = reinterpret_cast<const uint4*>(w + std::size_t(r0) * a.k);
    const uint4* w1 = w0 + kv;
    float acc0[M], acc1[M], ss[M];
#pragma unroll
    for (int m = 0; m < M; ++m)
        acc0[m] = acc1[m] = ss[m] = 0.f;
    uint4 wa[kGemvUnroll], wb[kGemvUnroll];
    auto load = [&](int base) {
#pragma unroll
        for (int u = 0; u < kGemvUnroll; ++u) {
            const int i = base + u * 32;
            wa[u] = wb[u] = make_uint4(0, 0, 0, 0);
            if (i < kv) {
                wa[u] = loadStreaming(w0 + i);
                wb[u] = loadStreaming(w1 + i);
            }
        }
    };
    pdlTrigger();
    // Weights never change: their first loads go out before waiting for the previous kernel. On
    // request (an experiment, slower on an H200) the start of this warp's rows is prefetched into L2 too.
    load(lane);
    if (a.prefetch && !a.expertIds) {
        const int prefetchVecs = min(kv, 512);
        for (int line = lane; line * 8 < prefetchVecs; line += 32) {
            asm volatile("prefetch.global.L2 [%0];" ::"l"(w0 + line * 8));
            asm volatile("prefetch.global.L2 [%0];" ::"l"(w1 + line * 8));
        }
    }
    pdlWait();
    for (int base = lane; base < kv; base += 32 * kGemvUnroll) {
        uint4 ca[kGemvUnroll], cb[kGemvUnroll];
#pragma unroll
        for (int u = 0; u < kGemvUnroll; ++u) {
            ca[u] = wa[u];
            cb[u] = wb[u];
        }
        if (base + 32 * kGemvUnroll < kv)
            load(base + 32 * kGemvUnroll); // next chunk in flight while this one is used
#pragma unroll
        for (int u = 0; u < kGemvUnroll; ++u) {
            const int i = base + u * 32;
            if (i < kv) {
#pragma unroll
                for (int m = 0; m < M; ++m) {
                    const uint4 xv = __ldg(reinterpret_cast<const uint4*>(x + std::size_t(m) * a.ldx) + i);
                    dot8(ca[u], xv, acc0[m]);
                    dot8(cb[u], xv, acc1[m]);
                    if (a.norm)
                        ss[m] += squares8(xv);
                }
            }
        }
    }
    float v0 = 0, v1 = 0, s = 0;
#pragma unroll
    for (int m = 0; m < M; ++m) {
        const float t0 = warpSum(acc0[m]), t1 = warpSum(acc1[m]), t2 = a.norm ? warpSum(ss[m]) : 0.f;
        if (m == lane) {
            v0 = t0;
            v1 = t1;
            s = t2;
        }
    }
    if (lane >= M)
        return;
    const int m = lane;
    if (a.norm) {
        const float r = rsqrtf(s / a.k + a.eps);
        v0 *= r;
        v1 *= r;
    }
    bf16* y = a.y + std::size_t(outRow + m) * a.ldy;
    if constexpr (E == GemvEpilogue::Store) {
        *reinterpret_cast<__nv_bfloat162*>(y + r0) = __floats2bfloat162_rn(v0, v1);
    } else if constexpr (E == GemvEpilogue::Residual) {
        auto* p = reinterpret_cast<__nv_bfloat162*>(y + r0);
        const float2 old = __bfloat1622float2(*p);
        *p = __floats2bfloat162_rn(old.x + v0, old.y + v1);
    } else if constexpr (E == GemvEpilogue::SiluMul) {
        y[r0 / 2] = __float2bfloat16(v0 / (1.f + __expf(-v0)) * v1);
    } else {
        const int half = a.headDim / 2;
        const int head = pair / half, i = pair % half;
        if (head < a.heads + a.kvHeads)
            ropeRotate(v0, v1, i, a.headDim, a.pos);
        bf16* dst;
        if (head < a.heads) {
            dst = a.q + (std::size_t(m) * a.heads + head) * a.headDim;
        } else {
            const bool isK = head < a.heads + a.kvHeads;
            const int kvh = isK ? head - a.heads : head - a.heads - a.kvHeads;
            dst = (isK ? a.cacheK : a.cacheV) + ((std::size_t(m) * a.kvHeads + kvh) * a.maxCtx + a.pos) * a.headDim;
        }
        dst[i] = __float2bfloat16(v0);
        dst[i + half] = __float2bfloat16(v1);
    }
}

template <int M>
void launchGemvM(GemvEpilogue e, const GemvArgs& a, cudaStream_t stream) {
    const dim3 grid((a.n / 2 + kGemvWarps - 1) / kGemvWarps, a.expertIds ? a.slots : 1);
    const int threads = kGemvWarps * 32;
    switch (e) {
    case GemvEpilogue::Store:
        launchKernel(gemvKernel<M, GemvEpilogue::Store>, grid, dim3(threads), stream, a);
        break;
    case GemvEpilogue::Residual:
        launchKernel(gemvKernel<M, GemvEpilogue::Residual>, grid, dim3(threads), stream, a);
        break;
    case GemvEpilogue::SiluMul:
        launchKernel(gemvKernel<M, GemvEpilogue::SiluMul>, grid, dim3(threads), stream, a);
        break;
    case GemvEpilogue::RopeKv:
        launchKernel(gemvKernel<M, GemvEpilogue::RopeKv>, grid, dim3(threads), stream, a);
        break;
    }
}

// ---- decode attention ----

__device__ __forceinline__ void unpack8(const uint4& v, float* f) {
    const auto* p = reinterpret_cast<const __nv_bfloat162*>(&v);
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const float2 t = __bfloat1622float2(p[i]);
        f[2 * i] = t.x;
        f[2 * i + 1] = t.y;
    }
}

template <int HD, int GM>
__global__ void __launch_bounds__(128) decodeAttentionKernel(AttnArgs a) {
    pdlTrigger();
    constexpr int LPT = HD / 8;    // lanes per token: each loads 8 elements (16 bytes)
    constexpr int TPB = 128 / LPT; // tokens in flight per block
    __shared__ float smM[TPB][GM], smL[TPB][GM];
    __shared__ float smAcc[TPB][GM][HD];
    __shared__ int isLast;
    const int tid = threadIdx.x, tl = tid / LPT, sub = tid % LPT;
    const int group = a.heads / a.kvHeads;
    const int hgroups = (group + GM - 1) / GM;
    const int b = blockIdx.z, kvh = blockIdx.y / hgroups, hg = blockIdx.y % hgroups;
    const int head0 = kvh * group + hg * GM;
    const int ng = min(GM, group - hg * GM);
    const int split = blockIdx.x;
    const int t0 = split * a.chunk, t1 = min(a.len, t0 + a.chunk);
    const float scale = rsqrtf(float(HD)) * 1.4426950408889634f; // softmax in base 2
    const std::size_t seqBase = (std::size_t(b) * a.kvHeads + kvh) * a.maxCtx * HD + sub * 8;
    const bf16* kb = a.k + seqBase;
    const bf16* vb = a.v + seqBase;
    // Earlier positions of the cache were written by earlier steps: their first loads go out before
    // waiting for the previous kernel (which writes only the newest position and q).
    const int ta0 = t0 + tl, tc0 = t0 + TPB + tl;
    const bool preA = a.preload && ta0 < t1 && ta0 < a.len - 1, preC = a.preload && tc0 < t1 && tc0 < a.len - 1;
    uint4 pka{}, pva{}, pkc{}, pvc{};
    if (preA) {
        pka = __ldcs(reinterpret_cast<const uint4*>(kb + std::size_t(ta0) * HD));
        pva = __ldcs(reinterpret_cast<const uint4*>(vb + std::size_t(ta0) * HD));
    }
    if (preC) {
        pkc = __ldcs(reinterpret_cast<const uint4*>(kb + std::size_t(tc0) * HD));
        pvc = __ldcs(reinterpret_cast<const uint4*>(vb + std::size_t(tc0) * HD));
    }
    pdlWait();

    float q[GM][8];
#pragma unroll
    for (int g = 0; g < GM; ++g) {
        if (g < ng) {
            const uint4 qv =
                *reinterpret_cast<const uint4*>(a.q + (std::size_t(b) * a.heads + head0 + g) * HD + sub * 8);
            unpack8(qv, q[g]);
#pragma unroll
            for (int j = 0; j < 8; ++j)
                q[g][j] *= scale;
        } else {
#pragma unroll
            for (int j = 0; j < 8; ++j)
                q[g][j] = 0.f;
        }
    }
    float mx[GM], l[GM], acc[GM][8];
#pragma unroll
    for (int g = 0; g < GM; ++g) {
        mx[g] = -INFINITY;
        l[g] = 0.f;
#pragma unroll
        for (int j = 0; j < 8; ++j)
            acc[g][j] = 0.f;
    }

    auto step = [&](const uint4& kv, const uint4& vv, bool valid) {
        float kf[8], vf[8], s[GM];
        unpack8(kv, kf);
#pragma unroll
        for (int g = 0; g < GM; ++g) {
            s[g] = 0.f;
#pragma unroll
            for (int j = 0; j < 8; ++j)
                s[g] = fmaf(q[g][j], kf[j], s[g]);
        }
#pragma unroll
        for (int off = LPT / 2; off > 0; off >>= 1)
#pragma unroll
            for (int g = 0; g < GM; ++g)
                s[g] += __shfl_xor_sync(0xffffffffu, s[g], off);
        if (!valid)
            return;
        unpack8(vv, vf);
#pragma unroll
        for (int g = 0; g < GM; ++g) {
            const float mNew = fmaxf(mx[g], s[g]);
            const float corr = exp2f(mx[g] - mNew);
            const float p = exp2f(s[g] - mNew);
            l[g] = l[g] * corr + p;
#pragma unroll
            for (int j = 0; j < 8; ++j)
                acc[g][j] = fmaf(acc[g][j], corr, p * vf[j]);
            mx[g] = mNew;
        }
    };
    // Every lane runs the same number of iterations so the shuffles stay converged.
    for (int tb = t0; tb < t1; tb += 2 * TPB) {
        const int ta = tb + tl, tc = tb + TPB + tl;
        const bool va = ta < t1, vc = tc < t1;
        uint4 ka{}, vaa{}, kc{}, vcc{};
        if (tb == t0 && preA) {
            ka = pka;
            vaa = pva;
        } else if (va) {
            ka = __ldcs(reinterpret_cast<const uint4*>(kb + std::size_t(ta) * HD));
            vaa = __ldcs(reinterpret_cast<const uint4*>(vb + std::size_t(ta) * HD));
        }
        if (tb == t0 && preC) {
            kc = pkc;
            vcc = pvc;
        } else if (vc) {
            kc = __ldcs(reinterpret_cast<const uint4*>(kb + std::size_t(tc) * HD));
            vcc = __ldcs(reinterpret_cast<const uint4*>(vb + std::size_t(tc) * HD));
        }
        step(ka, vaa, va);
        step(kc, vcc, vc);
    }
    if (sub == 0) {
#pragma unroll
        for (int g = 0; g < GM; ++g) {
            smM[tl][g] = mx[g];
            smL[tl][g] = l[g];
        }
    }
#pragma unroll
    for (int g = 0; g < GM; ++g)
#pragma unroll
        for (int j = 0; j < 8; ++j)
            smAcc[tl][g][sub * 8 + j] = acc[g][j];
    __syncthreads();
    for (int idx = tid; idx < GM * HD; idx += 128) {
        const int g = idx / HD, d = idx % HD;
        if (g >= ng)
            continue;
        float mAll = -INFINITY;
        for (int t = 0; t < TPB; ++t)
            mAll = fmaxf(mAll, smM[t][g]);
        float lAll = 0.f, o = 0.f;
        for (int t = 0; t < TPB; ++t) {
            if (smM[t][g] == -INFINITY)
                continue;
            const float c = exp2f(smM[t][g] - mAll);
            lAll += smL[t][g] * c;
            o += smAcc[t][g][d] * c;
        }
        const std::size_t headIndex = std::size_t(b) * a.heads + head0 + g;
        if (a.splits == 1) {
            a.out[headIndex * HD + d] = __float2bfloat16(o / lAll);
        } else {
            const std::size_t part = headIndex * a.splits + split;
            a.partO[part * HD + d] = o;
            if (d == 0) {
                a.partML[part * 2] = mAll;
                a.partML[part * 2 + 1] = lAll;
            }
        }
    }
    if (a.splits == 1)
        return;
    // The last block of this (sequence, head group) to finish combines the splits.
    __threadfence();
    __syncthreads();
    int* counter = a.counters + std::size_t(b) * gridDim.y + blockIdx.y;
    if (tid == 0)
        isLast = atomicAdd(counter, 1) == a.splits - 1;
    __syncthreads();
    if (!isLast)
        return;
    __threadfence();
    for (int idx = tid; idx < GM * HD; idx += 128) {
        const int g = idx / HD, d = idx % HD;
        if (g >= ng)
            continue;
        const std::size_t headIndex = std::size_t(b) * a.heads + head0 + g;
        float mAll = -INFINITY;
        for (int sp = 0; sp < a.splits; ++sp)
            mAll = fmaxf(mAll, __ldcg(a.partML + (headIndex * a.splits + sp) * 2));
        float lAll = 0.f, o = 0.f;
        for (int sp = 0; sp < a.splits; ++sp) {
            const std::size_t part = headIndex * a.splits + sp;
            const float c = exp2f(__ldcg(a.partML + part * 2) - mAll);
            lAll += __ldcg(a.partML + part * 2 + 1) * c;
            o += __ldcg(a.partO + part * HD + d) * c;
        }
        a.out[headIndex * HD + d] = __float2bfloat16(o / lAll);
    }
    if (tid == 0)
        *counter = 0; // ready for the next replay
}

int headGroupSize(int group) {
    return group <= 1 ? 1 : group <= 2 ? 2 : group <= 4 ? 4 : 8;
}

template <int HD>
void launchAttentionHd(const AttnArgs& a, cudaStream_t stream) {
    const int group = a.heads / a.kvHeads;
    const int gm = headGroupSize(group);
    const dim3 grid(a.splits, a.kvHeads * ((group + gm - 1) / gm), a.batch);
    switch (gm) {
    case 1:
        launchKernel(decodeAttentionKernel<HD, 1>, grid, dim3(128), stream, a);
        break;
    case 2:
        launchKernel(decodeAttentionKernel<HD, 2>, grid, dim3(128), stream, a);
        break;
    case 4:
        launchKernel(decodeAttentionKernel<HD, 4>, grid, dim3(128), stream, a);
        break;
    default:
        launchKernel(decodeAttentionKernel<HD, 8>, grid, dim3(128), stream, a);
        break;
    }
}

// ---- unfused path ----

__global__ void rmsNormKernel(const bf16* x, bf16* h, int cols) {
    pdlTrigger();
    pdlWait();
    const std::size_t row = blockIdx.x;
    const uint4* in = reinterpret_cast<const uint4*>(x + row * cols);
    uint4* out = reinterpret_cast<uint4*>(h + row * cols);
    const int n = cols / 8;
    float s = 0;
    for (int i = threadIdx.x; i < n; i += blockDim.x)
        s += squares8(in[i]);
    __shared__ float partial[32];
    s = warpSum(s);
    if (threadIdx.x % 32 == 0)
        partial[threadIdx.x / 32] = s;
    __syncthreads();
    if (threadIdx.x < 32) {
        float t = threadIdx.x < blockDim.x / 32 ? partial[threadIdx.x] : 0.f;
        t = warpSum(t);
        if (threadIdx.x == 0)
            partial[0] = rsqrtf(t / cols + 1e-5f);
    }
    __syncthreads();
    const float r = partial[0];
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
        float f[8];
        unpack8(in[i], f);
        uint4 o;
        auto* op = reinterpret_cast<__nv_bfloat162*>(&o);
#pragma unroll
        for (int j = 0; j < 4; ++j)
            op[j] = __floats2bfloat162_rn(f[2 * j] * r, f[2 * j + 1] * r);
        out[i] = o;
    }
}

__global__ void ropeAppendKernel(const bf16* qkv, int batch, int seq, int pos0, bf16* q, bf16* cacheK, bf16* cacheV,
                                 int heads, int kvHeads, int headDim, int maxCtx) {
    pdlTrigger();
    pdlWait();
    const int half = headDim / 2;
    const int pairs = (heads + 2 * kvHeads) * half;
    const std::size_t total = std::size_t(batch) * seq * pairs;
    for (std::size_t idx = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; idx < total;
         idx += std::size_t(gridDim.x) * blockDim.x) {
        const std::size_t token = idx / pairs;
        const int pair = int(idx % pairs);
        const int b = int(token / seq), s = int(token % seq), pos = pos0 + s;
        const float2 v =
            __bfloat1622float2(*reinterpret_cast<const __nv_bfloat162*>(qkv + token * pairs * 2 + 2 * pair));
        float v0 = v.x, v1 = v.y;
        const int head = pair / half, i = pair % half;
        if (head < heads + kvHeads)
            ropeRotate(v0, v1, i, headDim, pos);
        bf16* dst;
        if (head < heads) {
            dst = q + ((std::size_t(b) * heads + head) * seq + s) * headDim;
        } else {
            const bool isK = head < heads + kvHeads;
            const int kvh = isK ? head - heads : head - heads - kvHeads;
            dst = (isK ? cacheK : cacheV) + ((std::size_t(b) * kvHeads + kvh) * maxCtx + pos) * headDim;
        }
        dst[i] = __float2bfloat16(v0);
        dst[i + half] = __float2bfloat16(v1);
    }
}

__global__ void siluMulKernel(const bf16* gateUp, bf16* act, std::size_t total, int inter) {
    pdlTrigger();
    pdlWait();
    for (std::size_t idx = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; idx < total;
         idx += std::size_t(gridDim.x) * blockDim.x) {
        const std::size_t row = idx / inter;
        const int i = int(idx % inter);
        const float2 gu =
            __bfloat1622float2(*reinterpret_cast<const __nv_bfloat162*>(gateUp + row * 2 * inter + 2 * i));
        act[idx] = __float2bfloat16(gu.x / (1.f + __expf(-gu.x)) * gu.y);
    }
}

__global__ void causalSoftmaxKernel(const float* scores, bf16* p, std::size_t rows, int seq, float scale) {
    const std::size_t row = (blockIdx.x * std::size_t(blockDim.x) + threadIdx.x) / 32;
    const int lane = threadIdx.x % 32;
    if (row >= rows)
        return;
    const int valid = int(row % seq) + 1;
    const float* in = scores + row * seq;
    bf16* out = p + row * seq;
    float m = -INFINITY;
    for (int t = lane; t < valid; t += 32)
        m = fmaxf(m, in[t] * scale);
#pragma unroll
    for (int o = 16; o > 0; o >>= 1)
        m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, o));
    float sum = 0;
    for (int t = lane; t < valid; t += 32)
        sum += __expf(in[t] * scale - m);
    sum = warpSum(sum);
    const float inv = 1.f / sum;
    for (int t = lane; t < seq; t += 32)
        out[t] = __float2bfloat16(t < valid ? __expf(in[t] * scale - m) * inv : 0.f);
}

__global__ void mergeHeadsKernel(const bf16* in, bf16* out, int batch, int heads, int seq, int headDim) {
    const int vecs = headDim / 8;
    const std::size_t total = std::size_t(batch) * heads * seq * vecs;
    for (std::size_t idx = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; idx < total;
         idx += std::size_t(gridDim.x) * blockDim.x) {
        const int v = int(idx % vecs);
        std::size_t rest = idx / vecs;
        const int s = int(rest % seq);
        rest /= seq;
        const int h = int(rest % heads);
        const int b = int(rest / heads);
        const uint4 value = reinterpret_cast<const uint4*>(in)[idx];
        reinterpret_cast<uint4*>(out)[((std::size_t(b) * seq + s) * heads + h) * vecs + v] = value;
    }
}

__global__ void embedKernel(const bf16* table, int vocab, int hidden, bf16* x, int tokens) {
    pdlTrigger();
    pdlWait();
    const int vecs = hidden / 8;
    for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < tokens * vecs; idx += gridDim.x * blockDim.x) {
        const int t = idx / vecs, v = idx % vecs;
        const int token = int((unsigned(t) * 2654435761u + 12345u) % unsigned(vocab));
        reinterpret_cast<uint4*>(x)[std::size_t(t) * vecs + v] =
            reinterpret_cast<const uint4*>(table)[std::size_t(token) * vecs + v];
    }
}

__global__ void topKKernel(const bf16* logits, int tokens, int experts, int k, int* ids, float* weights) {
    pdlTrigger();
    pdlWait();
    const int token = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
    const int lane = threadIdx.x % 32;
    if (token >= tokens)
        return;
    const bf16* row = logits + std::size_t(token) * experts;
    unsigned long long taken[8] = {}; // bitmask of chosen experts, up to 512
    float chosen[16];
    float best0 = -INFINITY;
    for (int j = 0; j < k && j < 16; ++j) {
        float best = -INFINITY;
        int bestId = 0x7fffffff;
        for (int e = lane; e < experts; e += 32) {
            if (taken[e / 64] >> (e % 64) & 1ull)
                continue;
            const float v = __bfloat162float(row[e]);
            if (v > best || (v == best && e < bestId)) {
                best = v;
                bestId = e;
            }
        }
#pragma unroll
        for (int o = 16; o > 0; o >>= 1) {
            const float ov = __shfl_xor_sync(0xffffffffu, best, o);
            const int oi = __shfl_xor_sync(0xffffffffu, bestId, o);
            if (ov > best || (ov == best && oi < bestId)) {
                best = ov;
                bestId = oi;
            }
        }
        bestId = min(bestId, experts - 1);
        taken[bestId / 64] |= 1ull << (bestId % 64);
        chosen[j] = best;
        if (j == 0)
            best0 = best;
        if (lane == 0)
            ids[token * k + j] = bestId;
    }
    if (lane == 0) {
        float sum = 0;
        for (int j = 0; j < k && j < 16; ++j)
            sum += __expf(chosen[j] - best0);
        for (int j = 0; j < k && j < 16; ++j)
            weights[token * k + j] = __expf(chosen[j] - best0) / sum;
    }
}

__global__ void moeCombineKernel(bf16* x, const bf16* expertOut, std::size_t outRows, const float* weights,
                                 const bf16* sharedOut, int tokens, int k, int hidden) {
    pdlTrigger();
    pdlWait();
    const std::size_t total = std::size_t(tokens) * hidden;
    for (std::size_t idx = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; idx < total;
         idx += std::size_t(gridDim.x) * blockDim.x) {
        const int t = int(idx / hidden), n = int(idx % hidden);
        float v = __bfloat162float(x[idx]);
        for (int j = 0; j < k; ++j)
            v += weights[t * k + j] * __bfloat162float(expertOut[((std::size_t(t) * k + j) % outRows) * hidden + n]);
        if (sharedOut)
            v += __bfloat162float(sharedOut[idx]);
        x[idx] = __float2bfloat16(v);
    }
}

int gridFor(std::size_t work, int threads) {
    return int(std::min<std::size_t>((work + threads - 1) / threads, 65535));
}

} // namespace

void setProgrammaticLaunch(bool enabled) {
    // Environment switches for A/B timing of the two overlap techniques on one machine.
    g_programmaticLaunch = enabled && !std::getenv("SERVEPLAN_PROBE_NO_PDL");
    // The L2 prefetch of the GEMV rows is off by default: on an H200 it made the Llama-2-7B batch-1
    // decode step slower (4.45 ms against 3.99 ms without it), see README.md.
    g_gemvPrefetch = std::getenv("SERVEPLAN_PROBE_GEMV_PREFETCH") != nullptr;
    // Decode attention loads the cached keys and values of earlier positions before it waits for
    // the QKV projection (only the newest position depends on it); SERVEPLAN_PROBE_NO_ATTN_PRELOAD
    // turns that off for an A/B timing.
    g_attentionPreload = std::getenv("SERVEPLAN_PROBE_NO_ATTN_PRELOAD") == nullptr;
}

bool programmaticLaunch() {
    return g_programmaticLaunch;
}
bool gemvPrefetch() {
    return g_gemvPrefetch && g_programmaticLaunch;
}

void launchCopy(const void* src, void* dst, std::size_t bytes, int blocks, cudaStream_t stream) {
    copyKernel<<<blocks, 256, 0, stream>>>(static_cast<const uint4*>(src), static_cast<uint4*>(dst), bytes / 16);
    PROBE_LAUNCHED();
}

void launchRead(const void* src, std::size_t bytes, int* sink, int blocks, cudaStream_t stream) {
    readKernel<<<blocks, 256, 0, stream>>>(static_cast<const uint4*>(src), bytes / 16, sink);
    PROBE_LAUNCHED();
}

void launchEmpty(cudaStream_t stream) {
    emptyKernel<<<1, 32, 0, stream>>>();
    PROBE_LAUNCHED();
}

void launchGemv(int m, GemvEpilogue e, const GemvArgs& a, cudaStream_t stream) {
    if (a.k % 8 != 0 || a.n % 2 != 0 || a.ldx % 8 != 0)
        throw CudaFailure("GEMV needs k and ldx multiples of 8 and an even n");
    if (a.expertIds && m != 1)
        throw CudaFailure("expert GEMV runs one token-slot per grid row (m = 1)");
    GemvArgs args = a;
    args.prefetch = g_gemvPrefetch && g_programmaticLaunch;
    switch (m) {
    case 1:
        launchGemvM<1>(e, args, stream);
        break;
    case 2:
        launchGemvM<2>(e, args, stream);
        break;
    case 4:
        launchGemvM<4>(e, args, stream);
        break;
    case 8:
        launchGemvM<8>(e, args, stream);
        break;
    default:
        throw CudaFailure("GEMV batch must be 1, 2, 4 or 8");
    }
    PROBE_LAUNCHED();
}

int attentionCounterCount(int batch, int heads, int kvHeads) {
    const int group = heads / kvHeads;
    const int gm = headGroupSize(group);
    return batch * kvHeads * ((group + gm - 1) / gm);
}

void planAttention(AttnArgs& a, int sms) {
    const int blocks = attentionCounterCount(a.batch, a.heads, a.kvHeads);
    int splits = std::max(1, (2 * sms + blocks - 1) / blocks);
    splits = std::min({splits, kMaxAttnSplits, std::max(1, a.len / 64)});
    a.chunk = (a.len + splits - 1) / splits;
    a.splits = (a.len + a.chunk - 1) / a.chunk;
}

void launchDecodeAttention(const AttnArgs& a, cudaStream_t stream) {
    if (a.heads % a.kvHeads != 0 || a.heads / a.kvHeads > 16 * 8)
        throw CudaFailure("decode attention: heads must be a multiple of kv heads");
    AttnArgs args = a;
    args.preload = g_attentionPreload;
    if (a.headDim == 128)
        launchAttentionHd<128>(args, stream);
    else if (a.headDim == 64)
        launchAttentionHd<64>(args, stream);
    else
        throw CudaFailure("decode attention: head_dim must be 64 or 128");
    PROBE_LAUNCHED();
}

void launchRmsNorm(const bf16* x, bf16* h, int rows, int cols, cudaStream_t stream) {
    launchKernel(rmsNormKernel, dim3(rows), dim3(256), stream, x, h, cols);
    PROBE_LAUNCHED();
}

void launchRopeAppend(const bf16* qkv, int batch, int seq, int pos0, bf16* q, bf16* cacheK, bf16* cacheV, int heads,
                      int kvHeads, int headDim, int maxCtx, cudaStream_t stream) {
    const std::size_t work = std::size_t(batch) * seq * (heads + 2 * kvHeads) * headDim / 2;
    launchKernel(ropeAppendKernel, dim3(gridFor(work, 256)), dim3(256), stream, qkv, batch, seq, pos0, q, cacheK,
                 cacheV, heads, kvHeads, headDim, maxCtx);
    PROBE_LAUNCHED();
}

void launchSiluMul(const bf16* gateUp, bf16* act, std::int64_t rows, int inter, cudaStream_t stream) {
    const std::size_t total = std::size_t(rows) * inter;
    launchKernel(siluMulKernel, dim3(gridFor(total, 256)), dim3(256), stream, gateUp, act, total, inter);
    PROBE_LAUNCHED();
}

void launchCausalSoftmax(const float* scores, bf16* p, std::int64_t rows, int seq, float scale, cudaStream_t stream) {
    const std::size_t threads = std::size_t(rows) * 32;
    causalSoftmaxKernel<<<unsigned((threads + 255) / 256), 256, 0, stream>>>(scores, p, std::size_t(rows), seq, scale);
    PROBE_LAUNCHED();
}

void launchMergeHeads(const bf16* in, bf16* out, int batch, int heads, int seq, int headDim, cudaStream_t stream) {
    const std::size_t work = std::size_t(batch) * heads * seq * headDim / 8;
    mergeHeadsKernel<<<gridFor(work, 256), 256, 0, stream>>>(in, out, batch, heads, seq, headDim);
    PROBE_LAUNCHED();
}

void launchEmbed(const bf16* table, int vocab, int hidden, bf16* x, int tokens, cudaStream_t stream) {
    launchKernel(embedKernel, dim3(gridFor(std::size_t(tokens) * hidden / 8, 256)), dim3(256), stream, table, vocab,
                 hidden, x, tokens);
    PROBE_LAUNCHED();
}

void launchTopK(const bf16* logits, int tokens, int experts, int k, int* ids, float* weights, cudaStream_t stream) {
    if (experts > 512 || k > 16)
        throw Unsupported("top-k routing supports at most 512 experts and 16 per token");
    launchKernel(topKKernel, dim3((tokens * 32 + 127) / 128), dim3(128), stream, logits, tokens, experts, k, ids,
                 weights);
    PROBE_LAUNCHED();
}

void launchMoeCombine(bf16* x, const bf16* expertOut, std::int64_t outRows, const float* weights, const bf16* sharedOut,
                      int tokens, int k, int hidden, cudaStream_t stream) {
    const std::size_t total = std::size_t(tokens) * hidden;
    launchKernel(moeCombineKernel, dim3(gridFor(total, 256)), dim3(256), stream, x, expertOut, std::size_t(outRows),
                 weights, sharedOut, tokens, k, hidden);
    PROBE_LAUNCHED();
}

} // namespace serveplan::probe::cuda
