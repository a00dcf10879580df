#!/usr/bin/env bash
# Installs every Debian 12 package ServePlan needs to build, run, test and package.
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "deps.sh: not root and no sudo: run as root" >&2; exit 1; }
    SUDO="sudo"
fi
PACKAGES=(
    build-essential cmake ninja-build git pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqcustomplot-dev qt6-tools-dev qt6-l10n-tools
    qt6-svg-dev qt6-translations-l10n
    libcsv-dev nlohmann-json3-dev libyaml-cpp-dev libbenchmark-dev qtkeychain-qt6-dev
    clang-14 libclang-rt-14-dev
    xvfb xauth fonts-wqy-microhei imagemagick poppler-utils
    appstream desktop-file-utils dpkg-dev file python3
)
# The export tests: Locust replays the generated load test; kubectl (Debian's kubernetes-client)
# reads the manifests, unless another package's kubectl is already installed.
PACKAGES+=(python3-locust)
command -v kubectl >/dev/null || PACKAGES+=(kubernetes-client)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "deps.sh: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "deps.sh: all ${#PACKAGES[@]} packages already installed"
fi
