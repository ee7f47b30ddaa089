#!/bin/sh
# The CLI's input limit: `jdclass --max-input N` refuses a file larger than N
# bytes with "FILE: larger than the limit of N bytes" on stderr, exit status
# 1, and still classifies the other files; a file of exactly N bytes is
# accepted; size suffixes work; a bad size is a usage error (2).
# Usage: cli_limit.sh JDCLASS_CLI EXAMPLES_DIR
set -u
cli=$1
ex=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jdc-cli-limit-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "cli_limit: FAIL: $*" >&2; exit 1; }

small=$ex/mlops-platform-engineer.md
size=$(wc -c < "$small" | tr -d ' ')
big=$tmp/big.md
# a 2 KiB-larger posting
cat "$small" > "$big"
head -c 2048 /dev/zero | tr '\0' 'x' >> "$big"

# 1. the big file is refused, the small one classified, exit 1
"$cli" --json --max-input "$((size + 1))" "$big" "$small" \
  > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" -eq 1 ] || fail "exit status $st, expected 1"
grep -q "big.md: larger than the limit of $((size + 1)) bytes" "$tmp/err" ||
  fail "stderr does not name the file and the limit: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/out" | tr -d ' ')" -eq 1 ] || fail "expected 1 JSON line"
grep -q '"file":".*mlops-platform-engineer.md","label":"mlops"' "$tmp/out" ||
  fail "the small file was not classified: $(cat "$tmp/out")"

# 2. exactly at the limit is accepted
"$cli" --json --max-input "$size" "$small" > "$tmp/out" 2> "$tmp/err" ||
  fail "a file of exactly --max-input bytes was refused: $(cat "$tmp/err")"

# 3. one byte over is refused, also on standard input
"$cli" --json --max-input "$((size - 1))" - < "$small" > "$tmp/out" \
  2> "$tmp/err"
[ $? -eq 1 ] || fail "stdin over the limit: exit status not 1"
grep -q "larger than the limit" "$tmp/err" || fail "stdin: $(cat "$tmp/err")"

# 4. suffixes: 1K refuses the posting (> 1024 bytes), 1M accepts it
"$cli" --max-input 1K "$small" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] || fail "--max-input 1K accepted a $size-byte file"
"$cli" --max-input 1M "$small" > /dev/null 2> "$tmp/err" ||
  fail "--max-input 1M: $(cat "$tmp/err")"

# 5. a bad size is a usage error
"$cli" --max-input lots "$small" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] || fail "--max-input lots: exit status not 2"

echo "cli_limit: ok"
