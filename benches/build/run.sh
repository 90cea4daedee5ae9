#!/usr/bin/env bash
# Build benchmark: benches/build/run.sh [ARTICLES...]   (default: 1000 10000 100000)
#
# For each size, writes a synthetic dossier with examples/synthetic.rs (deterministic: German-like
# text with subheadings, quotes and date expressions, 5,000 registry entities with aliases, 30
# topics, one seed per article), then measures with /usr/bin/time -v:
#   full     `dossier build --full --timings` into an empty folder
#   same     a rebuild with nothing changed
#   edit     a rebuild after one sentence added to one article
# and prints wall time, CPU time (user + system), peak memory, pages, files and bytes written,
# and the time of each stage (--timings). Then, unless PEERS=0, benches/build/peers.sh builds the
# same articles as a plain Hugo site and indexes it with Pagefind. Dossiers are kept in $WORK (default
# target/bench-build) and reused when their size matches. Figures go into BENCHMARKS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=${WORK:-target/bench-build}
mkdir -p "$work"

cargo build --release --quiet --bin dossier --example synthetic
dossier=$PWD/target/release/dossier

# run LABEL ARGS...: one build, its figures on one line, its stage times below.
run() {
  local label=$1
  shift
  local log
  log=$(mktemp)
  /usr/bin/time -v "$dossier" build "$@" --timings >"$log" 2>&1 || { cat "$log"; exit 1; }
  local wall user sys peak built
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  user=$(awk -F': ' '/User time/ {print $2}' "$log")
  sys=$(awk -F': ' '/System time/ {print $2}' "$log")
  peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  built=$(grep '^Built' "$log" | sed 's/.*: //')
  printf '  %-5s wall %s, cpu %.1f s, peak %d MB, %s\n' "$label" "$wall" \
    "$(awk "BEGIN { print $user + $sys }")" $((peak / 1024)) "$built"
  grep -E '^ *[a-z ]+: +[0-9.]+ s' "$log" | sed 's/^/        /'
  rm -f "$log"
}

for n in "${sizes[@]}"; do
  dir=$work/dossier-$n
  if [ ! -f "$dir/.articles" ] || [ "$(cat "$dir/.articles")" != "$n" ]; then
    rm -rf "$dir"
    target/release/examples/synthetic --articles "$n" --out "$dir" >/dev/null
    echo "$n" >"$dir/.articles"
  fi
  echo "$n articles ($(du -sh "$dir/content" | cut -f1) content, $(du -sh "$dir/seeds" | cut -f1) seeds):"
  rm -rf "$dir/public" "$dir/.dossier-cache"
  run full --root "$dir" --full
  run same --root "$dir"
  # One sentence more in the article in the middle of the list; put back afterwards.
  article=$(find "$dir/content" -name '*.md' | sort | sed -n "$((n / 2))p")
  cp "$article" "$work/saved.md"
  printf '\nEin Satz mehr für den Benchmark.\n' >>"$article"
  run edit --root "$dir"
  cp "$work/saved.md" "$article"
  echo "  output: $(du -sh "$dir/public" | cut -f1) in $(find "$dir/public" -type f | wc -l) files"
  if [ "${PEERS:-1}" != 0 ]; then
    echo "  peers on the same articles:"
    WORK=$work benches/build/peers.sh "$dir"
  fi
done
