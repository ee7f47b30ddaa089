#!/bin/sh
# install_consumer: install jdclass to a temporary prefix and use it the way a
# downstream project would.
#   1. cmake --install BUILD --prefix TMP
#   2. examples/classify_stdin.c built with pkg-config (the installed
#      jdclass.pc), run on examples/mlops-platform-engineer.md: label mlops
#   3. examples/consumer built with find_package(jdclass) and run
#   4. the installed CLI runs: TMP/bin/jdclass --version
# Usage: install_test.sh BUILD_DIR SOURCE_DIR [C_COMPILER] [CMAKE]
set -u
build=$1
src=$2
cc=${3:-cc}
cmake=${4:-cmake}

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
# loaded_lib PROGRAM: the libjdclass.so.0 that PROGRAM loads (resolved path).
loaded_lib() {
    f=$(ldd "$1" 2>/dev/null | sed -n 's/^[[:space:]]*libjdclass\.so\.0 => \(.*\) (0x.*/\1/p')
    [ -n "$f" ] && [ -e "$f" ] && echo "$(cd "$(dirname "$f")" && pwd -P)/$(basename "$f")"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jdc-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
prefix=$tmp/prefix

step "install to $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 \
    || { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }

# The libdir depends on GNUInstallDirs (lib, lib64 or lib/<multiarch>):
# locate it from what was installed.
pc=$(find "$prefix" -name jdclass.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || fail "no jdclass.pc installed under $prefix"
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
[ -e "$libdir/libjdclass.so" ] || fail "no libjdclass.so next to pkgconfig/ in $libdir"
[ -e "$libdir/libjdclass.so.0" ] || fail "no libjdclass.so.0 in $libdir"
[ -f "$prefix/include/jdclass.h" ] || fail "no include/jdclass.h installed"
[ -f "$libdir/cmake/jdclass/jdclassConfig.cmake" ] \
    || fail "no cmake/jdclass/jdclassConfig.cmake in $libdir"
[ -x "$prefix/bin/jdclass" ] || fail "no bin/jdclass installed"

# ---- pkg-config --------------------------------------------------------------
step "build examples/classify_stdin.c with pkg-config"
pkgconfig=$(command -v pkg-config || command -v pkgconf) \
    || fail "pkg-config not found (apt-get install pkgconf)"
# Only the temporary prefix: never pick up a system-wide jdclass.pc.
flags=$(PKG_CONFIG_LIBDIR="$pcdir" PKG_CONFIG_PATH= \
        "$pkgconfig" --cflags --libs jdclass) \
    || fail "pkg-config --cflags --libs jdclass failed"
echo "pkg-config: $flags"
# The -I and -L directories must be the installed ones (a .pc file with a
# hard-coded configure-time prefix is not relocatable and fails here).
want_inc=$(cd "$prefix/include" && pwd -P)
want_lib=$(cd "$libdir" && pwd -P)
got_inc= got_lib=
for w in $flags; do
    case "$w" in
    -I*) d=${w#-I}; [ -d "$d" ] && [ "$(cd "$d" && pwd -P)" = "$want_inc" ] && got_inc=1 ;;
    -L*) d=${w#-L}; [ -d "$d" ] && [ "$(cd "$d" && pwd -P)" = "$want_lib" ] && got_lib=1 ;;
    esac
done
[ -n "$got_inc" ] || fail "jdclass.pc is not relocatable: '$flags' has no -I for $prefix/include"
[ -n "$got_lib" ] || fail "jdclass.pc is not relocatable: '$flags' has no -L for $libdir"
# shellcheck disable=SC2086  # $flags is a list of words
"$cc" -Wall -Wextra -Werror ${JDCLASS_CONSUMER_CFLAGS:-} -o "$tmp/classify_stdin" \
    "$src/examples/classify_stdin.c" $flags \
    || fail "compiling examples/classify_stdin.c against the install failed"

step "run classify_stdin on examples/mlops-platform-engineer.md"
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$tmp/classify_stdin" <"$src/examples/mlops-platform-engineer.md" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
cut -c1-200 "$tmp/out"
cat "$tmp/err" >&2
[ "$rc" -eq 0 ] || fail "classify_stdin exited $rc"
grep -q '^label: mlops$' "$tmp/out" || fail "classify_stdin did not print 'label: mlops'"
grep -q '^score: [0-9]' "$tmp/out" || fail "classify_stdin did not print a score"
grep -q '^{"file":"-","label":"mlops"' "$tmp/out" || fail "classify_stdin did not print the JSON line"
# It must have used the installed library, not one from the build tree.
want_so=$(cd "$libdir" && pwd -P)/libjdclass.so.0
got_so=$(LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
         export LD_LIBRARY_PATH; loaded_lib "$tmp/classify_stdin")
[ "$got_so" = "$want_so" ] \
    || fail "classify_stdin loads '$got_so', not the installed $want_so"

# ---- CMake package -------------------------------------------------------------
step "configure examples/consumer with find_package(jdclass)"
"$cmake" -S "$src/examples/consumer" -B "$tmp/consumer" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="-Wall -Wextra -Werror ${JDCLASS_CONSUMER_CFLAGS:-}" \
    >"$tmp/consumer.log" 2>&1 \
    || { cat "$tmp/consumer.log" >&2; fail "configuring examples/consumer failed"; }
grep -q "jdclass_DIR:PATH=$libdir/cmake/jdclass" "$tmp/consumer/CMakeCache.txt" \
    || fail "find_package(jdclass) did not use $libdir/cmake/jdclass: $(grep jdclass_DIR "$tmp/consumer/CMakeCache.txt")"
step "build examples/consumer"
"$cmake" --build "$tmp/consumer" >"$tmp/consumer-build.log" 2>&1 \
    || { cat "$tmp/consumer-build.log" >&2; fail "building examples/consumer failed"; }
step "run examples/consumer"
out=$("$tmp/consumer/consumer") || fail "consumer exited $?"
echo "consumer: $out"
case "$out" in
mlops|llmops|hybrid|other) ;;
*) fail "consumer printed '$out', not a label" ;;
esac

# ---- installed CLI ---------------------------------------------------------------
step "run the installed CLI"
# No LD_LIBRARY_PATH: the CLI finds the library through its RUNPATH.
ver=$(env -u LD_LIBRARY_PATH "$prefix/bin/jdclass" --version) \
    || fail "$prefix/bin/jdclass --version failed"
echo "$ver"
want=$(sed -n 's/^#define JDC_VERSION_STRING "\(.*\)"/\1/p' "$src/include/jdclass.h")
case "$ver" in
"jdclass $want"*) ;;
*) fail "installed CLI --version printed '$ver', expected 'jdclass $want ...'" ;;
esac
got_so=$(unset LD_LIBRARY_PATH; loaded_lib "$prefix/bin/jdclass")
[ "$got_so" = "$want_so" ] \
    || fail "installed CLI loads '$got_so', not the installed $want_so (RUNPATH?)"
json=$(env -u LD_LIBRARY_PATH "$prefix/bin/jdclass" --json \
       "$src/examples/mlops-platform-engineer.md") \
    || fail "installed CLI could not classify an example"
case "$json" in
'{'*'"label":'*) ;;
*) fail "installed CLI printed no JSON result: $json" ;;
esac

# ---- manual page, bash completion, licence ----------------------------------------
step "manual page, bash completion and LICENSE are installed"
# the long options --help lists, one per option line
options=$(env -u LD_LIBRARY_PATH "$prefix/bin/jdclass" --help \
          | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p')
[ -n "$options" ] || fail "no options found in jdclass --help"
man1=$(find "$prefix" -path '*/man/man1/jdclass.1' | head -n 1)
[ -n "$man1" ] || fail "no man/man1/jdclass.1 installed under $prefix"
if command -v man >/dev/null 2>&1; then
    page=$(MANWIDTH=80 man -l "$man1" 2>"$tmp/man.err") \
        || fail "man -l $man1 failed: $(cat "$tmp/man.err")"
    [ ! -s "$tmp/man.err" ] || fail "man -l $man1 warns: $(cat "$tmp/man.err")"
    # every long option of --help is documented
    for opt in $options; do
        printf '%s\n' "$page" | grep -q -- "$opt" \
            || fail "the manual page does not document $opt"
    done
fi
comp=$(find "$prefix" -path '*/bash-completion/completions/jdclass' | head -n 1)
[ -n "$comp" ] || fail "no bash-completion/completions/jdclass installed"
if command -v bash >/dev/null 2>&1; then
    got=$(bash -c '. "$1"; COMP_WORDS=(jdclass --form); COMP_CWORD=1; _jdclass
                   echo "${COMPREPLY[*]}"' sh "$comp") \
        || fail "sourcing $comp failed"
    [ "$got" = "--format" ] || fail "completion of --form gave '$got'"
    for opt in $options; do
        grep -q -- "$opt" "$comp" || fail "the bash completion lacks $opt"
    done
fi
lic=$(find "$prefix" -path '*/doc/*' -name LICENSE | head -n 1)
[ -n "$lic" ] && grep -q "MIT License" "$lic" || fail "no MIT LICENSE installed"

echo "ok: install, pkg-config, find_package and the installed CLI all work"
