#!/usr/bin/env bash
# Search at scale: `casebook build` with its index (records through Pagefind's Node API) against Hugo + Pagefind
# crawling Hugo's output of the same cases, run alternately; then the search page's weight and what a first query
# fetches. Uses the Hugo site that scripts/bench-vs-hugo.sh writes into the corpus folder (run it once first).
#   scripts/bench-search.sh [--dir /tmp/casebook-bench-10000] [--runs 2]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=/tmp/casebook-bench-10000
runs=2
while [ $# -gt 0 ]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--dir DIR] [--runs R]" >&2; exit 2 ;;
  esac
done
casebook="$repo/src/Casebook.Cli/bin/Release/net10.0/casebook"
pagefind="$repo/tools/search/node_modules/.bin/pagefind"
[ -x "$casebook" ] || { echo "build first: dotnet build -c Release src/Casebook.Cli" >&2; exit 2; }
[ -x "$pagefind" ] || (cd "$repo/tools/search" && npm ci --no-audit --no-fund --loglevel=error)
[ -f "$dir/hugo-site/config.yaml" ] || { echo "no Hugo site in $dir: run scripts/bench-vs-hugo.sh --dir $dir --runs 1 first" >&2; exit 2; }

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/$label.time" "$@" > "$dir/$label.log" 2>&1 || { tail -20 "$dir/$label.log" >&2; exit 1; }
  read -r wall user sys rss < "$dir/$label.time"
  printf "  %-34s %7.2f s wall %7.2f s CPU %6d MB   load %s\n" "$label" "$wall" "$(python3 -c "print($user + $sys)")" "$((rss / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
}
casebook_run() { rm -rf "$dir/casebook-out"; measure "casebook-build+index-$1" "$casebook" build --source "$dir" --output "$dir/casebook-out"; }
hugo_run() {
  rm -rf "$dir/hugo-out"
  measure "hugo-$1" hugo --quiet --source "$dir/hugo-site"
  measure "pagefind-crawl-hugo-$1" "$pagefind" --site "$dir/hugo-out"
}
for r in $(seq 1 "$runs"); do
  if [ $((r % 2)) -eq 1 ]; then casebook_run "$r"; hugo_run "$r"; else hugo_run "$r"; casebook_run "$r"; fi
done
echo "casebook index: $(du -sh "$dir/casebook-out/pagefind" | cut -f1), hugo+pagefind index: $(du -sh "$dir/hugo-out/pagefind" | cut -f1)"
echo "search page: $(stat -c %s "$dir/casebook-out/search/index.html") bytes, gzip $(gzip -c "$dir/casebook-out/search/index.html" | wc -c); facets.json $(stat -c %s "$dir/casebook-out/search/facets.json") bytes"
