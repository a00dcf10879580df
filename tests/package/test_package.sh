#!/usr/bin/env bash
# Packaging test (issue 8): builds the .deb from a configured and built tree, checks its control data and
# contents, installs it with apt, runs the *installed* programs away from the source tree, validates the
# installed desktop integration, removes the package and checks that its files are gone.
#   bash tests/package/test_package.sh [BUILD_DIR]   (default build-ci; run by tests/run.sh)
# Installs into the machine: CI runs it as root on a throwaway machine; elsewhere it uses sudo.
# shellcheck disable=SC2317  # the small functions below run through check() and the EXIT trap
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
BUILD=$(realpath "${1:-build-ci}")
APP_ID=io.serveplan.ServePlan
ICON_SIZES=(16 22 24 32 48 64 128 256)
export LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive

passed=0
failed=0
waiting=()
pass() { passed=$((passed + 1)); echo "  ok    $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $1${2:+: $2}"; }
# check NAME COMMAND...: one check, passed when COMMAND exits 0.
check() {
    local name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}
finish() {
    ((${#waiting[@]})) && echo "package test: waiting on commands that print \"not built yet\": ${waiting[*]}"
    echo "package test: $passed passed, $failed failed"
    ((failed == 0))
    exit
}

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "test_package.sh: not root and no sudo" >&2; exit 1; }
    SUDO="sudo"
fi
APT=(apt-get -y -q -o DPkg::Lock::Timeout=300)
[[ -n $SUDO ]] && APT=("$SUDO" "${APT[@]}")
[[ -f $BUILD/CMakeCache.txt ]] || { echo "test_package.sh: $BUILD is not a configured build folder" >&2; exit 1; }
VERSION=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD/CMakeCache.txt")
ARCH=$(dpkg --print-architecture)
WORK=$(mktemp -d)
installed_by_us=0
cleanup() {
    ((installed_by_us)) && "${APT[@]}" remove serveplan >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

is_installed() { [[ $(dpkg-query -W -f='${Status}' serveplan 2>/dev/null) == "install ok installed" ]]; }
is_not_installed() { ! is_installed; }
if is_installed; then
    echo "package test: removing the serveplan package already installed here, so the test installs this build"
    "${APT[@]}" remove serveplan >/dev/null
fi

echo "-- build the .deb (cpack -G DEB in $BUILD)"
rm -f "$BUILD"/serveplan_*.deb
start=$(date +%s%N)
(cd "$BUILD" && cpack -G DEB) >"$WORK/cpack.log" 2>&1 || { cat "$WORK/cpack.log"; fail "cpack -G DEB"; finish; }
echo "  cpack took $((($(date +%s%N) - start) / 1000000)) ms"
DEB=$BUILD/serveplan_${VERSION}_${ARCH}.deb
check "package file is named serveplan_<version>_<arch>.deb ($(basename "$DEB"))" test -f "$DEB"
[[ -f $DEB ]] || finish
echo "  $(basename "$DEB"): $(stat -c %s "$DEB") bytes"

echo "-- control data (dpkg-deb -I)"
field() { dpkg-deb -f "$DEB" "$1"; }
check "Package is serveplan" test "$(field Package)" = serveplan
check "Version is the project version $VERSION" test "$(field Version)" = "$VERSION"
check "Architecture is $ARCH" test "$(field Architecture)" = "$ARCH"
check "Section is science" test "$(field Section)" = science
check "Maintainer has an e-mail address" grep -q '<.*@.*>' <<<"$(field Maintainer)"
check "Homepage is set" grep -q '^https://' <<<"$(field Homepage)"
check "Description has a summary and a long text" test "$(field Description | wc -l)" -ge 3
depends=$(field Depends)
echo "  Depends: $depends"
dep_names=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/[ (].*//')
# The SQLite driver, the CJK font and (when the build found Qt Svg) the SVG icon plugins are loaded at run
# time, so CMake names them; the rest comes from dpkg-shlibdeps reading the linked libraries.
runtime=(libqt6sql6-sqlite fonts-wqy-microhei)
grep -q '^Qt6Svg_DIR:PATH=/' "$BUILD/CMakeCache.txt" && runtime+=(libqt6svg6)
for dep in "${runtime[@]}" libqt6core6 libqt6widgets6 libc6 libstdc++6; do
    check "Depends names $dep" grep -qxF "$dep" <<<"$dep_names"
done

echo "-- contents (dpkg-deb -c)"
dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./|/|' >"$WORK/contents"
files=$(dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./|/|')
check "every path is under /usr" test -z "$(grep -v '^/usr/' "$WORK/contents")"
expected=(/usr/bin/serveplan /usr/bin/serveplan-cli
    "/usr/share/applications/$APP_ID.desktop" "/usr/share/metainfo/$APP_ID.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
    /usr/share/serveplan/translations/serveplan_zh_CN.qm
    /usr/share/doc/serveplan/copyright /usr/share/doc/serveplan/LICENSE /usr/share/doc/serveplan/README.md)
for size in "${ICON_SIZES[@]}"; do expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"); done
for csv in "$ROOT"/resources/data/*.csv "$ROOT"/resources/data/*.md; do
    expected+=("/usr/share/serveplan/data/$(basename "$csv")")
done
# serveplan-probe is packaged when the build has its target (packaging/CMakeLists.txt installs it then).
grep -q 'serveplan-probe' "$BUILD/packaging/cmake_install.cmake" && expected+=(/usr/bin/serveplan-probe)
missing=()
for path in "${expected[@]}"; do grep -qxF "$path" "$WORK/contents" || missing+=("$path"); done
check "the package holds all ${#expected[@]} expected files" test ${#missing[@]} -eq 0
((${#missing[@]})) && printf '        missing: %s\n' "${missing[@]}"

echo "-- install with apt"
if "${APT[@]}" install --no-install-recommends "$DEB" >"$WORK/apt.log" 2>&1; then
    installed_by_us=1
    pass "apt-get install ./$(basename "$DEB")"
else
    tail -20 "$WORK/apt.log"
    fail "apt-get install ./$(basename "$DEB")"
    finish
fi
check "dpkg reports serveplan installed" is_installed

echo "-- run the installed programs (from an empty folder, with a fresh HOME)"
mkdir -p "$WORK/home" "$WORK/cwd"
export HOME=$WORK/home XDG_DATA_HOME=$WORK/home/.local/share XDG_CONFIG_HOME=$WORK/home/.config \
    XDG_CACHE_HOME=$WORK/home/.cache XDG_RUNTIME_DIR=$WORK/home/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
cd "$WORK/cwd" || exit 1
CLI=/usr/bin/serveplan-cli
check "installed programs do not refer to the source tree ($ROOT)" \
    test -z "$(grep -lF "$ROOT" /usr/bin/serveplan /usr/bin/serveplan-cli)"
check "installed programs do not refer to the build tree ($BUILD)" \
    test -z "$(grep -lF "$BUILD" /usr/bin/serveplan /usr/bin/serveplan-cli)"
check "serveplan-cli --version prints 'serveplan-cli $VERSION'" test "$($CLI --version)" = "serveplan-cli $VERSION"

# run_cli NAME COMMAND...: runs an installed CLI command; leaves its exit code, stdout and stderr behind.
# A command still printing "not built yet" is reported as waiting instead of failing; once it is
# built, the checks after it hold it to the contract.
run_cli() {
    local name=$1
    shift
    "$@" >"$WORK/out" 2>"$WORK/err.${name// /_}"
    rc=$?
    cp "$WORK/err.${name// /_}" "$WORK/err"
    if grep -q 'not built yet' "$WORK/err"; then
        waiting+=("$name")
        echo "  wait  $name: the command prints \"not built yet\""
        return 1
    fi
    return 0
}
db=$WORK/x.sqlite
if run_cli "db info" $CLI --db "$db" db info --json; then
    check "serveplan-cli --db x.sqlite db info --json exits 0" test "$rc" -eq 0
    check "db info created the database file" test -s "$db"
    # The seed is embedded in the binary: a fresh database holds every row of the installed gpus.csv.
    gpu_rows=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))' \
        /usr/share/serveplan/data/gpus.csv)
    check "db info --json counts the $gpu_rows seed GPUs" python3 -c 'import json, sys
def counts(node):  # every "gpus" count, wherever the report nests it
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "gpus" and isinstance(value, int):
                yield value
            yield from counts(value)
found = list(counts(json.load(open(sys.argv[1]))))
sys.exit(not found or any(n != int(sys.argv[2]) for n in found))' "$WORK/out" "$gpu_rows"
    [[ $rc -eq 0 ]] || cat "$WORK/err"
fi
if run_cli "plan" $CLI --db "$db" plan --model llama-3.1-8b-instruct --gpu h100-sxm --qps 1 \
    --input-tokens 512 --output-tokens 128 --format csv; then
    check "serveplan-cli plan exits 0" test "$rc" -eq 0
    check "plan prints a CSV header with rank and status" grep -qE '^rank,.*(^|,)status(,|$)' <(head -1 "$WORK/out")
    check "plan prints at least one plan row" test "$(wc -l <"$WORK/out")" -ge 2
    # Known answer: 8.0 B parameters in bf16 are 16 GB, well inside one 80 GB H100, and the seed prices
    # H100 SXM instances, so the best plan fits, is priced and meets the default SLOs at 1 QPS.
    check "plan ranks a fitting, priced llama-3.1-8b-instruct on h100-sxm first with status ok" python3 -c '
import csv, sys
contract = ("rank model provider instance_type region gpu gpu_count precision engine tp replicas "
            "capacity_qps_per_replica hourly_cost monthly_cost currency cost_per_million_output_tokens "
            "ttft_p95_ms tpot_p95_ms status message").split()
rows = list(csv.DictReader(open(sys.argv[1])))
missing = [c for c in contract if c not in rows[0]]
first = rows[0]
ok = (not missing and first["rank"] == "1" and first["status"] == "ok" and first["gpu"] == "h100-sxm"
      and first["model"] == "llama-3.1-8b-instruct" and float(first["monthly_cost"]) > 0)
sys.exit(0 if ok else "missing columns %s, first row %s" % (missing, dict(first)))' "$WORK/out"
    [[ $rc -eq 0 ]] || cat "$WORK/err"
fi

if [[ -x /usr/bin/serveplan-probe ]]; then
    check "serveplan-probe --version prints 'serveplan-probe $VERSION'" \
        test "$(/usr/bin/serveplan-probe --version)" = "serveplan-probe $VERSION"
    # The CPU tests run anywhere (DESIGN.md 3.2: JSON lines ending in a "done" object, exit 0 when complete).
    /usr/bin/serveplan-probe --quick --cpu >"$WORK/probe.jsonl" 2>"$WORK/err.probe"
    probe_rc=$?
    check "serveplan-probe --quick --cpu exits 0 (got $probe_rc)" test "$probe_rc" -eq 0
    check "serveplan-probe ends with a complete \"done\" line" python3 -c 'import json, sys
last = json.loads(open(sys.argv[1]).read().splitlines()[-1])
sys.exit(not (last["type"] == "done" and last["status"] == "complete"))' "$WORK/probe.jsonl"
fi

QT_QPA_PLATFORM=offscreen timeout 5 /usr/bin/serveplan >"$WORK/gui.log" 2>&1
gui_rc=$?
check "the installed GUI stays up for 5 s offscreen (timeout exit 124, got $gui_rc)" test "$gui_rc" -eq 124
[[ $gui_rc -eq 124 ]] || tail -20 "$WORK/gui.log"
# A Depends missing for something Qt loads at run time shows only as a message, not as an exit code.
plugin_errors='driver not loaded|Cannot load library|Could not (load|find) the Qt platform plugin'
no_plugin_errors() { ! grep -hiE "$plugin_errors" "$WORK/gui.log" "$WORK"/err.*; }
check "the installed programs printed no plugin or driver load errors" no_plugin_errors
grep -hiE "$plugin_errors" "$WORK/gui.log" "$WORK"/err.* | sed 's/^/        /'
cd "$ROOT" || exit 1

echo "-- installed desktop integration and data"
desktop=/usr/share/applications/$APP_ID.desktop
metainfo=/usr/share/metainfo/$APP_ID.metainfo.xml
check "desktop-file-validate $desktop" desktop-file-validate "$desktop"
check "appstreamcli validate --no-net $metainfo" appstreamcli validate --no-net "$metainfo"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
check "the desktop file's Exec ($exec_name) is an installed program" test -x "/usr/bin/$exec_name"
check "the desktop file's Icon is $APP_ID" grep -qx "Icon=$APP_ID" "$desktop"
for size in "${ICON_SIZES[@]}"; do
    png=/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png
    check "icon ${size}x${size} is a ${size} x ${size} PNG" grep -q "PNG image data, $size x $size," <<<"$(file "$png")"
done
release=$(python3 -c 'import sys, xml.etree.ElementTree as E
print(E.parse(sys.argv[1]).find("releases/release").get("version"))' "$metainfo")
check "the metainfo's newest release ($release) is the project version $VERSION" test "$release" = "$VERSION"
seed=("$ROOT"/resources/data/*.csv)
same=0
for csv in "${seed[@]}"; do cmp -s "$csv" "/usr/share/serveplan/data/$(basename "$csv")" && same=$((same + 1)); done
check "installed seed data equals resources/data ($same of ${#seed[@]} CSV files)" test "$same" -eq "${#seed[@]}"
# The 16-byte magic number that starts every .qm file (QTranslator's qtranslator.cpp).
qm_magic='\x3c\xb8\x64\x18\xca\xef\x9c\x95\xcd\x21\x1c\xbf\x60\xa1\xbd\xdd'
check "installed translation is a Qt .qm file" \
    cmp -s -n 16 /usr/share/serveplan/translations/serveplan_zh_CN.qm <(printf '%b' "$qm_magic")

echo "-- remove with apt"
if "${APT[@]}" remove serveplan >"$WORK/apt.log" 2>&1; then
    installed_by_us=0
    pass "apt-get remove serveplan"
else
    tail -20 "$WORK/apt.log"
    fail "apt-get remove serveplan"
fi
check "dpkg no longer reports serveplan installed" is_not_installed
left=()
while read -r path; do [[ -e $path ]] && left+=("$path"); done <<<"$files"
check "all $(wc -l <<<"$files") packaged files are gone" test ${#left[@]} -eq 0
((${#left[@]})) && printf '        left behind: %s\n' "${left[@]}"
finish
