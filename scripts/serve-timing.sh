#!/usr/bin/env bash
# Measures `casebook serve` rebuild time after one edit on a large generated corpus (docs/performance.md).
# Usage: scripts/serve-timing.sh [copies]   (default 40 copies of every sample case ≈ 1,200 cases)
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-40}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r casebook.yml input "$work/"
for f in $(find "$work/input/cases" -name '*.md'); do
  id="$(basename "$f" .md)"
  for i in $(seq 1 "$copies"); do sed "s/^id: .*/id: ${id}-x$i/" "$f" > "$(dirname "$f")/${id}-x$i.md"; done
done
echo "cases: $(find "$work/input/cases" -name '*.md' | wc -l)"
dotnet build src/Casebook.Cli -c Release -v q -nologo >/dev/null
dotnet src/Casebook.Cli/bin/Release/net10.0/casebook.dll serve --source "$work" --port 0 > "$work/serve.log" 2>&1 &
pid=$!
wait_for() { for _ in $(seq 1 600); do [ "$(grep -c '再生成しました' "$work/serve.log")" -ge "$1" ] && return; sleep 0.5; done; echo "timeout"; exit 1; }
wait_for 1
target="$(find "$work/input/cases" -name '*-x7.md' | sort | head -1)"
sed -i 's/^title: \(.*\)/title: 【改】\1/' "$target"; wait_for 2
sed -i 's/^tags: \[/tags: [計測用テーマ, /' "$target"; wait_for 3
echo "追記" >> "$target"; wait_for 4
printf '\n' >> "$work/casebook.yml"; wait_for 5
grep '再生成しました' "$work/serve.log"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
