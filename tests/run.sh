#!/usr/bin/env bash
# One command: install what is needed, build, and run the whole test suite: the optimised build
# with warnings as errors, then the same suites under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/deps.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8

echo "== build (ci preset) =="
cmake --preset ci
cmake --build --preset ci
echo "== tests (ci preset) =="
ctest --preset ci
echo "== screenshots of the main views under Xvfb (ci build) =="
bash tests/screenshots.sh build-ci

if [[ ${SERVEPLAN_SKIP_ASAN:-0} != 1 ]]; then
    echo "== build (asan preset) =="
    cmake --preset asan
    cmake --build --preset asan
    echo "== tests under ASan+UBSan =="
    ctest --preset asan
fi

# Fuzzing (issue 9): every reader of others' files under libFuzzer for a bounded time.
if [[ ${SERVEPLAN_SKIP_FUZZ:-0} != 1 ]]; then
    echo "== fuzz (libFuzzer + ASan/UBSan, ${SERVEPLAN_FUZZ_SECONDS:-60} s per target) =="
    cmake --preset fuzz -DSERVEPLAN_FUZZ_SECONDS="${SERVEPLAN_FUZZ_SECONDS:-60}"
    cmake --build --preset fuzz --target fuzz_price_csv fuzz_scenario fuzz_probe_output fuzz_loadtest_import
    ctest --test-dir build-fuzz -L fuzz --output-on-failure -j2
fi

# Packaging (issue 8): build the .deb from build-ci, install it with apt, run the installed programs,
# remove it. Installs into this machine (CI runs as root on a throwaway one); sudo when not root.
if [[ ${SERVEPLAN_SKIP_PACKAGE:-0} != 1 ]]; then
    echo "== package test (DEB from build-ci: build, install, run, remove) =="
    bash tests/package/test_package.sh build-ci
fi
