#!/bin/sh
# Fills fuzz/corpus/<target>/ with the repository's own texts, the start of every fuzz run:
# the articles, the raw seeds and the tests' fixtures. Safe to rerun: files are named by their
# content, so what libFuzzer has added stays and nothing is copied twice.
set -eu
cd "$(dirname "$0")/.."

# add TARGET PREFIX: copies each file named on stdin (one per line; names may hold spaces)
# into the target's corpus, after PREFIX (printf escapes) for a target that reads a header
# before the text.
add() {
    mkdir -p "fuzz/corpus/$1"
    while IFS= read -r file; do
        tmp=$(mktemp)
        { printf "$2"; cat "$file"; } >"$tmp"
        mv "$tmp" "fuzz/corpus/$1/$(sha1sum <"$tmp" | cut -c1-40)"
    done
}

articles() { find content tests/fixtures -name '*.md'; }
texts() { find seeds tests/fixtures -name '*.txt'; }
pages() { find tests/fixtures -name '*.html'; }

articles | add front_matter ''
# date_expressions reads the article's date first: 2024 (little-endian), July, the 15th.
{ texts; articles; } | add date_expressions '\350\007\007\017'
texts | add import_text ''
pages | add import_web ''
{ texts; articles; } | add mentions ''

for target in fuzz/corpus/*; do
    echo "$target: $(find "$target" -type f | wc -l) files"
done
