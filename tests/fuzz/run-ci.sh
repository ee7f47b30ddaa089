#!/usr/bin/env bash
# CI fuzzing: build the libFuzzer targets with clang (ASan + UBSan, coverage
# instrumentation on the library objects) in a separate build directory and
# run each harness for a bounded time. Any finding (crash, sanitizer report,
# leak, violated invariant, timeout, out-of-memory) fails the run; the input
# that caused it is left in BUILD/artifacts/<harness>/ and its path printed:
# minimise it (fuzz_<h> -minimize_crash=1 -runs=10000 FILE), add it to
# tests/fuzz/corpus/<h>/ under a crash-* name, and fix the bug.
#
# Usage: tests/fuzz/run-ci.sh [BUILD_DIR]      (default: build-fuzz)
# Environment: JDC_FUZZ_SECONDS  time per harness (default 60), except:
#              JDC_FUZZ_EXTRACT_RUNS  executions of the extractor harness,
#                which is cheap (about 8,000/s on one core): run until this
#                many (default 1000000), but for at most
#              JDC_FUZZ_EXTRACT_MAX_SECONDS  (default 300), so a slow runner
#                cannot stretch the CI run (about 2-3 minutes on 2 cores)
#              JDC_FUZZ_HARNESSES  (default "classify model extract")
#              CC  the clang to use (default clang)
# New corpus entries are kept in BUILD_DIR/corpus/<h> (the seeds in
# tests/fuzz/corpus/<h> are read, never written).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build-fuzz}
secs=${JDC_FUZZ_SECONDS:-60}
extract_runs=${JDC_FUZZ_EXTRACT_RUNS:-1000000}
extract_max=${JDC_FUZZ_EXTRACT_MAX_SECONDS:-300}
harnesses=${JDC_FUZZ_HARNESSES:-classify model extract}
cc=${CC:-clang}
command -v "$cc" >/dev/null || {
  echo "run-ci.sh: $cc not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
}

echo "-- fuzz: configuring $build with $cc"
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJDCLASS_FUZZ=ON \
  > "$build.configure.log" 2>&1 || {
  cat "$build.configure.log" >&2
  exit 1
}
targets=()
for h in $harnesses; do targets+=("fuzz_$h"); done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

status=0
summary=()
for h in $harnesses; do
  case $h in
    model) dict=$src/tests/fuzz/model.dict; maxlen=65536 ;;
    *) dict=$src/tests/fuzz/classify.dict; maxlen=16384 ;;
  esac
  # the extractor: a number of executions (bounded in time), the others: time
  limit=(-max_total_time="$secs")
  what="${secs}s"
  if [ "$h" = extract ]; then
    limit=(-runs="$extract_runs" -max_total_time="$extract_max")
    what="$extract_runs runs (at most ${extract_max}s)"
  fi
  work=$build/corpus/$h
  art=$build/artifacts/$h
  log=$build/fuzz_$h.log
  mkdir -p "$work" "$art"
  echo "-- fuzz: $h for $what (log: $log)"
  t0=$SECONDS
  set +e
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/fuzz_$h" "${limit[@]}" -rss_limit_mb=2048 \
      -timeout=10 -max_len="$maxlen" -dict="$dict" -print_final_stats=1 \
      -artifact_prefix="$art/" "$work" "$src/tests/fuzz/corpus/$h" \
      > "$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  line="$h: ${execs:-?} executions in $((SECONDS - t0))s, cov ${cov:-?}, ft ${ft:-?}, exit $rc"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "-- fuzz: FINDING in $h (exit $rc):" >&2
    grep -E 'ERROR:|SUMMARY:|invariant violated|Test unit written to|ALARM|out-of-memory|leak' \
      "$log" | head -20 >&2
    tail -40 "$log" >&2
    line="$line  <-- FINDING: $(ls "$art" | head -3 | tr '\n' ' ')"
  fi
  summary+=("$line")
done
echo "-- fuzz summary (${secs}s per harness; extract: up to $extract_runs runs)"
printf '   %s\n' "${summary[@]}"
exit $status
