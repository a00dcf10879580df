#!/usr/bin/env bash
# A/B timing of the batch-1 decode techniques on one GPU (run on the device machine):
#   engine/probe/tools/ab_decode.sh PROBE OUTDIR [REPS]
# Each variant runs copy_bandwidth + decode_step REPS times, interleaved so drift hits all alike;
# every result line is tagged with its variant and repetition into OUTDIR/ab_decode.jsonl.
set -euo pipefail
probe=$1 out=$2 reps=${3:-3}
declare -A env=(
    [default]=""
    [no_attn_preload]="SERVEPLAN_PROBE_NO_ATTN_PRELOAD=1"
    [no_pdl]="SERVEPLAN_PROBE_NO_PDL=1"
)
for rep in $(seq 1 "$reps"); do
    for v in default no_attn_preload no_pdl; do
        env ${env[$v]} "$probe" --only copy_bandwidth,decode_step |
            sed "s/^{/{\"variant\":\"$v\",\"rep\":$rep,/" >>"$out/ab_decode.jsonl"
    done
done
