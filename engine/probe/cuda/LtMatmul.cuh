#pragma once
// One cuBLASLt matmul per precision and shape, shared by the GEMM micro-benchmark and the MoE layer.
#include "GpuContext.cuh"

namespace serveplan::probe::cuda {

struct Precision {
    const char* name;
    cudaDataType ab;
    cudaDataType c;
    cublasComputeType_t compute;
    cudaDataType scale;
    FillType fill;
    int abBytes;
    int cBytes;
    int minMajor10; ///< compute capability × 10 needed
};

inline const Precision kPrecisions[] = {
    {"bf16", CUDA_R_16BF, CUDA_R_16BF, CUBLAS_COMPUTE_32F, CUDA_R_32F, FillType::BF16, 2, 2, 80},
    {"fp16", CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_32F, CUDA_R_32F, FillType::FP16, 2, 2, 70},
    {"fp8", CUDA_R_8F_E4M3, CUDA_R_16BF, CUBLAS_COMPUTE_32F, CUDA_R_32F, FillType::FP8E4M3, 1, 2, 89},
    {"int8", CUDA_R_8I, CUDA_R_32I, CUBLAS_COMPUTE_32I, CUDA_R_32I, FillType::INT8, 1, 4, 75},
};

/// One cuBLASLt matmul, TN layout (the layout FP8 requires): D[n×m] = W[k×n]ᵀ · X[k×m] in column-major terms,
/// which is row-major Y[m×n] = X[m×k] · W[n×k]ᵀ.
class LtMatmul {
public:
    /// Throws Unsupported when cuBLASLt has no kernel for this precision and shape.
    LtMatmul(GpuContext& ctx, const Precision& p, int m, int n, int k);
    ~LtMatmul();
    LtMatmul(const LtMatmul&) = delete;
    LtMatmul& operator=(const LtMatmul&) = delete;

    /// Row-major y[m×n] = x[m×k] · w[n×k]ᵀ on the context's stream.
    void run(const void* w, const void* x, void* y);

private:
    void release();
    GpuContext& m_ctx;
    const Precision& m_p;
    cublasLtMatmulDesc_t m_desc = nullptr;
    cublasLtMatrixLayout_t m_a = nullptr, m_b = nullptr, m_c = nullptr;
    cublasLtMatmulPreference_t m_pref = nullptr;
    cublasLtMatmulHeuristicResult_t m_heuristic{};
};

} // namespace serveplan::probe::cuda
