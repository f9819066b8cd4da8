#!/usr/bin/env bash
# Runs every test (JavaScript under Node, then unit, end-to-end, browser and HTML-validity tests) on a fresh
# machine: installs what it needs first.
#   scripts/test.sh          everything (README's and .ci/run's command)
#   scripts/test.sh --fast   leaves out the Browser, Cli and Slow categories (no Chromium, no CLI processes)
# Any further arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi
scripts/ensure-deps.sh
# npm packages from their lock files (Pagefind for search, vnu-jar for the HTML check); `npm ci` again only
# when the lock file is newer than the last install.
for tool in tools/search tools/html-check; do
  [ -f "$tool/package-lock.json" ] || continue
  if [ ! -f "$tool/node_modules/.package-lock.json" ] || [ "$tool/package-lock.json" -nt "$tool/node_modules/.package-lock.json" ]; then
    (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
dotnet build Casebook.sln -c Release -v quiet -nologo
status=0
# JavaScript under Node (the C#/JS parity of search normalisation is a C# test: SearchTextParityTests).
mapfile -t js_tests < <(find tests/js -name '*.test.mjs' | sort)
node --test "${js_tests[@]}" || status=1
filter=()
if [ "$fast" -eq 1 ]; then filter=(--filter "Category!=Browser&Category!=Cli&Category!=Slow"); fi
dotnet test Casebook.sln -c Release --no-build "${filter[@]}" "$@" || status=1
exit $status
