#include "LtMatmul.cuh"

namespace serveplan::probe::cuda {

LtMatmul::LtMatmul(GpuContext& ctx, const Precision& p, int m, int n, int k)
    : m_ctx(ctx)
    , m_p(p) {
    try {
        PROBE_CUBLAS(cublasLtMatmulDescCreate(&m_desc, p.compute, p.scale));
        const cublasOperation_t transA = CUBLAS_OP_T, transB = CUBLAS_OP_N;
        PROBE_CUBLAS(cublasLtMatmulDescSetAttribute(m_desc, CUBLASLT_MATMUL_DESC_TRANSA, &transA, sizeof transA));
        PROBE_CUBLAS(cublasLtMatmulDescSetAttribute(m_desc, CUBLASLT_MATMUL_DESC_TRANSB, &transB, sizeof transB));
        if (p.ab == CUDA_R_8F_E4M3) {
            const int8_t fastAccum = 1;
            PROBE_CUBLAS(
                cublasLtMatmulDescSetAttribute(m_desc, CUBLASLT_MATMUL_DESC_FAST_ACCUM, &fastAccum, sizeof fastAccum));
        }
        PROBE_CUBLAS(cublasLtMatrixLayoutCreate(&m_a, p.ab, k, n, k));
        PROBE_CUBLAS(cublasLtMatrixLayoutCreate(&m_b, p.ab, k, m, k));
        PROBE_CUBLAS(cublasLtMatrixLayoutCreate(&m_c, p.c, n, m, n));
        PROBE_CUBLAS(cublasLtMatmulPreferenceCreate(&m_pref));
        const std::size_t ws = ctx.workspace.bytes();
        PROBE_CUBLAS(
            cublasLtMatmulPreferenceSetAttribute(m_pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws, sizeof ws));
        int found = 0;
        const cublasStatus_t st =
            cublasLtMatmulAlgoGetHeuristic(ctx.lt, m_desc, m_a, m_b, m_c, m_c, m_pref, 1, &m_heuristic, &found);
        if (st != CUBLAS_STATUS_SUCCESS || found == 0)
            throw Unsupported(std::string("cuBLASLt has no ") + p.name + " kernel for m=" + std::to_string(m) +
                              " n=" + std::to_string(n) + " k=" + std::to_string(k));
    } catch (...) {
        release();
        throw;
    }
}

LtMatmul::~LtMatmul() {
    release();
}

void LtMatmul::release() {
    if (m_pref)
        cublasLtMatmulPreferenceDestroy(m_pref);
    if (m_c)
        cublasLtMatrixLayoutDestroy(m_c);
    if (m_b)
        cublasLtMatrixLayoutDestroy(m_b);
    if (m_a)
        cublasLtMatrixLayoutDestroy(m_a);
    if (m_desc)
        cublasLtMatmulDescDestroy(m_desc);
    m_pref = nullptr;
    m_a = m_b = m_c = nullptr;
    m_desc = nullptr;
}

void LtMatmul::run(const void* w, const void* x, void* y) {
    const float alphaF = 1.f, betaF = 0.f;
    const int alphaI = 1, betaI = 0;
    const bool integer = m_p.scale == CUDA_R_32I;
    PROBE_CUBLAS(cublasLtMatmul(m_ctx.lt, m_desc, integer ? static_cast<const void*>(&alphaI) : &alphaF, w, m_a, x, m_b,
                                integer ? static_cast<const void*>(&betaI) : &betaF, y, m_c, y, m_c, &m_heuristic.algo,
                                m_ctx.workspace.get(), m_ctx.workspace.bytes(), m_ctx.stream));
}

} // namespace serveplan::probe::cuda
