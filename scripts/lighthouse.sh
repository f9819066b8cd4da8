#!/usr/bin/env bash
# Lighthouse 12.2 (pinned in tools/lighthouse) on the search page of a built site, with Debian's chromium, headless,
# over loopback (the site served as the tests serve it, text compressed as StaticFolder sends it: Brotli, or gzip where smaller); nothing is fetched from outside.
# Prints, per query and form factor, the performance score, layout shift, blocking time, FCP, LCP and speed index,
# and keeps each JSON report in the output folder.
#   scripts/lighthouse.sh --site _site [--query 見守り]… [--preset mobile|desktop|both] [--runs 1] [--out DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
site=""
queries=()
preset=both
runs=1
out=""
while [ $# -gt 0 ]; do
  case $1 in
    --site) site=$2; shift 2 ;;
    --query) queries+=("$2"); shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 --site DIR [--query Q]… [--preset mobile|desktop|both] [--runs N] [--out DIR]" >&2; exit 2 ;;
  esac
done
[ -n "$site" ] && [ -f "$site/search/index.html" ] || { echo "no built site with a search page: --site DIR" >&2; exit 2; }
[ ${#queries[@]} -gt 0 ] || queries=(見守り)
out=${out:-$(mktemp -d /tmp/casebook-lighthouse.XXXXXX)}
mkdir -p "$out"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || "$repo/scripts/ensure-deps.sh"
lighthouse="$repo/tools/lighthouse/node_modules/.bin/lighthouse"
[ -x "$lighthouse" ] || (cd "$repo/tools/lighthouse" && npm ci --no-audit --no-fund --loglevel=error)

dotnet build -c Release -v q -nologo "$repo/tests/Casebook.Benchmarks" >/dev/null
# The server prints its origin, then serves until its stdin closes (the fifo below) or it is stopped.
fifo="$out/.server-stdin"
rm -f "$fifo"; mkfifo "$fifo"
dotnet "$repo/tests/Casebook.Benchmarks/bin/Release/net10.0/Casebook.Benchmarks.dll" serve-site --site "$site" < "$fifo" > "$out/server.log" 2>&1 &
server=$!
exec 3> "$fifo"
trap 'exec 3>&-; wait "$server" 2>/dev/null || true; rm -f "$fifo"' EXIT
for _ in $(seq 1 100); do grep -q '^http' "$out/server.log" 2>/dev/null && break; sleep 0.2; done
origin=$(grep -m1 '^http' "$out/server.log")

presets=()
case $preset in both) presets=(mobile desktop) ;; *) presets=("$preset") ;; esac
echo "site $site; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); reports in $out"
for q in "${queries[@]}"; do
  url="$origin/search/?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")"
  for p in "${presets[@]}"; do
    for r in $(seq 1 "$runs"); do
      report="$out/$(echo "$q" | md5sum | cut -c1-8)-$p-$r.json"
      flags=(--only-categories=performance --output=json --output-path="$report" --quiet
             --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run")
      [ "$p" = desktop ] && flags+=(--preset=desktop)
      "$lighthouse" "$url" "${flags[@]}" || { echo "lighthouse failed on $url ($p)" >&2; exit 1; }
      node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const a = (id) => r.audits[id];
        const ms = (id) => Math.round(a(id).numericValue);
        console.log(`${process.argv[2]} ${process.argv[3]} run ${process.argv[4]}: performance ${Math.round(r.categories.performance.score * 100)}, ` +
          `CLS ${a("cumulative-layout-shift").numericValue.toFixed(3)}, TBT ${ms("total-blocking-time")} ms, FCP ${ms("first-contentful-paint")} ms, ` +
          `LCP ${ms("largest-contentful-paint")} ms, SI ${ms("speed-index")} ms, load ${require("os").loadavg()[0].toFixed(1)}`);
      ' "$report" "$q" "$p" "$r"
    done
  done
done
