#!/usr/bin/env bash
# One command: install what is needed, build, and start the ServePlan GUI on its embedded default
# database (created in the user's data folder on first start). Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
exec ./build/app/serveplan "$@"
