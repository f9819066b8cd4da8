#!/usr/bin/env bash
# Runs every test (unit, end-to-end, browser) on a fresh machine: installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# Search tooling (Pagefind) from the lock file, when npm is available.
if command -v npm >/dev/null 2>&1 && [ -f tools/search/package-lock.json ]; then
  (cd tools/search && npm ci --no-audit --no-fund --loglevel=error)
fi
# The browser-side modules' own tests (node --test), e.g. search-text.js; C#/JS parity runs within dotnet test.
if command -v node >/dev/null 2>&1; then node --test tests/js/; fi
dotnet test Casebook.sln -c Release "$@"
