#!/bin/sh
# corpus_eval_*: `jdclass eval` on one dev corpus folder with floors.
# Exits 77 ("skipped") when the folder is absent (a user's clone).
# Usage: eval_test.sh CLI CORPUS_DIR [jdclass eval options...]
cli=$1
corpus=$2
shift 2
if [ ! -f "$corpus/labels.tsv" ]; then
    echo "eval: skipped (no reference corpus at $corpus)"
    exit 77
fi
exec "$cli" eval "$corpus/labels.tsv" "$corpus/postings" --errors "$@"
