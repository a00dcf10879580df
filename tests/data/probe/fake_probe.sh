#!/bin/sh
# A stand-in for serveplan-probe that misbehaves on purpose, for ProbeRunner's robustness tests.
# The mode comes from FAKE_PROBE_MODE: ok, crash, hang, garbage, huge, silent, failed.
mode=${FAKE_PROBE_MODE:-ok}
device='{"type":"device","backend":"cpu","name":"Fake CPU","logical_cores":1}'
result='{"type":"result","test":"cpu_gemm","value":0.5,"unit":"TFLOPS","precision":"fp32"}'
case "$mode" in
ok)
    echo "$device"
    echo '{"type":"progress","stage":"cpu_gemm","fraction":0.5,"message":"half way"}'
    echo "$result"
    echo '{"type":"done","status":"complete","exit_code":0}'
    ;;
crash)
    echo "$device"
    echo "$result"
    echo "fake probe: about to crash" >&2
    kill -SEGV $$
    ;;
hang)
    echo "$device"
    echo '{"type":"progress","stage":"cpu_gemm","fraction":0.1,"message":"stuck"}'
    exec sleep 600
    ;;
garbage)
    echo "$device"
    printf 'binary \001\002\003 noise\n'
    echo 'not json at all'
    echo '{"type": "result", "test": '
    echo '[1, 2, 3]'
    echo '{"no_type": true}'
    echo '{"type":"result","test":"cpu_gemm","value":"fast","unit":"TFLOPS"}'
    echo "$result"
    printf '{"type":"done","status":"complete","exit_code":0}'
    ;;
huge)
    echo "$device"
    head -c 3000000 /dev/zero | tr '\0' 'x'
    echo
    echo "$result"
    echo '{"type":"done","status":"complete","exit_code":0}'
    ;;
silent)
    echo "$device"
    ;;
failed)
    echo "$device"
    echo "$result"
    echo '{"type":"error","stage":"gpu_gemm","message":"CUBLAS_STATUS_EXECUTION_FAILED"}'
    echo '{"type":"done","status":"test_failed","exit_code":4}'
    exit 4
    ;;
esac
