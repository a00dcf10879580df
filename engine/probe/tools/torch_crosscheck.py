"""Same-machine PyTorch baselines for serveplan-probe: device copy bandwidth (x.copy_) and a
Llama-2-7B-shaped BF16 decode step at batch 1 with cuBLAS and a CUDA graph (the reference the probe's
85 % roofline target is compared with). Random weights; prints JSON lines like the probe."""
import json
import math
import sys

import torch
import torch.nn.functional as F


def timed(fn, reps=20, warmup=3):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        b.synchronize()
        times.append(a.elapsed_time(b) / 1e3)
    times.sort()
    return times[len(times) // 2]


def main():
    dev = torch.device("cuda")
    n = 1 << 30
    src = torch.randint(0, 255, (n,), dtype=torch.uint8, device=dev)
    dst = torch.empty_like(src)
    t = timed(lambda: dst.copy_(src))
    copy_gbps = 2 * n / t / 1e9
    print(json.dumps({"type": "result", "test": "torch_copy_bandwidth", "value": copy_gbps, "unit": "GB/s",
                      "bytes": n, "counted": "read+write", "device": torch.cuda.get_device_name()}))
    del src, dst

    layers, hidden, inter, heads, kv, hd, vocab, ctx = 32, 4096, 11008, 32, 32, 128, 32000, 128
    bf = torch.bfloat16
    def w(o, i):
        return (torch.rand(o, i, device=dev, dtype=bf) * 2 - 1) * math.sqrt(3.0 / i)
    L = [dict(qkv=w((heads + 2 * kv) * hd, hidden), o=w(hidden, heads * hd), gu=w(2 * inter, hidden),
              d=w(hidden, inter), n1=torch.ones(hidden, device=dev, dtype=bf), n2=torch.ones(hidden, device=dev, dtype=bf))
         for _ in range(layers)]
    embed = torch.randn(vocab, hidden, device=dev, dtype=bf)
    head = w(vocab, hidden)
    kcache = [torch.randn(1, kv, ctx, hd, device=dev, dtype=bf) for _ in range(layers)]
    vcache = [torch.randn(1, kv, ctx, hd, device=dev, dtype=bf) for _ in range(layers)]
    tok = torch.tensor([123], device=dev)
    pos = ctx - 1
    inv = 1.0 / (10000 ** (torch.arange(0, hd, 2, device=dev, dtype=torch.float32) / hd))
    ang = pos * inv
    cos = torch.cat([ang.cos(), ang.cos()]).to(bf)
    sin = torch.cat([ang.sin(), ang.sin()]).to(bf)

    def rms(x, g):
        return (x.float() * torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + 1e-5)).to(bf) * g

    def rope(x):
        x1, x2 = x[..., : hd // 2], x[..., hd // 2:]
        return x * cos + torch.cat([-x2, x1], -1) * sin

    def step():
        x = embed[tok]
        for l in range(layers):
            p = L[l]
            qkv = F.linear(rms(x, p["n1"]), p["qkv"])
            q, k, v = qkv.split([heads * hd, kv * hd, kv * hd], -1)
            q = rope(q.view(1, heads, 1, hd))
            k = rope(k.view(1, kv, 1, hd))
            kcache[l][:, :, pos:pos + 1] = k
            vcache[l][:, :, pos:pos + 1] = v.view(1, kv, 1, hd)
            a = F.scaled_dot_product_attention(q, kcache[l], vcache[l])
            x = x + F.linear(a.reshape(1, heads * hd), p["o"])
            g, u = F.linear(rms(x, p["n2"]), p["gu"]).chunk(2, -1)
            x = x + F.linear(F.silu(g) * u, p["d"])
        return F.linear(rms(x, L[0]["n1"]), head)

    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(3):
            step()
    torch.cuda.current_stream().wait_stream(s)
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        step()
    t = timed(g.replay, reps=30)
    weight_bytes = 2 * (layers * ((heads + 2 * kv) * hd * hidden + hidden * heads * hd + 3 * hidden * inter)
                        + vocab * hidden + hidden)
    kv_bytes = 2 * layers * 2 * kv * ctx * hd
    print(json.dumps({"type": "result", "test": "torch_decode_step", "value": t * 1e3, "unit": "ms",
                      "model": "llama-2-7b (shapes)", "batch": 1, "context": ctx, "cuda_graph": True,
                      "tokens_per_s": 1 / t, "weight_bytes": weight_bytes, "kv_bytes": kv_bytes,
                      "copy_gbps": copy_gbps,
                      "weights_roofline_fraction": weight_bytes / (copy_gbps * 1e9) / t,
                      "roofline_fraction": (weight_bytes + kv_bytes) / (copy_gbps * 1e9) / t}))


if __name__ == "__main__":
    sys.exit(main())
