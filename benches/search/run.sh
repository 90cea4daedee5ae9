#!/usr/bin/env bash
# Search benchmark: benches/search/run.sh [ARTICLES] [WORKDIR]
#
# Generates a synthetic dossier (examples/synthetic.rs, 10,000 articles by default), builds it
# with stage timings, and reports the index's size, the minified size of the search script,
# and, in headless Chromium from disk and under an HTTP subpath, the bytes each query loads and
# how long it takes (benches/search/measure.mjs). Needs what the browser tests need
# (`npm ci --prefix tests/browser`, Debian's chromium). Figures go into BENCHMARKS.md by hand.
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
for part in meta.js entities.js t v h f; do
  echo "  $part: $(cat "$work/public/search/$part" "$work/public/search/$part"/*.js 2>/dev/null | wc -c) bytes"
done
echo "search.js: $(wc -c < templates/assets/search.js) bytes, $(npx --prefix tests/browser terser templates/assets/search.js -c -m | wc -c) minified"

# One word, three words, a typo, a phrase, a person's name: words the generator writes.
node benches/search/measure.mjs "$work/public" \
  Verteidigung "Rakete Drohne Angriff" Verteidigng '"russische Armee"' "Sabine Meyer"
