#include "CudaUtil.cuh"

#include <cuda_fp16.h>
#include <cuda_fp8.h>

namespace serveplan::probe::cuda {

void throwCuda(cudaError_t error, const char* what, const char* file, int line) {
    throw CudaFailure(std::string(cudaGetErrorName(error)) + " (" + cudaGetErrorString(error) + ") in " + what +
                      " at " + file + ":" + std::to_string(line));
}

void throwCublas(cublasStatus_t status, const char* what, const char* file, int line) {
    const std::string message = std::string("cuBLAS status ") + std::to_string(int(status)) + " in " + what + " at " +
                                file + ":" + std::to_string(line);
    if (status == CUBLAS_STATUS_NOT_SUPPORTED || status == CUBLAS_STATUS_ARCH_MISMATCH)
        throw Unsupported(message);
    throw CudaFailure(message);
}

void DeviceBuffer::allocate(std::size_t bytes) {
    release();
    PROBE_CUDA(cudaMalloc(&m_ptr, std::max<std::size_t>(bytes, 256)));
    m_bytes = bytes;
}

void DeviceBuffer::release() {
    if (m_ptr)
        cudaFree(m_ptr);
    m_ptr = nullptr;
    m_bytes = 0;
}

PinnedBuffer::PinnedBuffer(std::size_t bytes) {
    PROBE_CUDA(cudaMallocHost(&m_ptr, bytes));
}
PinnedBuffer::~PinnedBuffer() {
    if (m_ptr)
        cudaFreeHost(m_ptr);
}

double timeMedian(cudaStream_t stream, const std::function<void()>& work, int samples, int inner, int warmup) {
    for (int i = 0; i < warmup; ++i)
        work();
    cudaEvent_t start, stop;
    PROBE_CUDA(cudaEventCreate(&start));
    PROBE_CUDA(cudaEventCreate(&stop));
    std::vector<double> times;
    try {
        for (int s = 0; s < samples; ++s) {
            PROBE_CUDA(cudaEventRecord(start, stream));
            for (int i = 0; i < inner; ++i)
                work();
            PROBE_CUDA(cudaEventRecord(stop, stream));
            PROBE_CUDA(cudaEventSynchronize(stop));
            float ms = 0;
            PROBE_CUDA(cudaEventElapsedTime(&ms, start, stop));
            times.push_back(double(ms) / 1e3 / inner);
        }
    } catch (...) {
        cudaEventDestroy(start);
        cudaEventDestroy(stop);
        throw;
    }
    cudaEventDestroy(start);
    cudaEventDestroy(stop);
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

namespace {

__device__ __forceinline__ float hashUniform(std::uint64_t i, std::uint32_t seed) {
    std::uint64_t x = i * 0x9E3779B97F4A7C15ull + seed * 0xBF58476D1CE4E5B9ull + 0x94D049BB133111EBull;
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return float(x >> 40) * (2.0f / float(1u << 24)) - 1.0f; // [-1, 1)
}

__global__ void fillKernel(void* data, std::size_t count, FillType type, float scale, std::uint32_t seed) {
    for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count;
         i += std::size_t(gridDim.x) * blockDim.x) {
        const float v = hashUniform(i, seed) * scale;
        switch (type) {
        case FillType::BF16:
            static_cast<__nv_bfloat16*>(data)[i] = __float2bfloat16(v);
            break;
        case FillType::FP16:
            static_cast<__half*>(data)[i] = __float2half(v);
            break;
        case FillType::FP8E4M3:
            static_cast<__nv_fp8_e4m3*>(data)[i] = __nv_fp8_e4m3(v);
            break;
        case FillType::INT8:
            static_cast<std::int8_t*>(data)[i] = std::int8_t(__float2int_rn(v));
            break;
        case FillType::FP32:
            static_cast<float*>(data)[i] = v;
            break;
        }
    }
}

} // namespace

void fillRandom(void* data, std::size_t count, FillType type, float scale, std::uint32_t seed, cudaStream_t stream) {
    fillKernel<<<4096, 256, 0, stream>>>(data, count, type, scale, seed);
    PROBE_LAUNCHED();
}

int smCount(int device) {
    int sms = 0;
    PROBE_CUDA(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
    return sms;
}

} // namespace serveplan::probe::cuda
