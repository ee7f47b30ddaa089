#!/bin/sh
# Regenerate the golden outputs in tests/cli/expected/ from a built CLI.
# Run after a deliberate change to the model or the scoring, then review the
# diff (git diff tests/cli/expected) before committing.
# Usage: tests/cli/update-expected.sh [PATH/TO/jdclass]   (default: build/jdclass)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
cli=${1:-$src/build/jdclass}
case "$cli" in /*) ;; *) cli=$(pwd)/$cli ;; esac
[ -x "$cli" ] || { echo "update-expected.sh: no executable CLI at $cli (build first)" >&2; exit 1; }

out=$here/expected
mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.json
# Run from the source dir with relative paths: the outputs name
# examples/NAME.md, wherever the tree is checked out.
cd "$src"
for f in examples/*.md; do
    [ "$f" = examples/README.md ] && continue
    name=$(basename "$f" .md)
    "$cli" "$f" >"$out/$name.txt"
    "$cli" --json "$f" >"$out/$name.json"
    label=$(sed -n 's/^  label:  \([a-z]*\).*/\1/p' "$out/$name.txt")
    echo "$name: $label"
done
