#!/usr/bin/env python3
"""Converts an nccl-tests log (all_reduce_perf, alltoall_perf, sendrecv_perf) into serveplan-probe's
JSON lines (DESIGN.md 3.2), one `result` line per message size, so that recorded collective results
exist where no multi-GPU machine was lent. The output is NOT a ServePlan run: the `device` line says
`source: nccl-tests log` and carries the URL given with --source.

Each data row's out-of-place columns become one result: `value` = busbw (GB/s, nccl-tests' bus
bandwidth: all-reduce algbw*2(n-1)/n, all-to-all algbw*(n-1)/n, send/receive algbw, the same
definitions serveplan-probe uses), `bytes` = size, `time_us` = time, `algbw_gbps` = algbw,
`ranks` = the number of "#  Rank" lines. The log does not say the GPU's memory size or the topology;
they are given with --memory-bytes and --topology.

    python3 nccl_tests_to_probe.py --source URL --topology nvswitch --memory-bytes 42949672960 \
        LOG [LOG...] > out.jsonl
"""
import argparse
import json
import re
import sys

TESTS = {"all_reduce_perf": "allreduce_bandwidth", "alltoall_perf": "alltoall_bandwidth",
         "sendrecv_perf": "p2p_bandwidth"}


def parse_log(text):
    """Returns (test name, GPU name, ranks, NCCL version, rows of (bytes, time_us, algbw, busbw))."""
    test = name = None
    ranks, version, rows = 0, 0, []
    for line in text.splitlines():
        started = re.search(r"Collective test starting: (\w+)", line)
        if started:
            test = started.group(1)
        library = re.search(r"nccl-library=(\d+)", line)
        if library:
            version = int(library.group(1))
        rank = re.match(r"#\s+Rank\s+\d+\s.*device\s+\d+\s+\[[^\]]*\]\s+(.+?)\s*$", line)
        if rank:
            ranks += 1
            name = rank.group(1)
            continue
        fields = line.split()
        if len(fields) >= 9 and not line.lstrip().startswith("#") and fields[0].isdigit():
            # size count type redop root time algbw busbw #wrong (out-of-place) ...
            rows.append((int(fields[0]), float(fields[5]), float(fields[6]), float(fields[7])))
    if test not in TESTS:
        sys.exit("no 'Collective test starting:' line naming " + ", ".join(TESTS))
    return TESTS[test], name, ranks, version, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="+")
    parser.add_argument("--source", required=True, help="where the log was published (URL)")
    parser.add_argument("--topology", required=True, choices=["nvswitch", "nvlink", "pcie"])
    parser.add_argument("--memory-bytes", type=int, required=True)
    args = parser.parse_args()

    parsed = [parse_log(open(path, encoding="utf-8").read()) for path in args.logs]
    names = {p[1] for p in parsed}
    ranks = {p[2] for p in parsed}
    if len(names) != 1 or len(ranks) != 1:
        sys.exit("the logs are of different GPUs or rank counts: %s, %s" % (names, ranks))
    device = {"type": "device", "backend": "cuda", "index": 0, "name": names.pop(),
              "memory_bytes": args.memory_bytes, "gpu_count": ranks.pop(), "topology": args.topology,
              "source": "nccl-tests log (converted by tests/data/probe/nccl_tests_to_probe.py)",
              "published_at": args.source}
    lines = [device]
    for test, _, n, version, rows in parsed:
        for size, time_us, algbw, busbw in rows:
            lines.append({"type": "result", "test": test, "value": busbw, "unit": "GB/s", "bytes": size,
                          "ranks": n, "time_us": time_us, "algbw_gbps": algbw, "library": "nccl",
                          "nccl_version": version, "purpose": "published_log"})
    results = len(lines) - 1
    lines.append({"type": "done", "status": "complete", "exit_code": 0, "results": results, "errors": 0,
                  "wall_s": 0})
    for line in lines:
        print(json.dumps(line, separators=(",", ":")))


if __name__ == "__main__":
    main()
