#!/usr/bin/env bash
# Search at scale: `casebook build` with its index (records through Pagefind's Node API) against Hugo + Pagefind
# crawling Hugo's output of the same cases, run alternately; then the search page's weight and the index's size.
# Uses a Hugo site written by scripts/bench-vs-hugo.sh (run it once first): DIR/hugo-site or OUT/hugo-site; its
# layouts are used with DIR/input as content, so DIR can be a read-only corpus (outputs and logs go to OUT).
# --compare CHECKOUT also times another checkout's build (built in Release, with tools/search installed), alternating.
#   scripts/bench-search.sh [--dir /tmp/casebook-bench-10000] [--out DIR] [--runs 2] [--compare /tmp/casebook-main]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=/tmp/casebook-bench-10000
out=""
runs=2
compare=""
while [ $# -gt 0 ]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --compare) compare=$(cd "$2" && pwd); shift 2 ;;
    *) echo "usage: $0 [--dir DIR] [--out DIR] [--runs R] [--compare CHECKOUT]" >&2; exit 2 ;;
  esac
done
out=${out:-$dir}
mkdir -p "$out"
casebook="$repo/src/Casebook.Cli/bin/Release/net10.0/casebook"
pagefind="$repo/tools/search/node_modules/.bin/pagefind"
[ -x "$casebook" ] || { echo "build first: dotnet build -c Release src/Casebook.Cli" >&2; exit 2; }
[ -z "$compare" ] || [ -x "$compare/src/Casebook.Cli/bin/Release/net10.0/casebook" ] || { echo "build $compare first (Release)" >&2; exit 2; }
[ -x "$pagefind" ] || (cd "$repo/tools/search" && npm ci --no-audit --no-fund --loglevel=error)
hugo_site=$out/hugo-site
[ -d "$hugo_site/layouts" ] || hugo_site=$dir/hugo-site
[ -d "$hugo_site/layouts" ] || { echo "no Hugo site in $out or $dir: run scripts/bench-vs-hugo.sh --dir $dir --runs 1 first" >&2; exit 2; }

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/$label.time" "$@" > "$out/$label.log" 2>&1 || { tail -20 "$out/$label.log" >&2; exit 1; }
  read -r wall user sys rss < "$out/$label.time"
  printf "  %-34s %7.2f s wall %7.2f s CPU %6d MB   load %s\n" "$label" "$wall" "$(python3 -c "print($user + $sys)")" "$((rss / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
}
# Pagefind's service is a child of Node.js that Node kills when done, so /usr/bin/time does not count its CPU.
casebook_run() { rm -rf "$out/casebook-out"; measure "casebook-build+index-$1" "$casebook" build --source "$dir" --output "$out/casebook-out"; }
compare_run() {
  [ -n "$compare" ] || return 0
  rm -rf "$out/compare-out"
  measure "compare-build+index-$1" "$compare/src/Casebook.Cli/bin/Release/net10.0/casebook" build --source "$dir" --output "$out/compare-out"
}
hugo_run() {
  rm -rf "$out/hugo-out"
  measure "hugo-$1" hugo --quiet --source "$hugo_site" --contentDir "$dir/input" --destination "$out/hugo-out"
  measure "pagefind-crawl-hugo-$1" "$pagefind" --site "$out/hugo-out"
}
for r in $(seq 1 "$runs"); do
  if [ $((r % 2)) -eq 1 ]; then casebook_run "$r"; compare_run "$r"; hugo_run "$r"; else hugo_run "$r"; compare_run "$r"; casebook_run "$r"; fi
done
echo "casebook index: $(du -sh "$out/casebook-out/pagefind" | cut -f1), hugo+pagefind index: $(du -sh "$out/hugo-out/pagefind" | cut -f1)"
[ -z "$compare" ] || echo "compared checkout's index: $(du -sh "$out/compare-out/pagefind" | cut -f1)"
echo "search page: $(stat -c %s "$out/casebook-out/search/index.html") bytes, gzip $(gzip -c "$out/casebook-out/search/index.html" | wc -c); facets.json $(stat -c %s "$out/casebook-out/search/facets.json") bytes"
