#!/bin/sh
# symbols_exported: check the ABI surface of the shared library.
#   - every exported (dynamic, defined) symbol starts with jdc_, and none
#     with jdc__ (the internal prefix);
#   - every function declared JDC_EXPORT in include/jdclass.h is exported
#     as a function;
#   - the SONAME is libjdclass.so.<SOVERSION>.
# Usage: symbols_test.sh LIBJDCLASS_SO JDCLASS_H [SOVERSION]
set -u
lib=$1
header=$2
soversion=${3:-0}
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }

[ -f "$lib" ] || { echo "FAIL: no library at $lib" >&2; exit 1; }
[ -f "$header" ] || { echo "FAIL: no header at $header" >&2; exit 1; }
command -v nm >/dev/null 2>&1 || { echo "FAIL: nm not found (binutils)" >&2; exit 1; }
command -v readelf >/dev/null 2>&1 || { echo "FAIL: readelf not found (binutils)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jdc-symbols.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM

if ! nm -D --defined-only "$lib" >"$tmp/nm"; then
    echo "FAIL: nm -D --defined-only $lib failed" >&2
    exit 1
fi
# Lines are "ADDRESS TYPE NAME" (the name may carry @VERSION).
awk 'NF >= 3 { n = $3; sub(/@.*/, "", n); print $2, n }' "$tmp/nm" | sort -u -k2 >"$tmp/syms"

# Symbols the linker defines in every shared object.
linker_syms=' _init _fini _edata _end __bss_start _DYNAMIC _GLOBAL_OFFSET_TABLE_ '

# 1. Every exported symbol is jdc_* and not jdc__*.
while read -r type name; do
    case "$linker_syms" in *" $name "*) continue ;; esac
    case "$type" in A) continue ;; esac           # absolute (version nodes)
    case "$name" in
    jdc__*) err "internal symbol exported: $name ($type)" ;;
    jdc_*) ;;
    *) err "exported symbol without the jdc_ prefix: $name ($type)" ;;
    esac
done <"$tmp/syms"

# 2. Every JDC_EXPORT function of the header is exported as a function.
# Declarations may span lines: join the header, split at ';', keep the
# JDC_EXPORT declarations and take the identifier before the first '('.
tr '\n' ' ' <"$header" | tr ';' '\n' \
    | sed -n 's/.*JDC_EXPORT[^(]*[^A-Za-z0-9_]\(jdc_[A-Za-z0-9_]*\)[[:space:]]*(.*/\1/p' \
    | sort -u >"$tmp/declared"
ndeclared=$(wc -l <"$tmp/declared")
if [ "$ndeclared" -lt 10 ]; then
    err "found only $ndeclared JDC_EXPORT declarations in $header (parser broken?)"
fi
while read -r fn; do
    type=$(awk -v n="$fn" '$2 == n { print $1; exit }' "$tmp/syms")
    case "$type" in
    T|W|i) ;;
    "") err "declared in jdclass.h but not exported: $fn" ;;
    *) err "$fn is exported with type '$type', not as a function" ;;
    esac
done <"$tmp/declared"

# Exported functions that the header does not declare are suspicious too.
awk '$1 == "T" || $1 == "W" || $1 == "i" { print $2 }' "$tmp/syms" \
    | grep '^jdc_' | grep -v '^jdc__' | sort -u >"$tmp/exported"
comm -13 "$tmp/declared" "$tmp/exported" | while read -r fn; do
    echo "FAIL: exported but not declared in jdclass.h: $fn" >&2
    echo x >>"$tmp/undeclared"
done
[ -s "$tmp/undeclared" ] && fail=1

# 3. SONAME.
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" != "libjdclass.so.$soversion" ]; then
    err "SONAME is '$soname', expected 'libjdclass.so.$soversion'"
fi

if [ "$fail" -ne 0 ]; then
    echo "exported symbols:" >&2
    sed 's/^/  /' "$tmp/syms" >&2
    exit 1
fi
echo "ok: $ndeclared public functions exported, all symbols jdc_*, SONAME $soname"
