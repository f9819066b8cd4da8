#!/usr/bin/env bash
# End-to-end benchmark: our build (`casebook build --no-search`, Release) against Debian's Hugo with
# minimal layouts over the same Markdown files, run alternately on the same generated corpus.
# Reports wall time and peak RSS (/usr/bin/time) per run and the median ratios. See docs/performance.md.
#
#   scripts/bench-vs-hugo.sh [--cases 10000] [--runs 3] [--dir /tmp/casebook-bench-10000]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
cases=10000
runs=3
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "usage: $0 [--cases N] [--runs R] [--dir DIR]" >&2; exit 2 ;;
  esac
done
dir=${dir:-/tmp/casebook-bench-$cases}

# Tools: Debian's hugo and GNU time, installed when missing.
need=()
command -v hugo >/dev/null 2>&1 || need+=(hugo)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "Building (Release)…"
dotnet build -c Release -v q -nologo src/Casebook.Cli >/dev/null
dotnet build -c Release -v q -nologo tests/Casebook.Benchmarks >/dev/null
casebook="$repo/src/Casebook.Cli/bin/Release/net10.0/casebook"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ ! -f "$dir/casebook.yml" ] || [ "$(cat "$dir/.cases" 2>/dev/null)" != "$cases" ]; then
  dotnet "$repo/tests/Casebook.Benchmarks/bin/Release/net10.0/Casebook.Benchmarks.dll" corpus --cases "$cases" --out "$dir"
  echo "$cases" > "$dir/.cases"
fi

# Minimal Hugo site over the same input/: case pages (meta, table of contents, body, terms, profile,
# voices, previous/next), section lists, and taxonomy lists and term pages for elements, pillars, tags
# and volumes. Hugo also writes its default RSS feeds and sitemap.
hugo_site="$dir/hugo-site"
rm -rf "$hugo_site"
mkdir -p "$hugo_site/layouts/_default"
cat > "$hugo_site/config.yaml" <<YAML
baseURL: https://example.org/
languageCode: ja
title: 地域福祉 事例ライブラリ
contentDir: $dir/input
publishDir: $dir/hugo-out
taxonomies:
  element: elements
  pillar: pillars
  tag: tags
  volume: volume
YAML
cat > "$hugo_site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}｜{{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat > "$hugo_site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>{{ with .Params.subtitle }}<p>{{ . }}</p>{{ end }}
<dl><dt>組織</dt><dd>{{ .Params.organization }}</dd><dt>年度</dt><dd>{{ .Params.fiscal_year }}</dd></dl>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
<nav>{{ .TableOfContents }}</nav>
{{ .Content }}
{{ range .Params.voices }}<blockquote><p>{{ .text }}</p><footer>{{ .speaker }}</footer></blockquote>{{ end }}
<ul>{{ range .GetTerms "elements" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul>{{ range .GetTerms "pillars" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with .Params.profile }}<table>{{ range $k, $v := . }}<tr><th>{{ $k }}</th><td>{{ $v }}</td></tr>{{ end }}</table>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
HTML
cat > "$hugo_site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.organization }} {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
HTML
cat > "$hugo_site/layouts/_default/terms.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
HTML
cp "$hugo_site/layouts/_default/list.html" "$hugo_site/layouts/index.html"

results="$dir/results.tsv"
printf "run\ttool\twall_s\tpeak_rss_mb\tcpu_s\n" > "$results"
measure() { # tool run command...
  local tool=$1 run=$2; shift 2
  local log="$dir/$tool-$run.log"
  /usr/bin/time -f "TIME %e %M %U %S" -o "$log.time" "$@" > "$log" 2>&1 || { echo "$tool failed, see $log" >&2; cat "$log" | tail -20 >&2; exit 1; }
  read -r _ wall rss user sys < "$log.time"
  cpu=$(python3 -c "print(round($user + $sys, 2))")
  printf "%s\t%s\t%s\t%s\t%s\n" "$run" "$tool" "$wall" "$((rss / 1024))" "$cpu" >> "$results"
  printf "  run %s %-8s %7.2f s wall %6d MB peak RSS %7.2f s CPU (user+sys)   load %s\n" "$run" "$tool" "$wall" "$((rss / 1024))" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
}
run_casebook() { rm -rf "$dir/casebook-out"; measure casebook "$1" "$casebook" build --source "$dir" --no-search --output "$dir/casebook-out"; }
run_hugo() { rm -rf "$dir/hugo-out"; measure hugo "$1" hugo --quiet --source "$hugo_site"; }

echo "Corpus: $dir ($cases cases); $runs alternating runs each, on $(nproc) cores"
for r in $(seq 1 "$runs"); do
  if [ $((r % 2)) -eq 1 ]; then run_casebook "$r"; run_hugo "$r"; else run_hugo "$r"; run_casebook "$r"; fi
done
echo "Pages: casebook $(find "$dir/casebook-out" -name '*.html' | wc -l), hugo $(find "$dir/hugo-out" -name '*.html' | wc -l)"

python3 - "$results" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(tool, key): return statistics.median(float(r[key]) for r in rows if r["tool"] == tool)
cw, hw = med("casebook", "wall_s"), med("hugo", "wall_s")
cm, hm = med("casebook", "peak_rss_mb"), med("hugo", "peak_rss_mb")
# Per-run ratios (each pair ran back to back) tell more on a shared machine than medians alone.
pairs = {}
for r in rows: pairs.setdefault(r["run"], {})[r["tool"]] = r
ratios = [float(p["casebook"]["wall_s"]) / float(p["hugo"]["wall_s"]) for p in pairs.values()]
print(f"median wall:    casebook {cw:.2f} s, hugo {hw:.2f} s, ratio {cw / hw:.2f} (per run: {', '.join(f'{x:.2f}' for x in ratios)}; target ≤ 0.50)")
print(f"median peak RSS: casebook {cm:.0f} MB, hugo {hm:.0f} MB, ratio {cm / hm:.2f} (target ≤ 1.00)")
cc, hc = med("casebook", "cpu_s"), med("hugo", "cpu_s")
print(f"median CPU time (user+sys, less sensitive to other load): casebook {cc:.1f} s, hugo {hc:.1f} s, ratio {cc / hc:.2f}")
PY
echo "Raw results: $results"
