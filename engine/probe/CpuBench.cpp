#include "CpuBench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace serveplan::probe {

namespace {

using Clock = std::chrono::steady_clock;

int hardwareThreads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

/// Runs body(begin, end) over [0, n) split into `threads` contiguous parts, one thread each.
template <typename Body>
void parallelFor(std::size_t n, int threads, Body body) {
    std::vector<std::thread> pool;
    const std::size_t chunk = (n + threads - 1) / threads;
    for (int t = 0; t < threads; ++t) {
        const std::size_t begin = std::min(n, t * chunk);
        const std::size_t end = std::min(n, begin + chunk);
        pool.emplace_back([=] { body(begin, end); });
    }
    for (auto& thread : pool)
        thread.join();
}

std::string cpuModelName() {
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos)
                return line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

std::int64_t memTotalBytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::int64_t kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit) {
        if (key == "MemTotal:")
            return kib * 1024;
    }
    return 0;
}

} // namespace

JsonObject cpuDeviceFields() {
    JsonObject d;
    d.add("backend", "cpu")
        .add("name", cpuModelName())
        .add("logical_cores", hardwareThreads())
        .add("memory_bytes", memTotalBytes());
    return d;
}

StreamFigures measureStream(std::size_t n, int threads, int repeats) {
    std::vector<double> a(n), b(n), c(n);
    // First touch in parallel so pages land near the threads that use them.
    parallelFor(n, threads, [&](std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i) {
            a[i] = 1.0;
            b[i] = 2.0 + double(i % 7);
            c[i] = 0.5;
        }
    });
    StreamFigures best;
    const double bytes = double(n) * sizeof(double);
    for (int r = 0; r < repeats; ++r) {
        auto t0 = Clock::now();
        parallelFor(n, threads,
                    [&](std::size_t lo, std::size_t hi) { std::copy(b.begin() + lo, b.begin() + hi, a.begin() + lo); });
        const double copyS = std::chrono::duration<double>(Clock::now() - t0).count();
        t0 = Clock::now();
        parallelFor(n, threads, [&](std::size_t lo, std::size_t hi) {
            for (std::size_t i = lo; i < hi; ++i)
                a[i] = b[i] + 3.0 * c[i];
        });
        const double triadS = std::chrono::duration<double>(Clock::now() - t0).count();
        best.copyGBps = std::max(best.copyGBps, 2 * bytes / copyS / 1e9);
        best.triadGBps = std::max(best.triadGBps, 3 * bytes / triadS / 1e9);
    }
    // Keep the result observable so the loops cannot be dropped.
    if (a[n / 2] < 0)
        best.triadGBps = -1;
    return best;
}

double measureCpuGemm(int n, int threads, double& maxError) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> dist(-1.f, 1.f);
    std::vector<float> A(std::size_t(n) * n), B(std::size_t(n) * n), C(std::size_t(n) * n);
    for (auto& v : A)
        v = dist(rng);
    for (auto& v : B)
        v = dist(rng);
    constexpr int kBlock = 64;
    auto product = [&](std::size_t rowLo, std::size_t rowHi) {
        for (std::size_t i = rowLo; i < rowHi; ++i)
            std::fill(C.begin() + i * n, C.begin() + (i + 1) * n, 0.f);
        for (int kb = 0; kb < n; kb += kBlock) {
            const int kEnd = std::min(n, kb + kBlock);
            for (std::size_t i = rowLo; i < rowHi; ++i) {
                float* c = &C[i * n];
                for (int k = kb; k < kEnd; ++k) {
                    const float aik = A[i * n + k];
                    const float* b = &B[std::size_t(k) * n];
                    for (int j = 0; j < n; ++j)
                        c[j] += aik * b[j];
                }
            }
        }
    };
    product(0, std::min<std::size_t>(n, 4)); // warm-up
    double bestS = 1e30;
    for (int r = 0; r < 3; ++r) {
        const auto t0 = Clock::now();
        parallelFor(std::size_t(n), threads, product);
        bestS = std::min(bestS, std::chrono::duration<double>(Clock::now() - t0).count());
    }
    maxError = 0;
    for (int probe = 0; probe < 8; ++probe) {
        const int i = (probe * 37) % n, j = (probe * 101) % n;
        double ref = 0;
        for (int k = 0; k < n; ++k)
            ref += double(A[std::size_t(i) * n + k]) * double(B[std::size_t(k) * n + j]);
        maxError = std::max(maxError, std::abs(ref - double(C[std::size_t(i) * n + j])));
    }
    return 2.0 * n * n * double(n) / bestS / 1e9;
}

bool runCpuSuite(const ProbeOptions& options, ProbeOutput& out) {
    const int threads = hardwareThreads();
    bool ok = true;
    if (options.selected("cpu_memory_bandwidth")) {
        out.progress("cpu_memory_bandwidth", 0.1, "host memory bandwidth");
        const std::size_t n = options.quick ? (std::size_t(8) << 20) : (std::size_t(32) << 20); // 64 or 256 MiB each
        const StreamFigures f = measureStream(n, threads, options.quick ? 4 : 8);
        JsonObject p;
        p.add("threads", threads).add("array_bytes", std::int64_t(n * sizeof(double)));
        JsonObject copy = p;
        copy.add("kernel", "copy");
        out.result("cpu_memory_bandwidth", f.copyGBps, "GB/s", copy);
        JsonObject triad = p;
        triad.add("kernel", "triad");
        out.result("cpu_memory_bandwidth", f.triadGBps, "GB/s", triad);
    }
    if (options.selected("cpu_gemm")) {
        out.progress("cpu_gemm", 0.5, "FP32 matrix product");
        const int n = options.quick ? 384 : 1024;
        double maxError = 0;
        const double gflops = measureCpuGemm(n, threads, maxError);
        // FP32 sums of n products of numbers in [-1, 1]: an error above 1e-2 means a wrong product.
        if (maxError > 1e-2) {
            out.error("cpu_gemm",
                      "FP32 product differs from the double-precision check by " + std::to_string(maxError));
            ok = false;
        } else {
            JsonObject p;
            p.add("threads", threads).add("precision", "fp32").add("m", n).add("n", n).add("k", n);
            p.add("max_abs_error", maxError);
            out.result("cpu_gemm", gflops / 1000.0, "TFLOPS", p);
        }
    }
    out.progress("cpu", 1.0, "CPU tests finished");
    return ok;
}

} // namespace serveplan::probe
