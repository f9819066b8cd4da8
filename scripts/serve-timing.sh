#!/usr/bin/env bash
# Measures `casebook serve` rebuild time after one edit (docs/performance.md): starts serve on a site, edits
# one case's body, title and tags, then casebook.yml (a full rebuild), and prints serve's own timing line for
# each rebuild with the CPU time the serve process used for it.
# Usage: scripts/serve-timing.sh [--cases N | --copies N] [--rounds R]
#   --cases N   a generated corpus of N cases (tests/Casebook.Benchmarks `corpus`), e.g. 1000 or 10000
#   --copies N  every sample case copied N times (the older measurement; default 40 ≈ 1,200 cases)
#   --rounds R  repeat the three case edits R times (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="" copies=40 rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --copies) copies="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    [0-9]*) copies="$1"; shift ;;   # the old positional form
    *) echo "usage: $0 [--cases N | --copies N] [--rounds R]" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
dotnet build src/Casebook.Cli -c Release -v q -nologo >/dev/null
if [ -n "$cases" ]; then
  dotnet run -c Release --project tests/Casebook.Benchmarks -- corpus --cases "$cases" --out "$work" >/dev/null
  # A case inside a volume, so that its print edition is part of the work.
  target="$(grep -l '^volume:' -r "$work/input/cases" | sort | sed -n 7p)"
else
  cp -r casebook.yml input "$work/"
  for f in $(find "$work/input/cases" -name '*.md'); do
    id="$(basename "$f" .md)"
    for i in $(seq 1 "$copies"); do sed "s/^id: .*/id: ${id}-x$i/" "$f" > "$(dirname "$f")/${id}-x$i.md"; done
  done
  target="$(find "$work/input/cases" -name '*-x7.md' | sort | head -1)"
fi
echo "cases: $(find "$work/input/cases" -name '*.md' | wc -l), edited: ${target#"$work"/}"
src/Casebook.Cli/bin/Release/net10.0/casebook serve --source "$work" --port 0 > "$work/serve.log" 2>&1 &
pid=$!
ticks="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$ticks" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$pid/stat"; }
builds=0
step() {   # $1: label; the edit has just been saved
  builds=$((builds + 1))
  for _ in $(seq 1 1200); do
    [ "$(grep -c '再生成しました\|エラー' "$work/serve.log")" -ge "$builds" ] && break
    sleep 0.1
  done
  local now; now="$(cpu_ms)"
  echo "$1: $(grep '再生成しました\|エラー' "$work/serve.log" | sed -n "${builds}p" | sed 's/^serve: //') — serve CPU $((now - before)) ms"
  before="$now"
}
before=0
step "first build"
for r in $(seq 1 "$rounds"); do
  sleep 1; before="$(cpu_ms)"
  printf '\n追記 %s。\n' "$r" >> "$target"; step "body ($r)"
  sleep 1; before="$(cpu_ms)"
  sed -i "s/^title: \(.*\)/title: 改$r \1/" "$target"; step "title ($r)"
  sleep 1; before="$(cpu_ms)"
  sed -i "s/^tags: \[/tags: [計測用テーマ$r, /" "$target"; step "tags ($r)"
done
sleep 1; before="$(cpu_ms)"
printf '\n' >> "$work/casebook.yml"; step "casebook.yml (full)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
