#!/usr/bin/env bash
# Screenshots of the main views: starts the GUI under Xvfb with the demo scenario, lets it plan, saves
# PNGs of the window, the cost chart, the plans table, the scenario panel, the details charts and the
# calibration window, and fails when any of them is blank (ImageMagick: standard deviation of the
# pixels <= 0.02).
# Usage: tests/screenshots.sh [BUILD_DIR] [OUT_DIR]     (defaults: build-ci, BUILD_DIR/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-ci}
out=${2:-$build/screenshots}
gui=$build/app/serveplan
if [[ ! -x $gui ]]; then
    echo "screenshots: $gui is not built" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"
mkdir -p "$out"
# A throw-away home: the catalog database and settings must not touch the user's.
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data LANG=C.UTF-8 LC_ALL=C.UTF-8
unset QT_QPA_PLATFORM
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$gui" -platform xcb --demo --db "$tmp/catalog.sqlite" --screenshot-dir "$out"

count=0
blank=0
for png in "$out"/*.png; do
    [[ -e $png ]] || continue
    count=$((count + 1))
    sd=$(identify -format '%[fx:standard_deviation]' "$png")
    size=$(identify -format '%wx%h' "$png")
    if awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'; then
        echo "ok     $png ($size, standard deviation $sd)"
    else
        echo "BLANK  $png ($size, standard deviation $sd)" >&2
        blank=$((blank + 1))
    fi
done
if ((count < 10)); then
    echo "screenshots: expected 10 screenshots, found $count" >&2
    exit 1
fi
if ((blank > 0)); then
    echo "screenshots: $blank of $count screenshots are blank" >&2
    exit 1
fi
echo "screenshots: $count screenshots in $out, none blank"
