#!/usr/bin/env bash
# Search benchmark: benches/search/run.sh [ARTICLES] [WORKDIR]
#
# Generates a synthetic dossier (examples/synthetic.rs, 10,000 articles by default), builds it
# with stage timings, and reports the index's size, the minified size of the search script,
# and, in headless Chromium from disk and under an HTTP subpath, the bytes each query loads and
# how long it takes (benches/search/measure.mjs). Needs what the browser tests need
# (`npm ci --prefix tests/browser`, Debian's chromium). With `npm ci --prefix benches/search`
# done, it then indexes the same pages with Pagefind and measures the same queries with it
# (benches/search/pagefind.mjs, HTTP only). Figures go into BENCHMARKS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
articles=${1:-10000}
work=${2:-$(mktemp -d)}

cargo build --release --quiet --bin dossier --example synthetic
rm -rf "$work/dossier" "$work/public"
target/release/examples/synthetic --articles "$articles" --out "$work/dossier"
/usr/bin/time -f "build: %e s wall, %M KB peak" \
  target/release/dossier build --root "$work/dossier" --out "$work/public" --timings

echo "index: $(find "$work/public/search" -type f | wc -l) files, $(cat "$work"/public/search/*.js "$work"/public/search/*/*.js | wc -c) bytes"
for part in meta.js entities.js t p v h f; do
  echo "  $part: $(cat "$work/public/search/$part" "$work/public/search/$part"/*.js 2>/dev/null | wc -c) bytes"
done
echo "search.js: $(wc -c < templates/assets/search.js) bytes, $(npx --prefix tests/browser terser templates/assets/search.js -c -m | wc -c) minified"

# One word, three words, a typo, a person's name, and phrases: of two rarer words, with a
# common word inside, with a common word at its edge. Words the generator writes.
queries=(Verteidigung "Rakete Drohne Angriff" Verteidigng "Sabine Meyer"
  '"russische Armee"' '"Ministerium für Monatfragen"' '"die Kabel"')
node benches/search/measure.mjs "$work/public" "${queries[@]}"

pagefind=benches/search/node_modules/.bin/pagefind
if [ -x "$pagefind" ]; then
  /usr/bin/time -f "pagefind: %e s wall, %M KB peak" \
    "$pagefind" --site "$work/public" --root-selector main --quiet
  echo "pagefind index: $(find "$work/public/pagefind" -type f | wc -l) files, $(du -sb "$work/public/pagefind" | cut -f1) bytes"
  node benches/search/pagefind.mjs "$work/public" "${queries[@]}"
fi
