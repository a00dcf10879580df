#pragma once
// What every GPU test shares: the device, one stream, the cuBLAS handles with a fixed workspace (so
// cuBLAS can be captured in CUDA graphs) and the copy bandwidth that the roofline figures divide by.
#include "CudaUtil.cuh"
#include "Kernels.cuh"
#include "ModelShape.h"
#include "ProbeOutput.h"

namespace serveplan::probe::cuda {

struct GpuContext {
    int device = 0;
    int sms = 0;
    int ccMajor = 0;
    int ccMinor = 0;
    std::size_t l2Bytes = 0;
    bool quick = false;
    cudaStream_t stream = nullptr;
    cublasHandle_t blas = nullptr;
    cublasLtHandle_t lt = nullptr;
    DeviceBuffer workspace;
    double copyGBps = 0; ///< measured by the copy test (or quietly when it was not selected)

    explicit GpuContext(int deviceIndex, bool quickMode);
    ~GpuContext();
    GpuContext(const GpuContext&) = delete;
    GpuContext& operator=(const GpuContext&) = delete;
    void sync() const { PROBE_CUDA(cudaStreamSynchronize(stream)); }
    std::size_t freeBytes() const;
};

// Micro-benchmarks (MicroBench.cu). Each throws CudaFailure on a CUDA error.
void benchCopy(GpuContext& ctx, ProbeOutput& out, bool report);
void benchMemcpy(GpuContext& ctx, ProbeOutput& out);
void benchRead(GpuContext& ctx, ProbeOutput& out);
void benchHostDevice(GpuContext& ctx, ProbeOutput& out);
void benchLaunch(GpuContext& ctx, ProbeOutput& out);
/// Returns false when a precision or shape failed (the others still ran and were reported).
bool benchGemm(GpuContext& ctx, const ModelShape& model, ProbeOutput& out);
void benchDecodeAttention(GpuContext& ctx, const ModelShape& model, ProbeOutput& out);
/// MLA decode attention in the absorbed form (MlaAttention.cu); Unsupported for non-MLA models.
void benchMlaAttention(GpuContext& ctx, const ModelShape& model, ProbeOutput& out);
/// The MoE layer's expert GEMMs at the model's shapes (MoeLayer.cu); Unsupported for dense models.
void benchMoeLayer(GpuContext& ctx, const ModelShape& model, ProbeOutput& out);
/// allreduce_bandwidth, alltoall_bandwidth or p2p_bandwidth across the visible GPUs through NCCL
/// (Collectives.cu); Unsupported with one GPU or without NCCL.
void benchCollective(GpuContext& ctx, const ModelShape& model, const std::string& test, ProbeOutput& out);

// The synthetic transformer (Transformer.cu).
void benchDecodeStep(GpuContext& ctx, const ModelShape& model, ProbeOutput& out);
void benchPrefillStep(GpuContext& ctx, const ModelShape& model, ProbeOutput& out);

/// Row-major Y[m×n] = X[m×k]·W[n×k]ᵀ + beta·Y in BF16 with FP32 accumulation (cuBLAS).
void gemmRowMajor(GpuContext& ctx, const bf16* x, int ldx, const bf16* w, bf16* y, int ldy, int m, int n, int k,
                  float beta);

} // namespace serveplan::probe::cuda
