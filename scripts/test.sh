#!/usr/bin/env bash
# Runs every test (unit, end-to-end, browser) on a fresh machine: installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# Search tooling (Pagefind) from the lock file, when npm is available.
if command -v npm >/dev/null 2>&1 && [ -f tools/search/package-lock.json ]; then
  (cd tools/search && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet test Casebook.sln -c Release "$@"
