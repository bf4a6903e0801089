#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian + Node 20 machine, then runs it.
# The README's test command and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
bash scripts/install-chromium.sh
bash scripts/install-engines.sh
bash scripts/install-platforms.sh
bash scripts/install-redis.sh
npm run build
npm run typecheck
npm test
