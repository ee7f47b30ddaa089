#!/bin/sh
# The CLI's input limit: `jdclass --max-input N` refuses a file larger than N
# bytes with "FILE: larger than the limit of N bytes" on stderr, exit status
# 1, and still classifies the other files; a file of exactly N bytes is
# accepted; size suffixes work; a bad size is a usage error (2). An
# oversized regular file is refused by its size without being read (a
# 1 TiB sparse file is refused at once), and a stream is read only up to
# the limit + 1 byte (/dev/zero with --max-input 16M: refused, peak RSS at
# most 30 MiB, 100 under a sanitizer; checked when python3 is available).
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

# 6. a regular file is refused by its size before any read: a 1 TiB sparse
#    file would take minutes to read (and 1 TiB of memory)
truncate -s 1T "$tmp/huge.md" || fail "truncate"
timeout 20 "$cli" --json "$tmp/huge.md" > /dev/null 2> "$tmp/err"
st=$?
[ "$st" -eq 1 ] || fail "1 TiB sparse file: exit status $st, expected 1"
grep -q "huge.md: larger than the limit of 67108864 bytes" "$tmp/err" ||
  fail "1 TiB sparse file: $(cat "$tmp/err")"

# 7. a stream is read up to the limit + 1 byte only: /dev/zero (endless)
#    and standard input from it are refused quickly, with a small peak RSS
for src in /dev/zero -; do
  timeout 20 "$cli" --json --max-input 16M "$src" < /dev/zero > /dev/null \
    2> "$tmp/err"
  st=$?
  [ "$st" -eq 1 ] || fail "$src with --max-input 16M: exit status $st"
  grep -q "larger than the limit of 16777216 bytes" "$tmp/err" ||
    fail "$src: $(cat "$tmp/err")"
done
if command -v python3 > /dev/null 2>&1; then
  # the 16 MiB + 1 buffer and the loaded default model (about 13 MiB with
  # the stemmer and the C library); a sanitizer build has its shadow memory
  # and keeps freed buffers in quarantine, hence its looser bound. (Before
  # issue 14 the buffer doubled past the limit: 35 MiB.)
  allow=30
  if ldd "$cli" 2>/dev/null | grep -q 'libasan\|libtsan'; then allow=100; fi
  python3 - "$cli" "$allow" <<'PY' || fail "peak RSS reading /dev/zero"
import resource, subprocess, sys
cli, allow = sys.argv[1], int(sys.argv[2])
r = subprocess.run([cli, "--max-input", "16M", "/dev/zero"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=20)
assert r.returncode == 1, r.returncode
mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"cli_limit: /dev/zero with --max-input 16M: peak RSS {mib:.1f} MiB "
      f"(allowed {allow})")
assert mib <= allow, f"peak RSS {mib:.1f} MiB"
PY
fi

echo "cli_limit: ok"
