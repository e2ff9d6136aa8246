#!/bin/sh
# Runs every test suite and ends with one line the CI reads:
#   "N passed, N failed"
# A suite that cannot run counts as a failure; a run with no test fails.
set -u
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp -d /tmp/wadah-tests-XXXXXX)
passed=0
failed=0

# Criterion suites: read "Synthesis: Tested: T | Passing: P | Failing: F |
# Crashing: C".
criterion_suite () {
  name=$1; shift
  echo "== $name"
  t0=$(date +%s)
  "$@" > "$log/$name.out" 2>&1
  rc=$?
  echo "$name: $(( $(date +%s) - t0 )) s"
  grep -v '^[0-9-]*T[0-9:]*Z ' "$log/$name.out" | tail -n 40
  line=$(grep 'Synthesis:' "$log/$name.out" | tail -n 1)
  if [ -z "$line" ]; then
    echo "$name: no result line (exit $rc)"
    failed=$((failed + 1))
    return
  fi
  p=$(echo "$line" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
  f=$(echo "$line" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
  c=$(echo "$line" | sed -n 's/.*Crashing: \([0-9]*\).*/\1/p')
  passed=$((passed + p))
  failed=$((failed + f + c))
  if [ "$rc" -ne 0 ] && [ "$((f + c))" -eq 0 ]; then
    echo "$name: exit status $rc"
    failed=$((failed + 1))
  fi
}

# node --test with the TAP reporter: "# pass N" / "# fail N".
tap_suite () {
  name=$1; shift
  echo "== $name"
  "$@" > "$log/$name.out" 2>&1
  rc=$?
  grep -E '^(not ok|ok|# (pass|fail|tests))' "$log/$name.out" | tail -n 40
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log/$name.out" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log/$name.out" | tail -n 1)
  if [ -z "$p" ] || [ -z "$f" ]; then
    echo "$name: no result line (exit $rc); last output:"
    tail -n 30 "$log/$name.out"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$name: exit status $rc"
    tail -n 30 "$log/$name.out"
    failed=$((failed + 1))
  fi
}

if [ "${WADAH_ONLY_ASAN:-0}" != 1 ]; then
  criterion_suite unit build/test_unit
  criterion_suite http build/test_http
  if [ -x build/test_malformed ]; then
    criterion_suite malformed build/test_malformed --jobs 1
  fi
  if [ -f tests/browser/run.sh ] && [ "${WADAH_SKIP_BROWSER:-0}" != 1 ]; then
    tap_suite browser sh tests/browser/run.sh
  fi
fi

# The unit and HTTP suites again against the ASan/UBSan build (make test
# builds build-asan/ and wadah-asan; WADAH_SKIP_ASAN=1 leaves them out).
# Every process, the test binaries, the servers and CLI commands they
# start, writes a sanitizer report to $san instead of stderr: a report from
# a server the suite then stopped is a failure too.
if [ "${WADAH_SKIP_ASAN:-0}" != 1 ]; then
  if [ -x build-asan/test_unit ] && [ -x build-asan/test_http ] \
     && [ -x wadah-asan ]; then
    san=$log/sanitizer
    mkdir -p "$san"
    ASAN_OPTIONS="log_path=$san/asan:detect_leaks=1:abort_on_error=0:strict_string_checks=1:check_initialization_order=1"
    UBSAN_OPTIONS="log_path=$san/ubsan:print_stacktrace=1:halt_on_error=1"
    LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
    export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
    criterion_suite asan-unit build-asan/test_unit
    criterion_suite asan-http env WADAH_BIN=./wadah-asan build-asan/test_http
    unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
    for f in "$san"/*; do
      [ -f "$f" ] || continue
      echo "== sanitizer report $(basename "$f")"
      head -n 60 "$f"
      failed=$((failed + 1))
    done
  else
    echo "asan: build-asan/test_unit, build-asan/test_http or wadah-asan missing (make test builds them)"
    failed=$((failed + 1))
  fi
fi

echo "logs: $log"
if [ "$passed" -eq 0 ]; then
  echo "no test ran"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
