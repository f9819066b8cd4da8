#!/usr/bin/env bash
# Times `casebook build` with the search index on a generated corpus (docs/performance.md): wall time, the CPU time
# of the build and every process it starts (Node.js, Pagefind), and the stage timings (CASEBOOK_TIMINGS=1).
# Usage: scripts/build-timing.sh [--cases N] [--runs R] [--compare DIR]
#   --cases N      corpus size (default 1000)
#   --runs R       builds per tool (default 3); the output folder is removed before each build
#   --compare DIR  another checkout of Casebook (e.g. `git archive main | tar -x -C DIR`, with its tools/search
#                  installed); its Release CLI is built and run alternately with this one on the same corpus
# CPU time comes from `perf stat -e task-clock` (which counts processes that are never waited for, such as
# Pagefind's service); without perf, /usr/bin/time, which misses them.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=1000 runs=3 compare=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --compare) compare="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: $0 [--cases N] [--runs R] [--compare DIR]" >&2; exit 2 ;;
  esac
done
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
dotnet build src/Casebook.Cli -c Release -v q -nologo >/dev/null
[ -n "$compare" ] && dotnet build "$compare/src/Casebook.Cli" -c Release -v q -nologo >/dev/null
dotnet run -c Release --project tests/Casebook.Benchmarks -- corpus --cases "$cases" --out "$corpus" >/dev/null
tools=("$PWD")
[ -n "$compare" ] && tools+=("$compare")

measure() {   # $1: checkout
  rm -rf "$corpus/_site"
  local cli="$1/src/Casebook.Cli/bin/Release/net10.0/casebook" log="$corpus/build.log" cpu
  local start; start="$(date +%s.%N)"
  if command -v perf >/dev/null; then
    CASEBOOK_TIMINGS=1 perf stat -e task-clock -x, -o "$corpus/perf.txt" "$cli" build --source "$corpus" > "$log" 2>&1
    cpu="$(awk -F, '/task-clock/ { printf "%.1f s", $1 / 1000 }' "$corpus/perf.txt")"
  else
    CASEBOOK_TIMINGS=1 /usr/bin/time -f "%U %S" -o "$corpus/time.txt" "$cli" build --source "$corpus" > "$log" 2>&1
    cpu="$(awk '{ printf "%.1f s (without Pagefind)", $1 + $2 }' "$corpus/time.txt")"
  fi
  local wall; wall="$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')"
  printf '%s: wall %.1f s, CPU %s, load %s\n' "$1" "$wall" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  grep -E '検索|^  ' "$log" | sed 's/^/    /'
}

echo "corpus: $cases cases; $(nproc) cores"
for r in $(seq 1 "$runs"); do
  # Alternate the order so that neither tool always runs in the quieter moment.
  if [ $((r % 2)) -eq 1 ]; then order=("${tools[@]}"); else order=(); for ((i=${#tools[@]}-1; i>=0; i--)); do order+=("${tools[$i]}"); done; fi
  for t in "${order[@]}"; do measure "$t"; done
done
