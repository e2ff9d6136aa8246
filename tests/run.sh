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
  "$@" > "$log/$name.out" 2>&1
  rc=$?
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

criterion_suite unit build/test_unit
criterion_suite http build/test_http
if [ -x build/test_malformed ]; then
  criterion_suite malformed build/test_malformed --jobs 1
fi
if [ -f tests/browser/run.sh ] && [ "${WADAH_SKIP_BROWSER:-0}" != 1 ]; then
  tap_suite browser sh tests/browser/run.sh
fi

echo "logs: $log"
if [ "$passed" -eq 0 ]; then
  echo "no test ran"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
