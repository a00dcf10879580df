// Micro-benchmarks: device-memory bandwidth (kernel copy vs cudaMemcpy, read), pinned host<->device
// bandwidth, launch and graph overhead, cuBLASLt GEMM per precision at the model's shapes (and the
// probe's own GEMV at small batch), and decode attention over a KV cache.
#include "GpuContext.cuh"
#include "LtMatmul.cuh"

#include <chrono>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace serveplan::probe::cuda {

namespace {

constexpr std::size_t kMiB = std::size_t(1) << 20;

std::size_t bandwidthBytes(const GpuContext& ctx) {
    // Far above the L2 cache (50 MB on an H100) so the figure is device memory, not cache.
    return std::max<std::size_t>(ctx.quick ? 512 * kMiB : 1024 * kMiB, 16 * ctx.l2Bytes);
}

} // namespace

void benchCopy(GpuContext& ctx, ProbeOutput& out, bool report) {
    const std::size_t bytes = bandwidthBytes(ctx);
    DeviceBuffer src(bytes), dst(bytes);
    fillRandom(src.get(), bytes / 4, FillType::FP32, 1.f, 1, ctx.stream);
    double best = 0;
    int bestBlocks = 0;
    for (const int perSm : {2, 4, 8, 16}) {
        const int blocks = perSm * ctx.sms;
        const double s = timeMedian(
            ctx.stream, [&] { launchCopy(src.get(), dst.get(), bytes, blocks, ctx.stream); }, ctx.quick ? 10 : 20);
        const double gbps = 2.0 * bytes / s / 1e9; // bytes read + bytes written
        if (gbps > best) {
            best = gbps;
            bestBlocks = blocks;
        }
    }
    ctx.copyGBps = best;
    if (!report)
        return;
    JsonObject p;
    p.add("bytes", std::int64_t(bytes)).add("blocks", bestBlocks).add("threads", 256).add("counted", "read+write");
    out.result("copy_bandwidth", best, "GB/s", p);
}

void benchMemcpy(GpuContext& ctx, ProbeOutput& out) {
    const std::size_t bytes = bandwidthBytes(ctx);
    DeviceBuffer src(bytes), dst(bytes);
    fillRandom(src.get(), bytes / 4, FillType::FP32, 1.f, 2, ctx.stream);
    const double s = timeMedian(
        ctx.stream,
        [&] { PROBE_CUDA(cudaMemcpyAsync(dst.get(), src.get(), bytes, cudaMemcpyDeviceToDevice, ctx.stream)); },
        ctx.quick ? 10 : 20);
    const double gbps = 2.0 * bytes / s / 1e9;
    JsonObject p;
    p.add("bytes", std::int64_t(bytes)).add("counted", "read+write");
    if (ctx.copyGBps > 0)
        p.add("copy_kernel_ratio", ctx.copyGBps / gbps);
    out.result("memcpy_d2d_bandwidth", gbps, "GB/s", p);
}

void benchRead(GpuContext& ctx, ProbeOutput& out) {
    const std::size_t bytes = bandwidthBytes(ctx);
    DeviceBuffer src(bytes), sink(4096);
    fillRandom(src.get(), bytes / 4, FillType::FP32, 1.f, 3, ctx.stream);
    double best = 0;
    for (const int perSm : {4, 8, 16}) {
        const int blocks = perSm * ctx.sms;
        const double s = timeMedian(
            ctx.stream, [&] { launchRead(src.get(), bytes, sink.get<int>(), blocks, ctx.stream); },
            ctx.quick ? 10 : 20);
        best = std::max(best, bytes / s / 1e9);
    }
    JsonObject p;
    p.add("bytes", std::int64_t(bytes)).add("counted", "read");
    out.result("read_bandwidth", best, "GB/s", p);
}

void benchHostDevice(GpuContext& ctx, ProbeOutput& out) {
    const std::size_t bytes = ctx.quick ? 128 * kMiB : 512 * kMiB;
    PinnedBuffer host(bytes);
    DeviceBuffer dev(bytes);
    std::memset(host.get(), 1, bytes);
    for (const bool toDevice : {true, false}) {
        const double s = timeMedian(
            ctx.stream,
            [&] {
                if (toDevice)
                    PROBE_CUDA(cudaMemcpyAsync(dev.get(), host.get(), bytes, cudaMemcpyHostToDevice, ctx.stream));
                else
                    PROBE_CUDA(cudaMemcpyAsync(host.get(), dev.get(), bytes, cudaMemcpyDeviceToHost, ctx.stream));
            },
            ctx.quick ? 5 : 10, 1, 1);
        JsonObject p;
        p.add("direction", toDevice ? "h2d" : "d2h").add("bytes", std::int64_t(bytes)).add("memory", "pinned");
        out.result("host_device_bandwidth", bytes / s / 1e9, "GB/s", p);
    }
}

void benchLaunch(GpuContext& ctx, ProbeOutput& out) {
    constexpr int kLaunches = 2000;
    // Back-to-back launches: the rate at which the host can feed the GPU.
    const double perLaunch = timeMedian(
                                 ctx.stream,
                                 [&] {
                                     for (int i = 0; i < kLaunches; ++i)
                                         launchEmpty(ctx.stream);
                                 },
                                 5, 1, 1) /
                             kLaunches;
    JsonObject p;
    p.add("kind", "stream_launch").add("kernels", kLaunches);
    out.result("launch_overhead", perLaunch * 1e6, "us", p);

    // The same kernels captured once in a CUDA graph and replayed.
    constexpr int kNodes = 200;
    cudaGraph_t graph = nullptr;
    cudaGraphExec_t exec = nullptr;
    PROBE_CUDA(cudaStreamBeginCapture(ctx.stream, cudaStreamCaptureModeThreadLocal));
    for (int i = 0; i < kNodes; ++i)
        launchEmpty(ctx.stream);
    PROBE_CUDA(cudaStreamEndCapture(ctx.stream, &graph));
    PROBE_CUDA(cudaGraphInstantiate(&exec, graph, 0));
    const double perNode = timeMedian(
                               ctx.stream, [&] { PROBE_CUDA(cudaGraphLaunch(exec, ctx.stream)); }, 20) /
                           kNodes;
    cudaGraphExecDestroy(exec);
    cudaGraphDestroy(graph);
    JsonObject g;
    g.add("kind", "graph_node").add("kernels", kNodes);
    out.result("launch_overhead", perNode * 1e6, "us", g);

    // One launch and a wait: the latency a step pays when the host synchronises.
    std::vector<double> rounds;
    for (int i = 0; i < 200; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        launchEmpty(ctx.stream);
        PROBE_CUDA(cudaStreamSynchronize(ctx.stream));
        rounds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(rounds.begin(), rounds.end());
    JsonObject r;
    r.add("kind", "sync_round_trip").add("kernels", 1);
    out.result("launch_overhead", rounds[rounds.size() / 2] * 1e6, "us", r);
}

// ---- GEMM ----

namespace {

struct Shape {
    const char* op;
    int n;
    int k;
};

std::vector<Shape> gemmShapes(const ModelShape& m, bool quick) {
    const int inter = m.intermediate > 0 ? m.intermediate : m.moeIntermediate;
    std::vector<Shape> shapes{{"gate_up", 2 * inter, m.hidden}, {"down", m.hidden, inter}};
    if (!quick && m.isMla()) {
        // DeepSeek's fused q_a + kv_a down-projection, the query up-projection and the output projection.
        shapes.insert(shapes.begin(), {{"qkv_a", m.qLoraRank + m.kvLoraRank + m.ropeHeadDim, m.hidden},
                                       {"o", m.hidden, m.heads * m.vHeadDim}});
        if (m.qLoraRank > 0)
            shapes.insert(shapes.begin() + 1, {"q_b", m.heads * (m.nopeHeadDim + m.ropeHeadDim), m.qLoraRank});
    } else if (!quick) {
        shapes.insert(shapes.begin(),
                      {{"qkv", (m.heads + 2 * m.kvHeads) * m.headDim, m.hidden}, {"o", m.hidden, m.heads * m.headDim}});
        if (m.isMoe() && m.intermediate > 0)
            shapes.push_back({"expert_gate_up", 2 * m.moeIntermediate, m.hidden});
    }
    return shapes;
}

double relativeL2(const std::vector<bf16>& a, const std::vector<bf16>& b) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x = __bfloat162float(a[i]), y = __bfloat162float(b[i]);
        if (!std::isfinite(x) || !std::isfinite(y))
            return INFINITY;
        num += (x - y) * (x - y);
        den += y * y;
    }
    return std::sqrt(num / std::max(den, 1e-30));
}

} // namespace

bool benchGemm(GpuContext& ctx, const ModelShape& model, ProbeOutput& out) {
    const std::vector<Shape> shapes = gemmShapes(model, ctx.quick);
    const std::vector<int> ms =
        ctx.quick ? std::vector<int>{1, 16, 256, 2048} : std::vector<int>{1, 8, 32, 128, 512, 2048, 8192};
    std::size_t maxW = 0, maxX = 0, maxY = 0;
    for (const Shape& s : shapes) {
        maxW = std::max(maxW, std::size_t(s.n) * s.k * 2);
        maxX = std::max(maxX, std::size_t(ms.back()) * s.k * 2);
        maxY = std::max(maxY, std::size_t(ms.back()) * s.n * 4);
    }
    // Several copies of the weights, together well above the L2 cache, so small-batch GEMMs read
    // device memory as a real decode step does.
    const std::size_t poolBytes = std::max(maxW, std::max<std::size_t>(1024 * kMiB, 8 * ctx.l2Bytes));
    DeviceBuffer wPool(poolBytes), x(maxX), y(maxY), yRef(maxY);
    bool ok = true;
    const int cc = ctx.ccMajor * 10 + ctx.ccMinor;
    for (const Precision& p : kPrecisions) {
        if (cc < p.minMajor10) {
            out.progress("gemm", 0.5,
                         std::string("skipped ") + p.name + ": needs compute capability " +
                             std::to_string(p.minMajor10 / 10) + "." + std::to_string(p.minMajor10 % 10));
            continue;
        }
        fillRandom(wPool.get(), poolBytes / p.abBytes, p.fill, p.fill == FillType::INT8 ? 16.f : 1.f, 11, ctx.stream);
        fillRandom(x.get(), maxX / p.abBytes, p.fill, p.fill == FillType::INT8 ? 16.f : 1.f, 12, ctx.stream);
        for (const Shape& s : shapes) {
            const std::size_t wBytes = std::size_t(s.n) * s.k * p.abBytes;
            const int copies = int(std::max<std::size_t>(
                1, std::min<std::size_t>(poolBytes / wBytes, (4 * ctx.l2Bytes + wBytes - 1) / wBytes)));
            for (const int m : ms) {
                try {
                    LtMatmul mm(ctx, p, m, s.n, s.k);
                    int turn = 0;
                    const double sec = timeMedian(
                        ctx.stream,
                        [&] {
                            const char* w = wPool.get<char>() + (turn++ % copies) * wBytes;
                            mm.run(w, x.get(), y.get());
                        },
                        ctx.quick ? 7 : 11, m <= 32 ? 10 : 2, 3);
                    const double flops = 2.0 * m * double(s.n) * s.k;
                    const double bytes = double(wBytes) + double(m) * s.k * p.abBytes + double(m) * s.n * p.cBytes;
                    JsonObject params;
                    params.add("precision", p.name).add("library", "cublaslt").add("op", s.op);
                    params.add("m", m).add("n", s.n).add("k", s.k).add("time_us", sec * 1e6);
                    params.add("gbps", bytes / sec / 1e9);
                    out.result("gemm", flops / sec / 1e12, p.fill == FillType::INT8 ? "TOPS" : "TFLOPS", params);
                } catch (const Unsupported& e) {
                    out.progress("gemm", 0.5, std::string("skipped: ") + e.what());
                } catch (const std::exception& e) {
                    out.error("gemm", std::string(p.name) + " " + s.op + " m=" + std::to_string(m) + ": " + e.what());
                    ok = false;
                    cudaGetLastError();
                }
            }
            if (p.fill != FillType::BF16)
                continue;
            // The probe's own GEMV (the decode path at batch <= 8), checked against cuBLASLt.
            for (const int m : {1, 4, 8}) {
                try {
                    LtMatmul reference(ctx, p, m, s.n, s.k);
                    reference.run(wPool.get(), x.get(), yRef.get());
                    GemvArgs g;
                    g.w = wPool.get<bf16>();
                    g.n = s.n;
                    g.k = s.k;
                    g.x = x.get<bf16>();
                    g.ldx = s.k;
                    g.y = y.get<bf16>();
                    g.ldy = s.n;
                    launchGemv(m, GemvEpilogue::Store, g, ctx.stream);
                    ctx.sync();
                    std::vector<bf16> mine(std::size_t(m) * s.n), ref(std::size_t(m) * s.n);
                    PROBE_CUDA(cudaMemcpy(mine.data(), y.get(), mine.size() * 2, cudaMemcpyDeviceToHost));
                    PROBE_CUDA(cudaMemcpy(ref.data(), yRef.get(), ref.size() * 2, cudaMemcpyDeviceToHost));
                    const double err = relativeL2(mine, ref);
                    // Both accumulate in FP32 and round to BF16 (relative step 2^-8): a correct
                    // kernel differs by well under 1e-2; a wrong row or column gives order 1.
                    if (!(err < 1e-2))
                        throw CudaFailure("GEMV result differs from cuBLASLt: relative L2 error " +
                                          std::to_string(err));
                    int turn = 0;
                    const std::size_t wBytes = std::size_t(s.n) * s.k * 2;
                    const double sec = timeMedian(
                        ctx.stream,
                        [&] {
                            g.w = reinterpret_cast<const bf16*>(wPool.get<char>() + (turn++ % copies) * wBytes);
                            launchGemv(m, GemvEpilogue::Store, g, ctx.stream);
                        },
                        ctx.quick ? 7 : 11, 10, 3);
                    JsonObject params;
                    params.add("precision", "bf16").add("library", "serveplan_gemv").add("op", s.op);
                    params.add("m", m).add("n", s.n).add("k", s.k).add("time_us", sec * 1e6);
                    params.add("gbps", (double(wBytes) + 2.0 * m * (s.k + s.n)) / sec / 1e9);
                    params.add("rel_error_vs_cublaslt", err);
                    out.result("gemm", 2.0 * m * double(s.n) * s.k / sec / 1e12, "TFLOPS", params);
                } catch (const Unsupported& e) {
                    out.progress("gemm", 0.5, std::string("skipped: ") + e.what());
                } catch (const std::exception& e) {
                    out.error("gemm",
                              std::string("serveplan_gemv ") + s.op + " m=" + std::to_string(m) + ": " + e.what());
                    ok = false;
                    cudaGetLastError();
                }
            }
        }
    }
    return ok;
}

// ---- decode attention ----

namespace {

/// Double-precision reference of one sequence-head's decode attention.
void referenceAttention(const std::vector<bf16>& q, const std::vector<bf16>& k, const std::vector<bf16>& v, int batch,
                        int heads, int kvHeads, int hd, int maxCtx, int len, std::vector<double>& out) {
    out.assign(std::size_t(batch) * heads * hd, 0.0);
    const int group = heads / kvHeads;
    for (int b = 0; b < batch; ++b)
        for (int h = 0; h < heads; ++h) {
            const int kvh = h / group;
            std::vector<double> s(len);
            double mx = -1e300;
            for (int t = 0; t < len; ++t) {
                double dot = 0;
                for (int d = 0; d < hd; ++d)
                    dot += double(__bfloat162float(q[(std::size_t(b) * heads + h) * hd + d])) *
                           __bfloat162float(k[((std::size_t(b) * kvHeads + kvh) * maxCtx + t) * hd + d]);
                s[t] = dot / std::sqrt(double(hd));
                mx = std::max(mx, s[t]);
            }
            double sum = 0;
            for (double& x : s)
                sum += (x = std::exp(x - mx));
            for (int d = 0; d < hd; ++d) {
                double o = 0;
                for (int t = 0; t < len; ++t)
                    o += s[t] * __bfloat162float(v[((std::size_t(b) * kvHeads + kvh) * maxCtx + t) * hd + d]);
                out[(std::size_t(b) * heads + h) * hd + d] = o / sum;
            }
        }
}

struct AttentionBuffers {
    DeviceBuffer q, k, v, out, partO, partML, counters;
    AttentionBuffers(int batch, int heads, int kvHeads, int hd, int maxCtx) {
        q.allocate(std::size_t(batch) * heads * hd * 2);
        out.allocate(q.bytes());
        k.allocate(std::size_t(batch) * kvHeads * maxCtx * hd * 2);
        v.allocate(k.bytes());
        partO.allocate(std::size_t(batch) * heads * kMaxAttnSplits * hd * 4);
        partML.allocate(std::size_t(batch) * heads * kMaxAttnSplits * 2 * 4);
        counters.allocate(std::size_t(attentionCounterCount(batch, heads, kvHeads)) * 4);
        PROBE_CUDA(cudaMemset(counters.get(), 0, counters.bytes()));
    }
    AttnArgs args(int batch, int heads, int kvHeads, int hd, int maxCtx, int len) const {
        AttnArgs a;
        a.q = q.get<bf16>();
        a.k = k.get<bf16>();
        a.v = v.get<bf16>();
        a.out = out.get<bf16>();
        a.partO = partO.get<float>();
        a.partML = partML.get<float>();
        a.counters = counters.get<int>();
        a.batch = batch;
        a.heads = heads;
        a.kvHeads = kvHeads;
        a.headDim = hd;
        a.maxCtx = maxCtx;
        a.len = len;
        return a;
    }
};

template <typename T>
std::vector<T> download(const DeviceBuffer& b, std::size_t count) {
    std::vector<T> host(count);
    PROBE_CUDA(cudaMemcpy(host.data(), b.get(), count * sizeof(T), cudaMemcpyDeviceToHost));
    return host;
}

/// Checks the kernel against the double-precision reference, with and without split-KV.
void checkAttention(GpuContext& ctx, const ModelShape& m) {
    const int batch = 2, len = 333, maxCtx = 400;
    AttentionBuffers buf(batch, m.heads, m.kvHeads, m.headDim, maxCtx);
    fillRandom(buf.q.get(), buf.q.bytes() / 2, FillType::BF16, 2.f, 21, ctx.stream);
    fillRandom(buf.k.get(), buf.k.bytes() / 2, FillType::BF16, 2.f, 22, ctx.stream);
    fillRandom(buf.v.get(), buf.v.bytes() / 2, FillType::BF16, 1.f, 23, ctx.stream);
    ctx.sync();
    const std::size_t qCount = buf.q.bytes() / 2, kvCount = buf.k.bytes() / 2;
    std::vector<double> ref;
    referenceAttention(download<bf16>(buf.q, qCount), download<bf16>(buf.k, kvCount), download<bf16>(buf.v, kvCount),
                       batch, m.heads, m.kvHeads, m.headDim, maxCtx, len, ref);
    for (const bool split : {false, true}) {
        AttnArgs a = buf.args(batch, m.heads, m.kvHeads, m.headDim, maxCtx, len);
        if (split) {
            planAttention(a, ctx.sms);
        } else {
            a.splits = 1;
            a.chunk = len;
        }
        PROBE_CUDA(cudaMemset(buf.out.get(), 0xff, buf.out.bytes())); // poison: NaN if a row is not written
        launchDecodeAttention(a, ctx.stream);
        ctx.sync();
        const std::vector<bf16> got = download<bf16>(buf.out, qCount);
        double num = 0, den = 0;
        for (std::size_t i = 0; i < got.size(); ++i) {
            const double g = __bfloat162float(got[i]);
            num += (g - ref[i]) * (g - ref[i]);
            den += ref[i] * ref[i];
        }
        const double err = std::sqrt(num / den);
        // BF16 output (relative step 2^-8) of FP32 arithmetic: a correct kernel is near 3e-3.
        if (!(err < 1e-2))
            throw CudaFailure(std::string("decode attention (") + (split ? "split-KV" : "one split") +
                              ") differs from the double-precision reference: relative L2 error " +
                              std::to_string(err));
    }
}

} // namespace

void benchDecodeAttention(GpuContext& ctx, const ModelShape& m, ProbeOutput& out) {
    if (m.isMla())
        throw Unsupported("MLA model: its attention is measured by mla_decode_attention");
    checkAttention(ctx, m);
    std::vector<std::pair<int, int>> configs; // batch, context
    if (ctx.quick) {
        configs = {{1, 4096}, {32, 4096}};
    } else {
        for (const int b : {1, 8, 32, 128})
            for (const int c : {1024, 4096, 16384})
                configs.emplace_back(b, c);
    }
    const std::size_t budget = ctx.freeBytes() / 4;
    for (const auto& config : configs) {
        const int batch = config.first, context = config.second;
        const std::size_t kvBytes = 2 * std::size_t(batch) * m.kvHeads * context * m.headDim * 2;
        if (kvBytes > budget) {
            out.progress("decode_attention", 0.5,
                         "skipped batch " + std::to_string(batch) + " context " + std::to_string(context) +
                             ": KV cache larger than a quarter of free memory");
            continue;
        }
        AttentionBuffers buf(batch, m.heads, m.kvHeads, m.headDim, context);
        fillRandom(buf.q.get(), buf.q.bytes() / 2, FillType::BF16, 1.f, 31, ctx.stream);
        fillRandom(buf.k.get(), buf.k.bytes() / 2, FillType::BF16, 1.f, 32, ctx.stream);
        fillRandom(buf.v.get(), buf.v.bytes() / 2, FillType::BF16, 1.f, 33, ctx.stream);
        AttnArgs a = buf.args(batch, m.heads, m.kvHeads, m.headDim, context, context);
        planAttention(a, ctx.sms);
        const double sec = timeMedian(
            ctx.stream, [&] { launchDecodeAttention(a, ctx.stream); }, ctx.quick ? 7 : 11, kvBytes < 64 * kMiB ? 10 : 2,
            3);
        JsonObject p;
        p.add("batch", batch).add("context", context).add("heads", m.heads).add("kv_heads", m.kvHeads);
        p.add("head_dim", m.headDim).add("kv_bytes", std::int64_t(kvBytes)).add("time_us", sec * 1e6);
        p.add("splits", a.splits).add("layers", 1);
        if (ctx.copyGBps > 0)
            p.add("fraction_of_copy_bandwidth", kvBytes / sec / 1e9 / ctx.copyGBps);
        out.result("decode_attention", kvBytes / sec / 1e9, "GB/s", p);
    }
}

} // namespace serveplan::probe::cuda
