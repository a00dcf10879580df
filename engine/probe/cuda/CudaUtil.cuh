#pragma once
// Shared CUDA helpers of the probe: error checks that throw (each test catches and reports, so a
// CUDA error in one test does not stop the others), owning buffers, event timing, random fills.
#include <cublasLt.h>
#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace serveplan::probe::cuda {

struct CudaFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A feature the device or library does not offer (reported as skipped, not as a failure).
struct Unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void throwCuda(cudaError_t error, const char* what, const char* file, int line);
void throwCublas(cublasStatus_t status, const char* what, const char* file, int line);

#define PROBE_CUDA(expr)                                                                                               \
    do {                                                                                                               \
        const cudaError_t probeErr_ = (expr);                                                                          \
        if (probeErr_ != cudaSuccess)                                                                                  \
            ::serveplan::probe::cuda::throwCuda(probeErr_, #expr, __FILE__, __LINE__);                                 \
    } while (0)
#define PROBE_CUBLAS(expr)                                                                                             \
    do {                                                                                                               \
        const cublasStatus_t probeSt_ = (expr);                                                                        \
        if (probeSt_ != CUBLAS_STATUS_SUCCESS)                                                                         \
            ::serveplan::probe::cuda::throwCublas(probeSt_, #expr, __FILE__, __LINE__);                                \
    } while (0)
/// After a kernel launch: launch errors at once, execution errors at the next synchronisation.
#define PROBE_LAUNCHED() PROBE_CUDA(cudaGetLastError())

/// Owns device memory.
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    explicit DeviceBuffer(std::size_t bytes) { allocate(bytes); }
    ~DeviceBuffer() { release(); }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    DeviceBuffer(DeviceBuffer&& other) noexcept
        : m_ptr(other.m_ptr)
        , m_bytes(other.m_bytes) {
        other.m_ptr = nullptr;
        other.m_bytes = 0;
    }
    void allocate(std::size_t bytes);
    void release();
    template <typename T = void>
    T* get() const {
        return static_cast<T*>(m_ptr);
    }
    std::size_t bytes() const { return m_bytes; }

private:
    void* m_ptr = nullptr;
    std::size_t m_bytes = 0;
};

/// Owns pinned host memory.
class PinnedBuffer {
public:
    explicit PinnedBuffer(std::size_t bytes);
    ~PinnedBuffer();
    PinnedBuffer(const PinnedBuffer&) = delete;
    PinnedBuffer& operator=(const PinnedBuffer&) = delete;
    void* get() const { return m_ptr; }

private:
    void* m_ptr = nullptr;
};

/// Times device work with events: `warmup` untimed calls, then `samples` samples of `inner`
/// calls each; returns the median seconds per call.
double timeMedian(cudaStream_t stream, const std::function<void()>& work, int samples, int inner = 1, int warmup = 2);

enum class FillType { BF16, FP16, FP8E4M3, INT8, FP32 };
/// Fills `count` elements with uniform values in [-scale, scale] from a counter-based hash.
void fillRandom(void* data, std::size_t count, FillType type, float scale, std::uint32_t seed, cudaStream_t stream);

/// The largest of a few grid sizes for grid-stride kernels: `blocksPerSm` × SMs.
int smCount(int device);

} // namespace serveplan::probe::cuda
