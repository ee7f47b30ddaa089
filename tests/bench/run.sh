#!/bin/sh
# Benchmark jdclass against the Python peer (regex + PyStemmer +
# pyahocorasick over the same vocabulary), in the same run, on one core.
# Usage: tests/bench/run.sh BUILD_DIR [CORPUS_DIR] [ROUNDS]
set -eu
build=${1:?usage: run.sh BUILD_DIR [CORPUS_DIR] [ROUNDS]}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
corpus=${2:-$src/../shared/corpus}
rounds=${3:-20}
files=$(ls "$corpus"/postings/*.txt)
echo "== jdclass (C, one thread)"
taskset -c 0 "$build/tests/jdclass_bench" --rounds "$rounds" $files
echo "== Python peer (regex + PyStemmer + pyahocorasick, one thread)"
taskset -c 0 /usr/bin/python3 "$here/peer.py" --model "$src/models" --rounds "$rounds" $files
