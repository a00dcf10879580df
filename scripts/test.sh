#!/usr/bin/env bash
# One command: install what is needed, build, and run the whole test suite: the optimised build
# with warnings as errors, then the same suites under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8

echo "== build (ci preset) =="
cmake --preset ci
cmake --build --preset ci
echo "== tests (ci preset) =="
ctest --preset ci

if [[ ${SERVEPLAN_SKIP_ASAN:-0} != 1 ]]; then
    echo "== build (asan preset) =="
    cmake --preset asan
    cmake --build --preset asan
    echo "== tests under ASan+UBSan =="
    ctest --preset asan
fi

# Packaging (issue 8): build the .deb from build-ci, install it with apt, run the installed programs,
# remove it. Installs into this machine (CI runs as root on a throwaway one); sudo when not root.
if [[ ${SERVEPLAN_SKIP_PACKAGE:-0} != 1 ]]; then
    echo "== package test (DEB from build-ci: build, install, run, remove) =="
    bash tests/package/test_package.sh build-ci
fi
