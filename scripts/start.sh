#!/usr/bin/env bash
# Builds the package and serves web-demo/ (with COOP/COEP headers, so the page is
# cross-origin isolated; the page links to its non-isolated twin). Prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.js --port "${PORT:-8080}"
