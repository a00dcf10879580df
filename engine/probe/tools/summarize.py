"""Prints a short table of a serveplan-probe JSON-lines file (for the device run's log)."""
import json
import sys

for path in sys.argv[1:]:
    print(f"== {path}")
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        try:
            o = json.loads(line)
        except ValueError:
            print("  NOT JSON:", line[:120])
            continue
        t = o.get("type")
        if t == "device":
            print("  device:", o.get("name"), "cc", o.get("compute_capability"), "SMs", o.get("sm_count"),
                  "mem", o.get("memory_bytes"), "driver", o.get("driver_version"))
        elif t == "error":
            print("  ERROR", o.get("stage"), o.get("message"))
        elif t == "done":
            print("  done", o)
        elif t == "result":
            keep = {k: v for k, v in o.items() if k not in ("type", "test", "value", "unit")}
            short = ",".join(f"{k}={v}" for k, v in keep.items()
                             if k in ("precision", "library", "op", "m", "n", "k", "batch", "context", "prompt_tokens",
                                      "path", "kind", "direction", "roofline_fraction", "weights_roofline_fraction",
                                      "layers_run", "rel_error_vs_cublaslt", "gbps", "tflops", "copy_kernel_ratio",
                                      "time_us", "fraction_of_copy_bandwidth", "splits", "absorb_time_us",
                                      "gemm_roofline_fraction", "weight_roofline_fraction", "experts_touched",
                                      "model_moe_time_ms", "peak_tflops"))
            print(f"  {o['test']:22s} {o['value']:10.4g} {o['unit']:6s} {short}")
        elif t == "progress" and ("skipped" in o.get("message", "") or "agree" in o.get("message", "")
                                  or "does not fit" in o.get("message", "") or "matches" in o.get("message", "")):
            print("  note:", o.get("message"))
