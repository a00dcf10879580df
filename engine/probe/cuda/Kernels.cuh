#pragma once
// The probe's own kernels, behind plain launch functions: bandwidth kernels, a fused GEMV for
// small-batch decode (RMSNorm, RoPE + KV-cache append, SiLU·gate and residual add in its epilogue),
// split-KV decode attention, and the small kernels of the unfused (cuBLAS) path.
#include <cuda_bf16.h>
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

namespace serveplan::probe::cuda {

using bf16 = __nv_bfloat16;

/// Launch the decode-path kernels with programmatic dependent launch (compute capability 9.0+).
void setProgrammaticLaunch(bool enabled);
bool programmaticLaunch();
bool gemvPrefetch();

void launchCopy(const void* src, void* dst, std::size_t bytes, int blocks, cudaStream_t stream);
void launchRead(const void* src, std::size_t bytes, int* sink, int blocks, cudaStream_t stream);
void launchEmpty(cudaStream_t stream);

enum class GemvEpilogue {
    Store,    ///< y[m][n] = acc
    Residual, ///< y[m][n] += acc (y is the residual stream)
    SiluMul,  ///< rows 2i, 2i+1 are gate_i, up_i: y[m][i] = silu(gate) * up
    RopeKv,   ///< rows are (i, i+head_dim/2) pairs of q/k/v heads: RoPE on q and k, k and v appended to the cache
};

/// y = W·x for M ≤ 8 tokens, W [n × k] row-major BF16; each warp computes two adjacent rows.
struct GemvArgs {
    const bf16* w = nullptr;
    int n = 0;
    int k = 0;
    const bf16* x = nullptr;
    int ldx = 0;
    bf16* y = nullptr;
    int ldy = 0;
    bool norm = false; ///< x is the residual stream: scale by 1/rms(x) (RMSNorm; its weight is folded into W)
    float eps = 1e-5f;
    // RopeKv
    bf16* q = nullptr;      ///< [M][heads][head_dim]
    bf16* cacheK = nullptr; ///< [M][kv_heads][max_ctx][head_dim]
    bf16* cacheV = nullptr;
    int heads = 0, kvHeads = 0, headDim = 0, maxCtx = 0, pos = 0;
    // MoE: one token-slot per grid row, W offset by the routed expert
    const int* expertIds = nullptr; ///< [slots]; null = dense
    std::int64_t expertStride = 0;  ///< elements between experts' matrices
    int slots = 0;
    int xRowDivisor = 1;   ///< x row of slot s is s / xRowDivisor
    bool prefetch = false; ///< set by launchGemv: L2-prefetch the rows while waiting (PDL)
};
/// Launches for m in {1, 2, 4, 8} (dense) or m == 1 (expert mode, `slots` rows).
void launchGemv(int m, GemvEpilogue epilogue, const GemvArgs& args, cudaStream_t stream);

/// Decode attention of one new token per sequence over `len` cached tokens (the new one included).
struct AttnArgs {
    const bf16* q = nullptr; ///< [batch][heads][head_dim]
    const bf16* k = nullptr; ///< [batch][kv_heads][max_ctx][head_dim]
    const bf16* v = nullptr;
    bf16* out = nullptr;     ///< [batch][heads][head_dim]
    float* partO = nullptr;  ///< [batch][heads][splits][head_dim]
    float* partML = nullptr; ///< [batch][heads][splits][2]
    int* counters = nullptr; ///< [batch × kv_heads × head groups], zero
    int batch = 0, heads = 0, kvHeads = 0, headDim = 0, maxCtx = 0, len = 0;
    int splits = 1, chunk = 0;
    bool preload = false; ///< set by launchDecodeAttention: load earlier positions before the PDL wait
};
constexpr int kMaxAttnSplits = 32;
/// Sets splits and chunk for `sms` multiprocessors.
void planAttention(AttnArgs& args, int sms);
int attentionCounterCount(int batch, int heads, int kvHeads);
void launchDecodeAttention(const AttnArgs& args, cudaStream_t stream);

// The unfused path (batch > 8 decode and prefill), around cuBLAS GEMMs.
void launchRmsNorm(const bf16* x, bf16* h, int rows, int cols, cudaStream_t stream);
/// qkv [tokens][(heads + 2 kv_heads) head_dim] in pair order → q [batch][heads][seq][head_dim] and the cache
/// at positions pos0 .. pos0 + seq - 1.
void launchRopeAppend(const bf16* qkv, int batch, int seq, int pos0, bf16* q, bf16* cacheK, bf16* cacheV, int heads,
                      int kvHeads, int headDim, int maxCtx, cudaStream_t stream);
void launchSiluMul(const bf16* gateUp, bf16* act, std::int64_t rows, int inter, cudaStream_t stream);
/// Scores [rows][seq] (fp32) → P [rows][seq] (bf16), row r masked to t <= r % seq.
void launchCausalSoftmax(const float* scores, bf16* p, std::int64_t rows, int seq, float scale, cudaStream_t stream);
/// [batch][heads][seq][head_dim] → [batch][seq][heads][head_dim]
void launchMergeHeads(const bf16* in, bf16* out, int batch, int heads, int seq, int headDim, cudaStream_t stream);
void launchEmbed(const bf16* table, int vocab, int hidden, bf16* x, int tokens, cudaStream_t stream);
/// Top-k of each token's router logits: ids [tokens × k], softmax weights over the chosen.
void launchTopK(const bf16* logits, int tokens, int experts, int k, int* ids, float* weights, cudaStream_t stream);
/// x[t] += Σ_j weights[t][j] · expertOut[(t·k + j) mod outRows] (+ sharedOut[t])
void launchMoeCombine(bf16* x, const bf16* expertOut, std::int64_t outRows, const float* weights, const bf16* sharedOut,
                      int tokens, int k, int hidden, cudaStream_t stream);

} // namespace serveplan::probe::cuda
